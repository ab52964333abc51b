import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { AdminStore } from "./admin/admin-store";
import { AuthService } from "./auth/auth-service";
import { LoginThrottle } from "./auth/login-throttle";
import { SessionEpochs } from "./auth/session-epochs";
import { SessionRevocations } from "./auth/session-revocations";
import { UserStore } from "./auth/user-store";
import { adjustableClock, systemClock } from "./clock";
import { openDatabase } from "./db/database";
import { demoAuthSecret } from "./demo/demo-auth-secret";
import { seedDemoUsers } from "./demo/seed-demo-users";
import { startDemoFeed } from "./demo/demo-feed";
import type { Env } from "./env";
import { loggerFor } from "./logger";
import { createMetrics } from "./metrics";
import { DeliveryLog } from "./notifications/delivery-log";
import { DeliveryService } from "./notifications/delivery-service";
import { createAwayChannels } from "./notifications/escalation/away-channels";
import { BarHistory } from "./detection/bar-history";
import { BarIngest } from "./pipeline/bar-ingest";
import { BarStore } from "./detection/bar-store";
import { DetectorStreams } from "./detection/detector-streams";
import { startBarFeed } from "./market-feed/bar-feed";
import { DecisionService } from "./pipeline/decision-service";
import { SignalPipeline } from "./pipeline/signal-pipeline";
import { SignalStore } from "./pipeline/signal-store";
import { createOutcomes } from "./outcomes/outcomes";
import { ADMIN_ROOM } from "@/lib/socket-events";
import { createSocketServer, whenVerified } from "./realtime/socket-server";
import { registerSocketGauge } from "./realtime/socket-gauge";
import { SessionGuard } from "./realtime/session-guard";
import { directRoutes } from "./http/direct-routes";
import { frontDoor } from "./http/front-door";
import { attachRedisAdapter } from "./redis-adapter";
import { registerServices, type Services } from "./registry";
import { runShutdown } from "./shutdown-sequence";
import { demoWarning } from "./demo/demo-warning";

