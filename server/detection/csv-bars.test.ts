import { describe, expect, it } from "vitest";
import { CsvBarsError, parseCsvBars } from "./csv-bars";

describe("parseCsvBars", () => {
  it("reads rows without a header in time,open,high,low,close,volume order", () => {
    expect(parseCsvBars("2026-01-23T10:00:00Z,10,11,9,10.5,100\n1769162700000,10.5,12,10,11,200\n")).toEqual([
      { t: "2026-01-23T10:00:00Z", o: 10, h: 11, l: 9, c: 10.5, v: 100 },
      { t: 1769162700000, o: 10.5, h: 12, l: 10, c: 11, v: 200 },
    ]);
  });

  it("maps columns by a header, in any order, skipping blanks, comments and extra columns", () => {
    const csv = ["# exported bars", "Volume,Close,Low,High,Open,Time,Note", "", '100,10.5,9,11,10,"2026-01-23T10:00:00.000Z",x', "\r"].join(
      "\r\n",
    );
    expect(parseCsvBars(csv)).toEqual([{ t: "2026-01-23T10:00:00.000Z", o: 10, h: 11, l: 9, c: 10.5, v: 100 }]);
  });

  it("names the line of a bad number", () => {
    const csv = "time,open,high,low,close,volume\n2026-01-23T10:00:00Z,10,11,9,10.5,100\n2026-01-23T10:05:00Z,10,abc,9,10.5,100\n";
    expect(() => parseCsvBars(csv)).toThrow(new CsvBarsError(3, 'high "abc" is not a number'));
    expect(() => parseCsvBars(csv)).toThrow("line 3:");
  });

  it("names the line of a missing field, a bad time and an impossible bar", () => {
    expect(() => parseCsvBars("2026-01-23T10:00:00Z,10,11,9,10.5")).toThrow("line 1: missing volume");
    expect(() => parseCsvBars("1769162700000,10,11,9,10.5,100\n2026-13-45,10,11,9,10.5,100")).toThrow(/^line 2: time/);
    expect(() => parseCsvBars("\n\n2026-01-23T10:00:00Z,10,9.5,9,10.5,100")).toThrow("line 3: high must be the bar's highest price");
    expect(() => parseCsvBars("2026-01-23T10:00:00Z,10,11,9,10.5,0")).toThrow(/^line 1: volume/);
  });

  it("rejects a header without the required columns, and a file without rows", () => {
    expect(() => parseCsvBars("time,open,high,low,close\n")).toThrow("line 1: header is missing volume");
    expect(() => parseCsvBars("time,open,high,low,close,volume\n")).toThrow("no bars");
    expect(() => parseCsvBars("")).toThrow(CsvBarsError);
  });
});
