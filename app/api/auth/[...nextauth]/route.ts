import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/http/auth-options";
import { jsonError } from "@/server/http/api-response";
import { loggerFor } from "@/server/logger";

type Context = { params: Promise<{ nextauth: string[] }> };

const log = loggerFor("auth");

/**
 * next-auth's own endpoints. A request it cannot handle (GET on the credentials callback, a sign-in POST
 * without its form fields) makes next-auth throw or answer 500; that is the client's mistake, so it is a 400.
 */
async function handler(request: NextRequest, context: Context): Promise<Response> {
  try {
    const response = (await NextAuth(request, context, authOptions())) as Response;
    if (response.status < 500) return response;
    log.warn({ path: request.nextUrl.pathname, status: response.status }, "next-auth refused a malformed request");
  } catch (error) {
    log.warn({ err: error, path: request.nextUrl.pathname }, "next-auth refused a malformed request");
  }
  return jsonError(400, "Malformed authentication request");
}

export { handler as GET, handler as POST };
