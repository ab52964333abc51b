import type { SignalBars } from "@/lib/signal-bars";

export const LEVEL_COLORS = { target: "#2ea043", entry: "#388bfd", stop: "#f85149" } as const;

const HEIGHT = 150;
const PAD = 18;

/**
 * Entry, stop and target to scale, with the reward and risk zones between them: what can honestly be drawn
 * for a signal when no bars are known.
 */
export function LevelsDiagram({ levels, symbol }: { levels: SignalBars["levels"]; symbol: string }) {
  const rows = [
    { key: "target", label: "Target", price: levels.target_price },
    { key: "entry", label: "Entry", price: levels.entry_price },
    { key: "stop", label: "Stop", price: levels.stop_loss },
  ] as const;
  // Numbers only place the lines; every printed price is the exact decimal string.
  const values = rows.map((row) => Number(row.price));
  const high = Math.max(...values);
  const low = Math.min(...values);
  const y = (price: string) => (high === low ? HEIGHT / 2 : PAD + ((high - Number(price)) / (high - low)) * (HEIGHT - 2 * PAD));
  const entryY = y(levels.entry_price);
  const targetY = y(levels.target_price);
  const stopY = y(levels.stop_loss);

  return (
    <svg
      className="levels-diagram"
      data-testid="levels-diagram"
      width="100%"
      height={HEIGHT}
      role="img"
      aria-label={`${symbol} levels: target ${levels.target_price}, entry ${levels.entry_price}, stop ${levels.stop_loss}`}
    >
      <rect
        x="0"
        width="100%"
        y={Math.min(entryY, targetY)}
        height={Math.abs(targetY - entryY)}
        fill={LEVEL_COLORS.target}
        opacity="0.12"
      />
      <rect x="0" width="100%" y={Math.min(entryY, stopY)} height={Math.abs(stopY - entryY)} fill={LEVEL_COLORS.stop} opacity="0.12" />
      {rows.map((row) => (
        <g key={row.key} data-testid={`level-${row.key}`}>
          <line x1="0" x2="100%" y1={y(row.price)} y2={y(row.price)} stroke={LEVEL_COLORS[row.key]} strokeWidth="2" strokeDasharray="6 4" />
          <text x="6" y={y(row.price) - 4} fill={LEVEL_COLORS[row.key]} fontSize="12">
            {row.label}
          </text>
          <text x="100%" dx="-6" y={y(row.price) - 4} fill={LEVEL_COLORS[row.key]} fontSize="12" textAnchor="end">
            {row.price}
          </text>
        </g>
      ))}
    </svg>
  );
}
