import { availableParallelism } from "node:os";
import { hash } from "@node-rs/bcrypt";
import { PasswordThreads } from "./password-threads";

// Cost 12 is ~250 ms on one core: slow enough to make offline guessing expensive, fast enough for sign-in.
const BCRYPT_COST = 12;

/**
 * Hashes a password with bcrypt. The native binding runs on the libuv thread pool, so a burst of sign-ins
 * never stalls the event loop that delivers signals.
 */
export function hashPassword(password: string, cost = BCRYPT_COST): Promise<string> {
  return hash(password, cost);
}

/**
 * Verifications running at once: one core fewer than the machine has (at least one), so even at their low
 * priority (password-threads.ts) a burst never holds every core.
 */
export const MAX_CONCURRENT_VERIFICATIONS = Math.max(1, availableParallelism() - 1);

let threads: PasswordThreads | null = null;

/**
 * Compares through bcrypt ($2a$/$2b$/$2y$, so hashes made by the earlier pure-JS bcryptjs keep working), on
 * low-priority worker threads. A malformed stored hash is a failed sign-in, never a 500.
 */
export function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  threads ??= new PasswordThreads(MAX_CONCURRENT_VERIFICATIONS);
  return threads.verify(password, passwordHash);
}
