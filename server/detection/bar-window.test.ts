import { describe, expect, it } from "vitest";
import type { Bar } from "./bar";
import { BarWindow } from "./bar-window";
import { averageTrueRange, relativeVolume } from "./indicators";

const bars: Bar[] = Array.from({ length: 2000 }, (_, i) => ({
  time: i * 60_000,
  open: 100 + Math.sin(i / 7),
  high: 101 + Math.sin(i / 7) + (i % 5) / 10,
  low: 99 + Math.sin(i / 7) - (i % 3) / 10,
  close: 100 + Math.sin((i + 1) / 7),
  volume: 1000 + ((i * 37) % 400),
}));

describe("BarWindow", () => {
  it("computes each bar's indicators from the bars before it", () => {
    const window = new BarWindow();
    for (const bar of bars.slice(0, 30)) window.append(bar);
    const bar = window.at(25);
    expect(bar?.index).toBe(25);
    expect(bar?.relVolume).toBe(relativeVolume(bars, 25));
    expect(bar?.atrBefore).toBe(averageTrueRange(bars, 24));
    expect(window.at(10)?.relVolume).toBeUndefined();
  });

  it("drops old bars but keeps addressing recent ones by stream index", () => {
    const window = new BarWindow();
    for (const bar of bars) window.append(bar);
    expect(window.count).toBe(2000);
    expect(window.at(0)).toBeUndefined();
    expect(window.at(1999)?.time).toBe(bars[1999]?.time);
    expect(window.at(1800)?.relVolume).toBe(relativeVolume(bars, 1800));
    expect(window.slice(1990, 2000).map((bar) => bar.index)).toEqual([1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999]);
    expect(window.slice(1990, 2000).length + window.slice(0, 1990).length).toBeLessThan(2000);
  });
});
