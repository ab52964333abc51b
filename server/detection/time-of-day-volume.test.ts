import { describe, expect, it } from "vitest";
import type { Bar } from "./bar";
import { BarWindow } from "./bar-window";
import { relativeVolume } from "./indicators";
import { TimeOfDayVolume } from "./time-of-day-volume";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const bar = (time: number, volume: number): Bar => ({ time, open: 100, high: 101, low: 99, close: 100, volume });

describe("TimeOfDayVolume (issue 21: relative volume per time of day)", () => {
  it("divides by the mean of the same slot on previous sessions, once three sessions exist", () => {
    const tod = new TimeOfDayVolume(HOUR);
    // 14:00 UTC on four days: 1000, 2000, 3000, then 4000 against their mean 2000 → 2.
    expect(tod.next(bar(14 * HOUR, 1000))).toBeUndefined();
    expect(tod.next(bar(DAY + 14 * HOUR, 2000))).toBeUndefined();
    // Another slot on the same day does not count towards 14:00.
    expect(tod.next(bar(2 * DAY + 15 * HOUR, 9000))).toBeUndefined();
    expect(tod.next(bar(2 * DAY + 14 * HOUR, 3000))).toBeUndefined();
    expect(tod.next(bar(3 * DAY + 14 * HOUR, 4000))).toBe(2);
  });

  it("averages at most the ten most recent sessions of a slot", () => {
    const tod = new TimeOfDayVolume(5 * 60_000);
    for (let day = 0; day < 10; day++) tod.next(bar(day * DAY, 100));
    for (let day = 10; day < 20; day++) tod.next(bar(day * DAY, 300));
    // The first ten sessions (100 each) have left the window: the mean is 300.
    expect(tod.next(bar(20 * DAY, 600))).toBe(2);
  });

  it("has no slots for daily bars or bar sizes that do not divide a day", () => {
    for (const barMs of [DAY, 7 * 60_000]) {
      const tod = new TimeOfDayVolume(barMs);
      for (let day = 0; day < 5; day++) expect(tod.next(bar(day * DAY, 1000))).toBeUndefined();
    }
  });
});

describe("BarWindow sessionVolume", () => {
  it("is the time-of-day ratio on intraday bars with history, else the moving-average ratio", () => {
    // Hourly bars for six days; the 14:00 bar always trades 5000, every other hour 1000.
    const bars = Array.from({ length: 6 * 24 }, (_, i) => bar(i * HOUR, i % 24 === 14 ? 5000 : 1000));
    const window = new BarWindow(HOUR);
    for (const each of bars) window.append(each);
    // Day 1 14:00: too few sessions, so the 20-bar moving average: 5000 against 1000 → 5.
    expect(window.at(24 + 14)?.sessionVolume).toBe(relativeVolume(bars, 24 + 14));
    expect(window.at(24 + 14)?.sessionVolume).toBe(5);
    // Day 5 14:00: as heavy as every 14:00 before it → 1; the 20 bars before it hold no 14:00, so the moving average says 5.
    expect(window.at(5 * 24 + 14)?.sessionVolume).toBe(1);
    expect(window.at(5 * 24 + 14)?.relVolume).toBe(5);
  });

  it("keeps the plain moving-average ratio for daily bars", () => {
    const bars = Array.from({ length: 60 }, (_, i) => bar(i * DAY, 1000 + i));
    const window = new BarWindow(DAY);
    for (const each of bars) window.append(each);
    expect(window.at(50)?.sessionVolume).toBe(relativeVolume(bars, 50));
  });
});
