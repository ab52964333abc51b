/**
 * Self time of a V8 CPU profile (`node --cpu-prof`, the bench's --cpu-prof DIR) by module: each npm package,
 * each of our source files, Node's internals, GC and idle. Optionally only a window of the run, e.g. the
 * saturation phase.
 *
 *   npx tsx bench/cpu-profile-summary.ts FILE.cpuprofile [--from SECONDS] [--to SECONDS] [--top 25] [--functions]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: "string" },
    to: { type: "string" },
    top: { type: "string", default: "25" },
    functions: { type: "boolean", default: false },
  },
});
const profile = JSON.parse(readFileSync(positionals[0]!, "utf8")) as Profile;
const from = values.from === undefined ? -Infinity : Number(values.from) * 1e6;
const to = values.to === undefined ? Infinity : Number(values.to) * 1e6;

/** A module name for a call frame: the package under node_modules, our file under the repo, or a V8 bucket. */
function moduleOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return `(${functionName || "anonymous"})`;
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1]!;
  if (url.startsWith("node:")) return url;
  const ours = /\/(server|lib|dist|app)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<string, number>();
let elapsed = 0;
let total = 0;
profile.samples.forEach((id, index) => {
  elapsed += profile.timeDeltas[index] ?? 0;
  if (elapsed < from || elapsed > to) return;
  const delta = profile.timeDeltas[index + 1] ?? 0;
  const node = byId.get(id)!;
  const name = values.functions ? `${moduleOf(node)} ${node.callFrame.functionName}` : moduleOf(node);
  selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
  total += delta;
});
const busy = total - (selfUs.get("((idle))") ?? 0);
console.log(`window ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s`);
for (const [name, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`${(us / 1e3).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} % of busy  ${name}`);
}
