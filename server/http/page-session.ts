import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { SessionIdentity } from "../auth/auth-service";
import { authOptions } from "./auth-options";
import { services } from "../registry";

/** The signed-in user of a page, re-checked against the database (disabled users and signed-out sessions fail). */
export async function currentIdentity(): Promise<SessionIdentity | null> {
  const session = await getServerSession(authOptions());
  return services().auth.identify(session?.user);
}

/** Redirects to /login without a valid session. */
export async function requirePageIdentity(): Promise<SessionIdentity> {
  const identity = await currentIdentity();
  if (!identity) redirect("/login");
  return identity;
}
