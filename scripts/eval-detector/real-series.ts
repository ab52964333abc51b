import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeBars, timeframeMs, type Bar } from "@/server/detection/bar";
import { parseCsvBars } from "@/server/detection/csv-bars";
import { TimeOfDayVolume } from "@/server/detection/time-of-day-volume";
import { WyckoffDetector, detectPatterns } from "@/server/detection/wyckoff-detector";

/* Issue 21 §4: the detector on real public bars (real-bars/SOURCE.md): how often it fires, and whether it repaints. */

export const REAL_SERIES = [
  { file: "fb-daily.csv", symbol: "FB", timeframe: "1d", label: "FB daily" },
  { file: "msft-daily.csv", symbol: "MSFT", timeframe: "1d", label: "MSFT daily" },
  { file: "ea-15m.csv", symbol: "EA", timeframe: "15m", label: "EA 15-minute" },
  { file: "btc-usd-4h.csv", symbol: "BTC-USD", timeframe: "4h", label: "BTC-USD 4-hour" },
] as const;

export interface RealSeriesResult {
  label: string;
  bars: number;
  /** Bars whose volume the detector judged against the same time of day on earlier sessions (0 on daily bars). */
  timeOfDayBars: number;
  events: string[];
  perThousand: number;
  /** One bar per push equals the whole series in one call, and no prefix of the series reports a different event. */
  noRepaint: boolean;
}

export function loadRealBars(file: string, timeframe: string): Bar[] {
  return normalizeBars(parseCsvBars(readFileSync(join(import.meta.dirname, "real-bars", file), "utf8")), timeframe);
}

// Quality and volume ratio too: they read detector state (relative volume per time of day) that must not repaint either.
const describeEvent = (p: {
  pattern_type: string;
  detected_at: string;
  entry_price: string;
  stop_loss: string;
  target_price: string;
  pattern_quality: number;
  volume_ratio: number;
}) =>
  `${p.pattern_type}@${p.detected_at.slice(0, 10)} ${p.entry_price}/${p.stop_loss}/${p.target_price} q${p.pattern_quality} v${p.volume_ratio}`;

/** How many bars get a relative volume per time of day: the detector's bar window uses the same class for it. */
function countTimeOfDayBars(bars: readonly Bar[], timeframe: string): number {
  const timeOfDay = new TimeOfDayVolume(timeframeMs(timeframe));
  // Undefined means no slot history yet (or daily bars): the window then falls back to the plain 20-bar ratio.
  return bars.filter((bar) => timeOfDay.next(bar) !== undefined).length;
}

/** Events per 1,000 bars and the no-repaint check for one real series. */
export function evaluateRealSeries(series: (typeof REAL_SERIES)[number]): RealSeriesResult {
  const bars = loadRealBars(series.file, series.timeframe);
  const meta = { symbol: series.symbol, timeframe: series.timeframe };
  const whole = detectPatterns(bars, meta).map(describeEvent);
  const streamed: string[] = [];
  const detector = new WyckoffDetector(meta);
  let noRepaint = true;
  for (const [i, bar] of bars.entries()) {
    streamed.push(...detector.push(bar).map(describeEvent));
    // A fresh run over the prefix must report exactly what the stream has reported so far.
    if (i % 25 === 24 || i === bars.length - 1) {
      const prefix = detectPatterns(bars.slice(0, i + 1), meta).map(describeEvent);
      if (prefix.join("|") !== streamed.join("|")) noRepaint = false;
    }
  }
  if (streamed.join("|") !== whole.join("|")) noRepaint = false;
  return {
    label: series.label,
    bars: bars.length,
    timeOfDayBars: countTimeOfDayBars(bars, series.timeframe),
    events: whole,
    perThousand: (whole.length / bars.length) * 1000,
    noRepaint,
  };
}

/** The real-bar section of the report. */
export function realSeriesTable(results: readonly RealSeriesResult[]): string {
  const lines = [
    "| series | bars | volume per time of day | events | per 1,000 bars | one bar at a time = one call, every prefix agrees | events found |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.label} | ${r.bars} | ${r.timeOfDayBars} | ${r.events.length} | ${r.perThousand.toFixed(1)} | ${r.noRepaint ? "yes" : "**no**"} | ${r.events.join("; ") || "–"} |`,
    );
  }
  return lines.join("\n");
}
