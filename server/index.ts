import { configureNextAuthOrigin, EnvError, loadEnv } from "./env";
import { flushLogs, rootLogger } from "./logger";
import { startApp } from "./app";

const SHUTDOWN_DEADLINE_MS = 5000;

/** The one entry point: validated configuration, then Next.js and Socket.IO on one port. */
async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  rootLogger.level = env.LOG_LEVEL;
  configureNextAuthOrigin();
  const app = await startApp(env, { dev });

  const shutdown = (signal: string) => {
    rootLogger.info({ signal }, "shutting down");
    setTimeout(() => {
      rootLogger.error("shutdown took too long; exiting");
      flushLogs();
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app.stop().then(
      () => {
        flushLogs();
        process.exit(0);
      },
      (error: unknown) => {
        rootLogger.error({ err: error }, "shutdown failed");
        flushLogs();
        process.exit(1);
      },
    );
  };
  // A stray rejection (a Redis command failing during an outage, say) is logged; delivery state is in the
  // database, so staying up serves traders better than a crash loop.
  process.on("unhandledRejection", (reason) => rootLogger.error({ err: reason }, "unhandled rejection"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  rootLogger.fatal({ err: error }, "Signal Desk failed to start");
  flushLogs();
  process.exit(1);
});
