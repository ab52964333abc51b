import { forbidden } from "next/navigation";
import { cache } from "react";
import type { SessionIdentity } from "../auth/auth-service";
import { requirePageIdentity } from "../http/page-session";

/**
 * The signed-in admin of an admin page: redirects to /login without a session and answers 403
 * (app/forbidden.tsx) for anyone else. Cached per request so the layout and page check once.
 */
export const adminPageIdentity = cache(async (): Promise<SessionIdentity> => {
  const identity = await requirePageIdentity();
  if (identity.role !== "admin") forbidden();
  return identity;
});
