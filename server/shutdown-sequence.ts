import type { Clock } from "./clock";
import type { Logger } from "./logger";

/** What a stop does, in this order (SIGTERM from a load balancer or an orchestrator). */
export interface ShutdownSteps {
  /** Close the listening socket: new HTTP requests and handshakes go to another node from now on. */
  stopAccepting(): void;
  /** Stop the sweeps and feeds and write every batched row (delivery log, outbox) to the database. */
  flush(): Promise<void>;
  /** Disconnect Socket.IO clients and end the HTTP connections still open. */
  closeConnections(): Promise<void>;
  /** Redis and the database, once nothing can use them any more. */
  closeStores(): Promise<void>;
}

/** The flush gets this long; then the sockets close anyway, inside the process's 5-second deadline. */
export const SHUTDOWN_GRACE_MS = 3000;

/**
 * Runs a stop in the order that loses nothing: first no new work arrives, then the batches are flushed
 * while the open sockets can still ack, then the sockets close — after at most the grace period, even when
 * a flush hangs on a database that stopped answering.
 */
export async function runShutdown(steps: ShutdownSteps, clock: Clock, logger: Logger, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  steps.stopAccepting();
  logger.info({ phase: "accepting_stopped" }, "shutdown: no new connections");
  const flushed = steps.flush().then(
    () => true,
    (error: unknown) => {
      logger.error({ err: error }, "shutdown: flush failed");
      return true;
    },
  );
  const inTime = await Promise.race([flushed, clock.sleep(graceMs).then(() => false)]);
  if (inTime) logger.info({ phase: "flushed" }, "shutdown: batches flushed");
  else logger.warn({ phase: "flush_timeout", grace_ms: graceMs }, "shutdown: flush exceeded the grace period");
  await steps.closeConnections();
  logger.info({ phase: "connections_closed" }, "shutdown: connections closed");
  // A flush still running holds the stores: closing them under it would turn a slow write into a lost one.
  if (inTime) await steps.closeStores();
}
