import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * No import cycle under server/ or components/, and none between the folders of server/ either (type-only imports included: they are how cycles creep in, e.g. a migration
 * taking a type from db/database.ts, which imports the migrations). `npx madge --circular --extensions ts
 * server` says the same with more detail; this keeps it true without the tool installed.
 */

const ROOT = process.cwd();

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : []);
    }),
  );
  return nested.flat();
}

/** The files under server/ that `file` imports (relative or `@/server/…` specifiers, any import form). */
function importsOf(file: string, source: string, known: Set<string>): string[] {
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)"([^"]+)"/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    const base = specifier.startsWith("@/")
      ? path.join(ROOT, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(file), specifier)
        : null;
    if (base === null) return [];
    const target = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find(
      (candidate) => known.has(candidate) || existsSync(candidate),
    );
    return target && known.has(target) ? [target] : [];
  });
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe("server/ imports", () => {
  it("form no cycle", async () => {
    const files = await sourceFiles(path.join(ROOT, "server"));
    const known = new Set(files);
    const graph = new Map<string, string[]>();
    for (const file of files) graph.set(file, importsOf(file, await readFile(file, "utf8"), known));
    // The walk must see the real graph: app.ts reaches the registry, the database reaches its migrations.
    expect(graph.get(path.join(ROOT, "server/app.ts"))).toContain(path.join(ROOT, "server/registry.ts"));
    expect(graph.get(path.join(ROOT, "server/db/database.ts"))).toContain(path.join(ROOT, "server/db/migrations.ts"));
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => path.relative(ROOT, file)).join(" → "));
    expect(cycles).toEqual([]);
  });
});

/** The folder of server/ a file is in (`notifications` for server/notifications/webhook/x.ts); null for a root file. */
function folderOf(file: string): string | null {
  const parts = path.relative(path.join(ROOT, "server"), file).split(path.sep);
  return parts.length > 1 ? parts[0]! : null;
}

/**
 * Arrows between folders known to climb back up, left for the hot-path rework (issue 22): each is still in the
 * code (the test fails when one is gone, so this list only shrinks), and no other may close a loop.
 */
const KNOWN_BACK_ARROWS = [
  // delivery reads SignalRow and the signal store from pipeline/, which hands approvals to delivery.
  "notifications → pipeline",
];

/** Strongly connected groups of more than one folder (Tarjan): each is a folder-level cycle. */
function folderCycles(arrows: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (folder: string) => {
    order.set(folder, counter);
    lowest.set(folder, counter++);
    stack.push(folder);
    for (const next of arrows.get(folder) ?? []) {
      if (!order.has(next)) {
        visit(next);
        lowest.set(folder, Math.min(lowest.get(folder)!, lowest.get(next)!));
      } else if (stack.includes(next)) lowest.set(folder, Math.min(lowest.get(folder)!, order.get(next)!));
    }
    if (lowest.get(folder) !== order.get(folder)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === folder ? undefined : stack.pop()) group.push(member);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const folder of arrows.keys()) if (!order.has(folder)) visit(folder);
  return groups;
}

describe("server/ folders", () => {
  it("form no cycle through any of their files (root files such as app.ts and registry.ts wire them and are left out)", async () => {
    const files = await sourceFiles(path.join(ROOT, "server"));
    const known = new Set(files);
    const arrows = new Map<string, Set<string>>();
    const witness = new Map<string, string>();
    for (const file of files) {
      const from = folderOf(file);
      if (from === null) continue;
      for (const target of importsOf(file, await readFile(file, "utf8"), known)) {
        const to = folderOf(target);
        if (to === null || to === from) continue;
        (arrows.get(from) ?? arrows.set(from, new Set()).get(from)!).add(to);
        witness.set(`${from} → ${to}`, `${path.relative(ROOT, file)} imports ${path.relative(ROOT, target)}`);
      }
    }
    // The walk sees the real graph: the routes reach the HTTP runner, the HTTP layer reaches auth.
    expect(arrows.get("routes")).toContain("http");
    expect(arrows.get("http")).toContain("auth");
    for (const arrow of KNOWN_BACK_ARROWS) {
      expect(witness.has(arrow), `${arrow} is gone: take it off KNOWN_BACK_ARROWS`).toBe(true);
      const [from, to] = arrow.split(" → ") as [string, string];
      arrows.get(from)!.delete(to);
    }
    const cycles = folderCycles(arrows).map((group) =>
      [
        group.join(" ⇄ "),
        ...group.flatMap((from) =>
          [...(arrows.get(from) ?? [])].filter((to) => group.includes(to)).map((to) => `  ${witness.get(`${from} → ${to}`)}`),
        ),
      ].join("\n"),
    );
    expect(cycles).toEqual([]);
  });

  it("finds a cycle through three folders", () => {
    const arrows = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(folderCycles(arrows)).toEqual([["a", "b", "c"]]);
  });
});

describe("components/ imports", () => {
  it("form no cycle (the socket hook tells the store; the toast layer listens to it)", async () => {
    const files = await sourceFiles(path.join(ROOT, "components"));
    const known = new Set(files);
    const graph = new Map<string, string[]>();
    for (const file of files) graph.set(file, importsOf(file, await readFile(file, "utf8"), known));
    const at = (file: string) => path.join(ROOT, "components", file);
    // The walk sees the real graph: the provider reaches the socket hook, the shell reaches the toast layer.
    expect(graph.get(at("desk/signal-desk-provider.tsx"))).toContain(at("desk/use-signal-socket.ts"));
    expect(graph.get(at("shell/desk-shell.tsx"))).toContain(at("signals/signal-toasts.tsx"));
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => path.relative(ROOT, file)).join(" → "));
    expect(cycles).toEqual([]);
  });
});
