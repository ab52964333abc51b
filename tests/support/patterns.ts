import type { Pattern } from "@/lib/pattern";
import { TEST_INGEST_KEY } from "./test-server";

let symbolCounter = 0;
/**
 * A ticker no other test of this process's server uses, so the 15-minute duplicate rule never rejects a
 * test's pattern because an earlier test posted the same symbol and pattern.
 */
export function uniqueSymbol(): string {
  symbolCounter += 1;
  return `Z${process.pid.toString(36).slice(-3)}${symbolCounter.toString(36)}`.toUpperCase().slice(0, 10);
}

/** contract §3's AAPL example as a fresh pattern (detected just now, so never stale). */
export function aaplSpring(overrides: Partial<Pattern> = {}): Pattern {
  return {
    symbol: "AAPL",
    pattern_type: "SPRING",
    timeframe: "5m",
    detected_at: new Date().toISOString(),
    entry_price: "150.25",
    stop_loss: "149.50",
    target_price: "152.75",
    // 100 × (0.4 × 0.85 + 0.3 × 0.95 + 0.3 × 1.0) = 92.5 → A+
    pattern_quality: 0.85,
    phase_strength: 0.95,
    volume_ratio: 0.35,
    ...overrides,
  };
}

export interface IngestAnswer {
  status: number;
  body: { pattern_id: string; signals: Array<{ signal_id: string; user_id: string; status: string; rejection_reason?: string }> };
}

/** POST /api/patterns with the ingest key. */
export async function postPattern(baseUrl: string, pattern: unknown, key = TEST_INGEST_KEY): Promise<IngestAnswer> {
  const response = await fetch(`${baseUrl}/api/patterns`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(pattern),
  });
  return { status: response.status, body: (await response.json()) as IngestAnswer["body"] };
}
