import Link from "next/link";
import { notFound } from "next/navigation";
import { formatUtc } from "@/components/admin/format-time";
import { OutcomeBadge } from "@/components/admin/outcome-badge";
import { adminPageIdentity } from "@/server/admin/admin-page";
import type { TimelineEvent } from "@/lib/admin-answers";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

function describe(event: TimelineEvent) {
  switch (event.kind) {
    case "detected":
      return <>Pattern detected (source {event.source})</>;
    case "approved":
      return <>Approved{event.expires_at ? <>, expires {formatUtc(event.expires_at)}</> : null}</>;
    case "rejected":
      return <>Rejected: {event.reason}</>;
    case "attempt":
      return (
        <>
          <span className="badge" data-testid="timeline-channel">
            {event.channel}
          </span>{" "}
          Attempt {event.attempt}: <OutcomeBadge outcome={event.outcome} /> after {event.latency_ms} ms
          {event.channel === "socket" ? (
            <>
              , {event.sockets} socket{event.sockets === 1 ? "" : "s"} reached
            </>
          ) : null}
          {event.error ? <span className="muted"> ({event.error})</span> : null}
        </>
      );
    case "delivered":
      return (
        <>
          Delivered{event.latency_ms === null ? "" : ` ${event.latency_ms} ms after approval`}, attempt {event.attempts}
        </>
      );
    case "failed":
      return <>Delivery failed after {event.attempts} attempts (waits in the outbox for the trader&apos;s next connection until expiry)</>;
    case "expired":
      return <>Expired</>;
    case "taken":
    case "skipped":
      return (
        <>
          Trader {event.kind === "taken" ? "took" : "skipped"} it{event.reason ? <>: “{event.reason}”</> : null}
        </>
      );
  }
}

/** One signal's story: approval → each attempt → delivered / failed / expired → the trader's decision. */
export default async function SignalTimelinePage({ params }: { params: Promise<{ id: string }> }) {
  await adminPageIdentity();
  const { id } = await params;
  const found = id.length <= 100 ? await services().admin.signalTimeline(id) : null;
  if (!found) notFound();
  const { signal, pattern, timeline } = found;
  return (
    <>
      <h1>
        Signal {signal.symbol} {signal.pattern_type} {signal.is_test && <span className="badge">test</span>}
      </h1>
      <p className="mono muted">{signal.id}</p>
      <section className="card">
        <dl className="facts admin-facts">
          <dt>Trader</dt>
          <dd>
            <Link href={`/admin/deliveries?user=${encodeURIComponent(signal.user_email)}`}>{signal.user_email}</Link>
          </dd>
          <dt>Status</dt>
          <dd data-testid="signal-status">{signal.status}</dd>
          <dt>Delivery</dt>
          <dd data-testid="delivery-state">
            {signal.delivery_state ?? "—"} ({signal.delivery_attempts} attempt{signal.delivery_attempts === 1 ? "" : "s"})
          </dd>
          <dt>Confidence</dt>
          <dd>
            {signal.confidence_score} ({signal.confidence_grade})
          </dd>
          <dt>Entry / stop / target</dt>
          <dd>
            {signal.entry_price} / {signal.stop_loss} / {signal.target_price}
          </dd>
          <dt>Shares · risk</dt>
          <dd>
            {signal.shares} · {signal.risk_amount} ({signal.risk_percentage} %) · {signal.r_multiple} R
          </dd>
          {pattern && (
            <>
              <dt>Pattern</dt>
              <dd>
                {pattern.timeframe}, quality {pattern.pattern_quality}, phase {pattern.phase_strength}, volume ratio {pattern.volume_ratio}
              </dd>
            </>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="timeline" data-testid="signal-timeline">
          {timeline.map((event, index) => (
            <li key={`${event.kind}-${index}`} className={`timeline-${event.kind}`} data-kind={event.kind}>
              <time dateTime={event.at}>{formatUtc(event.at)}</time>
              <span>{describe(event)}</span>
            </li>
          ))}
        </ol>
      </section>
      <p>
        <Link href={`/admin/deliveries?signal=${signal.id}`}>All attempts of this signal in the delivery log</Link>
      </p>
    </>
  );
}
