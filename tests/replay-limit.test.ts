import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { REPLAY_MIN_INTERVAL_MS } from "@/server/notifications/delivery-service";
import { aaplSpring, postPattern, uniqueSymbol } from "./support/patterns";
import { authedFetch, signIn, type SignedIn } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";
import { connectTrader, userIdOf } from "./support/trader-client";

const TRADER = "trader@example.com";
const admin = DEMO_USERS.find((user) => user.role === "admin")!;

let server: TestServer;
let adminSession: SignedIn;
let traderSession: SignedIn;
let traderId: string;

async function deliveryLog(signalId: string): Promise<DeliveryLogRow[]> {
  const response = await authedFetch(server.url, adminSession, `/api/admin/deliveries?signal=${signalId}&limit=100`);
  return ((await response.json()) as { rows: DeliveryLogRow[] }).rows.reverse();
}

beforeAll(async () => {
  server = await startTestServer({ NOTIFY_ACK_TIMEOUT_MS: "300" });
  adminSession = await signIn(server.url, admin.email, admin.password);
  traderSession = await signIn(server.url, TRADER, DEMO_USERS.find((user) => user.email === TRADER)!.password);
  traderId = await userIdOf(server.url, TRADER);
});
afterAll(async () => {
  await server.stop();
});

describe("replays on connect (issue 23 item 6)", () => {
  it("replays a signal once per interval however often a client reconnects", { timeout: 60_000 }, async () => {
    // Approved while the trader is away: four failed attempts, then the signal waits in the outbox.
    const answer = await postPattern(server.url, aaplSpring({ symbol: uniqueSymbol(), user_ids: [traderId] }));
    expect(answer.status).toBe(201);
    const signalId = answer.body.signals[0]!.signal_id;
    await expect.poll(() => deliveryLog(signalId), { timeout: 10_000 }).toHaveLength(4);

    // A reconnect loop: five connections in a row, none of which acks.
    let copies = 0;
    for (let i = 0; i < 5; i++) {
      const tab = await connectTrader(server.url, TRADER, { session: traderSession, ackWhen: () => false });
      await new Promise((resolve) => setTimeout(resolve, 150));
      copies += tab.copiesOf(signalId).length;
      tab.close();
    }
    // Each replay is logged once its ack timeout passed or its socket closed.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const replays = (await deliveryLog(signalId)).slice(4);
    expect(copies).toBe(1);
    expect(replays).toHaveLength(1);

    // A tab that stays connected is not left out: it gets the signal once the interval is over.
    const stay = await connectTrader(server.url, TRADER, { session: traderSession });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stay.copiesOf(signalId)).toHaveLength(0);
    await expect.poll(() => stay.stored.has(signalId), { timeout: REPLAY_MIN_INTERVAL_MS + 5000 }).toBe(true);
    await expect
      .poll(async () => (await deliveryLog(signalId)).slice(4).map((row) => row.outcome))
      .toEqual([replays[0]!.outcome, "replayed"]);
    stay.close();
  });
});
