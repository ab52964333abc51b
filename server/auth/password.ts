import { hash, verify } from "@node-rs/bcrypt";

// Cost 12 is ~250 ms on one core: slow enough to make offline guessing expensive, fast enough for sign-in.
const BCRYPT_COST = 12;

/**
 * Hashes a password with bcrypt. The native binding runs on the libuv thread pool, so a burst of sign-ins
 * never stalls the event loop that delivers signals.
 */
export function hashPassword(password: string, cost = BCRYPT_COST): Promise<string> {
  return hash(password, cost);
}

/** Compares through bcrypt ($2a$/$2b$/$2y$, so hashes made by the earlier pure-JS bcryptjs keep working). */
export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(password, passwordHash);
  } catch {
    // A malformed stored hash is a failed sign-in, never a 500.
    return false;
  }
}
