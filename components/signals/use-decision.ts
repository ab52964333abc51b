"use client";

import { useState } from "react";
import toast from "react-hot-toast";
import { z } from "zod";
import { SignalViewStatusSchema } from "@/lib/signal-view";
import { useSignalDesk } from "../desk/signal-desk-provider";

/** The decision route's answer: `{ signal_id, status, decided_at }` on success, `{ error, status? }` otherwise. */
const DecisionAnswerSchema = z.object({
  status: SignalViewStatusSchema.optional(),
  decided_at: z.string().optional(),
  error: z.string().optional(),
});

/**
 * Until every server sends `status` with its 409, the signal's state is read from the message
 * ("Signal has expired", "Signal was already taken"). Drop this once the 409 always carries `status`.
 */
function statusFromMessage(error: string | undefined): z.infer<typeof SignalViewStatusSchema> | undefined {
  if (error?.includes("expired")) return "expired";
  return /already (taken|skipped)/.exec(error ?? "")?.[1] as "taken" | "skipped" | undefined;
}

/** Sends take or skip for one signal and applies the answer to the store (other tabs hear it as signal_updated). */
export function useDecision(signalId: string) {
  const setStatus = useSignalDesk((state) => state.setStatus);
  const [pending, setPending] = useState(false);

  async function decide(decision: "take" | "skip") {
    setPending(true);
    try {
      const response = await fetch(`/api/signals/${signalId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision }),
      });
      const parsed = DecisionAnswerSchema.safeParse(await response.json().catch(() => ({})));
      const body = parsed.success ? parsed.data : {};
      if (response.ok && body.status) setStatus(signalId, body.status, body.decided_at);
      else {
        // 409: too late, or already decided in another tab; either way the store learns the truth.
        const status = response.status === 409 ? (body.status ?? statusFromMessage(body.error)) : undefined;
        if (status && status !== "approved") setStatus(signalId, status);
        toast.error(body.error ?? `The decision was not saved (${response.status})`, { id: `decision-${signalId}` });
      }
    } catch {
      toast.error("Network error: the decision was not saved", { id: `decision-${signalId}` });
    } finally {
      setPending(false);
    }
  }

  return { decide, pending };
}
