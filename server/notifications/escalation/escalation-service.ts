import type { SignalNotification } from "@/lib/signal-notification";
import type { UserStore } from "../../auth/user-store";
import { effectiveWebhookMode } from "../../auth/user-store";
import { type Clock, every, type Repeating } from "../../clock";
import type { DeliveryOutcome } from "../../db/schema";
import type { Logger } from "../../logger";
import type { Metrics } from "../../metrics";
import type { SignalRow, SignalStore } from "../../pipeline/signal-store";
import type { DeliveryLog } from "../delivery-log";
import { toNotification } from "../notification-payload";
import type { PushSender } from "../push/push-sender";
import type { PushSubscriptionStore } from "../push/push-subscription-store";
import type { WebhookSender } from "../webhook/webhook-sender";
import type { ChannelResult } from "./channel-result";
import type { EscalationRow, EscalationStore, NewEscalation } from "./escalation-store";
import { escalationRetryDelay } from "./retry-schedule";

export interface EscalationServiceOptions {
  store: EscalationStore;
  signals: SignalStore;
  users: UserStore;
  subscriptions: PushSubscriptionStore;
  /** Null when no VAPID keys are configured: push is off for everyone. */
  push: PushSender | null;
  webhook: WebhookSender;
  log: DeliveryLog;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  nodeId: string;
  emailOf: (userId: string) => Promise<string>;
}

const SWEEP_INTERVAL_MS = 250;
/** User ids in one IN list: far below SQLite's 32,766 bound parameters. */
const USERS_PER_QUERY = 1000;
/** Longer than one send can take (5 s timeout), so a live node never loses a send it is making. */
export const ESCALATION_LEASE_MS = 15_000;

/**
 * Away from the desk (contract §9): sends an approved signal to the trader's Web Push subscriptions and webhook once
 * per channel when the socket delivery finds no tab or ends failed, while the signal is unexpired and unacked;
 * and to an `always` webhook at approval. Every send lives in the escalations table, so retries survive a
 * restart and exactly one node of a cluster makes each.
 */
export class EscalationService {
  private readonly running = new Set<Promise<void>>();
  /** Signals this node already looked at after a `no_connection`: attempts 2–4 find no tab too and need no query. */
  private readonly looked = new Set<string>();
  private sweep: Repeating | null = null;

  constructor(private readonly o: EscalationServiceOptions) {}

  /**
   * Delivery-core hook: signals just approved (after commit). `always` webhooks are sent now. `alwaysWebhook`,
   * when the caller read the users in the approving transaction, names those with one, and saves a query.
   */
  approved(rows: readonly SignalRow[], alwaysWebhook?: ReadonlySet<string>): void {
    if (rows.length === 0) return;
    if (alwaysWebhook) {
      // The ingest's common case is nobody: no promise, no query (issue 20, session 6 profile: 2.4 % of busy time).
      if (alwaysWebhook.size > 0) this.track(this.createAndSend(alwaysWebhookSends(rows, alwaysWebhook)));
      return;
    }
    this.track(this.sendAlwaysWebhooks(rows));
  }

  /**
   * Delivery-core hook, called after every socket attempt: the first `no_connection`, or the last attempt
   * failing, escalates the signal to the user's other channels.
   */
  attemptEnded(row: Pick<SignalRow, "id">, outcome: DeliveryOutcome, final: boolean): void {
    const failed = final && outcome !== "delivered" && outcome !== "replayed";
    if (outcome !== "no_connection" && !failed) return;
    if (!failed && this.looked.has(row.id)) return;
    // Bounded: a signal lives minutes, so forgetting old ids costs at most one more query each.
    if (this.looked.size >= 10_000) this.looked.clear();
    this.looked.add(row.id);
    this.track(this.escalate(row.id));
  }

  /** Starts the sweep that makes due retries and takes over sends a dead node left behind. */
  startSweeps(): void {
    // Never overlapping: a slow sweep (a database stall) delays the next one instead of running beside it.
    this.sweep = every(this.o.clock, "escalation sweep", SWEEP_INTERVAL_MS, () => this.runDue(), { logger: this.o.logger });
  }

  /** Stops the sweep and waits for sends under way (each at most one timeout). */
  async stop(): Promise<void> {
    await this.sweep?.stop();
    this.sweep = null;
    await Promise.allSettled([...this.running]);
  }

