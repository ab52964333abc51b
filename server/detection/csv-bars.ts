import { BarSchema, type BarInput } from "@/lib/pattern";

/** A CSV problem, with the 1-based line it is on. */
export class CsvBarsError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(line > 0 ? `line ${line}: ${detail}` : detail);
    this.name = "CsvBarsError";
  }
}

type Column = "time" | "open" | "high" | "low" | "close" | "volume";
const COLUMNS: readonly Column[] = ["time", "open", "high", "low", "close", "volume"];
/** Header names accepted for each column (case-insensitive). */
const ALIASES: Record<Column, readonly string[]> = {
  time: ["time", "t", "timestamp", "date", "datetime"],
  open: ["open", "o"],
  high: ["high", "h"],
  low: ["low", "l"],
  close: ["close", "c"],
  volume: ["volume", "v", "vol"],
};

/**
 * Parses CSV bars into the wire shape POST /api/bars takes. Columns time, open, high, low, close, volume;
 * a header row is optional (with one, columns may come in any order and extra ones are ignored); time is
 * ISO-8601 or epoch milliseconds. Blank lines and lines starting with # are skipped. Throws CsvBarsError
 * naming the first bad line.
 */
export function parseCsvBars(text: string): BarInput[] {
  const lines = text.split(/\r?\n/);
  let positions: Record<Column, number> | undefined;
  const bars: BarInput[] = [];

  lines.forEach((raw, offset) => {
    const lineNumber = offset + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const fields = line.split(",").map(unquote);
    if (!positions) {
      if (looksLikeHeader(fields)) {
        positions = headerPositions(fields, lineNumber);
        return;
      }
      positions = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };
    }
    bars.push(parseRow(fields, positions, lineNumber));
  });

  if (bars.length === 0) throw new CsvBarsError(0, "no bars: the CSV has no data rows");
  return bars;
}

function parseRow(fields: readonly string[], positions: Record<Column, number>, line: number): BarInput {
  const value = (column: Column): string => {
    const field = fields[positions[column]];
    if (field === undefined || field === "") throw new CsvBarsError(line, `missing ${column}`);
    return field;
  };
  const number = (column: Column): number => {
    const text = value(column);
    const parsed = Number(text);
    if (!Number.isFinite(parsed)) throw new CsvBarsError(line, `${column} "${text}" is not a number`);
    return parsed;
  };
  const time = value("time");
  const candidate = {
    t: /^\d+$/.test(time) ? Number(time) : time,
    o: number("open"),
    h: number("high"),
    l: number("low"),
    c: number("close"),
    v: number("volume"),
  };
  const result = BarSchema.safeParse(candidate);
  if (!result.success) {
    const names: Record<string, string> = { t: "time", o: "open", h: "high", l: "low", c: "close", v: "volume" };
    const detail = result.error.issues
      .map((issue) => {
        const key = issue.path[0];
        const column = typeof key === "string" ? names[key] : undefined;
        return column ? `${column}: ${issue.message}` : issue.message;
      })
      .join("; ");
    throw new CsvBarsError(line, detail);
  }
  return result.data;
}

/** A first row whose time field is neither epoch ms nor a date is a header. */
function looksLikeHeader(fields: readonly string[]): boolean {
  const first = fields[0] ?? "";
  return !/^\d+$/.test(first) && Number.isNaN(Date.parse(first));
}

function headerPositions(fields: readonly string[], line: number): Record<Column, number> {
  const names = fields.map((field) => field.toLowerCase());
  const positions: Partial<Record<Column, number>> = {};
  const missing: Column[] = [];
  for (const column of COLUMNS) {
    const index = names.findIndex((name) => ALIASES[column].includes(name));
    if (index === -1) missing.push(column);
    else positions[column] = index;
  }
  if (missing.length > 0)
    throw new CsvBarsError(line, `header is missing ${missing.join(", ")} (expected time,open,high,low,close,volume)`);
  return positions as Record<Column, number>;
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}
