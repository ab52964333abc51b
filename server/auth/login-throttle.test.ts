import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/database";
import { FAILED_LOGIN_WINDOW_MS, LoginThrottle, MAX_TRIES_PER_ADDRESS_AND_EMAIL } from "./login-throttle";

let database: DatabaseHandle;
beforeEach(async () => {
  database = await openDatabase("file::memory:");
});
afterEach(async () => {
  await database.close();
});

async function storedRows(): Promise<number> {
  const row = await database.db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("login throttle", () => {
  it("does not record refused tries: a lock ends when the tries that counted leave the window", async () => {
    const throttle = new LoginThrottle(database.db);
    const start = 1_000_000_000;
    for (let i = 0; i < MAX_TRIES_PER_ADDRESS_AND_EMAIL; i++) {
      expect((await throttle.begin("owner@example.com", "10.0.0.1", start + i)).allowed).toBe(true);
    }
    // Three tries a minute for the whole window: every one refused, none stored.
    for (let minute = 1; minute < 15; minute++) {
      for (let i = 0; i < 3; i++) {
        expect((await throttle.begin("owner@example.com", "10.0.0.1", start + minute * 60_000 + i)).allowed).toBe(false);
      }
    }
    expect(await storedRows()).toBe(MAX_TRIES_PER_ADDRESS_AND_EMAIL);
    // Once the first counted try leaves the window the lock is gone, although refused tries never stopped
    // (today's code stored each refused try, so the lock lasted as long as the tries went on).
    const after = start + FAILED_LOGIN_WINDOW_MS;
    expect((await throttle.begin("owner@example.com", "10.0.0.1", after - 1)).allowed).toBe(false);
    expect((await throttle.begin("owner@example.com", "10.0.0.1", after + 1)).allowed).toBe(true);
  });

  it("keeps at most the ceiling's newest rows, whatever the flood of addresses", async () => {
    const throttle = new LoginThrottle(database.db, { ceiling: 30, checkEvery: 10 });
    for (let i = 0; i < 200; i++) await throttle.begin(`user${i}@example.com`, `10.9.${Math.floor(i / 200)}.${i % 200}`, 5_000 + i);
    // The check runs every 10th stored try: the table holds the newest 30, plus at most 9 since the last check.
    expect(await storedRows()).toBeLessThanOrEqual(39);
    expect(await storedRows()).toBeGreaterThanOrEqual(30);
    const oldest = await database.db
      .selectFrom("login_failures")
      .select((eb) => eb.fn.min("created_at").as("t"))
      .executeTakeFirstOrThrow();
    expect(Number(oldest.t)).toBeGreaterThanOrEqual(5_000 + 200 - 39);
  });
});
