"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { api, ApiError } from "@/lib/api-client";
import type { SignalBars } from "@/lib/signal-bars";
import type { DeskSignal } from "../desk/signal-desk-store";
import { clockTime } from "./clock-time";
import { LevelsDiagram } from "./levels-diagram";

// lightweight-charts draws on a canvas and needs the DOM: load it in the browser only, and only when opened.
const PriceChart = dynamic(() => import("./price-chart").then((module) => module.PriceChart), {
  ssr: false,
  loading: () => <div className="price-chart chart-loading">Loading chart…</div>,
});

function barsError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : "Could not load bars.";
  return error.status === 404 ? "Signal not found." : `Could not load bars (${error.status}).`;
}

type Loaded = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; data: SignalBars };

/** The expanded view of one signal: its chart (or, without bar history, its levels) and its times. */
export function SignalDetails({ signal, id }: { signal: DeskSignal; id: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    api.signals
      .bars(signal.signal_id, controller.signal)
      .then((data) => setLoaded({ kind: "ready", data }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ kind: "error", message: barsError(error) });
      });
    return () => controller.abort();
  }, [signal.signal_id]);

  const levels = { entry_price: signal.entry_price, stop_loss: signal.stop_loss, target_price: signal.target_price };
  return (
    <div id={id} className="signal-details" data-testid="signal-details">
      <p className="muted details-times">
        {signal.timeframe} bars · approved {clockTime(signal.timestamp)} · expires {clockTime(signal.expires_at)}
        {signal.decided_at && ` · ${signal.status} ${clockTime(signal.decided_at)}`}
      </p>
      {loaded.kind === "loading" && <div className="price-chart chart-loading">Loading bars…</div>}
      {loaded.kind === "error" && (
        <>
          <p className="error" role="alert">
            {loaded.message}
          </p>
          <LevelsDiagram levels={levels} symbol={signal.symbol} />
        </>
      )}
      {loaded.kind === "ready" &&
        (loaded.data.bars.length > 0 ? (
          <PriceChart bars={loaded.data.bars} levels={loaded.data.levels} symbol={signal.symbol} />
        ) : (
          <>
            <p className="muted" data-testid="no-bar-history">
              No bar history for this signal: only its entry, stop and target are drawn.
            </p>
            <LevelsDiagram levels={loaded.data.levels} symbol={signal.symbol} />
          </>
        ))}
    </div>
  );
}
