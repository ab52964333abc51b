import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PatternSchema } from "@/lib/pattern";
import { normalizeBars } from "@/server/detection/bar";
import { parseCsvBars } from "@/server/detection/csv-bars";
import { runReplay, type ReplayIo } from "./replay-cli";
import { detectPatterns } from "@/server/detection/wyckoff-detector";

const FIXTURE = fileURLToPath(new URL("../server/detection/fixtures/spring-5m.csv", import.meta.url));

function captureIo(): ReplayIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    readFile: (path) => readFile(path, "utf8"),
    fetch: (...args) => fetch(...args),
    out: (line) => stdout.push(line),
    now: () => Date.parse("2030-01-01T00:00:00.000Z"),
    err: (line) => stderr.push(line),
  };
}

describe("the spring fixture", () => {
  it("holds a clear spring that detectPatterns finds", async () => {
    const bars = normalizeBars(parseCsvBars(await readFile(FIXTURE, "utf8")), "5m");
    const springs = detectPatterns(bars, { symbol: "AAPL", timeframe: "5m" }).filter((pattern) => pattern.pattern_type === "SPRING");
    expect(springs).toHaveLength(1);
    // S = 150.00 (every support touch), spring low 148.20 (1.2 % under) → buffer 0.25 % + 0.3 % = 0.55 %
    // → 148.2 × 0.9945 = 147.3849; the reclaim bar closes at 151.10; target R = 162.00.
    expect(springs[0]).toMatchObject({
      entry_price: "151.10",
      stop_loss: "147.38",
      target_price: "162.00",
      detected_at: "2026-01-23T14:30:00.000Z",
    });
  });
});

describe("replay CLI", () => {
  it("--dry-run prints each pattern as a JSON line", async () => {
    const io = captureIo();
    expect(await runReplay([FIXTURE, "--symbol", "AAPL", "--timeframe", "5m", "--dry-run"], io)).toBe(0);
    const patterns = io.stdout.map((line) => PatternSchema.parse(JSON.parse(line)));
    expect(patterns.map((pattern) => pattern.pattern_type)).toEqual(["SPRING", "TEST", "SOS", "LPS"]);
    expect(io.stderr.join("\n")).toContain("86 bars, 4 pattern(s)");
  });

  it("POSTs each pattern with the bearer key and prints the answers", async () => {
    const received: Array<{ url?: string; auth?: string; body: unknown }> = [];
    const server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push({ url: request.url, auth: request.headers.authorization, body: JSON.parse(body) });
        const status = received.length === 2 ? 400 : 201;
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ n: received.length }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const io = captureIo();
      const code = await runReplay(
        [FIXTURE, "--symbol", "MSFT", "--timeframe", "5m", "--url", `http://127.0.0.1:${port}/`, "--key", "k-123"],
        io,
      );
      expect(received).toHaveLength(4);
      for (const request of received) {
        expect(request.url).toBe("/api/patterns");
        expect(request.auth).toBe("Bearer k-123");
        expect(PatternSchema.parse(request.body).symbol).toBe("MSFT");
      }
      expect(io.stdout.map((line) => (JSON.parse(line) as { status: number }).status)).toEqual([201, 400, 201, 201]);
      expect(JSON.parse(io.stdout[0] ?? "{}")).toMatchObject({ pattern_type: "SPRING", status: 201, response: { n: 1 } });
      // One answer was not 2xx, so the run fails.
      expect(code).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("explains bad usage and bad files", async () => {
    const io = captureIo();
    expect(await runReplay(["--symbol", "AAPL", "--timeframe", "5m"], io)).toBe(2);
    expect(await runReplay([FIXTURE, "--symbol", "aapl", "--timeframe", "5m"], io)).toBe(2);
    expect(await runReplay([FIXTURE, "--symbol", "AAPL", "--timeframe", "5min"], io)).toBe(2);
    expect(await runReplay([FIXTURE, "--symbol", "AAPL", "--timeframe", "5m", "--nope"], io)).toBe(2);
    expect(io.stderr.filter((line) => line.includes("usage: npm run replay"))).toHaveLength(4);
    const broken = { ...captureIo(), readFile: () => Promise.resolve("time,open,high,low,close,volume\n2026-01-23T10:00:00Z,1,2,x,1,1\n") };
    expect(await runReplay(["bars.csv", "--symbol", "AAPL", "--timeframe", "5m", "--dry-run"], broken)).toBe(1);
    expect(broken.stderr).toEqual(['bars.csv: line 2: low "x" is not a number']);
  });
});
