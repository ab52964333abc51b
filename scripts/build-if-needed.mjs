// `npm start` builds once: a fresh clone has no .next/BUILD_ID, so the first start runs `next build`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: running next build (once)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
