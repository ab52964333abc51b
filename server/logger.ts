import pino from "pino";

/** The one structured logger; modules take a child with their own namespace. */
export const rootLogger = pino({
  level: "info",
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie", "secret", "*.secret"],
    censor: "[redacted]",
  },
});

export type Logger = pino.Logger;

export function loggerFor(namespace: string): Logger {
  return rootLogger.child({ ns: namespace });
}
