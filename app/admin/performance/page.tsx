import { AutoRefresh } from "@/components/admin/auto-refresh";
import { PerformanceView } from "@/components/performance/performance-view";
import { adminPageIdentity } from "@/server/admin/admin-page";
import { performanceStats } from "@/server/outcomes/performance-stats";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

/** Performance over every trader: the same figures as GET /api/admin/stats. */
export default async function AdminPerformancePage() {
  await adminPageIdentity();
  const { db } = services().database;
  const [all, taken] = await Promise.all([performanceStats(db, null, "all"), performanceStats(db, null, "taken")]);
  return (
    <>
      <AutoRefresh everyMs={15_000} />
      <div className="admin-section-head">
        <h1>Performance</h1>
        <span className="muted">all traders, refreshed every 15 s</span>
      </div>
      <PerformanceView all={all} taken={taken} whose="any trader" />
    </>
  );
}
