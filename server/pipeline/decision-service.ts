import type { Decision, SignalUpdate } from "@/lib/signal-notification";
import { userRoom } from "@/lib/socket-events";
import type { Clock } from "../clock";
import type { SignalDeskIo } from "../realtime/socket-types";
import type { SignalStore } from "./signal-store";

/** What a take/skip came to: the update every tab heard, or why nothing changed. */
export type DecisionResult =
  | { ok: true; update: SignalUpdate & { status: "taken" | "skipped"; decided_at: string } }
  | { ok: false; code: 404; error: string }
  /** `status` is the signal's own, so a client can tell "expired" from "already taken" without reading English. */
  | { ok: false; code: 409; error: string; status: string };

/** A trader's take or skip of their own signal, before it expires. */
export class DecisionService {
  constructor(
    private readonly signals: SignalStore,
    private readonly io: SignalDeskIo,
    private readonly clock: Clock,
  ) {}

  /** Records the decision and tells every tab of the user; otherwise says why it could not be made. */
  async decide(userId: string, signalId: string, decision: Decision): Promise<DecisionResult> {
    const now = this.clock.now();
    const status = decision.decision === "take" ? "taken" : "skipped";
    if (await this.signals.decide(signalId, userId, status, decision.reason ?? null, now)) {
      const update = { signal_id: signalId, status, decided_at: new Date(now).toISOString() } as const;
      this.io.to(userRoom(userId)).emit("signal_updated", update);
      return { ok: true, update };
    }
    const signal = await this.signals.findById(signalId);
    // Another user's signal is indistinguishable from one that does not exist.
    if (!signal || signal.user_id !== userId || signal.status === "rejected") return { ok: false, code: 404, error: "Signal not found" };
    // The market answered before the trader did (contract §8): say so even after expires_at has passed.
    if (signal.status === "invalidated") {
      return { ok: false, code: 409, error: "Signal was withdrawn: price reached its stop or target", status: "invalidated" };
    }
    // The expiry sweep may not have marked it yet: past expires_at it is expired whatever the row says.
    if (signal.status === "expired" || (signal.expires_at ?? 0) <= now) {
      return { ok: false, code: 409, error: "Signal has expired", status: "expired" };
    }
    return { ok: false, code: 409, error: `Signal was already ${signal.status}`, status: signal.status };
  }
}
