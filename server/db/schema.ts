import type { Generated } from "kysely";
import type { DeliveryOutcome } from "@/lib/delivery-log-schema";

// The outcome list lives with the wire schemas in lib/; the table column takes the same type.
export type { DeliveryOutcome };

/** The two databases every table and query must work on (migrations branch on it, so it lives here). */
export type SqlDialectName = "sqlite" | "postgres";

/**
 * Column types shared by SQLite and PostgreSQL. Times are epoch milliseconds (bigint in PostgreSQL),
 * money and prices are exact decimal strings, flags are 0/1 integers: one representation for both.
 */
export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  role: "trader" | "admin";
  disabled: number;
  equity: string;
  risk_percentage: string;
  min_confidence: number;
  min_r_multiple: number;
  /** null: the deployment's SIGNAL_TTL_SECONDS. */
  ttl_seconds: number | null;
  watchlist: string;
  sound: number;
  desktop_notifications: number;
  /** Buying power = equity × this (1–10). */
  max_leverage: number;
  created_at: number;
  /** Sessions issued before this moment (epoch ms) are refused: set when the user is disabled. */
  sessions_valid_after: number;
  /** Web Push wanted (contract §9); sent only to the user's stored subscriptions. */
  push: number;
  webhook_url: string | null;
  /** null: `when_unacked` once a URL is set. */
  webhook_mode: "when_unacked" | "always" | "off" | null;
  /** Made by the server when a URL is first set; signs every webhook request. */
  webhook_secret: string | null;
}

export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

export type DeliveryChannel = "socket" | "push" | "webhook";
export type EscalationState = "pending" | "delivered" | "failed" | "gone" | "cancelled" | "expired";

/** One away-from-the-desk send: a signal to one push subscription or to the webhook, with its retry state. */
export interface EscalationsTable {
  id: string;
  signal_id: string;
  user_id: string;
  channel: Exclude<DeliveryChannel, "socket">;
  /** The push subscription's id, or `webhook`. */
  target: string;
  /** `escalation`: only while unacked; `always`: the webhook at approval, whatever the tabs do. */
  mode: "escalation" | "always";
  state: EscalationState;
  attempts: number;
  next_attempt_at: number | null;
  owner: string | null;
  lease_until: number | null;
  created_at: number;
}

/** One row per sign-in try (recorded before the password is checked); a success removes its pair's rows. */
export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  /** The client's address ("" for rows from before migration 0002). */
  address: Generated<string>;
  created_at: number;
}

export interface RevokedSessionsTable {
  session_id: string;
  user_id: string;
  revoked_at: number;
}

/** A per-user counter raised by every sign-out and disable (migration 0011); nodes re-check sockets when it moves. */
export interface SessionEpochsTable {
  user_id: string;
  epoch: number;
  /** Wall-clock ms of the last raise, written by the node that raised it. */
  changed_at: number;
}

export interface PatternsTable {
  id: string;
  symbol: string;
  pattern_type: string;
  timeframe: string;
  detected_at: number;
  entry_price: string;
  stop_loss: string;
  target_price: string;
  pattern_quality: number;
  phase_strength: number;
  volume_ratio: number;
  source: string;
  idempotency_key: string | null;
  response_json: string | null;
  created_at: number;
  /** Issue 21 §2 (0009): the entry order; null on rows from before it (a market order at the entry, one bar). */
  entry_type: Generated<string | null>;
  entry_order_price: Generated<string | null>;
  entry_valid_bars: Generated<number | null>;
}

/**
 * The market watch's open set (0009): one row per pattern whose outcome is not decided yet, deleted when it
 * is. `version` makes every change conditional, so nodes seeing the same bar never apply it twice.
 */
export interface PatternWatchTable {
  pattern_id: string;
  symbol: string;
  direction: string;
  timeframe: string;
  /** When the pattern's signals were approved: only bars opening at or after it count. */
  approved_at: number;
  /** approved_at + the timeframe's timeout: bars must close by then; the sweep times out at it. */
  deadline: number;
  entry_type: string;
  entry_price: string;
  stop_loss: string;
  target_price: string;
  valid_bars: number;
  version: Generated<number>;
  /** Close time of the latest bar applied: a bar closing at or before it is not applied again. */
  watched_to: Generated<number>;
  /** Bars of the pattern's own timeframe seen while the entry waited. */
  entry_bars: Generated<number>;
  fill_price: string | null;
  fill_at: number | null;
  /** The latest close inside the window after the fill: what a timeout is measured at. */
  last_close: string | null;
}

