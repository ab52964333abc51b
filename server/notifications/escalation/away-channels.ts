import type { UserStore } from "../../auth/user-store";
import type { Clock } from "../../clock";
import type { DatabaseHandle } from "../../db/database";
import type { Env } from "../../env";
import { loggerFor } from "../../logger";
import type { Metrics } from "../../metrics";
import type { SignalStore } from "../../pipeline/signal-store";
import type { DeliveryLog } from "../delivery-log";
import { TargetGuard } from "../outbound/target-guard";
import { PushSender } from "../push/push-sender";
import { PushSubscriptionStore } from "../push/push-subscription-store";
import { vapidKeysFor, type VapidKeys } from "../push/vapid-keys";
import { WebhookSender } from "../webhook/webhook-sender";
import { WebhookSettingsStore } from "../webhook/webhook-settings";
import { EscalationService } from "./escalation-service";
import { EscalationStore } from "./escalation-store";
import { TestSendLimit } from "./test-send-limit";

export interface AwayChannels {
  escalation: EscalationService;
  escalations: EscalationStore;
  subscriptions: PushSubscriptionStore;
  webhookSettings: WebhookSettingsStore;
  webhookSender: WebhookSender;
  /** Checks push endpoints and webhook URLs when they are saved (and, inside the senders, before each send). */
  targets: TargetGuard;
  /** Null when push is not configured (production without VAPID keys). */
  vapid: VapidKeys | null;
  pushSender: PushSender | null;
  /** The settings' test buttons, limited per user and channel (429 beyond). */
  testSends: TestSendLimit;
}

/** Builds Web Push, webhooks and the escalation that drives them (contract §9). */
export function createAwayChannels(deps: {
  env: Env;
  database: DatabaseHandle;
  users: UserStore;
  signals: SignalStore;
  log: DeliveryLog;
  metrics: Metrics;
  clock: Clock;
  nodeId: string;
  emailOf: (userId: string) => Promise<string>;
}): AwayChannels {
  const targets = new TargetGuard(deps.env.WEBHOOK_ALLOW_PRIVATE);
  const vapid = vapidKeysFor(deps.env);
  const subscriptions = new PushSubscriptionStore(deps.database.db);
  const webhookSettings = new WebhookSettingsStore(deps.database.db);
  const webhookSender = new WebhookSender(targets, deps.clock);
  const pushSender = vapid ? new PushSender(vapid, targets, deps.clock) : null;
  const escalations = new EscalationStore(deps.database.db, deps.database.dialect);
  const escalation = new EscalationService({
    store: escalations,
    signals: deps.signals,
    users: deps.users,
    subscriptions,
    push: pushSender,
    webhook: webhookSender,
    log: deps.log,
    metrics: deps.metrics,
    logger: loggerFor("escalation"),
    clock: deps.clock,
    nodeId: deps.nodeId,
    emailOf: deps.emailOf,
  });
  const testSends = new TestSendLimit(deps.clock);
  return { escalation, escalations, subscriptions, webhookSettings, webhookSender, targets, vapid, pushSender, testSends };
}
