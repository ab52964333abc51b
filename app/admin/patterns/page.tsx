import Link from "next/link";
import { formatUtc } from "@/components/admin/format-time";
import { adminPageIdentity } from "@/server/admin/admin-page";
import { PatternOverviewQuerySchema, USERS_PER_PATTERN } from "@/server/admin/pattern-overview";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The pipeline's recent work: each pattern and, per matched user, approved or why not. */
export default async function PatternsPage({ searchParams }: { searchParams: SearchParams }) {
  await adminPageIdentity();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === "string" && value.trim() ? [[key, value.trim()]] : [])),
  );
  const query = PatternOverviewQuerySchema.safeParse(raw);
  const filter = query.success ? query.data : PatternOverviewQuerySchema.parse({});
  const { patterns, next_cursor } = await services().admin.patternOverview(filter);
  const older = new URLSearchParams({
    ...(filter.symbol ? { symbol: filter.symbol } : {}),
    ...(next_cursor ? { cursor: next_cursor } : {}),
  });
  return (
    <>
      <h1>Patterns</h1>
      <form className="card admin-filters" method="get" action="/admin/patterns" aria-label="Filter patterns">
        <label>
          Symbol
          <input name="symbol" defaultValue={filter.symbol ?? ""} size={8} autoComplete="off" />
        </label>
        <div className="admin-filter-actions">
          <button type="submit">Apply</button>
          <Link href="/admin/patterns">Clear</Link>
        </div>
      </form>
      {!query.success && (
        <p role="alert" className="error">
          Ignored invalid filters: {query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}
        </p>
      )}
      {patterns.length === 0 && <p className="muted">No patterns yet.</p>}
      <ol className="pattern-list">
        {patterns.map((pattern) => (
          <li key={pattern.id} className="card" data-testid="pattern">
            <header className="pattern-head">
              <strong>{pattern.symbol}</strong> <span>{pattern.pattern_type}</span> <span className="muted">{pattern.timeframe}</span>
              <span className="badge">{pattern.source}</span>
              <span className="muted">
                entry {pattern.entry_price} · stop {pattern.stop_loss} · target {pattern.target_price}
              </span>
              <span className="muted pattern-time">
                detected <time dateTime={pattern.detected_at}>{formatUtc(pattern.detected_at)}</time>
              </span>
            </header>
            <p className="muted">
              {Object.entries(pattern.counts)
                .map(([status, count]) => `${count} ${status}`)
                .join(" · ") || "matched no user"}
            </p>
            {pattern.users.length > 0 && (
              <table className="admin-table">
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="num">
                      Confidence
                    </th>
                    <th scope="col">Signal</th>
                  </tr>
                </thead>
                <tbody>
                  {pattern.users.map((user) => (
                    <tr key={user.signal_id} data-testid="pattern-user" data-status={user.status}>
                      <td>{user.user_email}</td>
                      <td>
                        {user.status === "rejected" ? (
                          <span className="error">rejected: {user.rejection_reason}</span>
                        ) : (
                          <span className="approved">approved{user.status === "approved" ? "" : ` → ${user.status}`}</span>
                        )}
                        {user.is_test && <span className="badge">test</span>}
                      </td>
                      <td className="num">
                        {user.confidence_score} ({user.confidence_grade})
                      </td>
                      <td>
                        {user.status !== "rejected" && (
                          <Link href={`/admin/signals/${user.signal_id}`} className="mono">
                            timeline
                          </Link>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {pattern.users.length === USERS_PER_PATTERN && <p className="muted">Showing the first {USERS_PER_PATTERN} users by email.</p>}
          </li>
        ))}
      </ol>
      {next_cursor && (
        <p className="admin-pager">
          <Link href={`/admin/patterns?${older.toString()}`}>Older patterns</Link>
        </p>
      )}
    </>
  );
}
