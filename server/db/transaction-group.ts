import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

export type TransactionWork<T> = (trx: Transaction<Database>) => Promise<T>;

interface Queued {
  work: TransactionWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs units of work that arrive together in one transaction, one after another, so they share one commit.
 * On SQLite a commit is the most expensive statement of an ingest (it writes every page the inserts touched
 * into the WAL) and there is one writer anyway, so patterns arriving in the same event-loop turn, or while a
 * group is committing, share the next one. Each unit sees the writes of the units before it (a duplicate
 * within a group is caught as it would be across groups) and its promise settles only after the commit.
 * When a group fails, each of its units runs again in a transaction of its own: one bad unit fails alone.
 * `maxGroup` 1 gives every unit its own transaction (PostgreSQL, whose pool runs them side by side).
 */
export class TransactionGroup {
  private readonly queue: Queued[] = [];
  private draining = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxGroup: number,
  ) {}

  run<T>(work: TransactionWork<T>): Promise<T> {
    if (this.maxGroup <= 1) return this.db.transaction().execute(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // After the I/O callbacks of this turn: requests whose bodies arrived together join one group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      await (group.length === 1 ? this.runAlone(group[0]!) : this.runGroup(group));
    }
    this.draining = false;
  }

  private async runGroup(group: Queued[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.db.transaction().execute(async (trx) => {
        const out: unknown[] = [];
        for (const unit of group) out.push(await unit.work(trx));
        return out;
      });
    } catch {
      for (const unit of group) await this.runAlone(unit);
      return;
    }
    group.forEach((unit, index) => unit.resolve(results[index]));
  }

  private async runAlone(unit: Queued): Promise<void> {
    try {
      unit.resolve(await this.db.transaction().execute(unit.work));
    } catch (error) {
      unit.reject(error);
    }
  }
}
