import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface DiscoveredRoute {
  /** The route module, relative to the project root. */
  file: string;
  /** URL path with `[param]` segments left in place, e.g. /api/signals/[id]/decision. */
  path: string;
  methods: string[];
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Every route handler under app/ (route.ts files) with the HTTP methods it exports (`export function GET`,
 * `export const GET`, `export { handler as GET }`), read from the source: a route another issue adds is fuzzed
 * (tests/faults) and must be documented (tests/openapi.test.ts) without anyone updating a list.
 */
export function discoverRoutes(appDir = "app"): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = METHODS.filter((method) =>
          new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${method}\\b|export\\s*\\{[^}]*\\bas\\s+${method}\\b`).test(source),
        );
        const segments = relative(appDir, dir)
          .split(sep)
          // Route groups such as (dashboard) are not part of the URL.
          .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
        routes.push({ file: relative(".", full), path: `/${segments.join("/")}`, methods });
      }
    }
  };
  walk(appDir);
  return routes.sort((x, y) => x.path.localeCompare(y.path));
}

/** Fills `[param]` and `[...catchAll]` segments with the given values. */
export function fillPath(path: string, param: string, catchAll: string): string {
  return path.replace(/\[\.\.\.[^\]]+\]/g, catchAll).replace(/\[[^\]]+\]/g, encodeURIComponent(param));
}
