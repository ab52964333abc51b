import { TEST_INGEST_KEY } from "./test-server";

export interface WireBar {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** A 1-minute bar closing at `closeAt` (epoch ms) with the given low, high and close. */
export function minuteBar(closeAt: number, low: number, high: number, close = (low + high) / 2): WireBar {
  return { t: closeAt - 60_000, o: close, h: high, l: low, c: close, v: 1000 };
}

/** POST /api/bars with the ingest key; answers the status. */
export async function postBars(baseUrl: string, symbol: string, bars: WireBar[], timeframe = "1m"): Promise<number> {
  const response = await fetch(`${baseUrl}/api/bars`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
    body: JSON.stringify({ symbol, timeframe, bars }),
  });
  await response.text();
  return response.status;
}
