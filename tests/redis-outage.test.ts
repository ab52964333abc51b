import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { redisClientOptions } from "@/server/redis-adapter";
import { type OwnRedis, startOwnRedis } from "./support/redis-server";

let redis: OwnRedis | null = null;
afterAll(async () => {
  await redis?.stop();
});

describe("the Redis link during an outage (issue 11 item 2)", () => {
  it("fails a publish at once instead of queueing it for when Redis returns", async () => {
    redis = await startOwnRedis();
    const client = createClient(redisClientOptions(redis.url));
    client.on("error", () => undefined);
    await client.connect();
    const listener = createClient(redisClientOptions(redis.url));
    listener.on("error", () => undefined);
    await listener.connect();
    await redis.stop();
    await expect.poll(() => client.isReady, { timeout: 5000 }).toBe(false);

    const during = client.publish("signal-desk-test", "stale");
    const outcome = await Promise.race([
      during.then(
        () => "published",
        () => "refused",
      ),
      new Promise((resolve) => setTimeout(() => resolve("queued"), 3000)),
    ]);
    expect(outcome).toBe("refused");

    // Back up: nothing from the outage arrives, new messages do.
    const heard: string[] = [];
    await redis.start();
    await expect.poll(() => client.isReady && listener.isReady, { timeout: 10_000 }).toBe(true);
    await listener.subscribe("signal-desk-test", (message) => heard.push(message));
    await client.publish("signal-desk-test", "fresh");
    await expect.poll(() => heard, { timeout: 5000 }).toEqual(["fresh"]);
    await Promise.allSettled([client.quit(), listener.quit()]);
  });
});
