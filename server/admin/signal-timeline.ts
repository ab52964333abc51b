import type { Kysely } from "kysely";
import type { SignalTimeline, TimelineEvent } from "@/lib/admin-answers";
import type { Database } from "../db/schema";
import { selectDeliveryRows, toDeliveryRow } from "../notifications/delivery-rows";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One signal's whole story for the admin console; null when no signal has that id. */
export async function signalTimeline(db: Kysely<Database>, signalId: string): Promise<SignalTimeline | null> {
  const signal = await db
    .selectFrom("signals as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("s")
    .select("u.email as user_email")
    .where("s.id", "=", signalId)
    .executeTakeFirst();
  if (!signal) return null;
  const [pattern, attempts] = await Promise.all([
    db.selectFrom("patterns").selectAll().where("id", "=", signal.pattern_id).executeTakeFirst(),
    selectDeliveryRows(db).where("d.signal_id", "=", signalId).orderBy("d.id", "asc").execute(),
  ]);
  const deliveries = attempts.map(toDeliveryRow);

  const timeline: { ms: number; event: TimelineEvent }[] = [];
  const push = (ms: number, event: TimelineEvent) => timeline.push({ ms, event });
  if (pattern) push(pattern.detected_at, { kind: "detected", at: new Date(pattern.detected_at).toISOString(), source: pattern.source });
  if (signal.status === "rejected") {
    push(signal.created_at, { kind: "rejected", at: new Date(signal.created_at).toISOString(), reason: signal.rejection_reason });
  } else {
    const approvedAt = signal.approved_at ?? signal.created_at;
    push(approvedAt, { kind: "approved", at: new Date(approvedAt).toISOString(), expires_at: iso(signal.expires_at) });
  }
  for (const [index, row] of deliveries.entries()) {
    const at = attempts[index]!.created_at;
    push(at, {
      kind: "attempt",
      at: row.created_at,
      channel: row.channel,
      attempt: row.attempt,
      outcome: row.outcome,
      latency_ms: row.latency_ms,
      sockets: row.sockets,
      error: row.error,
    });
  }
  if (signal.acked_at !== null) {
    push(signal.acked_at, {
      kind: "delivered",
      at: new Date(signal.acked_at).toISOString(),
      latency_ms: signal.approved_at === null ? null : signal.acked_at - signal.approved_at,
      attempts: signal.delivery_attempts,
    });
  } else if (signal.delivery_state === "failed") {
    const last = attempts.at(-1)?.created_at ?? signal.created_at;
    push(last, { kind: "failed", at: new Date(last).toISOString(), attempts: signal.delivery_attempts });
  }
  if (signal.status === "expired" && signal.expires_at !== null)
    push(signal.expires_at, { kind: "expired", at: new Date(signal.expires_at).toISOString() });
  if ((signal.status === "taken" || signal.status === "skipped") && signal.decided_at !== null) {
    push(signal.decided_at, { kind: signal.status, at: new Date(signal.decided_at).toISOString(), reason: signal.decision_reason });
  }
  // Stable sort: events at the same millisecond keep their causal order (approval before its first attempt).
  timeline.sort((a, b) => a.ms - b.ms);

  return {
    signal: {
      id: signal.id,
      user_id: signal.user_id,
      user_email: signal.user_email,
      pattern_id: signal.pattern_id,
      symbol: signal.symbol,
      pattern_type: signal.pattern_type,
      direction: signal.direction,
      timeframe: signal.timeframe,
      status: signal.status,
      rejection_reason: signal.rejection_reason,
      confidence_score: signal.confidence_score,
      confidence_grade: signal.confidence_grade,
      entry_price: signal.entry_price,
      stop_loss: signal.stop_loss,
      target_price: signal.target_price,
      shares: signal.shares,
      risk_amount: signal.risk_amount,
      risk_percentage: signal.risk_percentage,
      r_multiple: signal.r_multiple,
      is_test: signal.is_test === 1,
      created_at: new Date(signal.created_at).toISOString(),
      approved_at: iso(signal.approved_at),
      expires_at: iso(signal.expires_at),
      decided_at: iso(signal.decided_at),
      decision_reason: signal.decision_reason,
      delivery_state: signal.delivery_state,
      delivery_attempts: signal.delivery_attempts,
      acked_at: iso(signal.acked_at),
    },
    pattern: pattern
      ? {
          id: pattern.id,
          symbol: pattern.symbol,
          pattern_type: pattern.pattern_type,
          timeframe: pattern.timeframe,
          source: pattern.source,
          detected_at: new Date(pattern.detected_at).toISOString(),
          created_at: new Date(pattern.created_at).toISOString(),
          entry_price: pattern.entry_price,
          stop_loss: pattern.stop_loss,
          target_price: pattern.target_price,
          pattern_quality: pattern.pattern_quality,
          phase_strength: pattern.phase_strength,
          volume_ratio: pattern.volume_ratio,
        }
      : null,
    deliveries,
    timeline: timeline.map((entry) => entry.event),
  };
}
