import type { Toast } from "react-hot-toast";
import { describe, expect, it } from "vitest";
import type { DeskSignal } from "@/components/desk/signal-desk-store";
import { toastStackOrder } from "@/components/signals/toast-stack-order";

// The order the trader reads the stack in: by approval time, whatever order the browser heard them in.
const arrivedAt = Date.parse("2026-11-27T10:00:05.000Z");

function toastOf(id: string, createdAt: number, visible = true): Toast {
  return {
    type: "custom",
    id,
    message: id,
    createdAt,
    visible,
    dismissed: !visible,
    pauseDuration: 0,
    ariaProps: { role: "status", "aria-live": "polite" },
  };
}

function signalsApprovedAt(times: Record<string, string>): Record<string, DeskSignal> {
  return Object.fromEntries(Object.entries(times).map(([id, timestamp]) => [id, { signal_id: id, timestamp } as DeskSignal]));
}

describe("toastStackOrder", () => {
  it("puts the newest approval on top, even when an older signal arrived later (replay, reloaded list)", () => {
    const signals = signalsApprovedAt({
      fresh: "2026-11-27T10:00:04.000Z",
      replayed: "2026-11-27T09:58:00.000Z",
      reloaded: "2026-11-27T09:59:30.000Z",
    });
    const toasts = [toastOf("reloaded", arrivedAt + 900), toastOf("replayed", arrivedAt + 500), toastOf("fresh", arrivedAt)];
    expect(toastStackOrder(toasts, signals).map((item) => item.id)).toEqual(["fresh", "reloaded", "replayed"]);
  });

  it("leaves out toasts already put away, and keeps arrival order for equal approval times", () => {
    const signals = signalsApprovedAt({ a: "2026-11-27T10:00:00.000Z", b: "2026-11-27T10:00:00.000Z", gone: "2026-11-27T10:00:09.000Z" });
    const toasts = [toastOf("gone", arrivedAt + 2, false), toastOf("b", arrivedAt + 1), toastOf("a", arrivedAt)];
    expect(toastStackOrder(toasts, signals).map((item) => item.id)).toEqual(["b", "a"]);
  });

  it("does not reorder the list it was given", () => {
    const toasts = [toastOf("x", arrivedAt), toastOf("y", arrivedAt + 1)];
    toastStackOrder(toasts, signalsApprovedAt({ x: "2026-11-27T10:00:00.000Z", y: "2026-11-27T09:00:00.000Z" }));
    expect(toasts.map((item) => item.id)).toEqual(["x", "y"]);
  });
});
