import type { TestServer } from "../../support/test-server";
import type { Tab } from "./fault-load";

/** The server's own account of its start (server/app.ts): ms since process start at each step. */
export function startupOf(server: TestServer): Record<string, number> {
  const line = server.logs.find((entry) => entry.includes("Signal Desk listening"));
  if (!line) return {};
  return (JSON.parse(line) as { startup_ms?: Record<string, number> }).startup_ms ?? {};
}

/** `startup_ms` as one `key:value,…` figure for the summary line. */
export function startupFigure(server: TestServer): string {
  return Object.entries(startupOf(server))
    .map(([step, ms]) => `${step}:${ms}`)
    .join(",");
}

/**
 * Resolves with the ms from `since` until every tab has connected again after it (or Infinity at `timeoutMs`):
 * how long after a crash the whole desk is back, the tabs' reconnect backoff included.
 */
export function allReconnectedAfter(tabs: Tab[], since: number, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve) => {
    let waiting = tabs.length;
    const timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), timeoutMs);
    for (const tab of tabs) {
      tab.socket.once("connect", () => {
        waiting -= 1;
        if (waiting > 0) return;
        clearTimeout(timer);
        resolve(Date.now() - since);
      });
    }
  });
}

/**
 * The bound a restart under load must keep, from an idle restart measured on the same machine in the same run:
 * three times as long, or three seconds more, whichever is larger. Loose on purpose: the machine's load moves
 * between the two, and what it catches is a start that waits on the load (a replay storm, a lock) instead of
 * only sharing the cores with it.
 */
export function restartBound(idleMs: number): number {
  return Math.max(3 * idleMs, idleMs + 3000);
}
