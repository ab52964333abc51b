"use client";

import { BaselineSeries, ColorType, createChart, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import type { CurvePoint } from "@/lib/market-outcome";

const COLORS = { background: "#171e26", text: "#8b98a5", grid: "#222b35", up: "#2ea043", down: "#f85149" } as const;

/** Running sum of R over time, green above zero and red below (lightweight-charts; browser only). */
export function CumulativeRChart({ points, label }: { points: CurvePoint[]; label: string }) {
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
    const series = chart.addSeries(BaselineSeries, {
      baseValue: { type: "price", price: 0 },
      topLineColor: COLORS.up,
      bottomLineColor: COLORS.down,
      topFillColor1: "#2ea04344",
      topFillColor2: "#2ea04305",
      bottomFillColor1: "#f8514905",
      bottomFillColor2: "#f8514944",
      priceFormat: { type: "custom", formatter: (value: number) => `${value.toFixed(2)} R`, minMove: 0.01 },
    });
    // The chart needs strictly rising times: outcomes in the same second collapse into the last of them.
    const bySecond = new Map<number, number>();
    for (const point of points) bySecond.set(Math.floor(Date.parse(point.at) / 1000), point.cumulative_r);
    series.setData([...bySecond.entries()].map(([time, value]) => ({ time: time as UTCTimestamp, value })));
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points]);
  // Not role="img" on the chart itself: lightweight-charts puts a focusable attribution link inside it, and an
  // image may not hold interactive content. The figure's caption carries the words instead.
  return (
    <figure className="r-chart-figure" aria-label={label}>
      <div ref={container} className="r-chart" data-testid="cumulative-r-chart" />
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
