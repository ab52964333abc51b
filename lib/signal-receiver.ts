import { type SignalAck, type SignalNotification, SignalNotificationSchema } from "./signal-notification";

/** Where a client keeps signals; `add` answers whether the signal was new. */
export interface SignalInbox {
  add(signal: SignalNotification): boolean;
}

/**
 * The client's half of delivery: store each `signal_approved` by signal_id, then ack at once.
 * A repeat (a retry whose ack was lost, or a replay) is acked again but stored once. A copy that arrives
 * after its `expires_at` (held up by an outage somewhere between the nodes) is acked, so the server stops
 * sending it, but neither stored nor shown: nobody can act on it any more. `serverNow` is the server's
 * clock as this client knows it (its own clock plus the measured offset).
 */
export function createSignalReceiver(
  inbox: SignalInbox,
  onNew?: (signal: SignalNotification) => void,
  serverNow: () => number = () => Date.now(),
) {
  return (payload: unknown, ack: (receipt: SignalAck) => void): void => {
    const parsed = SignalNotificationSchema.safeParse(payload);
    // A payload we cannot read is not acked, so the server records the failure instead of a false success.
    if (!parsed.success) return;
    if (Date.parse(parsed.data.expires_at) <= serverNow()) {
      if (typeof ack === "function") ack({ received_at: new Date().toISOString() });
      return;
    }
    const isNew = inbox.add(parsed.data);
    if (typeof ack === "function") ack({ received_at: new Date().toISOString() });
    if (isNew) onNew?.(parsed.data);
  };
}
