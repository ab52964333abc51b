/**
 * The loud line a production start in demo mode prints: demo users with published passwords and a
 * published ingest key are fine on a laptop and a break-in anywhere else.
 */
export function demoWarning(env: { NODE_ENV: string; DEMO: boolean; INGEST_API_KEY: string | undefined }): string | null {
  if (!env.DEMO || env.NODE_ENV !== "production") return null;
  const key = env.INGEST_API_KEY === DEMO_INGEST_KEY ? " and the ingest key 'demo-ingest-key'" : "";
  return `DEMO MODE IN PRODUCTION: demo users with published passwords${key} are accepted. Do not expose this server; start with DEMO=false, AUTH_SECRET and INGEST_API_KEY for real use.`;
}

/** The ingest key demo mode uses when INGEST_API_KEY is unset (contract §1). */
export const DEMO_INGEST_KEY = "demo-ingest-key";
