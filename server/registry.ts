import type { AdminStore } from "./admin/admin-store";
import type { AuthService } from "./auth/auth-service";
import type { UserStore } from "./auth/user-store";
import type { AdjustableClock, Clock } from "./clock";
import type { DatabaseHandle } from "./db/database";
import type { Env } from "./env";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";
import type { DeliveryLog } from "./notifications/delivery-log";
import type { SignalPipeline } from "./pipeline/signal-pipeline";
import type { DecisionService } from "./pipeline/decision-service";
import type { SignalStore } from "./pipeline/signal-store";
import type { SignalDeskIo } from "./realtime/socket-types";
import type { BarIngest } from "./pipeline/bar-ingest";
import type { Outcomes } from "./outcomes/outcomes";
import type { AwayChannels } from "./notifications/escalation/away-channels";

/** The live services of this process, shared with Next's separately bundled route handlers. */
export interface Services {
  env: Env;
  clock: Clock;
  logger: Logger;
  database: DatabaseHandle;
  users: UserStore;
  auth: AuthService;
  metrics: Metrics;
  io: SignalDeskIo;
  signals: SignalStore;
  deliveryLog: DeliveryLog;
  admin: AdminStore;
  decisions: DecisionService;
  pipeline: SignalPipeline;
  bars: BarIngest;
  outcomes: Outcomes;
  /** Set only with TEST_CLOCK=true: the same object as `clock`, movable by tests. */
  testClock: AdjustableClock | null;
  /** Web Push, webhooks and escalation (contract §9). */
  away: AwayChannels;
  /** Redis connectivity for /readyz; null when REDIS_URL is unset. */
  redisReady: (() => Promise<boolean>) | null;
}

// Next bundles route handlers apart from server/, so a module-level variable would be two objects.
// globalThis is the one place both halves see the same instance.
const KEY = Symbol.for("signal-desk.services");
type Holder = { [KEY]?: Services };

/** Called once by startApp (server/app.ts) before the HTTP server accepts requests. */
export function registerServices(services: Services): void {
  (globalThis as Holder)[KEY] = services;
}

/** The live services; throws when the app runs without the custom server (e.g. bare `next dev`). */
export function services(): Services {
  const found = (globalThis as Holder)[KEY];
  if (!found) throw new Error("Signal Desk services are not running: start the app with `npm run dev` or `npm start`");
  return found;
}
