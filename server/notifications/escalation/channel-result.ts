/** What one push or webhook send came to, as the escalation records it in the delivery log. */
export interface ChannelResult {
  outcome: "delivered" | "timeout" | "error";
  /** The target's HTTP status, when it answered. */
  status: number | null;
  error: string | null;
  /** False when trying again cannot help: a refused target, a subscription that is gone. */
  retry: boolean;
  /** The push service said the subscription no longer exists (404/410): it is deleted. */
  gone?: boolean;
}
