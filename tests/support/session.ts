import { io } from "socket.io-client";
import type { SignalDeskClientSocket } from "@/lib/socket-client";
import { cookiesOf, httpRequest } from "./http-request";

export interface SignedIn {
  /** The Cookie header to send: next-auth's session cookie. */
  cookie: string;
  /** The raw session token (for `auth: { token }`). */
  token: string;
}

/** next-auth's CSRF token and the cookie that must travel with it (double-submit), as a browser gets them. */
async function fetchCsrf(baseUrl: string, cookie?: string): Promise<{ csrfToken: string; csrfCookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`, cookie ? { headers: { cookie } } : {});
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const csrfCookie = response.headers
    .getSetCookie()
    .map((setCookie) => setCookie.split(";")[0])
    .join("; ");
  return { csrfToken, csrfCookie };
}

/** Signs in through next-auth's own endpoints: GET /api/auth/csrf, then POST the credentials callback. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<SignedIn> {
  const result = await trySignIn(baseUrl, email, password);
  if (!result.session) throw new Error(`sign-in failed for ${email}: ${result.status} ${result.location ?? ""}`);
  return result.session;
}

export async function trySignIn(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ status: number; location: string | null; session: SignedIn | null }> {
  const { csrfToken, csrfCookie } = await fetchCsrf(baseUrl);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const sessionCookie = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .find((cookie) => cookie.startsWith("next-auth.session-token="));
  // With json=true next-auth answers { url } instead of a redirect; the url carries ?error= on failure.
  const location = response.headers.get("location") ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? null;
  if (!sessionCookie) return { status: response.status, location, session: null };
  return {
    status: response.status,
    location,
    session: { cookie: sessionCookie, token: sessionCookie.slice("next-auth.session-token=".length) },
  };
}

/** Signs out through next-auth's endpoint, the way the browser's sign-out button does. */
export async function signOut(baseUrl: string, session: SignedIn): Promise<void> {
  const { csrfToken, csrfCookie } = await fetchCsrf(baseUrl, session.cookie);
  await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${session.cookie}; ${csrfCookie}` },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
}

/** A real socket.io-client socket, authenticated by cookie (like a browser) or by token. */
export function openSocket(baseUrl: string, auth: { cookie?: string; token?: string } = {}): SignalDeskClientSocket {
  return io(baseUrl, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(auth.cookie ? { extraHeaders: { cookie: auth.cookie } } : {}),
    ...(auth.token ? { auth: { token: auth.token } } : {}),
  });
}

/** Resolves on connect, rejects with the connect_error message. */
export function connected(socket: SignalDeskClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
}

/** fetch with the session cookie. */
export function authedFetch(baseUrl: string, session: SignedIn, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: session.cookie } });
}

/**
 * The same sign-in as trySignIn, sent from a chosen loopback source address (e.g. 127.0.0.2), so a test can
 * be two different clients to the server's per-address rules. `ok` is true when a session cookie came back.
 */
export async function trySignInFrom(
  baseUrl: string,
  email: string,
  password: string,
  localAddress: string,
): Promise<{ ok: boolean; url: string }> {
  const csrf = await httpRequest(`${baseUrl}/api/auth/csrf`, { localAddress });
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const answer = await httpRequest(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const ok = cookiesOf(answer).some((cookie) => cookie.startsWith("next-auth.session-token="));
  const location = answer.headers.location;
  const url = typeof location === "string" ? location : ((JSON.parse(answer.text || "{}") as { url?: string }).url ?? "");
  return { ok, url: decodeURIComponent(url) };
}
