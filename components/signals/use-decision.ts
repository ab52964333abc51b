"use client";

import toast from "react-hot-toast";
import { z } from "zod";
import { SignalViewStatusSchema } from "@/lib/signal-view";
import { useDeskStore, useSignalDesk } from "../desk/signal-desk-provider";
import type { SignalDeskStore } from "../desk/signal-desk-store";

/** The decision route's answer: `{ signal_id, status, decided_at }` on success, `{ error, status? }` otherwise. */
const DecisionAnswerSchema = z.object({
  status: SignalViewStatusSchema.optional(),
  decided_at: z.string().optional(),
  error: z.string().optional(),
});

export type DecisionChoice = "take" | "skip";

/**
 * Until every server sends `status` with its 409, the signal's state is read from the message
 * ("Signal has expired", "Signal was already taken"). Drop this once the 409 always carries `status`.
 */
function statusFromMessage(error: string | undefined): z.infer<typeof SignalViewStatusSchema> | undefined {
  if (error?.includes("expired")) return "expired";
  return /already (taken|skipped)/.exec(error ?? "")?.[1] as "taken" | "skipped" | undefined;
}

/**
 * Sends take or skip for one signal and applies the answer to the store (other tabs hear it as
 * signal_updated). One request per signal at a time, whether it came from a button or a shortcut.
 */
export async function decideSignal(store: SignalDeskStore, signalId: string, decision: DecisionChoice): Promise<void> {
  const state = () => store.getState();
  if (state().deciding[signalId]) return;
  state().setDeciding(signalId, true);
  try {
    const response = await fetch(`/api/signals/${signalId}/decision`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ decision }),
    });
    const parsed = DecisionAnswerSchema.safeParse(await response.json().catch(() => ({})));
    const body = parsed.success ? parsed.data : {};
    if (response.ok && body.status) {
      state().setStatus(signalId, body.status, body.decided_at);
      const signal = state().signals[signalId];
      // Said in words once, by the tab that decided (the toast shows the badge; other tabs stay quiet).
      if (signal) state().confirm(`${signal.symbol} ${signal.pattern_type} signal ${body.status}.`);
    } else {
      // 409: too late, or already decided in another tab; either way the store learns the truth.
      const status = response.status === 409 ? (body.status ?? statusFromMessage(body.error)) : undefined;
      if (status && status !== "approved") state().setStatus(signalId, status);
      toast.error(body.error ?? `The decision was not saved (${response.status})`, { id: `decision-${signalId}` });
    }
  } catch {
    toast.error("Network error: the decision was not saved", { id: `decision-${signalId}` });
  } finally {
    state().setDeciding(signalId, false);
  }
}

/** Take/skip for one signal's buttons: `pending` while its request is on the way. */
export function useDecision(signalId: string) {
  const store = useDeskStore();
  const pending = useSignalDesk((state) => Boolean(state.deciding[signalId]));
  return { decide: (decision: DecisionChoice) => decideSignal(store, signalId, decision), pending };
}
