"use client";

import { useEffect, useId, useRef } from "react";
import { SHORTCUTS } from "./shortcut-list";

/** The shortcut list as a modal dialog: Esc or the button closes it and focus returns where it was. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="shortcut-help card" aria-labelledby={titleId} data-testid="shortcut-help" onClose={onClose}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <p className="muted small">Shortcuts act on open signals and never while you type in a field.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys.join("+")}>
              <td>
                <kbd>{shortcut.keys.join(" ")}</kbd>
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
