import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Bar } from "./bar";

/** Row of `detector_bars` (migration 0012). */
export interface DetectorBarsTable {
  symbol: string;
  timeframe: string;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Rows a multi-row insert carries: 8 values each, well under SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;

/** The closed bars POST /api/bars received, shared by every node: what a streaming detector is (re)built from. */
export class BarStore {
  private readonly db: Kysely<{ detector_bars: DetectorBarsTable }>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ detector_bars: DetectorBarsTable }>() as unknown as Kysely<{ detector_bars: DetectorBarsTable }>;
  }

  /** Stores bars; a bar whose open time is already stored is left as it was (a closed bar does not change). */
  async insert(symbol: string, timeframe: string, bars: readonly Bar[]): Promise<void> {
    for (let from = 0; from < bars.length; from += INSERT_CHUNK) {
      const rows = bars.slice(from, from + INSERT_CHUNK).map((bar) => ({ symbol, timeframe, ...bar }));
      await this.db
        .insertInto("detector_bars")
        .values(rows)
        .onConflict((oc) => oc.columns(["symbol", "timeframe", "time"]).doNothing())
        .execute();
    }
  }

  /** Stored bars that opened after `time`, oldest first; with `newest`, only the last that many of them. */
  async after(symbol: string, timeframe: string, time: number, newest?: number): Promise<Bar[]> {
    let query = this.db
      .selectFrom("detector_bars")
      .select(["time", "open", "high", "low", "close", "volume"])
      .where("symbol", "=", symbol)
      .where("timeframe", "=", timeframe)
      .where("time", ">", time);
    if (newest !== undefined) query = query.orderBy("time", "desc").limit(newest);
    else query = query.orderBy("time", "asc");
    const rows = await query.execute();
    return newest !== undefined ? rows.reverse() : rows;
  }
}
