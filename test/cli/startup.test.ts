/**
 * What the CLI's start-up does not do (bin/vouch, dist/cli/vouch.mjs, the bundle):
 * each item below cost milliseconds of every run. A preload script records what
 * the process did (built-in modules loaded, directories listed) and writes it
 * as it exits.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'vouch');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-startup-'));
  writeFileSync(
    join(dir, 'record.cjs'),
    `const fs = require('node:fs');
const listed = [];
const readdirSync = fs.readdirSync;
fs.readdirSync = function (p, ...rest) { listed.push(String(p)); return readdirSync.call(this, p, ...rest); };
process.on('exit', () => fs.writeFileSync(process.env.VOUCH_TEST_RECORD, JSON.stringify({ modules: process.moduleLoadList, listed })));
`,
  );
  // A working directory holding a package.json of another program, which yargs' version guess would read.
  writeFileSync(join(dir, 'package.json'), '{"name":"not-vouch","version":"9.9.9"}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function record(args: string[], cwd: string): { stdout: string; modules: string[]; listed: string[] } {
  const out = join(dir, `record-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['-r', join(dir, 'record.cjs'), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, VOUCH_TEST_RECORD: out, VOUCH_CODE_CACHE_DIR: 'off' },
  });
  expect(r.stderr).toBe('');
  return { stdout: r.stdout, ...(JSON.parse(readFileSync(out, 'utf8')) as { modules: string[]; listed: string[] }) };
}

describe('CLI start-up', () => {
  it('lists no directory for `vouch --version`, whatever the working directory holds', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const r = record(['--version'], dir);
    expect(r.stdout.trim()).toBe(version);
    expect(r.listed).toEqual([]);
  });

  it('takes Node built-ins as CommonJS objects: no ES facade that loads fs streams or Web Crypto', () => {
    const r = record(['--version'], dir);
    expect(r.modules).toContain('NativeModule fs');
    expect(r.modules.filter((m) => /internal\/fs\/streams|internal\/crypto\/webcrypto/.test(m))).toEqual([]);
  });
});
