import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The lowest scheduling priority (nice 19): the thread runs on what the delivery path leaves idle. */
const LOWEST_PRIORITY = 19;

// Source text (not a file), so the same code runs from the TypeScript sources and from the server bundle.
// os.setPriority(n) without a pid is setpriority(PRIO_PROCESS, 0), which on Linux applies to the calling
// thread only: this worker drops to nice 19, the event loop that delivers signals stays at its priority.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { setPriority } = require("node:os");
const { verifySync } = require(workerData.bcrypt);
try { setPriority(workerData.priority); } catch {}
parentPort.on("message", ({ password, hash }) => {
  let ok = false;
  try { ok = verifySync(password, hash); } catch { ok = false; }
  parentPort.postMessage(ok);
});
`;

interface Job {
  password: string;
  hash: string;
  resolve: (ok: boolean) => void;
}

/**
 * bcrypt verification on a few worker threads at the lowest CPU priority. On the libuv pool a cost-12 hash
 * took a whole core at normal priority: during a burst of sign-ins on this 2-core machine, the delivery
 * benchmark's p99 rose 7× (the event loop was free, but it shared the remaining core with the clients).
 * At nice 19 the kernel runs a verification only on CPU time nothing else wants, so a sign-in burst waits
 * instead of delivery. A worker that dies fails its one verification (a refused sign-in) and is replaced.
 */
export class PasswordThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly bcryptPath = createRequire(import.meta.url).resolve("@node-rs/bcrypt");

  constructor(private readonly size: number) {}

  /** True when the password matches; a malformed hash is false, never an error. */
  verify(password: string, hash: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.queue.push({ password, hash, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      // Referenced while it works, so a process never exits with a verification half done.
      worker.ref();
      worker.postMessage({ password: job.password, hash: job.hash });
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcrypt: this.bcryptPath, priority: LOWEST_PRIORITY } });
    worker.unref();
    worker.on("message", (ok: boolean) => {
      this.finish(worker, ok);
      this.idle.push(worker);
      worker.unref();
      this.dispatch();
    });
    // An uncaught error in the worker ends in its exit, handled below.
    worker.on("error", () => undefined);
    worker.once("exit", () => {
      this.finish(worker, false);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      this.dispatch();
    });
    return worker;
  }

  private finish(worker: Worker, ok: boolean): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    job?.resolve(ok);
  }
}
