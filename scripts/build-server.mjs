// Compiles the custom server (server/index.ts and what it imports from server/ and lib/) into one ES module,
// dist/server/index.mjs, so production starts plain JavaScript instead of transpiling TypeScript at boot.
// Packages stay external (node_modules as installed). `--if-stale` skips the build when the bundle is newer
// than every source file; the output is written to a temporary file and renamed, so a server starting
// meanwhile never reads half a file.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

export const SERVER_BUNDLE = "dist/server/index.mjs";
// app/ too: the custom server calls a route handler or two directly (server/http/direct-routes.ts).
const SOURCES = ["server", "lib", "app", "package.json", "tsconfig.json"];

function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, entry)));
  return newest;
}

function isStale() {
  try {
    const built = statSync(SERVER_BUNDLE).mtimeMs;
    return SOURCES.some((source) => newestSource(source) > built);
  } catch {
    return true;
  }
}

if (process.argv.includes("--if-stale") && !isStale()) process.exit(0);

const result = await build({
  entryPoints: ["server/index.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // Route handlers the server calls directly import `next/server`; Next has no exports map, and Node's ESM
  // resolver needs the file name.
  alias: { "next/server": "next/server.js" },
  // No source map: the bundle is readable JavaScript with a `// server/…` marker above each module.
  write: false,
  outfile: SERVER_BUNDLE,
  logLevel: "warning",
});
mkdirSync(dirname(SERVER_BUNDLE), { recursive: true });
const [output] = result.outputFiles;
const temporary = `${SERVER_BUNDLE}.${process.pid}.tmp`;
writeFileSync(temporary, output.contents);
renameSync(temporary, SERVER_BUNDLE);
