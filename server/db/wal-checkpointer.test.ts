import { statSync } from "node:fs";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "@/tests/support/test-server";
import { openDatabase } from "./database";
import { WalCheckpointer } from "./wal-checkpointer";

describe("WAL checkpoints off the event loop", () => {
  it("never checkpoints on the serving connection; the worker copies the WAL into the file within seconds", async () => {
    const url = freshDatabaseUrl();
    const file = url.slice("file:".length);
    const handle = await openDatabase(url);
    const sqlite = handle.sqlite!;
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(0);

    const sizeBefore = statSync(file).size;
    // Well past the 1,000 pages at which a commit would otherwise run the checkpoint itself.
    const insert = sqlite.prepare("insert into market_closes (symbol, close, close_at) values (?, ?, ?)");
    sqlite.transaction(() => {
      for (let i = 0; i < 60_000; i++) insert.run(`S${i}`, "1".padEnd(40, "0"), i);
    })();
    // The commit itself wrote only the WAL: nothing reached the database file on this thread.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(4096 * 1000);
    expect(statSync(file).size).toBe(sizeBefore);

    // The worker's checkpoint runs every second; bounded wait for the pages to reach the file.
    const deadline = Date.now() + 10_000;
    while (statSync(file).size < 4096 * 1000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(file).size).toBeGreaterThan(4096 * 1000);
    await handle.close();
  });

  it("hands checkpoints back to the serving connection when the worker is gone", async () => {
    const file = freshDatabaseUrl().slice("file:".length);
    const sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
    const checkpointer = WalCheckpointer.start(sqlite, file);
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    await checkpointer.stop();
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    sqlite.close();
  });
});
