import Link from "next/link";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { formatUtc } from "@/components/admin/format-time";
import { LatencyHistogram } from "@/components/admin/latency-histogram";
import { OutcomeBadge } from "@/components/admin/outcome-badge";
import { DELIVERY_OUTCOMES } from "@/lib/delivery-log-schema";
import { adminPageIdentity } from "@/server/admin/admin-page";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

const ms = (value: number | null) => (value === null ? "—" : `${value} ms`);

/** Delivery health at a glance: outcomes and latency percentiles per window, the histogram, the newest failures. */
export default async function HealthPage() {
  await adminPageIdentity();
  const { admin, clock } = services();
  const health = await admin.deliveryHealth(clock.now());
  return (
    <>
      <AutoRefresh everyMs={10_000} />
      <div className="admin-section-head">
        <h1>Delivery health</h1>
        <span className="muted">
          as of <time dateTime={health.generated_at}>{formatUtc(health.generated_at)}</time>, refreshed every 10 s
        </span>
      </div>
      <section className="card" aria-labelledby="windows-heading">
        <h2 id="windows-heading">Attempts and latency</h2>
        <div className="table-scroll">
          <table className="admin-table" data-testid="health-windows">
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <OutcomeHeads />
                <th scope="col" className="num">
                  p50
                </th>
                <th scope="col" className="num">
                  p95
                </th>
                <th scope="col" className="num">
                  p99
                </th>
              </tr>
            </thead>
            <tbody>
              {health.windows.map((window) => (
                <tr key={window.key} data-testid={`health-window-${window.key}`}>
                  <th scope="row">{window.label}</th>
                  <td className="num">{window.total}</td>
                  {DELIVERY_OUTCOMES.map((outcome) => (
                    <td className="num" key={outcome} data-testid={`count-${outcome}`}>
                      {window.counts[outcome]}
                    </td>
                  ))}
                  <td className="num">{ms(window.latency.p50)}</td>
                  <td className="num">{ms(window.latency.p95)}</td>
                  <td className="num">{ms(window.latency.p99)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">Percentiles are of delivered attempts (first-try and retried), measured from approval to the first ack.</p>
      </section>
      <section className="card" aria-labelledby="channels-heading">
        <h2 id="channels-heading">By channel, last hour</h2>
        <div className="table-scroll">
          <table className="admin-table" data-testid="health-channels">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <OutcomeHeads />
              </tr>
            </thead>
            <tbody>
              {health.channels.map((row) => (
                <tr key={row.channel} data-testid={`health-channel-${row.channel}`}>
                  <th scope="row">{row.channel}</th>
                  <td className="num">{row.total}</td>
                  {DELIVERY_OUTCOMES.map((outcome) => (
                    <td className="num" key={outcome} data-testid={`count-${outcome}`}>
                      {row.counts[outcome]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">Socket attempts go to open tabs; push and webhook attempts are the escalations when no tab acked.</p>
      </section>
      <section className="card">
        <LatencyHistogram buckets={health.histogram} title="Latency of delivered attempts, last hour" />
      </section>
      <section className="card" aria-labelledby="failures-heading">
        <h2 id="failures-heading">Latest failed attempts</h2>
        {health.latest_failures.length === 0 ? (
          <p className="muted">No failed attempts.</p>
        ) : (
          <div className="table-scroll">
            <table className="admin-table" data-testid="latest-failures">
              <thead>
                <tr>
                  <th scope="col">Time (UTC)</th>
                  <th scope="col">User</th>
                  <th scope="col">Symbol</th>
                  <th scope="col">Signal</th>
                  <th scope="col" className="num">
                    Attempt
                  </th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {health.latest_failures.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <time dateTime={row.created_at}>{formatUtc(row.created_at)}</time>
                    </td>
                    <td>{row.user_email}</td>
                    <td>{row.symbol}</td>
                    <td>
                      <Link href={`/admin/signals/${row.signal_id}`} className="mono">
                        {row.signal_id}
                      </Link>
                    </td>
                    <td className="num">{row.attempt}</td>
                    <td>
                      <OutcomeBadge outcome={row.outcome} />
                    </td>
                    <td>{row.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** One column head per delivery outcome, as both tables count them. */
function OutcomeHeads() {
  return DELIVERY_OUTCOMES.map((outcome) => (
    <th scope="col" className="num" key={outcome}>
      <OutcomeBadge outcome={outcome} />
    </th>
  ));
}
