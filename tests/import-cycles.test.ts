import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * No import cycle under server/ or components/ (type-only imports included: they are how cycles creep in, e.g. a migration
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
