import { z } from "zod";
import { defineRoute } from "../http/route";
import { json } from "./common-answers";

/* next-auth's own endpoints (app/api/auth/[...nextauth]): next-auth serves them; they are defined here for the document only. */

export const CSRF_TOKEN = defineRoute({
  method: "get",
  path: "/api/auth/csrf",
  tag: "auth",
  auth: "public",
  summary: "A CSRF token for sign-in and sign-out (sets its cookie)",
  responses: { 200: json("The token", z.object({ csrfToken: z.string() })) },
});

export const SIGN_IN = defineRoute({
  method: "post",
  path: "/api/auth/callback/credentials",
  tag: "auth",
  auth: "public",
  summary: "Sign in: form-encoded csrfToken, email, password; sets next-auth.session-token",
  form: {
    description: "Form fields",
    contentType: "application/x-www-form-urlencoded",
    schema: z.object({ csrfToken: z.string(), email: z.string(), password: z.string(), json: z.literal("true").optional() }),
  },
  responses: { 200: { description: "With json=true: { url }, carrying ?error= on failure" }, 302: { description: "A redirect" } },
});

export const SESSION = defineRoute({
  method: "get",
  path: "/api/auth/session",
  tag: "auth",
  auth: "public",
  summary: "The current session, or {} without one",
  responses: { 200: { description: "next-auth's session object" } },
});

export const SIGN_OUT = defineRoute({
  method: "post",
  path: "/api/auth/signout",
  tag: "auth",
  auth: "session",
  summary: "Sign out (form-encoded csrfToken); closes this session's sockets",
  form: { description: "Form fields", contentType: "application/x-www-form-urlencoded", schema: z.object({ csrfToken: z.string() }) },
  responses: { 200: { description: "Signed out" }, 302: { description: "A redirect" } },
});
