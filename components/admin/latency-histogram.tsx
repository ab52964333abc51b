import type { HistogramBucket } from "@/lib/admin-answers";

/** Vertical CSS bars; each bar is a list item with its bucket and count, so screen readers get the numbers. */
export function LatencyHistogram({ buckets, title }: { buckets: HistogramBucket[]; title: string }) {
  const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  return (
    <figure className="histogram" aria-labelledby="histogram-title" data-testid="latency-histogram">
      <figcaption id="histogram-title">
        {title} <span className="muted">({total} delivered)</span>
      </figcaption>
      <ol className="histogram-bars">
        {buckets.map((bucket) => (
          <li key={bucket.label} aria-label={`${bucket.label}: ${bucket.count}`}>
            <span className="histogram-count">{bucket.count}</span>
            <span className="histogram-bar" style={{ height: `${(bucket.count / max) * 100}%` }} aria-hidden="true" />
            <span className="histogram-label">{bucket.label}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
