import { type Outcome, outcomeTone } from "@/lib/market-outcome";
import type { DeskSignal } from "../desk/signal-desk-store";

/** 10:31 in the browser's time zone. */
function hourMinute(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/** R with its sign and two places: "+3.33 R", "−1.00 R". */
export function formatR(r: number): string {
  return `${r > 0 ? "+" : r < 0 ? "−" : ""}${Math.abs(r).toFixed(2)} R`;
}

/**
 * Why an invalidated signal was withdrawn, in words and numbers: "Price reached the stop 149.50 at 10:31 —
 * signal withdrawn". The time comes with the outcome, which follows the status update by a moment.
 */
export function invalidationMessage(signal: DeskSignal): string {
  const stop = signal.invalidation_reason === "stop_reached" || signal.outcome?.result === "stop";
  const level = stop ? `the stop ${signal.stop_loss}` : `the target ${signal.target_price}`;
  const at = signal.outcome ? ` at ${hourMinute(signal.outcome.at)}` : "";
  return `Price reached ${level}${at} — signal withdrawn`;
}

/**
 * What the market did, for a badge: "target +3.33 R", "stop −1.00 R", "timeout +0.50 R", "scratch +0.05 R" (a
 * timeout within ±0.10 R); "not filled" and "no data" carry no R, as they were no trade.
 */
export function outcomeLabel(outcome: Outcome): string {
  if (outcome.result === "not_filled") return "not filled";
  if (outcome.result === "no_data") return "no data";
  const name = outcome.result === "timeout" && outcomeTone(outcome) === "neutral" ? "scratch" : outcome.result;
  return `${name} ${formatR(outcome.r)}`;
}

/** The badge's tooltip: what the outcome means, in words. */
export function outcomeDescription(outcome: Outcome): string {
  if (outcome.result === "not_filled") return `The entry order at ${outcome.price} never traded within its bars: no trade, no R`;
  if (outcome.result === "no_data") return "No bar of the symbol came within the signal's window: nothing can be said";
  const scratch = outcome.result === "timeout" && outcomeTone(outcome) === "neutral" ? " (a scratch: within ±0.10 R)" : "";
  return `${outcome.result} at ${outcome.price}: ${formatR(outcome.r)}${scratch}`;
}
