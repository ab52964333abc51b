import { AutoRefresh } from "@/components/admin/auto-refresh";
import { PerformanceView } from "@/components/performance/performance-view";
import { adminPageIdentity } from "@/server/admin/admin-page";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

/** Performance over every trader: the same figures as GET /api/admin/stats. */
export default async function AdminPerformancePage() {
  await adminPageIdentity();
  const { outcomes } = services();
  const [all, taken] = await Promise.all([outcomes.stats(null, "all"), outcomes.stats(null, "taken")]);
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