export interface RunningApp {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const log = loggerFor("server");

/** Builds every service, prepares Next and serves both on one HTTP server. */
export async function startApp(env: Env, options: { dev: boolean }): Promise<RunningApp> {
  // Milliseconds since the process started, at each step of the start: what a slow restart spent its time on.
  const startup: Record<string, number> = { modules_loaded: sinceProcessStart() };
  // Next's prepare() (reading the build's manifests) is the longest step of a start: it runs while the
  // database opens and migrates and the services are built, and is awaited only before listening.
  const nextApp = next({ dev: options.dev, hostname: env.HOST, port: env.PORT, dir: process.cwd() });
  const nextReady = nextApp.prepare();
  // Observed at once: a failure while the database opens would otherwise be an unhandled rejection that kills
  // the process before startup's own error handling; the `await nextReady` below still throws it.
  nextReady.catch(() => undefined);
  void nextReady.then(() => (startup.next_prepared = sinceProcessStart()));
  const nodeId = randomUUID();
  // env.ts allowed TEST_CLOCK only under NODE_ENV=test or with ALLOW_TEST_CLOCK=true.
  const testClock = env.TEST_CLOCK ? adjustableClock(systemClock) : null;
  const clock = testClock ?? systemClock;
  const database = await openDatabase(env.DATABASE_URL);
  startup.database_open = sinceProcessStart();
  const users = new UserStore(database.db);
  if (env.DEMO) {
    const seeded = await seedDemoUsers(users);
    if (seeded) log.info({ users: seeded }, "seeded demo users");
  }
  const secret = env.AUTH_SECRET ?? demoAuthSecret();
  const auth = new AuthService(users, new LoginThrottle(database.db), new SessionRevocations(database.db), secret, undefined, clock);

  // Requests reach Next only after prepare() resolved: the server listens after that, further down.
  let handle: ReturnType<typeof nextApp.getRequestHandler> | null = null;
  const httpServer: HttpServer = createServer(
    frontDoor(
      directRoutes((req, res) => {
        void handle?.(req, res);
      }),
      { trustedProxies: env.TRUSTED_PROXIES, dev: options.dev },
    ),
  );

  const metrics = createMetrics();
  const signals = new SignalStore(database.db);
  const deliveryLog = new DeliveryLog(database, loggerFor("delivery"), {
    clock,
    emailOf: (userId) => users.emailOf(userId),
    // Counted when the first ack of a delivery is committed, whichever path (retry, replay, node) made it.
    onFirstAcks: (acks) => {
      for (const ack of acks) {
        metrics.notificationsSent.inc({ outcome: "delivered" });
        metrics.notificationLatency.observe(ack.latencyMs);
      }
    },
  });

  const away = createAwayChannels({
    env,
    database,
    users,
    signals,
    log: deliveryLog,
    metrics,
    clock,
    nodeId,
    emailOf: (userId) => users.emailOf(userId),
  });

  const sessionGuard = new SessionGuard({ auth, epochs: new SessionEpochs(database.db), logger: loggerFor("realtime") });
  const io = createSocketServer(httpServer, { auth, logger: loggerFor("realtime"), clock, guard: sessionGuard });
  registerSocketGauge(io, metrics.registry);
  const redis = env.REDIS_URL ? await attachRedisAdapter(io, env.REDIS_URL, env.REDIS_PREFIX, loggerFor("redis")) : null;
  const delivery = new DeliveryService({
    io,
    database,
    log: deliveryLog,
    metrics,
    logger: loggerFor("delivery"),
    clock,
    ackTimeoutMs: env.NOTIFY_ACK_TIMEOUT_MS,
    nodeId,
    clustered: redis !== null,
    retentionDays: env.RETENTION_DAYS,
    hooks: away.escalation,
  });
  // Replay on connect: added after the socket server's own listener, so the socket is already in its rooms.
  // Nothing connects before this line: the HTTP server starts listening further down.
  // Only once the session was re-checked after the join (a sign-out during the handshake gets nothing).
  io.on("connection", (socket) => {
    whenVerified(socket)
      .then((verified) => (verified ? delivery.replayTo(socket) : undefined))
      .catch((error: unknown) => log.error({ err: error }, "replay failed"));
  });
  deliveryLog.onStored((rows) => io.to(ADMIN_ROOM).emit("delivery_logged", rows));
  const pipeline = new SignalPipeline({
    db: database.db,
    dialect: database.dialect,
    prepareCached: database.prepareCached,
    delivery,
    defaultTtlSeconds: env.SIGNAL_TTL_SECONDS,
    clock,
    logger: loggerFor("pipeline"),
  });
  const outcomes = createOutcomes({ db: database.db, io, clock, logger: loggerFor("outcomes") });
  const bars = new BarIngest(pipeline, new BarHistory(), clock, outcomes.watch, new DetectorStreams(new BarStore(database.db)));

  const services: Services = {
    env,
    clock,
    logger: log,
    database,
    users,
    auth,
    metrics,
    io,
    signals,
    deliveryLog,
    admin: new AdminStore(database.db),
    decisions: new DecisionService(signals, io, clock),
    pipeline,
    bars,
    outcomes,
    testClock,
    away,
    redisReady: redis ? () => redis.ready() : null,
  };
  registerServices(services);
  startup.services_built = sinceProcessStart();
  delivery.startSweeps();
  outcomes.start();
  away.escalation.startSweeps();
  sessionGuard.start();

  await nextReady;
  handle = nextApp.getRequestHandler();
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.PORT, env.HOST, resolve);
  });
  startup.listening = sinceProcessStart();
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${env.HOST}:${port}`;
  const demoFeed = env.DEMO_FEED ? startDemoFeed(bars, env.DEMO_FEED_INTERVAL_MS, loggerFor("demo-feed")) : null;
  const marketFeed = env.MARKET_FEED_URL ? startBarFeed(bars, env.MARKET_FEED_URL, clock, loggerFor("market-feed")) : null;
  // Printed next to the start line, before it: whoever reads "listening" has just read this.
  const warning = demoWarning(env);
  if (warning) log.warn({ demo: true }, warning);
  log.info(
    {
      url,
      node_id: nodeId,
      database: database.dialect,
      redis: Boolean(redis),
      demo: env.DEMO,
      demo_feed: env.DEMO_FEED,
      startup_ms: startup,
    },
    "Signal Desk listening",
  );

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      let httpClosed: Promise<void> = Promise.resolve();
      await runShutdown(
        {
          stopAccepting: () => {
            httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
            httpServer.closeIdleConnections();
          },
          flush: async () => {
            await demoFeed?.stop();
            await marketFeed?.stop();
            await outcomes.stop();
            await delivery.stop();
            await away.escalation.stop();
            await sessionGuard.stop();
            await deliveryLog.flush();
          },
          closeConnections: async () => {
            // io.close() disconnects every socket; whatever HTTP connection is still open is ended with it.
            await Promise.all([io.close(), httpClosed, Promise.resolve(httpServer.closeAllConnections())]);
          },
          closeStores: async () => {
            await redis?.close();
            await database.close();
          },
        },
        systemClock,
        log,
      );
      log.info("Signal Desk stopped");
    })());

  return { url, port, stop };
}

/** Whole milliseconds since this process started (module loading included). */
function sinceProcessStart(): number {
  return Math.round(process.uptime() * 1000);
}
