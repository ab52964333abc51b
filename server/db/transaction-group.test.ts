import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "@/tests/support/test-server";
import { openDatabase, type DatabaseHandle } from "./database";
import { MAX_PATTERNS_PER_COMMIT } from "../pipeline/signal-pipeline";
import { TransactionGroup } from "./transaction-group";

/** A pattern row with only what the table requires; each unit of work below inserts one. */
function patternValues(id: string, idempotencyKey: string | null = null) {
  return {
    id,
    symbol: "AAPL",
    pattern_type: "SPRING",
    timeframe: "1h",
    detected_at: 1,
    entry_price: "10.00",
    stop_loss: "9.00",
    target_price: "13.00",
    pattern_quality: 0.8,
    phase_strength: 0.8,
    volume_ratio: 1.5,
    source: "api",
    idempotency_key: idempotencyKey,
    response_json: null,
    created_at: 1,
  } as const;
}

describe("transaction group", () => {
  let handle: DatabaseHandle;

  beforeEach(async () => {
    handle = await openDatabase(freshDatabaseUrl());
  });
  afterEach(() => handle.close());

  /** Counts the transactions the database handle opens from now until `stop()`. */
  function countTransactions() {
    const unpatched = handle.db.transaction.bind(handle.db);
    const counter = {
      opened: 0,
      stop: () => {
        handle.db.transaction = unpatched;
      },
    };
    handle.db.transaction = () => {
      counter.opened++;
      return unpatched();
    };
    return counter;
  }

  const count = async () =>
    (
      await handle.db
        .selectFrom("patterns")
        .select(({ fn }) => fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  it("runs work that arrives together in one transaction, in order, each seeing the writes before it", async () => {
    const group = new TransactionGroup(handle.db, 64);
    const seen: number[] = [];
    const transactions = countTransactions();
    const results = await Promise.all(
      ["a", "b", "c"].map((id) =>
        group.run(async (trx) => {
          seen.push((await trx.selectFrom("patterns").select("id").execute()).length);
          await trx.insertInto("patterns").values(patternValues(id)).execute();
          return id;
        }),
      ),
    );
    expect(results).toEqual(["a", "b", "c"]);
    expect(seen).toEqual([0, 1, 2]);
    // One transaction, so one commit, for the three units.
    expect(transactions.opened).toBe(1);
    expect(await count()).toBe(3);
  });

  it("runs each unit alone when the group fails, so only the failing one fails", async () => {
    const group = new TransactionGroup(handle.db, 64);
    const outcomes = await Promise.allSettled([
      group.run((trx) => trx.insertInto("patterns").values(patternValues("ok-1")).execute()),
      group.run(() => Promise.reject(new Error("bad unit"))),
      group.run((trx) => trx.insertInto("patterns").values(patternValues("ok-2")).execute()),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error("bad unit"));
    // The failed group rolled back; the two good units committed once each on their own.
    expect(await count()).toBe(2);
  });

  it("caps a group at the pipeline's 64 patterns per commit; 1 gives every unit its own transaction", async () => {
    expect(MAX_PATTERNS_PER_COMMIT).toBe(64);
    for (const [maxGroup, units, expected] of [
      [MAX_PATTERNS_PER_COMMIT, 65, 2],
      [MAX_PATTERNS_PER_COMMIT, 64, 1],
      [1, 5, 5],
    ] as const) {
      const group = new TransactionGroup(handle.db, maxGroup);
      const transactions = countTransactions();
      await Promise.all(Array.from({ length: units }, () => group.run(() => Promise.resolve())));
      transactions.stop();
      expect(transactions.opened, `${units} units, maxGroup ${maxGroup}`).toBe(expected);
    }
  });
});
