import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, PatternWatchTable, SignalOutcomeColumns, SignalsTable } from "../db/schema";
import type { Decision, WatchState } from "./watch-rules";
import { timeframeMs } from "../detection/bar";

/** One signal outcome this node recorded (its conditional delete of the watch row made it the only one). */
export type RecordedOutcome = Pick<Selectable<SignalsTable>, "id" | "user_id" | "status"> &
  Pick<SignalOutcomeColumns, "invalidation_reason" | "outcome_result" | "outcome_price" | "outcome_at" | "outcome_r">;

export type WatchRow = Selectable<PatternWatchTable>;

const RECORDED = ["id", "user_id", "status", "invalidation_reason", "outcome_result", "outcome_price", "outcome_at", "outcome_r"] as const;

/** A watch row as the rules read it. */
export function stateOf(row: WatchRow): WatchState {
  return {
    direction: row.direction === "short" ? "short" : "long",
    frameMs: timeframeMs(row.timeframe),
    approvedAt: row.approved_at,
    deadline: row.deadline,
    entryType: row.entry_type === "limit" || row.entry_type === "stop" ? row.entry_type : "market",
    orderPrice: row.entry_price,
    stop: row.stop_loss,
    target: row.target_price,
    validBars: row.valid_bars,
    watchedTo: row.watched_to,
    entryBars: row.entry_bars,
    fillPrice: row.fill_price,
    fillAt: row.fill_at,
    lastClose: row.last_close,
  };
}

/**
 * The market watch in SQL: the open set is `pattern_watch` (one row per open pattern), every change to a row is
 * conditional on its `version`, and deciding deletes the row, writes the cold `pattern_outcomes` row and copies
 * the outcome onto the pattern's signals, in one transaction. Of several nodes seeing the same bar, exactly one
 * wins each change and only the decider's caller tells the users.
 */
export class OutcomeStore {
  constructor(readonly db: Kysely<Database>) {}

  /**
   * Runs `work` on a store bound to one transaction: a batch of bars changes many patterns with one commit.
   * Rows are changed in pattern order by the caller, so two PostgreSQL nodes never wait on each other in a cycle.
   */
  batch<T>(work: (store: OutcomeStore) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(new OutcomeStore(trx)));
  }

  /** The open patterns of `symbol` approved by `until` (bars before a pattern's approval do not count for it). */
  openPatterns(symbol: string, until: number): Promise<WatchRow[]> {
    return this.db.selectFrom("pattern_watch").selectAll().where("symbol", "=", symbol).where("approved_at", "<=", until).execute();
  }

  /** One open pattern (after a lost race), or undefined once another node decided it. */
  openPattern(patternId: string): Promise<WatchRow | undefined> {
    return this.db.selectFrom("pattern_watch").selectAll().where("pattern_id", "=", patternId).executeTakeFirst();
  }

  /** Open patterns whose deadline has passed by `now`, oldest first. */
  dueForTimeout(now: number, limit = 500): Promise<WatchRow[]> {
    return this.db.selectFrom("pattern_watch").selectAll().where("deadline", "<=", now).orderBy("deadline").limit(limit).execute();
  }

  /** Saves the progress of an undecided pattern; false when another node changed it first. */
  async advance(row: WatchRow, state: WatchState): Promise<boolean> {
    const result = await this.db
      .updateTable("pattern_watch")
      .set({
        version: row.version + 1,
        watched_to: state.watchedTo,
        entry_bars: state.entryBars,
        fill_price: state.fillPrice,
        fill_at: state.fillAt,
        last_close: state.lastClose,
      })
      .where("pattern_id", "=", row.pattern_id)
      .where("version", "=", row.version)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * The common case in one statement: filled, undecided patterns that these bars only moved on (the same last
   * bar for all). Conditional on `watched_to` rather than the version: any node applying the same bar writes the
   * same values, and a row a later bar already reached is left alone. Answers how many rows it changed.
   */
  async advanceFilled(patternIds: string[], watchedTo: number, lastClose: string): Promise<number> {
    if (patternIds.length === 0) return 0;
    const result = await this.db
      .updateTable("pattern_watch")
      .set((eb) => ({ version: eb("version", "+", 1), watched_to: watchedTo, last_close: lastClose }))
      .where("pattern_id", "in", patternIds)
      .where("watched_to", "<", watchedTo)
      .where("fill_price", "is not", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Decides the pattern: null when another node changed or decided it first; else the signals it decided. A
   * pending, undecided, unexpired signal turns `invalidated` when the outcome is its stop or target (contract §8).
   */
  decide(row: WatchRow, state: WatchState, decision: Decision, now: number): Promise<RecordedOutcome[] | null> {
    return this.batch(async ({ db: trx }) => {
      const removed = await trx
        .deleteFrom("pattern_watch")
        .where("pattern_id", "=", row.pattern_id)
        .where("version", "=", row.version)
        .executeTakeFirst();
      if (removed.numDeletedRows === 0n) return null;
      const pattern = await trx
        .selectFrom("patterns")
        .select(["pattern_type", "timeframe"])
        .where("id", "=", row.pattern_id)
        .executeTakeFirst();
      await trx
        .insertInto("pattern_outcomes")
        .values({
          pattern_id: row.pattern_id,
          symbol: row.symbol,
          pattern_type: pattern?.pattern_type ?? "",
          timeframe: pattern?.timeframe ?? row.timeframe,
          result: decision.result,
          price: decision.price,
          at: decision.at,
          r: decision.r,
          fill_price: state.fillPrice,
          fill_at: state.fillAt,
        })
        .onConflict((oc) => oc.column("pattern_id").doNothing())
        .execute();
      const level = decision.result === "stop" || decision.result === "target";
      const invalidates = sql<boolean>`(${level ? sql`1 = 1` : sql`1 = 0`} and status = 'approved' and expires_at > ${now})`;
      return trx
        .updateTable("signals")
        .set({
          outcome_result: decision.result,
          outcome_price: decision.price,
          outcome_at: decision.at,
          outcome_r: decision.r,
          invalidation_reason: sql`case when ${invalidates} then ${decision.result === "stop" ? "stop_reached" : "target_reached"} else null end`,
          status: sql`case when ${invalidates} then 'invalidated' else status end`,
        })
        .where("pattern_id", "=", row.pattern_id)
        .where("approved_at", "is not", null)
        .where("outcome_result", "is", null)
        .returning(RECORDED)
        .execute();
    });
  }
}
