/**
 * The import graph of src/ has no cycle: every module can be read, loaded and
 * tested on its own, bottom-up. Static imports, re-exports and dynamic
 * `import('…')` all count (a lazy import still makes two modules depend on
 * each other). Type-only imports count too: they are a dependency a reader
 * must follow, and a cycle through them is usually a real one waiting.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');

function listTs(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listTs(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Comments and string contents that are not import specifiers are blanked first, so an example in a comment is not an edge. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const SPECIFIERS = [
  // import x from '…'; import { a } from '…'; import type { T } from '…'; export { a } from '…'; export * from '…'
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
  // import('…') and await import("…")
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Relative specifiers of one file, resolved to source files under src/ (packages are not part of the graph). */
export function importsOf(file: string, text = readFileSync(file, 'utf8'), only: 'all' | 'value' = 'all'): string[] {
  const code = stripComments(text);
  const out = new Set<string>();
  for (const re of SPECIFIERS) {
    for (const m of code.matchAll(re)) {
      if (only === 'value' && /^(?:import|export)\s+type\b/.test(m[0])) continue;
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      const base = resolve(dirname(file), spec);
      const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts'), base];
      const hit = candidates.find((c) => c.endsWith('.ts') && existsSync(c));
      if (hit && hit.startsWith(SRC)) out.add(hit);
    }
  }
  return [...out];
}

/** Every cycle's strongly connected component (Tarjan), as paths relative to the repository. */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.map((f) => relative(ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the import graph of src/', () => {
  it('finds edges of every kind, and a cycle when there is one (the checker checks itself)', () => {
    const a = join(SRC, 'cli', 'main.ts');
    const text = [
      "import yargs from 'yargs';",
      "import { x } from './context.js';",
      "import type { T } from './exit-code.js';",
      "export { y } from './options.js';",
      "const m = await import('./summary.js');",
      "// import { z } from './bin.js';",
    ].join('\n');
    const found = importsOf(a, text).map((f) => relative(SRC, f)).sort();
    expect(found).toEqual(['cli/context.ts', 'cli/exit-code.ts', 'cli/options.ts', 'cli/summary.ts']);
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]].map(([k, v]) => [join(ROOT, k as string), (v as string[]).map((x) => join(ROOT, x))]));
    expect(cyclesOf(g)).toEqual([['a', 'b', 'c']]);
  });

  it('has no cycle among value imports (what runs)', () => {
    const files = listTs(SRC);
    expect(files.length).toBeGreaterThan(100);
    const graph = new Map(files.map((f) => [f, importsOf(f, undefined, 'value')]));
    const edges = [...graph.values()].reduce((n, e) => n + e.length, 0);
    expect(edges).toBeGreaterThan(files.length); // the parser is reading imports, not silently finding none
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('has no cycle with type-only imports either', () => {
    const files = listTs(SRC);
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    expect(cyclesOf(graph)).toEqual([]);
  });
});
