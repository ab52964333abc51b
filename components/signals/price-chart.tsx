"use client";

import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  LineStyle,
  type AutoscaleInfo,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useRef } from "react";
import type { ChartBar, SignalBars } from "@/lib/signal-bars";
import { LEVEL_COLORS } from "./levels-diagram";

const COLORS = { background: "#171e26", text: "#8b98a5", grid: "#222b35", up: "#2ea043", down: "#f85149" } as const;

/** Candles of the bars behind a signal with its entry, stop and target as price lines (lightweight-charts; browser only). */
export function PriceChart({ bars, levels, symbol }: { bars: ChartBar[]; levels: SignalBars["levels"]; symbol: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: COLORS.background }, textColor: COLORS.text },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    const prices = [levels.entry_price, levels.stop_loss, levels.target_price].map(Number);
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: COLORS.up,
      downColor: COLORS.down,
      borderVisible: false,
      wickUpColor: COLORS.up,
      wickDownColor: COLORS.down,
      priceLineVisible: false,
      // Keep the three levels in view even when the bars never reached them.
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null): AutoscaleInfo | null => {
        const info = original();
        if (!info?.priceRange) return info;
        return {
          ...info,
          priceRange: { minValue: Math.min(info.priceRange.minValue, ...prices), maxValue: Math.max(info.priceRange.maxValue, ...prices) },
        };
      },
    });
    const time = (bar: ChartBar) => (Date.parse(bar.t) / 1000) as UTCTimestamp;
    candles.setData(bars.map((bar) => ({ time: time(bar), open: bar.o, high: bar.h, low: bar.l, close: bar.c })));
    const volume = chart.addSeries(HistogramSeries, {
      priceScaleId: "",
      priceFormat: { type: "volume" },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    volume.setData(bars.map((bar) => ({ time: time(bar), value: bar.v, color: bar.c >= bar.o ? "#2ea04355" : "#f8514955" })));
    const lines = [
      { title: "Target", price: levels.target_price, color: LEVEL_COLORS.target },
      { title: "Entry", price: levels.entry_price, color: LEVEL_COLORS.entry },
      { title: "Stop", price: levels.stop_loss, color: LEVEL_COLORS.stop },
    ];
    for (const line of lines) {
      candles.createPriceLine({
        price: Number(line.price),
        color: line.color,
        lineWidth: 2,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
        title: line.title,
      });
    }
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [bars, levels]);

  return (
    <div
      ref={container}
      className="price-chart"
      data-testid="price-chart"
      role="img"
      aria-label={`${symbol}: ${bars.length} bars with target ${levels.target_price}, entry ${levels.entry_price} and stop ${levels.stop_loss}`}
    />
  );
}
