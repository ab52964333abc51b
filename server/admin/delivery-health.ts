import { sql, type Kysely } from "kysely";
import type { ChannelHealth, DeliveryHealth, HistogramBucket, LatencySummary, WindowHealth } from "@/lib/admin-answers";
import { DELIVERY_CHANNELS, DELIVERY_OUTCOMES, type DeliveryOutcome } from "@/lib/delivery-log-schema";
import type { Database } from "../db/schema";
import { selectDeliveryRows, toDeliveryRow } from "../notifications/delivery-rows";

export const HEALTH_WINDOWS = [
  { key: "5m", label: "Last 5 minutes", ms: 5 * 60_000 },
  { key: "1h", label: "Last hour", ms: 60 * 60_000 },
] as const;

/** Upper bounds (ms, inclusive) of the latency histogram's buckets; the last bucket is open-ended. */
export const LATENCY_BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;
export const FAILURE_OUTCOMES = ["timeout", "no_connection", "error", "expired"] as const satisfies readonly DeliveryOutcome[];
const PERCENTILES = [50, 95, 99] as const;

/**
 * Delivery health for the admin console: attempts by outcome and latency percentiles of delivered
 * attempts per window, a latency histogram of the last hour, and the newest failed attempts.
 * Everything is computed in SQL that SQLite and PostgreSQL both run, so no window's rows are loaded.
 */
export async function deliveryHealth(db: Kysely<Database>, now: number, failureLimit = 20): Promise<DeliveryHealth> {
  const [windows, histogram, failures] = await Promise.all([
    Promise.all(HEALTH_WINDOWS.map((window) => windowHealth(db, window, now))),
    latencyHistogram(db, now - 60 * 60_000),
    selectDeliveryRows(db).where("d.outcome", "in", FAILURE_OUTCOMES).orderBy("d.id", "desc").limit(failureLimit).execute(),
  ]);
  // The hour window's query already grouped by channel; its counts per channel are the channel table.
  const hour = windows.find((window) => window.key === "1h")!;
  return {
    generated_at: new Date(now).toISOString(),
    windows: windows.map(({ channels: _channels, ...window }) => window),
    histogram,
    latest_failures: failures.map(toDeliveryRow),
    channels: hour.channels,
  };
}

const zeroCounts = () => Object.fromEntries(DELIVERY_OUTCOMES.map((outcome) => [outcome, 0])) as Record<DeliveryOutcome, number>;
const sum = (counts: Record<DeliveryOutcome, number>) => Object.values(counts).reduce((total, n) => total + n, 0);

async function windowHealth(
  db: Kysely<Database>,
  window: (typeof HEALTH_WINDOWS)[number],
  now: number,
): Promise<WindowHealth & { channels: ChannelHealth[] }> {
  const since = now - window.ms;
  const grouped = await db
    .selectFrom("delivery_log")
    .select(["outcome", "channel", (eb) => eb.fn.countAll().as("n")])
    .where("created_at", ">=", since)
    .groupBy(["outcome", "channel"])
    .execute();
  const counts = zeroCounts();
  const byChannel = new Map(DELIVERY_CHANNELS.map((channel) => [channel, zeroCounts()]));
  for (const row of grouped) {
    counts[row.outcome] += Number(row.n);
    byChannel.get(row.channel)![row.outcome] += Number(row.n);
  }
  return {
    key: window.key,
    label: window.label,
    since: new Date(since).toISOString(),
    total: sum(counts),
    counts,
    latency: await latencySummary(db, since, byChannel.get("socket")!.delivered),
    channels: [...byChannel].map(([channel, channelCounts]) => ({ channel, total: sum(channelCounts), counts: channelCounts })),
  };
}

/** Nearest-rank percentiles: the value at rank ⌈p/100 × n⌉ of the sorted latencies, read with one ordered offset each. */
async function latencySummary(db: Kysely<Database>, since: number, count: number): Promise<LatencySummary> {
  if (count === 0) return { count, p50: null, p95: null, p99: null, max: null };
  // Approval → ack of a tab: push and webhook answers are not acks and would blur the socket figures.
  const delivered = db
    .selectFrom("delivery_log")
    .select("latency_ms")
    .where("outcome", "=", "delivered")
    .where("channel", "=", "socket")
    .where("created_at", ">=", since);
  const at = async (rank: number) => {
    const row = await delivered
      .orderBy("latency_ms", "asc")
      .limit(1)
      .offset(rank - 1)
      .executeTakeFirst();
    return row ? Number(row.latency_ms) : null;
  };
  const [p50, p95, p99, max] = await Promise.all([...PERCENTILES.map((p) => at(nearestRank(p, count))), at(count)]);
  return { count, p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null, max: max ?? null };
}

/** 1-based rank of the p-th percentile among n sorted values. */
export function nearestRank(p: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
}

async function latencyHistogram(db: Kysely<Database>, since: number): Promise<HistogramBucket[]> {
  const bounds: (number | null)[] = [...LATENCY_BUCKETS_MS, null];
  const row = await db
    .selectFrom("delivery_log")
    .select(
      bounds.map((le, index) => {
        const lower = index === 0 ? null : bounds[index - 1]!;
        const conditions = [...(lower === null ? [] : [sql`latency_ms > ${lower}`]), ...(le === null ? [] : [sql`latency_ms <= ${le}`])];
        // sum() is numeric in PostgreSQL and comes back as a string: Number() below makes both dialects agree.
        return sql<string | number | null>`sum(case when ${sql.join(conditions, sql` and `)} then 1 else 0 end)`.as(`b${index}`);
      }),
    )
    .where("outcome", "=", "delivered")
    .where("channel", "=", "socket")
    .where("created_at", ">=", since)
    .executeTakeFirst();
  const values = (row ?? {}) as Record<string, string | number | null>;
  return bounds.map((le, index) => ({
    le,
    label: le === null ? `> ${bounds[index - 1]!} ms` : `≤ ${le} ms`,
    count: Number(values[`b${index}`] ?? 0),
  }));
}
