import { describe, expect, it } from "vitest";
import { InvalidInputError } from "./invalid-input";
import { assertBarsClosed, assertNotDetectedInFuture } from "./look-ahead";

// An injected "now": the rule is about the server's clock, so the tests fix it instead of reading it.
const NOW = Date.parse("2026-01-23T10:30:00.000Z");

function issuesOf(call: () => void) {
  try {
    call();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues;
    throw error;
  }
  return [];
}

describe("look-ahead at the door (issue 12 item 3)", () => {
  it("refuses a detected_at later than now + 5 s, path detected_at", () => {
    expect(issuesOf(() => assertNotDetectedInFuture("2026-01-23T10:30:05.000Z", NOW))).toEqual([]);
    expect(issuesOf(() => assertNotDetectedInFuture("2026-01-23T10:30:05.001Z", NOW))).toEqual([
      { path: "detected_at", message: expect.stringContaining("2026-01-23T10:30:05.001Z") as string },
    ]);
    expect(issuesOf(() => assertNotDetectedInFuture("2030-01-01T00:00:00.000Z", NOW))).toHaveLength(1);
  });

  it("refuses a bar whose close (t + timeframe) is later than now + 5 s, naming each such bar", () => {
    const open = (iso: string) => ({ t: iso, o: 10, h: 11, l: 9, c: 10, v: 100 });
    // The 10:25 five-minute bar closes at 10:30: closed. The 10:26 one closes at 10:31: still forming.
    expect(issuesOf(() => assertBarsClosed([open("2026-01-23T10:25:00.000Z")], "5m", NOW))).toEqual([]);
    expect(issuesOf(() => assertBarsClosed([open("2026-01-23T10:25:05.000Z")], "5m", NOW))).toEqual([]);
    const issues = issuesOf(() =>
      assertBarsClosed([open("2026-01-23T10:20:00.000Z"), open("2026-01-23T10:25:05.001Z"), { ...open("x"), t: NOW }], "5m", NOW),
    );
    expect(issues.map((issue) => issue.path)).toEqual(["bars.1.t", "bars.2.t"]);
    expect(issues[0]?.message).toContain("still forming");
    // The same open time is closed on a 1-minute chart and forming on an hourly one.
    expect(issuesOf(() => assertBarsClosed([open("2026-01-23T10:29:00.000Z")], "1m", NOW))).toEqual([]);
    expect(issuesOf(() => assertBarsClosed([open("2026-01-23T10:29:00.000Z")], "1h", NOW))).toHaveLength(1);
  });
});
