import { performance } from "node:perf_hooks";
import { sql, type Kysely } from "kysely";
import { v7 as timeOrderedUuid } from "uuid";
import type { Database } from "../db/schema";
import { TransactionGroup } from "../db/transaction-group";
import type { DatabaseHandle, SqlDialectName } from "../db/database";
import { entryOrderOf, type Pattern } from "@/lib/pattern";
import { effectiveWebhookMode, type UserRow, UserStore } from "../auth/user-store";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { DeliveryService } from "../notifications/delivery-service";
import { DUPLICATE_WINDOW_MS } from "./trade-validation";
import { judgeForUser, type PreparedPattern, preparePattern } from "./prepared-pattern";
import { assertNotDetectedInFuture } from "./look-ahead";
import { roundPrices } from "./price-rounding";
import { type PatternSource, PatternStore } from "./pattern-store";
import { type SignalRow, SignalStore } from "./signal-store";

export interface SignalOutcome {
  signal_id: string;
  user_id: string;
  status: "approved" | "rejected";
  rejection_reason?: string;
}

export interface IngestResult {
  /** 201 for a new pattern, 200 for a repeated idempotency key. */
  created: boolean;
  body: { pattern_id: string; signals: SignalOutcome[] };
}

export interface SignalPipelineOptions {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  /** SQLite's statement cache under `db` (undefined on PostgreSQL), for the prepared insert of signals. */
  prepareCached?: DatabaseHandle["prepareCached"];
  delivery: DeliveryService;
  /** SIGNAL_TTL_SECONDS: the time to act for users who never set their own. */
  defaultTtlSeconds: number;
  clock: Clock;
  logger: Logger;
}

const IDEMPOTENT_WAIT_MS = 5000;
/** What the pipeline reads of a user: sizing, thresholds, time to act, and whether every approval goes to a webhook. */
type PipelineUser = Pick<
  UserRow,
  | "id"
  | "equity"
  | "risk_percentage"
  | "max_leverage"
  | "min_r_multiple"
  | "min_confidence"
  | "ttl_seconds"
  | "webhook_url"
  | "webhook_mode"
>;
/**
 * UserStore.listEnabled(ids) as SQLite text, for the statement cache (a JSON array of ids), reading only the
 * pipeline's columns: decoding whole user rows (hash, watchlist, secrets) was most of this query's cost.
 */
const NAMED_USERS_SQL = `select id, equity, risk_percentage, max_leverage, min_r_multiple, min_confidence, ttl_seconds, webhook_url,
  webhook_mode from users where disabled = 0 and id in (select value from json_each(?))`;
/** Patterns arriving together share one SQLite transaction, up to this many (see TransactionGroup). */
export const MAX_PATTERNS_PER_COMMIT = 64;

/** Pattern → match → validate → score → approve → deliver, for every user the pattern concerns (contract §6). */
export class SignalPipeline {
  private readonly transactions: TransactionGroup;

  constructor(private readonly o: SignalPipelineOptions) {
    // PostgreSQL runs concurrent ingests side by side on its pool; SQLite has one writer, so they share commits.
    this.transactions = new TransactionGroup(o.db, o.dialect === "sqlite" ? MAX_PATTERNS_PER_COMMIT : 1);
  }

  /** Runs a validated pattern through the pipeline; a repeated idempotency key returns the first answer. */
  async ingest(input: Pattern, source: PatternSource, options: { isTest?: boolean } = {}): Promise<IngestResult> {
    // Bad input is refused before anything is written: a time in the future, a price that rounds to 0.00.
    assertNotDetectedInFuture(input.detected_at, this.o.clock.now());
    // The wire carries two places; validating and sizing the same prices the trader sees keeps them consistent.
    const pattern = roundPrices(input);
    // Everything that does not depend on the user, once (issue 20): per user only sizing and thresholds remain.
    const prepared = preparePattern(pattern);
    if (pattern.idempotency_key) {
      const earlier = await this.earlierAnswer(pattern.idempotency_key);
      if (earlier) return { created: false, body: earlier };
    }
    // Time-ordered ids: the primary keys grow at their end instead of dirtying a random page per row (0008).
    const patternId = timeOrderedUuid();
    const isTest = options.isTest ?? false;

    // One transaction (perhaps shared with patterns that arrived together): a crash or error leaves either the
    // whole answer (pattern, signals, response) or nothing, so a retry with the same idempotency key simply runs again.
    const outcome = await this.transactions.run(async (trx) => {
      // The moment of approval is when this transaction holds the database, not when the request arrived.
      const now = this.o.clock.now();
      // The same moment on the monotonic high-resolution clock: the delivery log's sub-millisecond latency.
      const approvedAtHr = performance.now();
      if (this.o.dialect === "postgres") {
        // Serialises the duplicate check per symbol, timeframe and pattern across nodes; SQLite has one writer already.
        await sql`select pg_advisory_xact_lock(hashtext(${`${pattern.symbol}|${pattern.timeframe}|${pattern.pattern_type}`}))`.execute(trx);
      }
      // SQLite: the store's prepared insert runs on the connection this transaction holds.
      const signals = new SignalStore(trx, this.o.prepareCached);
      const users = await this.matchUsers(new UserStore(trx), pattern);
      const duplicates = await signals.recentKeysFor(
        users.map((user) => user.id),
        { symbol: pattern.symbol, timeframe: pattern.timeframe, patternType: pattern.pattern_type },
        now - DUPLICATE_WINDOW_MS,
        isTest,
      );
      // Issue 21 §2: the pattern's entry order travels with each signal to its notification (null: market).
      const entryOrder = pattern.entry_order ? JSON.stringify(entryOrderOf(pattern)) : null;
      const evaluated = users.map((user) =>
        this.evaluate(patternId, pattern, prepared, user, { now, hasRecentDuplicate: duplicates.has(user.id), isTest, entryOrder }),
      );
      const body = {
        pattern_id: patternId,
        signals: evaluated.map((row) => ({
          signal_id: row.id,
          user_id: row.user_id,
          status: row.status as SignalOutcome["status"],
          ...(row.rejection_reason ? { rejection_reason: row.rejection_reason } : {}),
        })),
      };
      // The pattern row carries its answer, so a repeated idempotency key can be answered from it.
      if (!(await new PatternStore(trx, this.o.prepareCached).insert(patternId, pattern, source, now, body))) return null;
      const approved = this.o.delivery.own(evaluated.filter((row) => row.status === "approved"));
      await signals.insertMany([...evaluated.filter((row) => row.status === "rejected"), ...approved]);
      return { body, approved, approvedAtHr, alwaysWebhook: usersWithAlwaysWebhook(users) };
    });

    if (!outcome) {
      // Another request with the same key won the insert a moment ago; answer with its result.
      const earlier = await this.earlierAnswer(pattern.idempotency_key ?? "", IDEMPOTENT_WAIT_MS);
      if (earlier) return { created: false, body: earlier };
      throw new Error("idempotent request is still being processed");
    }
    this.o.delivery.start(outcome.approved, outcome.approvedAtHr, outcome.alwaysWebhook);
    this.o.logger.info(
      {
        pattern_id: patternId,
        symbol: pattern.symbol,
        pattern_type: pattern.pattern_type,
        source,
        matched: outcome.body.signals.length,
        approved: outcome.approved.length,
      },
      "pattern processed",
    );
    return { created: true, body: outcome.body };
  }

