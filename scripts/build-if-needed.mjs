// `npm start` builds what is missing: a fresh clone has no .next/BUILD_ID, so the first start runs
// `next build` (once); the server bundle (dist/server/index.mjs) is rebuilt whenever a source is newer.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: running next build (once)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const server = spawnSync(process.execPath, ["scripts/build-server.mjs", "--if-stale"], { stdio: "inherit" });
process.exit(server.status ?? 1);
