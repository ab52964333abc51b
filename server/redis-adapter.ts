import type { Logger } from "./logger";
import { registerPublisher } from "./realtime/publish-readiness";
import type { SignalDeskIo } from "./realtime/socket-types";

export interface RedisLink {
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * No offline queue: a publish while Redis is down fails at once instead of waiting in memory and being
 * flushed when Redis returns, when other nodes' tabs would get signals that expired or were decided
 * meanwhile, and disconnects of disabled users late. The database outbox already carries every
 * delivery across the outage (replayed on reconnect and every 10 s).
 */
export function redisClientOptions(url: string) {
  return {
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000), connectTimeout: 2000 },
  };
}

/**
 * Shares Socket.IO rooms between nodes through Redis pub/sub. The clients reconnect on their own after
 * a Redis restart; meanwhile deliveries to sockets on other nodes fail, are retried, and stay in the outbox.
 */
export async function attachRedisAdapter(io: SignalDeskIo, url: string, prefix: string, logger: Logger): Promise<RedisLink> {
  // Loaded only when REDIS_URL is set: a single node starts ~0.3 s sooner without the Redis client.
  const [{ createClient }, { createAdapter }] = await Promise.all([import("redis"), import("@socket.io/redis-adapter")]);
  const pub = createClient(redisClientOptions(url));
  const sub = pub.duplicate();
  for (const [name, client] of [
    ["pub", pub],
    ["sub", sub],
  ] as const) {
    client.on("error", (error: Error) => logger.warn({ client: name, err: error.message }, "redis error"));
    client.on("ready", () => logger.info({ client: name }, "redis ready"));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: prefix, requestsTimeout: 2000 }));
  registerPublisher(io, () => pub.isReady);
  return {
    ready: async () => {
      if (!pub.isReady || !sub.isReady) return false;
      try {
        return (await pub.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
