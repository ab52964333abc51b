import type { Kysely, Selectable } from "kysely";
import { directionOf, entryOrderOf, type Pattern } from "@/lib/pattern";
import { outcomeTimeoutMs } from "../outcomes/outcome-rules";
import type { DatabaseHandle } from "../db/database";
import type { Database, PatternsTable } from "../db/schema";

export type PatternRow = Selectable<PatternsTable>;
export type PatternSource = "api" | "detector" | "demo" | "admin-test";

const INSERT_SQL = `insert into patterns (id, symbol, pattern_type, timeframe, detected_at, entry_price, stop_loss, target_price,
  pattern_quality, phase_strength, volume_ratio, source, idempotency_key, response_json, created_at,
  entry_type, entry_order_price, entry_valid_bars)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing`;

/** The market watch's row for a new pattern, in the order of the object built in `insert`. */
const WATCH_SQL = `insert into pattern_watch (pattern_id, symbol, direction, timeframe, approved_at, deadline, entry_type, entry_price,
  stop_loss, target_price, valid_bars) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Patterns as they arrived, with the answer given for their idempotency key. */
export class PatternStore {
  /** `prepareCached`: as for SignalStore, only from a caller whose `db` is its own open SQLite transaction. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly prepareCached?: DatabaseHandle["prepareCached"],
  ) {}

  findByIdempotencyKey(key: string): Promise<PatternRow | undefined> {
    return this.db.selectFrom("patterns").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
  }

  /** Inserts the pattern with its answer; false when its idempotency key is already taken (a concurrent duplicate). */
  async insert(id: string, pattern: Pattern, source: PatternSource, now: number, response: unknown = null): Promise<boolean> {
    const inserted = await this.insertPattern(id, pattern, source, now, response);
    // Issue 21 §2: the market watch follows the pattern (one row, whatever the number of users) from approval.
    if (inserted) {
      const order = entryOrderOf(pattern);
      const watch = {
        pattern_id: id,
        symbol: pattern.symbol,
        direction: directionOf(pattern.pattern_type),
        timeframe: pattern.timeframe,
        approved_at: now,
        deadline: now + outcomeTimeoutMs(pattern.timeframe),
        entry_type: order.type,
        entry_price: order.price,
        stop_loss: pattern.stop_loss,
        target_price: pattern.target_price,
        valid_bars: order.valid_bars,
      };
      // SQLite's hot path: prepared once, like the pattern insert beside it (no query compiled per pattern).
      if (this.prepareCached) this.prepareCached(WATCH_SQL).run(Object.values(watch));
      else await this.db.insertInto("pattern_watch").values(watch).execute();
    }
    return inserted;
  }

  private async insertPattern(id: string, pattern: Pattern, source: PatternSource, now: number, response: unknown): Promise<boolean> {
    const responseJson = response === null ? null : JSON.stringify(response);
    const order = pattern.entry_order ? entryOrderOf(pattern) : null;
    if (this.prepareCached) {
      // The ingest's hot path on SQLite: no query to build and compile per pattern.
      const { changes } = this.prepareCached(INSERT_SQL).run([
        id,
        pattern.symbol,
        pattern.pattern_type,
        pattern.timeframe,
        Date.parse(pattern.detected_at),
        pattern.entry_price,
        pattern.stop_loss,
        pattern.target_price,
        pattern.pattern_quality,
        pattern.phase_strength,
        pattern.volume_ratio,
        source,
        pattern.idempotency_key ?? null,
        responseJson,
        now,
        order?.type ?? null,
        order?.price ?? null,
        order?.valid_bars ?? null,
      ]);
      return Number(changes) > 0;
    }
    const result = await this.db
      .insertInto("patterns")
      .values({
        id,
        symbol: pattern.symbol,
        pattern_type: pattern.pattern_type,
        timeframe: pattern.timeframe,
        detected_at: Date.parse(pattern.detected_at),
        entry_price: pattern.entry_price,
        stop_loss: pattern.stop_loss,
        target_price: pattern.target_price,
        pattern_quality: pattern.pattern_quality,
        phase_strength: pattern.phase_strength,
        volume_ratio: pattern.volume_ratio,
        source,
        idempotency_key: pattern.idempotency_key ?? null,
        response_json: responseJson,
        created_at: now,
        ...(order ? { entry_type: order.type, entry_order_price: order.price, entry_valid_bars: order.valid_bars } : {}),
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
}
