import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";

/** How often the worker copies committed pages from the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;

// A worker of its own, given as source text so the same code runs from the TypeScript sources (tsx, vitest)
// and from the compiled bundle without a second entry file. PASSIVE never waits for the writer and never
// blocks it; what it cannot copy now it copies on the next round.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.driver);
const sqlite = new SQLite(workerData.filename);
const checkpoint = () => sqlite.pragma("wal_checkpoint(PASSIVE)");
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  sqlite.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the commit that pushes the WAL past 1,000
 * pages runs the checkpoint itself: it writes those pages into the database file and fsyncs, which took
 * 5–90 ms on this machine's disk — a stall for every delivery and ack in flight. Here the serving connection
 * never checkpoints; a worker thread with its own connection does, every second. Should the worker die, the
 * serving connection checkpoints by itself again, so the WAL never grows without bound.
 */
export class WalCheckpointer {
  private constructor(
    private readonly worker: Worker,
    private readonly exited: Promise<void>,
  ) {}

  static start(sqlite: SQLite.Database, filename: string): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), filename, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    // The worker must not keep a process alive that has nothing else to do.
    worker.unref();
    sqlite.pragma("wal_autocheckpoint = 0");
    const restoreAutoCheckpoint = () => {
      if (sqlite.open) sqlite.pragma("wal_autocheckpoint = 1000");
    };
    worker.once("error", restoreAutoCheckpoint);
    const exited = new Promise<void>((resolve) =>
      worker.once("exit", () => {
        restoreAutoCheckpoint();
        resolve();
      }),
    );
    return new WalCheckpointer(worker, exited);
  }

  /** A last checkpoint, then the worker's connection closes; call before closing the serving connection. */
  async stop(): Promise<void> {
    // Referenced again while it finishes: a process waiting for nothing but this worker must not exit meanwhile.
    this.worker.ref();
    this.worker.postMessage("stop");
    await this.exited;
  }
}
