/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No gzip in this process: Next compresses on the event loop that also delivers signals, and a CPU profile
  // of the delivery benchmark showed it in the longest stalls during a sign-in burst. Compression belongs to
  // the reverse proxy in front (README, "Several nodes").
  compress: false,
  // Native and Node-only packages stay outside Next's bundles; route handlers reach the live
  // services through server/registry.ts instead of importing them.
  serverExternalPackages: ["better-sqlite3", "pg", "pino", "kysely", "socket.io", "@socket.io/redis-adapter", "redis", "@node-rs/bcrypt"],
  typescript: { tsconfigPath: "tsconfig.json" },
  // forbidden() answers a trader on an admin page with a real 403 and app/forbidden.tsx.
  // No preloading of every page and route at start: a restarted node answers /readyz about twice as soon
  // (scripts/restart-time.ts); each route is loaded on its first request instead.
  experimental: { authInterrupts: true, preloadEntriesOnStart: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
