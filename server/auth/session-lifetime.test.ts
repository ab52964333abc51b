import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "@/tests/support/fake-clock";
import type { DatabaseHandle } from "../db/database";
import { RetentionJob } from "../notifications/retention-job";
import { authOverFreshDatabase } from "@/tests/support/auth-fixture";
import type { AuthService } from "./auth-service";
import { revocationRetentionMs, SESSION_ABSOLUTE_MS } from "./session-lifetime";

const DAY_MS = 86_400_000;

let database: DatabaseHandle;
let clock: FakeClock;
let auth: AuthService;
let userId: string;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  const fixture = await authOverFreshDatabase({ secret: "x".repeat(32), email: "owner@example.com", password: "right", clock });
  ({ database, auth } = fixture);
  userId = fixture.user.id;
});
afterEach(async () => {
  await database.close();
});

/** A token as next-auth hands it to the callbacks after a renewal: the sign-in's issued_at, a fresh exp. */
function claims(sid: string, issuedAt: number) {
  return {
    id: userId,
    role: "trader",
    email: "owner@example.com",
    sid,
    issued_at: issuedAt,
    exp: Math.floor(clock.now() / 1000) + 12 * 3600,
  };
}

describe("session lifetime", () => {
  it("ends a session 7 days after its sign-in however fresh its renewal", async () => {
    const signedInAt = clock.now();
    expect(SESSION_ABSOLUTE_MS).toBe(7 * DAY_MS);
    await clock.advance(SESSION_ABSOLUTE_MS - 1000);
    const renewed = claims("s1", signedInAt);
    const identity = await auth.identify(renewed);
    expect(identity?.expiresAt).toBe(signedInAt + SESSION_ABSOLUTE_MS);
    await clock.advance(1000);
    expect(await auth.identify(claims("s1", signedInAt))).toBeNull();
    expect(await auth.stillValid(identity!, clock.now() - 1)).toBe(false);
  });

  it("keeps a revocation at least as long as a token can live, even with RETENTION_DAYS=1", async () => {
    expect(revocationRetentionMs(1)).toBe(SESSION_ABSOLUTE_MS + DAY_MS);
    expect(revocationRetentionMs(30)).toBe(30 * DAY_MS);
    const signedInAt = clock.now();
    await auth.revokeSession("s2", userId);
    await database.db.updateTable("revoked_sessions").set({ revoked_at: clock.now() }).execute();
    const retention = new RetentionJob(database.db, clock, 1);
    // Two days on: RETENTION_DAYS alone would have pruned the row; the token would still be in its lifetime.
    await clock.advance(2 * DAY_MS);
    expect((await retention.pruneOnce()).revoked_sessions).toBe(0);
    expect(await auth.identify(claims("s2", signedInAt))).toBeNull();
    // Past the token's lifetime plus a day: the row goes, and the token stays dead by its age alone.
    await clock.advance(SESSION_ABSOLUTE_MS);
    expect((await retention.pruneOnce()).revoked_sessions).toBe(1);
    expect(await auth.identify(claims("s2", signedInAt))).toBeNull();
  });
});