  /** Waits for the sends started so far (tests). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.o.logger.error({ err: error }, "escalation failed unexpectedly"));
    this.running.add(guarded);
    void guarded.finally(() => this.running.delete(guarded));
  }

  private async sendAlwaysWebhooks(rows: readonly SignalRow[]): Promise<void> {
    // One query per USERS_PER_QUERY of the batch's users (a fan-out approves one row per user, and one IN list
    // of them all would pass the database's bound-parameter limit), returning only the few that apply.
    const ids = [...new Set(rows.map((row) => row.user_id))];
    const always = new Set<string>();
    for (let start = 0; start < ids.length; start += USERS_PER_QUERY) {
      for (const id of await this.o.users.idsWithAlwaysWebhook(ids.slice(start, start + USERS_PER_QUERY))) always.add(id);
    }
    await this.createAndSend(alwaysWebhookSends(rows, always));
  }

  private async escalate(signalId: string): Promise<void> {
    const now = this.o.clock.now();
    const signal = await this.o.signals.findById(signalId);
    if (!signal || signal.status !== "approved" || signal.acked_at !== null || (signal.expires_at ?? 0) <= now) return;
    const user = await this.o.users.findById(signal.user_id);
    // A disabled user is refused everywhere (contract §2), their push and webhook included.
    if (!user || user.disabled || (user.push !== 1 && !user.webhook_url)) return;
    const sends: NewEscalation[] = [];
    const base = { signal_id: signal.id, user_id: signal.user_id, mode: "escalation" as const };
    // The webhook first: its row goes in the first insert, whatever happens to the push rows after it.
    // An `always` webhook was sent at approval; escalation is for `when_unacked` only.
    if (user.webhook_url && effectiveWebhookMode(user) === "when_unacked" && !(await this.o.store.hasChannel(signal.id, "webhook"))) {
      sends.push({ ...base, channel: "webhook", target: "webhook" });
    }
    // The user's newest MAX_PUSH_SUBSCRIPTIONS browsers (listFor's bound), also for rows stored before the cap.
    if (user.push === 1 && this.o.push && !(await this.o.store.hasChannel(signal.id, "push"))) {
      for (const subscription of await this.o.subscriptions.listFor(user.id))
        sends.push({ ...base, channel: "push", target: subscription.id });
    }
    await this.createAndSend(sends);
  }

  private async createAndSend(sends: NewEscalation[]): Promise<void> {
    const created = await this.o.store.create(sends, this.o.nodeId, this.o.clock.now(), ESCALATION_LEASE_MS);
    await Promise.all(created.map((row) => this.attempt(row)));
  }

  /** Makes every send that is due now (the sweep; tests call it with their own clock). */
  async runDue(): Promise<void> {
    const claimed = await this.o.store.claimDue(this.o.nodeId, this.o.clock.now(), ESCALATION_LEASE_MS);
    for (const row of claimed) this.track(this.attempt(row));
  }

  /** One try of one send, then its next state: done, or a retry at the channel's next delay while unexpired. */
  private async attempt(row: EscalationRow): Promise<void> {
    const signal = await this.o.signals.findById(row.signal_id);
    const now = this.o.clock.now();
    if (!signal || signal.status !== "approved") return this.o.store.record(row.id, this.o.nodeId, row.attempts, { state: "cancelled" });
    if ((signal.expires_at ?? 0) <= now) {
      this.logAttempt(signal, row, { outcome: "expired", error: "expired before the send" }, now);
      return this.o.store.record(row.id, this.o.nodeId, row.attempts, { state: "expired" });
    }
    // A tab acked meanwhile: the trader has seen it, and an escalation must not nag (an `always` webhook still goes).
    if (row.mode === "escalation" && signal.acked_at !== null)
      return this.o.store.record(row.id, this.o.nodeId, row.attempts, { state: "cancelled" });

    const result = await this.send(row, toNotification(signal));
    if (result === null) return this.o.store.record(row.id, this.o.nodeId, row.attempts, { state: "cancelled" });
    const attempts = row.attempts + 1;
    const at = this.o.clock.now();
    this.logAttempt(signal, row, result, at);
    if (result.outcome === "delivered") {
      this.o.metrics.notificationsSent.inc({ outcome: "delivered", channel: row.channel });
      return this.o.store.record(row.id, this.o.nodeId, attempts, { state: "delivered" });
    }
    if (result.gone) await this.o.subscriptions.removeById(row.target);
    const delay = result.retry ? escalationRetryDelay(row.channel, attempts) : null;
    if (delay !== null && at + delay < (signal.expires_at ?? 0)) {
      this.o.metrics.notificationRetries.inc();
      return this.o.store.record(row.id, this.o.nodeId, attempts, { nextAttemptAt: at + delay });
    }
    this.o.metrics.notificationsSent.inc({ outcome: "failed", channel: row.channel });
    this.o.metrics.notificationFailures.inc({ reason: result.outcome, channel: row.channel });
    return this.o.store.record(row.id, this.o.nodeId, attempts, { state: result.gone ? "gone" : "failed" });
  }

  /** Null when the target went away meanwhile (unsubscribed, URL removed, mode off). */
  private async send(row: EscalationRow, notification: SignalNotification): Promise<ChannelResult | null> {
    const user = await this.o.users.findById(row.user_id);
    // A disabled user is refused everywhere (contract §2), their push and webhook included.
    if (!user || user.disabled) return null;
    if (row.channel === "push") {
      const subscription = await this.o.subscriptions.findById(row.target);
      // A browser that signed in as someone else re-registers its endpoint for them: never send them this one.
      if (!subscription || subscription.user_id !== row.user_id || !this.o.push) return null;
      return this.o.push.send(subscription, notification);
    }
    if (!user.webhook_url || !user.webhook_secret || effectiveWebhookMode(user) === "off") return null;
    return this.o.webhook.send({ url: user.webhook_url, secret: user.webhook_secret }, row.id, notification);
  }

  private logAttempt(
    signal: SignalRow,
    row: EscalationRow,
    result: { outcome: DeliveryOutcome; error: string | null; status?: number | null },
    at: number,
  ): void {
    void this.o.emailOf(signal.user_id).then((email) =>
      this.o.log.append({
        signal_id: signal.id,
        user_id: signal.user_id,
        user_email: email,
        symbol: signal.symbol,
        channel: row.channel,
        attempt: row.attempts + 1,
        outcome: result.outcome,
        latency_ms: Math.max(0, Math.round(at - (signal.approved_at ?? at))),
        sockets: 0,
        error: result.error,
        created_at: at,
      }),
    );
  }
}

function alwaysWebhookSends(rows: readonly SignalRow[], always: ReadonlySet<string>): NewEscalation[] {
  return rows
    .filter((row) => always.has(row.user_id))
    .map((row) => ({ signal_id: row.id, user_id: row.user_id, channel: "webhook", target: "webhook", mode: "always" }));
}
