import { NextResponse } from "next/server";
import { z } from "zod";
import { toMoneyString } from "@/lib/decimal";
import type { SignalBars } from "@/lib/signal-bars";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { SIGNAL_BARS } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

/**
 * The recent bars behind one of the caller's signals (those that opened before its approval), with its entry,
 * stop and target. Bars are kept in memory since the last start; for a signal from before, or from an
 * external scanner that posted no bars, `bars` is empty and the dashboard draws only the levels.
 */
export const GET = route(SIGNAL_BARS, async ({ identity, params }) => {
  const id = params.id ?? "";
  if (!z.uuid().safeParse(id).success) return jsonError(404, "Signal not found");
  const { signals, bars } = services();
  const signal = await signals.findById(id);
  // Another user's signal is indistinguishable from one that does not exist.
  if (!signal || signal.user_id !== identity.userId || signal.status === "rejected") return jsonError(404, "Signal not found");
  const body: SignalBars = {
    signal_id: signal.id,
    symbol: signal.symbol,
    timeframe: signal.timeframe,
    direction: signal.direction === "short" ? "short" : "long",
    levels: {
      entry_price: toMoneyString(signal.entry_price),
      stop_loss: toMoneyString(signal.stop_loss),
      target_price: toMoneyString(signal.target_price),
    },
    bars: bars.history.before(signal.symbol, signal.timeframe, signal.created_at).map((bar) => ({
      t: new Date(bar.time).toISOString(),
      o: bar.open,
      h: bar.high,
      l: bar.low,
      c: bar.close,
      v: bar.volume,
    })),
  };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
