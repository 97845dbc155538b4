/**
 * Commands run in the RunContext they are given (src/cli/context.ts): only
 * the CLI entry, src/cli/bin.ts, reads the process's arguments, environment
 * and streams or ends it. A command that wrote to process.stdout would escape
 * `run(argv, ctx)`'s capture; one that read process.env would ignore the
 * context's environment.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src', 'cli');
const PROCESS_USE = /\bprocess\s*\.\s*(stdout|stderr|stdin|env|exit|exitCode|argv)\b/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('src/cli reads the process only in bin.ts', () => {
  it('the check finds a use where there is one', () => {
    expect(PROCESS_USE.test('const t = process.env.TOKEN;')).toBe(true);
    expect(PROCESS_USE.test('process.stdout.write(x)')).toBe(true);
    expect(PROCESS_USE.test('ctx.env.TOKEN; ctx.stdout.write(x)')).toBe(false);
  });

  it('no command module touches process.stdout, stderr, env, exit or argv', () => {
    const found: string[] = [];
    for (const f of files(CLI)) {
      if (relative(CLI, f) === 'bin.ts') continue;
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (PROCESS_USE.test(line.replace(/\/\/.*$/, ''))) found.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(files(CLI).length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});
