import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, SignalOutcomeColumns, SignalsTable } from "../db/schema";
import { OUTCOME_TIMEOUT_MS } from "./outcome-rules";

/** A closed bar as the outcome check reads it; `closeAt` in epoch ms. */
export interface ClosedBar {
  closeAt: number;
  high: number;
  low: number;
  close: number;
}

/** One outcome this node recorded (the conditional update made it the only one to do so). */
export type RecordedOutcome = Pick<Selectable<SignalsTable>, "id" | "user_id" | "status"> &
  Pick<SignalOutcomeColumns, "invalidation_reason" | "outcome_result" | "outcome_price" | "outcome_at" | "outcome_r">;

export type OpenSignal = Pick<Selectable<SignalsTable>, "id" | "symbol" | "entry_price" | "stop_loss" | "approved_at">;

const RECORDED = ["id", "user_id", "status", "invalidation_reason", "outcome_result", "outcome_price", "outcome_at", "outcome_r"] as const;

/**
 * Outcomes in SQL. Every write is conditional on `outcome_result is null`, so when several nodes (or two
 * requests) see the same bar, exactly one update returns the row and only its caller tells the user.
 */
export class OutcomeStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Approval time of the oldest open signal of `symbol`, or null when none is open: bars before it need no check. */
  async earliestOpen(symbol: string): Promise<number | null> {
    const row = await this.db
      .selectFrom("signals")
      .select((eb) => eb.fn.min("approved_at").as("first"))
      .where("symbol", "=", symbol)
      .where("outcome_result", "is", null)
      .where("approved_at", "is not", null)
      .executeTakeFirst();
    return row?.first ?? null;
  }

  /**
   * Records stop or target for every open signal of `symbol` this bar reaches (both in one bar: the stop),
   * counting the bar only for signals approved before it closed and at most 24 hours before. A pending,
   * undecided, unexpired signal turns `invalidated` in the same statement. Reads only the open-signal index.
   */
  recordLevelHits(symbol: string, bar: ClosedBar, now: number): Promise<RecordedOutcome[]> {
    const low = sql`cast(${String(bar.low)} as numeric)`;
    const high = sql`cast(${String(bar.high)} as numeric)`;
    const stopHit = sql<boolean>`((direction = 'long' and ${low} <= cast(stop_loss as numeric))
      or (direction = 'short' and ${high} >= cast(stop_loss as numeric)))`;
    const targetHit = sql<boolean>`((direction = 'long' and ${high} >= cast(target_price as numeric))
      or (direction = 'short' and ${low} <= cast(target_price as numeric)))`;
    const invalidates = sql<boolean>`(status = 'approved' and expires_at > ${now})`;
    return this.db
      .updateTable("signals")
      .set({
        outcome_result: sql`case when ${stopHit} then 'stop' else 'target' end`,
        outcome_price: sql`case when ${stopHit} then stop_loss else target_price end`,
        outcome_at: bar.closeAt,
        outcome_r: sql`case when ${stopHit} then -100 else cast(round(cast(r_multiple as numeric) * 100) as integer) end`,
        invalidation_reason: sql`case when ${invalidates} then (case when ${stopHit} then 'stop_reached' else 'target_reached' end) else null end`,
        status: sql`case when ${invalidates} then 'invalidated' else status end`,
      })
      .where("symbol", "=", symbol)
      .where("outcome_result", "is", null)
      .where("approved_at", "is not", null)
      .where("approved_at", "<", bar.closeAt)
      .where("approved_at", ">=", bar.closeAt - OUTCOME_TIMEOUT_MS)
      .where(sql<boolean>`(${stopHit} or ${targetHit})`)
      .returning(RECORDED)
      .execute();
  }

  /** Open signals approved at or before `approvedBy` (24 hours have passed), optionally of one symbol, oldest first. */
  dueForTimeout(approvedBy: number, symbol: string | null, limit = 500): Promise<OpenSignal[]> {
    let query = this.db
      .selectFrom("signals")
      .select(["id", "symbol", "entry_price", "stop_loss", "approved_at"])
      .where("outcome_result", "is", null)
      .where("approved_at", "is not", null)
      .where("approved_at", "<=", approvedBy);
    if (symbol !== null) query = query.where("symbol", "=", symbol);
    return query.orderBy("approved_at").limit(limit).execute();
  }

  /** Records a timeout unless another outcome (or node) came first. */
  recordTimeout(id: string, price: string, at: number, rHundredths: number): Promise<RecordedOutcome | undefined> {
    return this.db
      .updateTable("signals")
      .set({ outcome_result: "timeout", outcome_price: price, outcome_at: at, outcome_r: rHundredths })
      .where("id", "=", id)
      .where("outcome_result", "is", null)
      .returning(RECORDED)
      .executeTakeFirst();
  }

  /** The latest close per symbol, for the symbols asked. */
  async latestCloses(symbols: string[]): Promise<Map<string, string>> {
    if (symbols.length === 0) return new Map();
    const rows = await this.db.selectFrom("market_closes").select(["symbol", "close"]).where("symbol", "in", symbols).execute();
    return new Map(rows.map((row) => [row.symbol, row.close]));
  }

  /** Keeps the symbol's latest close; an older bar arriving late never replaces a newer one. */
  async recordClose(symbol: string, close: number, closeAt: number): Promise<void> {
    await this.db
      .insertInto("market_closes")
      .values({ symbol, close: String(close), close_at: closeAt })
      .onConflict((oc) =>
        oc
          .column("symbol")
          .doUpdateSet({ close: (eb) => eb.ref("excluded.close"), close_at: (eb) => eb.ref("excluded.close_at") })
          .where("market_closes.close_at", "<=", (eb) => eb.ref("excluded.close_at")),
      )
      .execute();
  }
}
