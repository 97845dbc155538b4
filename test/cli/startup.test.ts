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
import { allCommandModules, commandModules, COMMAND_NAMES } from '../../src/cli/commands/index.js';
import { COMMAND_SPECS } from '../../src/cli/commands/specs.js';

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
let collations = 0;
const localeCompare = String.prototype.localeCompare;
String.prototype.localeCompare = function (...a) { collations++; return localeCompare.apply(this, a); };
// zod sets globalThis.__zod_globalRegistry as its modules are evaluated.
process.on('exit', () => fs.writeFileSync(process.env.VOUCH_TEST_RECORD, JSON.stringify({ modules: process.moduleLoadList, listed, zod: '__zod_globalRegistry' in globalThis, collations })));
`,
  );
  // A working directory holding a package.json of another program, which yargs' version guess would read.
  writeFileSync(join(dir, 'package.json'), '{"name":"not-vouch","version":"9.9.9"}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function record(args: string[], cwd: string): { stdout: string; modules: string[]; listed: string[]; zod: boolean; collations: number } {
  const out = join(dir, `record-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['-r', join(dir, 'record.cjs'), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, VOUCH_TEST_RECORD: out, VOUCH_CODE_CACHE_DIR: 'off' },
  });
  expect(r.stderr).toBe('');
  return { stdout: r.stdout, ...(JSON.parse(readFileSync(out, 'utf8')) as { modules: string[]; listed: string[]; zod: boolean; collations: number }) };
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
    // yargs' two equality checks load node:assert only to throw.
    expect(r.modules).not.toContain('NativeModule assert');
    // bin/vouch is CommonJS: no ES module is run, so no file is read through fs/promises (which loads readline).
    expect(r.modules.filter((m) => /internal\/fs\/promises|readline|esm\/translators/.test(m))).toEqual([]);
  });

  it('`vouch check` of a template evaluates no probe or scan code: no TLS, HTTP or DNS module is loaded', () => {
    const stack = join(dir, 'stack.template.json');
    writeFileSync(stack, JSON.stringify({ Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } } } }));
    const r = record(['check', stack, '--out', join(dir, 'out'), '--quiet'], dir);
    expect(r.stdout).toMatch(/passed/);
    // (net itself is loaded for a piped stdout.)
    const network = r.modules.filter((m) => /^NativeModule (tls|http|https|dns|dns\/promises|assert)$/.test(m));
    expect(network).toEqual([]);
  });

  it('`vouch check` without a claims profile, config or suppressions file builds no zod schema; --claims builds them', () => {
    const stack = join(dir, 'stack.template.json');
    writeFileSync(stack, JSON.stringify({ Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } } } }));
    expect(record(['check', stack, '--out', join(dir, 'out'), '--quiet'], dir).zod).toBe(false);
    const claims = join(dir, 'claims.yaml');
    writeFileSync(claims, 'version: 1\nname: t\nclaims:\n  - id: logs\n    text: Logs are kept.\n    controls: [data-retention]\n');
    const withClaims = record(['check', stack, '--claims', claims, '--out', join(dir, 'out'), '--quiet'], dir);
    expect(withClaims.stdout).toMatch(/passed|n\/a/);
    expect(withClaims.zod).toBe(true);
  });
});

describe('CLI run', () => {
  it('`vouch check` with every report and failures printed compares no text with localeCompare (its first call builds an ICU collator)', () => {
    const stack = join(dir, 'failing.template.json');
    writeFileSync(stack, JSON.stringify({ Resources: { A: { Type: 'AWS::S3::Bucket' }, B: { Type: 'AWS::EC2::Volume', Properties: { Size: 1, AvailabilityZone: 'eu-west-1a' } } } }));
    const r = record(['check', stack, '--out', join(dir, 'out-all'), '--format', 'all'], dir);
    expect(r.stdout).toMatch(/FAIL/);
    expect(r.collations).toBe(0);
  });
});

describe('lazy command modules', () => {
  it('loads the module of each command named on the command line, and registers the others by usage line and description', async () => {
    const cmds = await commandModules(['--out', 'x', 'check', 'cdk.out']);
    expect(cmds.map((c) => c.command)).toEqual(COMMAND_NAMES.map((n) => COMMAND_SPECS[n].command));
    const check = cmds[COMMAND_NAMES.indexOf('check')]!;
    expect(typeof check.builder).toBe('function');
    const rules = cmds[COMMAND_NAMES.indexOf('rules')]!;
    expect(rules.builder).toBeUndefined();
    expect(rules.describe).toBe(COMMAND_SPECS.rules.describe);
    expect(() => (rules.handler as () => void)()).toThrow(/not loaded/);
  });

  it('every command module has a builder or handler and the usage line and description of its spec', async () => {
    const all = await allCommandModules();
    all.forEach((c, i) => {
      const spec = COMMAND_SPECS[COMMAND_NAMES[i]!];
      expect({ command: c.command, describe: c.describe }).toEqual(spec);
      expect(typeof c.handler).toBe('function');
    });
  });
});
