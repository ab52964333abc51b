import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The prom-client registry and the named delivery metrics of contract §7. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  return {
    registry,
    notificationsSent: new Counter({
      name: "signal_notifications_sent_total",
      help: "Signal deliveries that ended, by final outcome",
      // `channel` is set for push and webhook (contract §9); socket deliveries keep their original, unlabelled series.
      labelNames: ["outcome", "channel"] as const,
      registers: [registry],
    }),
    notificationLatency: new Histogram({
      name: "signal_notification_latency_ms",
      help: "Milliseconds from approval to the first acknowledgement by the trader's browser",
      // 1 ms to 5 s: the 500 ms promise sits in the middle, with resolution at both ends.
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 750, 1000, 2000, 5000],
      registers: [registry],
    }),
    notificationFailures: new Counter({
      name: "signal_notification_failures_total",
      help: "Failed deliveries (all attempts exhausted), by the last attempt's outcome",
      labelNames: ["reason", "channel"] as const,
      registers: [registry],
    }),
    sweepDuration: new Histogram({
      name: "signal_delivery_sweep_duration_ms",
      help: "Milliseconds one run of a delivery sweep took (expiry, takeover, replay, retention)",
      labelNames: ["sweep"] as const,
      buckets: [0.25, 0.5, 1, 2, 5, 10, 25, 100, 1000],
      registers: [registry],
    }),
    notificationRetries: new Counter({
      name: "signal_notification_retries_total",
      help: "Delivery attempts after the first",
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
