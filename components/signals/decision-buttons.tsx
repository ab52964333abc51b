"use client";

/** Take and Skip for one signal, labelled with it so a screen reader knows which trade they act on. */
export function DecisionButtons({
  label,
  disabled,
  onDecide,
}: {
  label: string;
  disabled: boolean;
  onDecide: (decision: "take" | "skip") => void;
}) {
  return (
    <>
      <button type="button" className="take" disabled={disabled} aria-label={`Take ${label}`} onClick={() => onDecide("take")}>
        Take
      </button>
      <button type="button" className="skip" disabled={disabled} aria-label={`Skip ${label}`} onClick={() => onDecide("skip")}>
        Skip
      </button>
    </>
  );
}
