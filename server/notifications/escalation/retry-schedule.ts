import type { EscalationsTable } from "../../db/schema";

/** contract §9: a push is tried again 1 s and 10 s after a failure, a webhook 1 s, 10 s and 60 s after. */
export const ESCALATION_RETRY_DELAYS_MS: Record<EscalationsTable["channel"], readonly number[]> = {
  push: [1000, 10_000],
  webhook: [1000, 10_000, 60_000],
};

/** The wait before the next try after `attempts` failed tries, or null when the channel has none left. */
export function escalationRetryDelay(channel: EscalationsTable["channel"], attempts: number): number | null {
  return ESCALATION_RETRY_DELAYS_MS[channel][attempts - 1] ?? null;
}
