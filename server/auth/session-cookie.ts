export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Finds the next-auth session token in a Cookie header. Only the session cookie is looked at and only its
 * value is decoded, leniently: other apps' cookies on the same host (`promo=50%off`, broken escapes, odd
 * bytes) are none of our business and must never make a request fail.
 */
export function sessionTokenFromCookieHeader(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join("; ") : header;
  if (!text) return undefined;
  const found = new Map<string, string>();
  for (const part of text.split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if ((SESSION_COOKIE_NAMES as readonly string[]).includes(name) && !found.has(name)) found.set(name, part.slice(index + 1).trim());
  }
  for (const name of SESSION_COOKIE_NAMES) {
    const value = found.get(name);
    if (value) return safeDecode(value);
  }
  return undefined;
}

/** True when the header carries a session cookie at all (valid or not): the CSRF rule applies to such requests. */
export function hasSessionCookie(header: string | string[] | undefined): boolean {
  return sessionTokenFromCookieHeader(header) !== undefined;
}

function safeDecode(value: string): string {
  const unquoted = value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    // A JWT never needs escaping; a value that does not decode is passed on as it is and fails verification.
    return unquoted;
  }
}