  private async earlierAnswer(key: string, waitMs = 0): Promise<IngestResult["body"] | null> {
    const deadline = this.o.clock.now() + waitMs;
    const patterns = new PatternStore(this.o.db);
    for (;;) {
      const row = await patterns.findByIdempotencyKey(key);
      if (row?.response_json) return JSON.parse(row.response_json) as IngestResult["body"];
      if (!row || this.o.clock.now() >= deadline) return null;
      await this.o.clock.sleep(50);
    }
  }

  /** The listed users, else every enabled user whose watchlist holds the symbol (an empty one holds all). */
  private matchUsers(users: UserStore, pattern: Pattern): Promise<PipelineUser[]> {
    if (pattern.user_ids && this.o.prepareCached) {
      // SQLite's hot path: one prepared statement for any number of named users, no query compiled per pattern.
      return Promise.resolve(this.o.prepareCached(NAMED_USERS_SQL).all([JSON.stringify(pattern.user_ids)]) as PipelineUser[]);
    }
    if (pattern.user_ids) return users.listEnabled(pattern.user_ids);
    // The watchlist index reads only the users watching this symbol (or everything), never every user.
    return users.listEnabledWatching(pattern.symbol);
  }

  private evaluate(
    patternId: string,
    pattern: Pattern,
    prepared: PreparedPattern,
    user: PipelineUser,
    {
      now,
      hasRecentDuplicate,
      isTest,
      entryOrder,
    }: { now: number; hasRecentDuplicate: boolean; isTest: boolean; entryOrder: string | null },
  ): SignalRow {
    const verdict = judgeForUser(
      prepared,
      {
        equity: user.equity,
        riskPercentage: user.risk_percentage,
        maxLeverage: user.max_leverage,
        minRMultiple: user.min_r_multiple,
        minConfidence: user.min_confidence,
      },
      { now, hasRecentDuplicate },
    );
    const reason = verdict.reason;
    const approved = reason === null;
    return {
      id: timeOrderedUuid(),
      pattern_id: patternId,
      user_id: user.id,
      symbol: pattern.symbol,
      pattern_type: pattern.pattern_type,
      direction: prepared.direction,
      timeframe: pattern.timeframe,
      status: approved ? "approved" : "rejected",
      rejection_reason: reason,
      confidence_score: prepared.confidenceScore,
      confidence_grade: prepared.confidenceGrade,
      volume_score: prepared.volumeScore,
      entry_price: pattern.entry_price,
      stop_loss: pattern.stop_loss,
      target_price: pattern.target_price,
      shares: verdict.shares,
      risk_amount: verdict.riskAmount,
      risk_percentage: user.risk_percentage,
      r_multiple: prepared.rMultiple,
      position_value: verdict.positionValue,
      size_limited_by: verdict.sizeLimitedBy,
      is_test: isTest ? 1 : 0,
      created_at: now,
      approved_at: approved ? now : null,
      expires_at: approved ? now + (user.ttl_seconds ?? this.o.defaultTtlSeconds) * 1000 : null,
      decided_at: null,
      decision_reason: null,
      delivery_state: null,
      delivery_attempts: 0,
      acked_at: null,
      delivery_owner: null,
      lease_until: null,
      next_replay_at: null,
      // Issue 21 §2: the entry order travels with each signal (a column SignalRow leaves out, hence the spread).
      ...{ entry_order: entryOrder },
    };
  }
}

/** The matched users whose webhook gets every approval (contract §9), read in the approving transaction. */
function usersWithAlwaysWebhook(users: readonly PipelineUser[]): Set<string> {
  const always = new Set<string>();
  for (const user of users) if (user.webhook_url && effectiveWebhookMode(user) === "always") always.add(user.id);
  return always;
}
