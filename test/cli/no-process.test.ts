/**
 * Commands run in the RunContext they are given (src/cli/context.ts): only
 * the CLI entry, src/cli/bin.ts, reads the process's arguments, environment
 * and streams or ends it. A command that wrote to process.stdout would escape
 * `run(argv, ctx)`'s capture; one that read process.env would ignore the
 * context's environment. The sources (src/sources) are held to the same: they
 * get the caller's environment passed down (src/sources/providers/common/env.ts
 * lists what they read, and why the cloud SDKs' own credential chains are kept).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROCESS_USE = /\bprocess\s*\.\s*(stdout|stderr|stdin|env|exit|exitCode|argv)\b/;

/**
 * Files that may read the process, each with why. Paths are relative to the repository root.
 * Nothing under src/sources needs it today: a new entry needs a reason a reviewer accepts.
 */
const ALLOWED: Record<string, string> = {
  'src/cli/bin.ts': 'the CLI entry: builds the RunContext from the process and sets the exit code',
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Uses of the process in code (comments left out), as `path:line: text`. */
function processUses(path: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/^\s*(\/\*\*?|\*)/.test(code)) return; // a doc-comment line
    if (PROCESS_USE.test(code)) found.push(`${path}:${i + 1}: ${line.trim()}`);
  });
  return found;
}

function scan(dir: string): { files: number; found: string[] } {
  const all = files(join(ROOT, dir));
  const found = all.flatMap((f) => {
    const rel = relative(ROOT, f).split('\\').join('/');
    return rel in ALLOWED ? [] : processUses(rel, readFileSync(f, 'utf8'));
  });
  return { files: all.length, found };
}

describe('only bin.ts reads the process; commands and sources use what they are given', () => {
  it('the check finds a use where there is one, and not in comments', () => {
    expect(PROCESS_USE.test('const t = process.env.TOKEN;')).toBe(true);
    expect(PROCESS_USE.test('process.stdout.write(x)')).toBe(true);
    expect(PROCESS_USE.test('ctx.env.TOKEN; ctx.stdout.write(x)')).toBe(false);
    expect(processUses('x.ts', 'const a = 1;\nconst h = process.env.AWS_REGION || "us-east-1";')).toEqual(['x.ts:2: const h = process.env.AWS_REGION || "us-east-1";']);
    expect(processUses('x.ts', ' * default: process.env\n// process.env here\nenv: SourceEnv = {},')).toEqual([]);
  });

  it('no command module touches process.stdout, stderr, env, exit or argv', () => {
    const { files: n, found } = scan('src/cli');
    expect(n).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('no source (iac, providers, collectors, probe, storage) reads process.env or writes to the process', () => {
    const { files: n, found } = scan('src/sources');
    expect(n).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it('every allowed file exists and says why', () => {
    for (const [path, why] of Object.entries(ALLOWED)) {
      expect(files(join(ROOT, 'src')).map((f) => relative(ROOT, f).split('\\').join('/'))).toContain(path);
      expect(why.length).toBeGreaterThan(20);
    }
  });
});
