import { io, type Socket } from "socket.io-client";

export interface Receipt {
  user: string;
  at: number;
  copies: number;
}

/**
 * N Socket.IO clients in the benchmark's process, one per user, each acking every `signal_approved` at once
 * with `{ received_at }` as the dashboard does. The same fleet design drives the baseline and Signal Desk.
 */
export class ClientFleet {
  readonly receipts = new Map<string, Receipt>();
  private readonly sockets: Socket[] = [];
  /** Called on every first receipt (closed-loop phases count their outstanding deliveries with it). */
  onFirstReceipt: ((signalId: string) => void) | null = null;

  /** Connects one socket per entry of `auth` (a token for Signal Desk, a user number for the baseline). */
  async connect(url: string, users: string[], authFor: (user: string, index: number) => Promise<Record<string, unknown>>): Promise<void> {
    const CONNECT_BATCH = 100;
    for (let i = 0; i < users.length; i += CONNECT_BATCH) {
      await Promise.all(
        users.slice(i, i + CONNECT_BATCH).map(async (user, j) => {
          const socket = io(url, { transports: ["websocket"], auth: await authFor(user, i + j), reconnection: false, forceNew: true });
          socket.on("signal_approved", (signal: { signal_id: string }, ack: (reply: { received_at: string }) => void) => {
            const seen = this.receipts.get(signal.signal_id);
            if (seen) seen.copies++;
            else {
              this.receipts.set(signal.signal_id, { user, at: Date.now(), copies: 1 });
              this.onFirstReceipt?.(signal.signal_id);
            }
            ack({ received_at: new Date().toISOString() });
          });
          await new Promise<void>((resolve, reject) => {
            socket.once("connect", resolve);
            socket.once("connect_error", reject);
          });
          this.sockets.push(socket);
        }),
      );
    }
  }

  get size(): number {
    return this.sockets.length;
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
    this.sockets.length = 0;
  }

  /** Lost, duplicated and misdelivered among the expected signal → user pairs. */
  check(expected: ReadonlyMap<string, string>): { lost: number; duplicated: number; misdelivered: number } {
    let lost = 0;
    let duplicated = 0;
    let misdelivered = 0;
    for (const [signalId, user] of expected) {
      const receipt = this.receipts.get(signalId);
      if (!receipt) lost++;
      else {
        if (receipt.copies > 1) duplicated++;
        if (receipt.user !== user) misdelivered++;
      }
    }
    return { lost, duplicated, misdelivered };
  }
}
