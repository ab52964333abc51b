import bcrypt from "bcryptjs";

// Cost 12 is ~250 ms on one core: slow enough to make offline guessing expensive, fast enough for sign-in.
const BCRYPT_COST = 12;

/** Hashes a password with bcrypt. */
export function hashPassword(password: string, cost = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** Compares in constant time through bcrypt. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
