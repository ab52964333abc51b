import type { SignalDeskIo } from "./socket-types";

// On globalThis: Next bundles the sign-out route (server/auth/auth-options.ts → socket-server.ts) apart from the
// server, and a module-level map there would be a second, empty one (STYLE.md, Boundaries).
const PUBLISHERS = Symbol.for("signal-desk.redis-publishers");
type Holder = { [PUBLISHERS]?: WeakMap<SignalDeskIo, () => boolean> };
const publishers = ((globalThis as Holder)[PUBLISHERS] ??= new WeakMap());

/** Called by the Redis adapter's setup: `ready` answers whether its publishing client is connected right now. */
export function registerPublisher(io: SignalDeskIo, ready: () => boolean): void {
  publishers.set(io, ready);
}

/**
 * Whether a request to the other nodes can be published now: false while Redis is down (the adapter's publish
 * would only reject, unobserved), and false on a single node, which has nobody to tell.
 */
export function canPublish(io: SignalDeskIo): boolean {
  return publishers.get(io)?.() ?? false;
}
