import type { Metadata } from "next";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { PerformanceView } from "@/components/performance/performance-view";
import { requirePageIdentity } from "@/server/http/page-session";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Performance · Signal Desk" };

/** The trader's own performance: the same figures as GET /api/stats. */
export default async function PerformancePage() {
  const identity = await requirePageIdentity();
  const { outcomes } = services();
  const [all, taken] = await Promise.all([outcomes.stats(identity.userId, "all"), outcomes.stats(identity.userId, "taken")]);
  return (
    <div className="performance-page">
      <AutoRefresh everyMs={15_000} />
      <h1>Performance</h1>
      <p className="muted">What the market did after each of your approved signals, by grade, pattern and timeframe.</p>
      <PerformanceView all={all} taken={taken} whose="you" />
    </div>
  );
}
