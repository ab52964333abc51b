import type { Kysely, Selectable } from "kysely";
import { directionOf, entryOrderOf, type Pattern } from "@/lib/pattern";
import { outcomeTimeoutMs } from "../outcomes/outcome-rules";
import type { Database, PatternsTable } from "../db/schema";

export type PatternRow = Selectable<PatternsTable>;
export type PatternSource = "api" | "detector" | "demo" | "admin-test";

/** Patterns as they arrived, with the answer given for their idempotency key. */
export class PatternStore {
  constructor(private readonly db: Kysely<Database>) {}

  findByIdempotencyKey(key: string): Promise<PatternRow | undefined> {
    return this.db.selectFrom("patterns").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
  }

  /** Inserts the pattern with its answer; false when its idempotency key is already taken (a concurrent duplicate). */
  async insert(id: string, pattern: Pattern, source: PatternSource, now: number, response: unknown = null): Promise<boolean> {
    const order = entryOrderOf(pattern);
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
        response_json: response === null ? null : JSON.stringify(response),
        created_at: now,
        ...(pattern.entry_order ? { entry_type: order.type, entry_order_price: order.price, entry_valid_bars: order.valid_bars } : {}),
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .executeTakeFirst();
    const inserted = (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    // Issue 21 §2: the market watch follows the pattern (one row, whatever the number of users) from approval.
    if (inserted) {
      await this.db
        .insertInto("pattern_watch")
        .values({
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
        })
        .execute();
    }
    return inserted;
  }
}
