"use client";

import toast from "react-hot-toast";
import type { z } from "zod";
import { api, ApiError } from "@/lib/api-client";
import { SignalViewStatusSchema } from "@/lib/signal-view";
import { useDeskStore, useSignalDesk } from "../desk/signal-desk-provider";
import type { SignalDeskStore } from "../desk/signal-desk-store";

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
    const answer = await api.signals.decide(signalId, { decision });
    state().setStatus(signalId, answer.status, answer.decided_at);
    const signal = state().signals[signalId];
    // Said in words once, by the tab that decided (the toast shows the badge; other tabs stay quiet).
    if (signal) state().confirm(`${signal.symbol} ${signal.pattern_type} signal ${answer.status}.`);
  } catch (error) {
    if (!(error instanceof ApiError)) {
      toast.error("Network error: the decision was not saved", { id: `decision-${signalId}` });
      return;
    }
    // 409: too late, or already decided in another tab; either way the store learns the truth.
    const sent = SignalViewStatusSchema.safeParse(error.body.status);
    const status = error.status === 409 ? (sent.success ? sent.data : statusFromMessage(error.message)) : undefined;
    if (status && status !== "approved") state().setStatus(signalId, status);
    const message = typeof error.body.error === "string" ? error.message : `The decision was not saved (${error.status})`;
    toast.error(message, { id: `decision-${signalId}` });
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
