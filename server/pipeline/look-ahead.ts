import type { BarInput } from "@/lib/pattern";
import { timeframeMs } from "../detection/bar";
import { InvalidInputError, type InputIssue } from "./invalid-input";

/** Clock skew allowed between a sender and this server before a time counts as the future (contract §5). */
export const FUTURE_TOLERANCE_MS = 5_000;

/** A pattern detected after now + 5 s is look-ahead: nothing is detected in the future. */
export function assertNotDetectedInFuture(detectedAt: string, now: number): void {
  const at = Date.parse(detectedAt);
  if (at > now + FUTURE_TOLERANCE_MS) {
    throw new InvalidInputError("detected_at is in the future", [
      { path: "detected_at", message: `${detectedAt} is later than the server's clock (${new Date(now).toISOString()}) + 5 s` },
    ]);
  }
}

/**
 * Only closed bars go to the detector: a bar whose close (t + timeframe) is later than now + 5 s is still
 * forming, and a pattern read from it could change when it really closes. Every such bar is named.
 */
export function assertBarsClosed(bars: readonly BarInput[], timeframe: string, now: number): void {
  const length = timeframeMs(timeframe);
  const issues: InputIssue[] = [];
  bars.forEach((bar, index) => {
    const open = typeof bar.t === "number" ? bar.t : Date.parse(bar.t);
    const close = open + length;
    if (close > now + FUTURE_TOLERANCE_MS) {
      issues.push({
        path: `bars.${index}.t`,
        message: `bar ${index} (t ${timeText(open)}) closes at ${timeText(close)}, after now: it is still forming`,
      });
    }
  });
  if (issues.length > 0) throw new InvalidInputError(`Only closed bars are accepted: ${issues.length} still forming`, issues);
}

/** ISO-8601 where the time is a representable date; the raw milliseconds otherwise (t up to 2^53 is valid input). */
function timeText(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
