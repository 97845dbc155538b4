/**
 * The package's entries: `vouch` (the library) must not load yargs or the
 * command modules, `vouch/cli` gives `run`, `RunContext`, `ExitCode` and
 * `capturedContext`. What a fresh Node process loads for each entry is
 * recorded by a module-resolution hook (every ESM resolution) plus the CommonJS
 * cache, so a yargs pulled in either way is seen; the same probe on
 * `vouch/cli` must see yargs, or the probe proves nothing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.js';

interface PackageJson {
  exports: Record<string, string | { types: string; default: string }>;
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-entries-'));
  // Runs in the loader thread: appends every resolved URL to the trace file.
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.TRACE_FILE, r.url + '\\n');
  return r;
}
`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Import `entry` in a fresh Node process; what it loaded (ESM URLs and CommonJS files), and what it exports. */
function load(entry: string, name: string): { loaded: string[]; exported: string[] } {
  const trace = join(dir, `${name}.trace`);
  writeFileSync(trace, '');
  const script = `
import { createRequire } from 'node:module';
const m = await import(${JSON.stringify(pathToFileURL(entry).href)});
const cjs = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify({ cjs, exported: Object.keys(m).sort() }));
`;
  const out = execFileSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, TRACE_FILE: trace },
    encoding: 'utf8',
  });
  const { cjs, exported } = JSON.parse(out) as { cjs: string[]; exported: string[] };
  const esm = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  return { loaded: [...esm, ...cjs], exported };
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const target = (key: string) => {
  const t = pkg.exports[key]!;
  return join(ROOT, typeof t === 'string' ? t : t.default);
};
const yargsIn = (loaded: string[]) => loaded.filter((u) => /[\\/]node_modules[\\/]yargs(-parser)?[\\/]/.test(u));
const commandsIn = (loaded: string[]) => loaded.filter((u) => /[\\/]src[\\/]cli[\\/]/.test(u));

describe('package entries', () => {
  it('vouch/cli is an export with types, and gives run, ExitCode and capturedContext', () => {
    const cli = pkg.exports['./cli'];
    expect(cli).toEqual({ types: './dist/src/cli/index.d.ts', default: './dist/src/cli/index.js' });
    const { loaded, exported } = load(target('./cli'), 'cli');
    expect(exported).toEqual(['ExitCode', 'capturedContext', 'run']);
    // The probe sees yargs when it is loaded: the check below can fail.
    expect(yargsIn(loaded).length).toBeGreaterThan(0);
  }, 60_000);

  it('the main entry (vouch) loads neither yargs nor the CLI modules', () => {
    const { loaded, exported } = load(target('.'), 'main');
    expect(exported).toContain('check');
    expect(loaded.length).toBeGreaterThan(20);
    expect(yargsIn(loaded)).toEqual([]);
    expect(commandsIn(loaded)).toEqual([]);
  }, 60_000);

  it('vouch/cli runs a command in-process: output to the context, the documented exit code', async () => {
    const { run, capturedContext } = (await import(pathToFileURL(target('./cli')).href)) as typeof import('../../src/cli/index.js');
    const ctx = capturedContext();
    expect(await run(['controls'], ctx)).toBe(0);
    expect(ctx.out()).toMatch(/enc-rest/);
    const bad = capturedContext();
    expect(await run(['no-such-command'], bad)).toBe(2);
    expect(bad.err()).toMatch(/Run 'vouch --help'/);
  }, 60_000);
});
