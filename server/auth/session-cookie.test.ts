import { describe, expect, it } from "vitest";
import { hasSessionCookie, sessionTokenFromCookieHeader } from "./session-cookie";

describe("session cookie parsing", () => {
  it("finds the session token among cookies that do not decode", () => {
    expect(sessionTokenFromCookieHeader("promo=50%off; next-auth.session-token=abc.def; x=%E0%A4%A")).toBe("abc.def");
    expect(sessionTokenFromCookieHeader("=; ;;next-auth.session-token=a%2Eb")).toBe("a.b");
  });

  it("prefers the __Secure- cookie and answers undefined without one", () => {
    expect(sessionTokenFromCookieHeader("next-auth.session-token=plain; __Secure-next-auth.session-token=secure")).toBe("secure");
    expect(sessionTokenFromCookieHeader("promo=50%off")).toBeUndefined();
    expect(sessionTokenFromCookieHeader(undefined)).toBeUndefined();
    expect(hasSessionCookie("next-auth.session-token=%ZZ")).toBe(true);
    expect(hasSessionCookie("next-auth.session-token=")).toBe(false);
  });
});
