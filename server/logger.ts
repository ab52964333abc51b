import pino from "pino";

/**
 * The one structured logger; modules take a child with their own namespace. Writes are asynchronous so a
 * slow log reader never stalls the delivery path; `flushLogs()` runs before the process exits.
 */
export const rootLogger = pino(
  {
    level: "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie", "secret", "*.secret"],
      censor: "[redacted]",
    },
  },
  pino.destination({ dest: 1, sync: false }),
);

export function flushLogs(): void {
  rootLogger.flush();
}

export type Logger = pino.Logger;

export function loggerFor(namespace: string): Logger {
  return rootLogger.child({ ns: namespace });
}
