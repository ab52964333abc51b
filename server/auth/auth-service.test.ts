import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TRADER_PREFERENCES } from "@/tests/support/auth-fixture";
import { openDatabase, type DatabaseHandle } from "../db/database";
import { AuthService, TooManyAttemptsError } from "./auth-service";
import { LoginThrottle } from "./login-throttle";
import { hashPassword } from "./password";
import { SessionRevocations } from "./session-revocations";
import { UserStore } from "./user-store";

let database: DatabaseHandle;
let auth: AuthService;

beforeEach(async () => {
  database = await openDatabase("file::memory:");
  const users = new UserStore(database.db);
  await users.create({
    email: "owner@example.com",
    passwordHash: await hashPassword("right", 4),
    role: "admin",
    preferences: TRADER_PREFERENCES,
  });
  const cheapDummy = await hashPassword("nobody knows", 4);
  auth = new AuthService(users, new LoginThrottle(database.db), new SessionRevocations(database.db), "x".repeat(32), cheapDummy);
});
afterEach(async () => {
  await database.close();
});

async function outcome(promise: Promise<unknown>): Promise<"ok" | "wrong" | "locked"> {
  try {
    return (await promise) ? "ok" : "wrong";
  } catch (error) {
    if (error instanceof TooManyAttemptsError) return "locked";
    throw error;
  }
}

describe("sign-in throttle", () => {
  it("lets 20 parallel wrong passwords from one address verify only 10", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(auth.signIn("owner@example.com", "guess", "10.0.0.1"))));
    expect(results.filter((r) => r === "wrong")).toHaveLength(10);
    expect(results.filter((r) => r === "locked")).toHaveLength(10);
    expect(await outcome(auth.signIn("owner@example.com", "right", "10.0.0.1"))).toBe("locked");
  });

  it("keeps the owner's other address open while one address is locked out", async () => {
    for (let i = 0; i < 10; i++) expect(await outcome(auth.signIn("owner@example.com", "guess", "10.0.0.1"))).toBe("wrong");
    expect(await outcome(auth.signIn("owner@example.com", "right", "10.0.0.1"))).toBe("locked");
    expect(await outcome(auth.signIn("owner@example.com", "right", "10.0.0.2"))).toBe("ok");
  });

  it("limits one address across many emails", async () => {
    for (let i = 0; i < 50; i++) await outcome(auth.signIn(`nobody${i}@example.com`, "guess", "10.0.0.9"));
    expect(await outcome(auth.signIn("owner@example.com", "right", "10.0.0.9"))).toBe("locked");
    expect(await outcome(auth.signIn("owner@example.com", "right", "10.0.0.8"))).toBe("ok");
  });

  it("stops a spread-out attack at a per-email ceiling far above one address's share", async () => {
    for (let a = 0; a < 10; a++) {
      for (let i = 0; i < 10; i++) await outcome(auth.signIn("owner@example.com", "guess", `10.1.0.${a}`));
    }
    expect(await outcome(auth.signIn("owner@example.com", "right", "10.2.0.1"))).toBe("locked");
  });
});
