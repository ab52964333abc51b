import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./redis-server";

export interface OwnPostgres {
  url: string;
  /** pg_ctl stop -m fast: connections are cut, as in a crash of the database host. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): void;
}

/** The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = majors.map((major) => join(root, major, "bin")).find((bin) => existsSync(join(bin, "pg_ctl")));
  if (!found) throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql");
  return found;
}

/**
 * A PostgreSQL cluster of the test's own: initdb as `postgres` in a temporary folder it owns, a free port,
 * 127.0.0.1 only, trust auth. Stopping it never touches the machine's shared server.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBin();
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), "signal-desk-pg-"));
  chmodSync(folder, 0o755);
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  chownSync(folder, id("-u"), id("-g"));
  const data = join(folder, "data");
  const run = promisify(execFile);
  const argv = (command: string, args: string[]) => ["-u", "postgres", "--", join(bin, command), ...args];
  execFileSync("runuser", argv("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]), { stdio: "ignore", timeout: 60_000 });
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const startArgs = argv("pg_ctl", ["-D", data, "-l", join(folder, "log"), "-w", "-t", "30", "-o", options, "start"]);
  const stopArgs = argv("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  const start = async () => void (await run("runuser", startArgs, { timeout: 60_000 }));
  const stop = async () => void (await run("runuser", stopArgs, { timeout: 60_000 }));
  const stopQuietly = () => {
    try {
      execFileSync("runuser", stopArgs, { stdio: "ignore", timeout: 60_000 });
    } catch {
      // Already stopped.
    }
  };
  await start();
  process.once("exit", stopQuietly);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    destroy: () => {
      stopQuietly();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
