"use client";

import { useState } from "react";
import toast from "react-hot-toast";
import { useSignalDesk } from "./signal-desk-provider";

type DecisionAnswer = { status?: "taken" | "skipped"; decided_at?: string; error?: string };

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
      const body = (await response.json().catch(() => ({}))) as DecisionAnswer;
      if (response.ok && body.status) setStatus(signalId, body.status, body.decided_at);
      else {
        // 409: too late, or already decided in another tab; either way the store learns the truth.
        const already = /already (taken|skipped)/.exec(body.error ?? "")?.[1] as "taken" | "skipped" | undefined;
        if (response.status === 409 && body.error?.includes("expired")) setStatus(signalId, "expired");
        else if (response.status === 409 && already) setStatus(signalId, already);
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
