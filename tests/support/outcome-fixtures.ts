import { randomUUID } from "node:crypto";
import type { Pattern } from "@/lib/pattern";
import type { DatabaseHandle } from "@/server/db/database";
import type { Bar } from "@/server/detection/bar";
import { rootLogger } from "@/server/logger";
import { MarketWatch } from "@/server/outcomes/market-watch";
import { OutcomeStore, type RecordedOutcome } from "@/server/outcomes/outcome-store";
import { TimeoutSweep } from "@/server/outcomes/timeout-sweep";
import { PatternStore } from "@/server/pipeline/pattern-store";
import { type SignalRow, SignalStore } from "@/server/pipeline/signal-store";
import type { FakeClock } from "./fake-clock";
import { aaplSpring } from "./patterns";
import { signalRow } from "./signal-row";

/** Shared by the outcome tests: patterns approved with their signals, bars, and one node's outcome services. */
export const T0 = 1_000_000_000;
export const preferences = {
  equity: "5000.00",
  risk_percentage: 1.5,
  min_confidence: 70,
  min_r_multiple: 2,
  ttl_seconds: 300,
  watchlist: [],
  sound: false,
  desktop_notifications: false,
};
export const SHORT = { pattern_type: "UTAD", entry_price: "100.00", stop_loss: "102.00", target_price: "96.00" } as const;

/** A bar opening at `time` (its length is the timeframe onBars is given). */
export const bar = (time: number, o: number, h: number, l: number, c: number): Bar => ({
  time,
  open: o,
  high: h,
  low: l,
  close: c,
  volume: 1000,
});

/** A fresh PostgreSQL schema of the test database. */
export const postgresUrl = () => `postgres://postgres@127.0.0.1:5432/test?schema=o_${randomUUID().replaceAll("-", "").slice(0, 16)}`;

/** One node's outcome services on a database, announcing into `heard`. */
export function node(handle: DatabaseHandle, clock: FakeClock) {
  const heard: RecordedOutcome[] = [];
  const store = new OutcomeStore(handle.db);
  const announce = (rows: RecordedOutcome[]) => heard.push(...rows);
  const timeouts = new TimeoutSweep({ store, clock, logger: rootLogger.child({ ns: "test" }, { level: "silent" }), announce });
  const watch = new MarketWatch({ store, clock, announce });
  return { watch, timeouts, heard };
}

/** Stores a pattern approved at `approvedAt` and its signals (one per entry of `signals`); answers their rows. */
export async function approvePattern(
  handle: DatabaseHandle,
  pattern: Partial<Pattern>,
  signals: Array<Partial<SignalRow> & Pick<SignalRow, "user_id">>,
  approvedAt = T0,
): Promise<{ patternId: string; rows: SignalRow[] }> {
  const patternId = randomUUID();
  const full = aaplSpring(pattern);
  await new PatternStore(handle.db).insert(patternId, full, "api", approvedAt);
  const direction = ["UTAD", "SOW", "LPSY"].includes(full.pattern_type) ? "short" : "long";
  const rows = signals.map((overrides) =>
    signalRow({
      pattern_id: patternId,
      symbol: full.symbol,
      pattern_type: full.pattern_type,
      timeframe: full.timeframe,
      direction,
      entry_price: full.entry_price,
      stop_loss: full.stop_loss,
      target_price: full.target_price,
      created_at: approvedAt,
      approved_at: approvedAt,
      expires_at: approvedAt + 300_000,
      ...overrides,
    }),
  );
  await new SignalStore(handle.db).insertMany(rows);
  return { patternId, rows };
}
