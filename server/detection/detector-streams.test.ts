import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Pattern } from "@/lib/pattern";
import { openDatabase, type DatabaseHandle } from "../db/database";
import type { Bar } from "./bar";
import { BarStore } from "./bar-store";
import { DetectorStreams } from "./detector-streams";
import { createDemoMarket } from "./synthetic/demo-market";
import { detectPatterns } from "./wyckoff-detector";

const SYMBOL = "AAPL";
const TIMEFRAME = "5m";
const dirs: string[] = [];
const handles: DatabaseHandle[] = [];

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(): { url: string; open: () => Promise<DatabaseHandle> } {
  const dir = mkdtempSync(join(tmpdir(), "detector-streams-"));
  dirs.push(dir);
  const url = `file:${join(dir, "desk.db")}`;
  return {
    url,
    open: async () => {
      const handle = await openDatabase(url);
      handles.push(handle);
      return handle;
    },
  };
}

/** 1,500 bars of the demo market: several structures, so several events of several types. */
function series(): Bar[] {
  const market = createDemoMarket({ symbols: [SYMBOL], seed: 7, timeframe: TIMEFRAME, startTime: Date.UTC(2026, 0, 5) });
  return Array.from({ length: 1500 }, () => market.nextBar(SYMBOL));
}

/**
 * What makes two events the same event: type, confirming bar, prices; quality and volume too, which read
 * relative volume per time of day from state older than any window (1,500 5-minute bars span six sessions).
 */
function events(patterns: Pattern[]): string[] {
  return patterns.map(
    (p) => `${p.pattern_type}@${p.detected_at} ${p.entry_price}/${p.stop_loss}/${p.target_price} q${p.pattern_quality} v${p.volume_ratio}`,
  );
}

describe("streaming detection over stored bars", () => {
  it("finds the same events one bar per call as in one call, and the batch detector agrees", async () => {
    const bars = series();
    const whole = events(detectPatterns(bars, { symbol: SYMBOL, timeframe: TIMEFRAME }));
    expect(whole.length).toBeGreaterThanOrEqual(3);

    const db = database();
    const oneCall = new DetectorStreams(new BarStore((await db.open()).db));
    expect(events(await oneCall.advance(SYMBOL, TIMEFRAME, bars))).toEqual(whole);

    const db2 = database();
    const perBar = new DetectorStreams(new BarStore((await db2.open()).db));
    const found: Pattern[] = [];
    for (const bar of bars) found.push(...(await perBar.advance(SYMBOL, TIMEFRAME, [bar])));
    expect(events(found)).toEqual(whole);
  });

  it("gives nothing new for re-sent bars, overlapping windows or an older bar", async () => {
    const bars = series();
    const whole = events(detectPatterns(bars, { symbol: SYMBOL, timeframe: TIMEFRAME }));
    const streams = new DetectorStreams(new BarStore((await database().open()).db));
    const found: Pattern[] = [];
    // A feed that re-sends its last three bars with every new one.
    for (let i = 0; i < bars.length; i++) found.push(...(await streams.advance(SYMBOL, TIMEFRAME, bars.slice(Math.max(0, i - 3), i + 1))));
    expect(events(found)).toEqual(whole);
    expect(await streams.advance(SYMBOL, TIMEFRAME, bars.slice(-50))).toEqual([]);
    expect(await streams.advance(SYMBOL, TIMEFRAME, [bars[10]!])).toEqual([]);
  });

  it("rebuilds after a restart from the stored bars: events after it are the uninterrupted run's", async () => {
    const bars = series();
    const whole = detectPatterns(bars, { symbol: SYMBOL, timeframe: TIMEFRAME });
    const db = database();
    const before = new DetectorStreams(new BarStore((await db.open()).db));
    const cut = 900;
    for (const bar of bars.slice(0, cut)) await before.advance(SYMBOL, TIMEFRAME, [bar]);

    // A new process: a fresh detector on the same database.
    const after = new DetectorStreams(new BarStore((await db.open()).db));
    const found: Pattern[] = [];
    for (const bar of bars.slice(cut)) found.push(...(await after.advance(SYMBOL, TIMEFRAME, [bar])));
    const cutTime = bars[cut]!.time;
    const rebuilt = found.filter((p) => Date.parse(p.detected_at) > cutTime);
    expect(events(rebuilt)).toEqual(events(whole.filter((p) => Date.parse(p.detected_at) > cutTime)));
    // The rebuild hands back the earlier events too (the pipeline answers them from their idempotency key).
    expect(events(found.filter((p) => Date.parse(p.detected_at) <= cutTime))).toEqual(
      events(whole.filter((p) => Date.parse(p.detected_at) <= cutTime + 300_000)),
    );
  });

  it("two nodes taking turns read each other's bars: every event is found at its bar, by the node that got it", async () => {
    const bars = series();
    const whole = detectPatterns(bars, { symbol: SYMBOL, timeframe: TIMEFRAME });
    const db = database();
    const nodes = [new DetectorStreams(new BarStore((await db.open()).db)), new DetectorStreams(new BarStore((await db.open()).db))];
    const atOwnBar: Pattern[] = [];
    const all = new Set<string>();
    for (const [i, bar] of bars.entries()) {
      const found = await nodes[i % 2]!.advance(SYMBOL, TIMEFRAME, [bar]);
      for (const event of events(found)) all.add(event);
      atOwnBar.push(...found.filter((p) => Date.parse(p.detected_at) === bar.time + 300_000));
    }
    expect(events(atOwnBar)).toEqual(events(whole));
    // Catching up, a node finds the other's events again: the same events, never a different one.
    expect([...all].sort()).toEqual(events(whole).sort());
  });

  it("forget() makes the next call rebuild and return the events again", async () => {
    const bars = series();
    const whole = events(detectPatterns(bars, { symbol: SYMBOL, timeframe: TIMEFRAME }));
    const streams = new DetectorStreams(new BarStore((await database().open()).db));
    expect(events(await streams.advance(SYMBOL, TIMEFRAME, bars))).toEqual(whole);
    streams.forget(SYMBOL, TIMEFRAME);
    expect(events(await streams.advance(SYMBOL, TIMEFRAME, []))).toEqual(whole);
  });
});
