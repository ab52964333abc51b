import { type SignalAck, type SignalNotification, SignalNotificationSchema } from "./signal-notification";

/** Where a client keeps signals; `add` answers whether the signal was new. */
export interface SignalInbox {
  add(signal: SignalNotification): boolean;
}

/**
 * The client's half of delivery: store each `signal_approved` by signal_id, then ack at once.
 * A repeat (a retry whose ack was lost, or a replay) is acked again but stored once.
 */
export function createSignalReceiver(inbox: SignalInbox, onNew?: (signal: SignalNotification) => void) {
  return (payload: unknown, ack: (receipt: SignalAck) => void): void => {
    const parsed = SignalNotificationSchema.safeParse(payload);
    // A payload we cannot read is not acked, so the server records the failure instead of a false success.
    if (!parsed.success) return;
    const isNew = inbox.add(parsed.data);
    if (typeof ack === "function") ack({ received_at: new Date().toISOString() });
    if (isNew) onNew?.(parsed.data);
  };
}
