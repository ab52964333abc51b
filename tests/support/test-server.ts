import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface TestServer {
  url: string;
  pid: number;
  /** Every line the server printed so far (structured logs are JSON: parse what a test needs). */
  logs: string[];
  env: Record<string, string>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, nothing flushed. */
  kill(): Promise<void>;
}

export const TEST_INGEST_KEY = "test-ingest-key-0123456789";

/** A fresh SQLite file in a temporary folder, for one test server (or one restarted several times). */
export function freshDatabaseUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "signal-desk-")), "test.db")}`;
}

/** What `npm start` runs: the compiled server bundle (scripts/build-server.mjs) on the production Next build. */
export const SERVER_ENTRY = "dist/server/index.mjs";
let bundleChecked = false;

/**
 * Rebuilds the server bundle when a source under server/ or lib/ is newer (~1 s, once per test process),
 * so tests always run the code as it is now, compiled the way production runs it.
 */
export function ensureServerBundle(): void {
  if (bundleChecked) return;
  const result = spawnSync(process.execPath, ["scripts/build-server.mjs", "--if-stale"], { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error("scripts/build-server.mjs failed");
  bundleChecked = true;
}

/**
 * Starts the real server (dist/server/index.mjs, as `npm start` does, on the production Next build) as a
 * child process on a free port. Run `next build` first; `npm test` does.
 */
export async function startTestServer(overrides: Record<string, string> = {}, options: { nodeArgs?: string[] } = {}): Promise<TestServer> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: freshDatabaseUrl(),
    DEMO: "true",
    DEMO_FEED: "false",
    AUTH_SECRET: randomBytes(32).toString("hex"),
    INGEST_API_KEY: TEST_INGEST_KEY,
    LOG_LEVEL: "info",
    ...overrides,
  };
  ensureServerBundle();
  // nodeArgs: flags Node refuses in NODE_OPTIONS, such as the benchmark's --cpu-prof.
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_ENTRY], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // A test runner killed mid-test must not leave servers behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const logs: string[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      process.off("exit", killOnExit);
      resolve(code);
    }),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s\n${stderr}`)), 60_000);
    let listening = false;
    createInterface({ input: child.stdout }).on("line", (line) => {
      logs.push(line);
      if (listening || !line.includes("Signal Desk listening")) return;
      listening = true;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${stderr}\n${logs.slice(-5).join("\n")}`));
    });
  });

  return {
    url,
    pid: child.pid ?? 0,
    logs,
    env,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Runs the server entry point expecting it to fail at start; returns exit code and stderr. */
export async function runServerExpectingFailure(overrides: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  ensureServerBundle();
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DEMO: "true", ...overrides },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stderr };
}