/** Cold history (0009): one row per decided pattern, written once when its outcome is decided. */
export interface PatternOutcomesTable {
  pattern_id: string;
  symbol: string;
  pattern_type: string;
  timeframe: string;
  result: OutcomeResult;
  price: string;
  at: number;
  /** Hundredths of R; 0 for `not_filled` and `no_data`, which statistics count apart. */
  r: number;
  fill_price: string | null;
  fill_at: number | null;
}

export type SignalStatus = "approved" | "rejected" | "taken" | "skipped" | "expired" | "invalidated";
export type OutcomeResult = "stop" | "target" | "timeout" | "not_filled" | "no_data";
export type DeliveryState = "pending" | "delivered" | "failed";

export interface SignalsTable {
  id: string;
  pattern_id: string;
  user_id: string;
  symbol: string;
  pattern_type: string;
  direction: string;
  timeframe: string;
  status: SignalStatus;
  rejection_reason: string | null;
  confidence_score: string;
  confidence_grade: string;
  volume_score: string;
  entry_price: string;
  stop_loss: string;
  target_price: string;
  shares: number;
  risk_amount: string;
  risk_percentage: string;
  r_multiple: string;
  position_value: string;
  /** Which bound set the share count (contract §6.4). */
  size_limited_by: "risk" | "buying_power";
  is_test: number;
  created_at: number;
  approved_at: number | null;
  expires_at: number | null;
  decided_at: number | null;
  decision_reason: string | null;
  delivery_state: DeliveryState | null;
  delivery_attempts: number;
  acked_at: number | null;
  delivery_owner: string | null;
  lease_until: number | null;
  /** When a failed, unexpired delivery is next offered to the user's connected sockets. */
  next_replay_at: number | null;
}

export interface DeliveryLogTable {
  id: Generated<number>;
  signal_id: string;
  user_id: string;
  /** `socket`, `push` or `webhook`; defaults to `socket` (migrations 0003 and 0006 both add it if missing). */
  channel: Generated<DeliveryChannel>;
  attempt: number;
  outcome: DeliveryOutcome;
  latency_ms: number;
  sockets: number;
  error: string | null;
  created_at: number;
}

/**
 * contract §8: what the market did after approval, null while the signal is open. Kept apart from SignalsTable
 * so the pipeline's rows need not name them (nullable columns are optional on insert).
 */
/** Issue 21 §2 (0009): the pattern's entry order as JSON (`EntryOrder`) for the notification; null = market at entry. */
export interface SignalEntryOrderColumn {
  entry_order: string | null;
}

export interface SignalOutcomeColumns {
  outcome_result: OutcomeResult | null;
  outcome_price: string | null;
  outcome_at: number | null;
  /** Hundredths of R (−100 = −1.00 R), exact for sums in SQL. */
  outcome_r: number | null;
  /** `stop_reached` or `target_reached` when the market invalidated the signal before a decision. */
  invalidation_reason: string | null;
}

/** The latest close seen per symbol (any timeframe): what a 24-hour timeout is measured at. */
export interface MarketClosesTable {
  symbol: string;
  close: string;
  close_at: number;
}

/** One row per (user, watched symbol); `*` stands for an empty watchlist, which matches every symbol. */
export interface UserWatchlistTable {
  user_id: string;
  symbol: string;
}

export interface Database {
  users: UsersTable;
  login_failures: LoginFailuresTable;
  revoked_sessions: RevokedSessionsTable;
  session_epochs: SessionEpochsTable;
  patterns: PatternsTable;
  signals: SignalsTable & SignalOutcomeColumns & SignalEntryOrderColumn;
  delivery_log: DeliveryLogTable;
  user_watchlist: UserWatchlistTable;
  market_closes: MarketClosesTable;
  pattern_watch: PatternWatchTable;
  pattern_outcomes: PatternOutcomesTable;
  push_subscriptions: PushSubscriptionsTable;
  escalations: EscalationsTable;
}
