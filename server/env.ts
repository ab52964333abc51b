import { z } from "zod";
import { DEMO_INGEST_KEY } from "./demo/demo-warning";
import { parseProxyList, type ProxyRange } from "./http/proxy-list";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "must start with file: or postgres://")
    .default("file:./data/signal-desk.db"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, "must start with redis://")
    .optional(),
  /** Pub/sub channel prefix: nodes of one deployment share it; separate deployments on one Redis must not. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default("signal-desk"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Unset: on outside production, off in production (demo users and the demo key must be asked for there). */
  DEMO: booleanFlag.optional(),
  DEMO_FEED: booleanFlag.optional(),
  INGEST_API_KEY: z.string().min(8, "must be at least 8 characters").optional(),
  NOTIFY_ACK_TIMEOUT_MS: positiveInt(60_000).default(1000),
  SIGNAL_TTL_SECONDS: positiveInt(86_400).default(300),
  METRICS_TOKEN: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Delivery-log rows, rejected signals and revoked sessions older than this many days are pruned (contract §1);
   * revoked sessions are kept at least a token's lifetime plus a day (server/auth/session-lifetime.ts).
   */
  RETENTION_DAYS: positiveInt(36_500).default(30),
  /** Lets webhook and push targets be loopback or private addresses, and plain http (contract §9). */
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  /** Web Push identity; demo mode generates a pair into data/ when both keys are unset. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, "must be an uncompressed P-256 public key in base64url (87 characters)")
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, "must be a P-256 private key in base64url (43 characters)")
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/).+/, "must be a mailto: or https:// URL")
    .default("mailto:signal-desk@example.com"),
  /** Milliseconds between demo bars; tests shorten it. */
  DEMO_FEED_INTERVAL_MS: positiveInt(600_000).default(2000),
  /**
   * A live bar source (docs/market-feed.md): a WebSocket kline stream in Binance's documented format, e.g.
   * wss://stream.binance.com:9443/stream?streams=btcusdt@kline_1m. Unset: no feed.
   */
  MARKET_FEED_URL: z
    .string()
    .regex(/^wss?:\/\/.+/, "must start with ws:// or wss://")
    .optional(),
  /** Tests only: the server's clock can be moved forward with POST /api/test/clock (ingest key). */
  TEST_CLOCK: booleanFlag.default(false),
  /** The second, explicit consent TEST_CLOCK needs outside NODE_ENV=test (tests run the production build). */
  ALLOW_TEST_CLOCK: booleanFlag.default(false),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR ranges). Unset: the
   * TCP peer is the client, and a client-sent X-Forwarded-For is ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((text, ctx) => {
      const list = parseProxyList(text);
      if (typeof list === "string") {
        ctx.addIssue({ code: "custom", message: `"${list}" is not an IP address or CIDR range` });
        return z.NEVER;
      }
      return list;
    })
    .optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "DEMO" | "DEMO_FEED" | "INGEST_API_KEY" | "TRUSTED_PROXIES"> & {
  DEMO: boolean;
  DEMO_FEED: boolean;
  TRUSTED_PROXIES: ProxyRange[];
  INGEST_API_KEY: string | undefined;
};

/** Parses the environment once; a bad value names the variable and what it expects. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join(".") ?? "environment";
    throw new EnvError(`Invalid environment variable ${name}: ${issue?.message ?? "invalid value"}`);
  }
  const parsed = result.data;
  // Production never falls into demo mode by itself: an empty database there must not get known passwords.
  const env = { ...parsed, DEMO: parsed.DEMO ?? parsed.NODE_ENV !== "production" };
  if (env.TEST_CLOCK && env.NODE_ENV !== "test" && !env.ALLOW_TEST_CLOCK) {
    throw new EnvError("Invalid environment variable TEST_CLOCK: only with NODE_ENV=test (or ALLOW_TEST_CLOCK=true)");
  }
  if (!env.DEMO && !env.AUTH_SECRET) {
    throw new EnvError("Invalid environment variable AUTH_SECRET: required when DEMO=false (at least 32 characters)");
  }
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
    const missing = env.VAPID_PUBLIC_KEY ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY";
    throw new EnvError(`Invalid environment variable ${missing}: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are set together`);
  }
  if (!env.DEMO && !env.INGEST_API_KEY) {
    throw new EnvError("Invalid environment variable INGEST_API_KEY: required when DEMO=false");
  }
  return {
    ...env,
    DEMO_FEED: env.DEMO_FEED ?? env.DEMO,
    TRUSTED_PROXIES: env.TRUSTED_PROXIES ?? [],
    INGEST_API_KEY: env.INGEST_API_KEY ?? (env.DEMO ? DEMO_INGEST_KEY : undefined),
  };
}

export class EnvError extends Error {}

/**
 * next-auth v4 reads its origin from process.env; behind a port chosen at runtime (or a load balancer)
 * the Host header is the only truthful origin, so trust it unless the operator pinned NEXTAUTH_URL.
 */
export function configureNextAuthOrigin(): void {
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "true";
}
