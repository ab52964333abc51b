import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { SqlDialectName } from "../../db/database";
import type { Database, EscalationState, EscalationsTable } from "../../db/schema";

export type EscalationRow = Selectable<EscalationsTable>;
export type NewEscalation = Pick<EscalationRow, "signal_id" | "user_id" | "channel" | "target" | "mode">;

/** 12 columns a row: 2,400 bound parameters a statement, far below SQLite's 32,766 and PostgreSQL's 65,535. */
export const ROWS_PER_INSERT = 200;

/**
 * The durable state of away-from-the-desk sends. A row per signal, channel and target (unique), so a signal goes
 * once per channel however many nodes or triggers race; a lease says which node is sending it right now.
 */
export class EscalationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {}

  /** True when this signal already escalated on this channel (the "once per channel" rule). */
  async hasChannel(signalId: string, channel: EscalationRow["channel"]): Promise<boolean> {
    const row = await this.db
      .selectFrom("escalations")
      .select("id")
      .where("signal_id", "=", signalId)
      .where("channel", "=", channel)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Inserts the sends this node will make now, leased to it; returns only the rows it created (not a racer's).
   * In statements of ROWS_PER_INSERT rows: one statement for 2,731 sends passed SQLite's 32,766 bound parameters,
   * failed, and took the webhook's row down with the push rows (issue 23 item 5).
   */
  async create(sends: NewEscalation[], owner: string, now: number, leaseMs: number): Promise<EscalationRow[]> {
    const created: EscalationRow[] = [];
    for (let start = 0; start < sends.length; start += ROWS_PER_INSERT) {
      created.push(...(await this.insert(sends.slice(start, start + ROWS_PER_INSERT), owner, now, leaseMs)));
    }
    return created;
  }

  private insert(sends: NewEscalation[], owner: string, now: number, leaseMs: number): Promise<EscalationRow[]> {
    return this.db
      .insertInto("escalations")
      .values(
        sends.map((send) => ({
          ...send,
          id: randomUUID(),
          state: "pending" as const,
          attempts: 0,
          next_attempt_at: now,
          owner,
          lease_until: now + leaseMs,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["signal_id", "channel", "target"]).doNothing())
      .returningAll()
      .execute();
  }

  /**
   * Claims sends that are due (a retry whose time came, or one whose node died mid-send): a conditional UPDATE,
   * so each row goes to one node. PostgreSQL skips rows another node is claiming at that moment.
   */
  async claimDue(owner: string, now: number, leaseMs: number, limit = 50): Promise<EscalationRow[]> {
    const due = this.db
      .selectFrom("escalations")
      .select("id")
      .where("state", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .limit(limit);
    return this.db
      .updateTable("escalations")
      .set({ owner, lease_until: now + leaseMs })
      .where("id", "in", this.dialect === "postgres" ? due.forUpdate().skipLocked() : due)
      .where("state", "=", "pending")
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .returningAll()
      .execute();
  }

  /** Records an attempt: the send is done (`state`), or waits for `nextAttemptAt` with its lease released. */
  async record(id: string, owner: string, attempts: number, next: { state: EscalationState } | { nextAttemptAt: number }): Promise<void> {
    await this.db
      .updateTable("escalations")
      .set(
        "state" in next
          ? { attempts, state: next.state, next_attempt_at: null, owner: null, lease_until: null }
          : { attempts, next_attempt_at: next.nextAttemptAt, owner: null, lease_until: null },
      )
      .where("id", "=", id)
      .where("owner", "=", owner)
      .execute();
  }

  listForSignal(signalId: string): Promise<EscalationRow[]> {
    return this.db.selectFrom("escalations").selectAll().where("signal_id", "=", signalId).orderBy("created_at").execute();
  }
}
