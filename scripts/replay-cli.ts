import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { TimeframeSchema } from "@/lib/pattern";
import { SymbolSchema } from "@/lib/symbol";
import { normalizeBars } from "@/server/detection/bar";
import { CsvBarsError, parseCsvBars } from "@/server/detection/csv-bars";
import { detectPatterns } from "@/server/detection/wyckoff-detector";

/*
 * Replays a CSV of bars through the built-in detector:
 *   npm run replay -- FILE.csv --symbol AAPL --timeframe 5m [--url http://127.0.0.1:3000] [--key demo-ingest-key] [--dry-run]
 * --dry-run prints each pattern as a JSON line; otherwise each is POSTed to /api/patterns and the
 * answer printed as a JSON line. --live posts each pattern as if detected now: the pipeline rejects patterns
 * older than 60 s as stale, so history replayed as it was would only ever produce rejections. Exit code 0 when every post got a 2xx, 1 otherwise, 2 for bad usage.
 */

const USAGE =
  "usage: npm run replay -- FILE.csv --symbol SYMBOL --timeframe 5m [--url http://127.0.0.1:3000] [--key demo-ingest-key] [--dry-run] [--live]";
const DEFAULT_URL = "http://127.0.0.1:3000";
const DEFAULT_KEY = "demo-ingest-key";

/** What the CLI touches outside itself, injectable so tests can run it in-process. */
export interface ReplayIo {
  readFile(path: string): Promise<string>;
  fetch: typeof fetch;
  out(line: string): void;
  err(line: string): void;
  now(): number;
}

/** Runs the replay CLI with `argv` (arguments after the script name); resolves to the exit code. */
export async function runReplay(argv: readonly string[], io: ReplayIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        symbol: { type: "string" },
        timeframe: { type: "string" },
        url: { type: "string", default: DEFAULT_URL },
        key: { type: "string", default: DEFAULT_KEY },
        "dry-run": { type: "boolean", default: false },
        live: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const file = positionals[0];
  const symbol = SymbolSchema.safeParse(values.symbol);
  const timeframe = TimeframeSchema.safeParse(values.timeframe);
  if (file === undefined || positionals.length > 1) return usageError(io, "give exactly one CSV file");
  if (!symbol.success) return usageError(io, "--symbol must be an upper-case ticker such as AAPL");
  if (!timeframe.success) return usageError(io, "--timeframe must be a bar size such as 1m, 5m, 1h or 1d");

  let patterns;
  try {
    const bars = normalizeBars(parseCsvBars(await io.readFile(file)), timeframe.data);
    patterns = detectPatterns(bars, { symbol: symbol.data, timeframe: timeframe.data });
    io.err(`${file}: ${bars.length} bars, ${patterns.length} pattern(s)`);
  } catch (error) {
    io.err(error instanceof CsvBarsError ? `${file}: ${error.message}` : `${file}: ${(error as Error).message}`);
    return 1;
  }

  if (values["dry-run"]) {
    for (const pattern of patterns) io.out(JSON.stringify(pattern));
    return 0;
  }

  const endpoint = `${values.url.replace(/\/+$/, "")}/api/patterns`;
  let failures = 0;
  for (const pattern of patterns) {
    try {
      const response = await io.fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${values.key}` },
        body: JSON.stringify(values.live ? { ...pattern, detected_at: new Date(io.now()).toISOString() } : pattern),
      });
      const text = await response.text();
      if (!response.ok) failures += 1;
      io.out(
        JSON.stringify({
          pattern_type: pattern.pattern_type,
          detected_at: pattern.detected_at,
          status: response.status,
          response: parseJson(text),
        }),
      );
    } catch (error) {
      failures += 1;
      io.err(`POST ${endpoint} failed: ${(error as Error).message}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

function usageError(io: ReplayIo, message: string): number {
  io.err(`${message}\n${USAGE}`);
  return 2;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const io: ReplayIo = {
    readFile: (path) => readFile(path, "utf8"),
    fetch: (...args) => fetch(...args),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => Date.now(),
  };
  void runReplay(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
