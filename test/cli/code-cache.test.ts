/**
 * The V8 code cache of the bundled CLI (src/cli/code-cache.ts): keyed by the
 * bundle's content and the runtime, checked before use, written whole or not
 * at all, never fatal, and off when the user says so. The runs go through the
 * built module (dist/src/cli/code-cache.js) in a child process: a cache is
 * written as the process exits.
 */
import { describe, it, expect } from 'vitest';
import { chmodSync, existsSync, statSync, utimesSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtBundleKey, codeCacheDir, codeCacheFile, commandOf, readCodeCache, writeCodeCache, CODE_CACHE_ENV } from '../../src/cli/code-cache.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'code-cache.js')).href;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'vouch-code-cache-'));
}

/** Run `script` through runWithCodeCache in a child; its stdout (the script's output, then the cache outcome). */
function run(script: string, cacheDir: string | undefined, buildSha256?: string): { out: string[]; status: number | null } {
  const code = `import(${JSON.stringify(BUILT)}).then((m) => { const r = m.runWithCodeCache(${JSON.stringify(script)}, ${JSON.stringify(cacheDir)}, 'other', ${JSON.stringify(buildSha256)}); console.log(r.cache); });`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  return { out: r.stdout.trim().split('\n'), status: r.status };
}

const SCRIPT = `"use strict";
const { basename } = require('node:path');
module.exports.answer = 42;
console.log(['ran', basename(__filename), basename(__dirname) !== '', typeof exports, module.exports === exports].join(' '));
`;

describe('code cache of the bundled CLI', () => {
  it('is keyed by the bundle content: one byte changes the file name', () => {
    const a = codeCacheFile('/c', Buffer.from('var x = 1;'));
    expect(codeCacheFile('/c', Buffer.from('var x = 1;'))).toBe(a);
    expect(codeCacheFile('/c', Buffer.from('var x = 2;'))).not.toBe(a);
    expect(a).toMatch(/^\/c\/vouch-cli-[0-9a-f]{32}-other\.v8cache$/);
    expect(codeCacheFile('/c', Buffer.from('var x = 1;'), 'check')).toBe(a.replace('-other.', '-check.'));
  });

  it("with the build's digest of the bundle, is keyed by that digest and the file's size and modification time", () => {
    const st = { size: 100n, mtimeNs: 1_700_000_000_123_456_789n };
    const a = codeCacheFile('/c', builtBundleKey('ab'.repeat(32), st));
    expect(codeCacheFile('/c', builtBundleKey('ab'.repeat(32), { ...st }))).toBe(a);
    expect(codeCacheFile('/c', builtBundleKey('cd'.repeat(32), st))).not.toBe(a);
    expect(codeCacheFile('/c', builtBundleKey('ab'.repeat(32), { ...st, size: 101n }))).not.toBe(a);
    expect(codeCacheFile('/c', builtBundleKey('ab'.repeat(32), { ...st, mtimeNs: st.mtimeNs + 1n }))).not.toBe(a);
  });

  it('keeps one cache per command word', () => {
    expect(commandOf(['check', 'cdk.out', '--quiet'])).toBe('check');
    expect(commandOf(['--quiet', 'scan', 'aws'])).toBe('scan');
    expect(commandOf(['--version'])).toBe('other');
    expect(commandOf([])).toBe('other');
    expect(commandOf(['../../etc/passwd'])).toBe('other');
  });

  it('lives where VOUCH_CODE_CACHE_DIR says, or in the default directory, and can be turned off', () => {
    expect(codeCacheDir({}, '/install/dist/.code-cache')).toBe('/install/dist/.code-cache');
    expect(codeCacheDir({ [CODE_CACHE_ENV]: 'relative/dir' }, '/d')).toBe(resolve('relative/dir'));
    for (const off of ['off', 'OFF', '0', 'false', '']) expect(codeCacheDir({ [CODE_CACHE_ENV]: off }, '/d')).toBeUndefined();
  });

  it('reads only a whole file: a missing, truncated or damaged one is ignored', () => {
    const dir = tmp();
    try {
      const file = join(dir, 'c.v8cache');
      expect(readCodeCache(file)).toBeUndefined();
      expect(writeCodeCache(file, Buffer.from('compiled code'))).toBe(true);
      expect(readCodeCache(file)?.toString()).toBe('compiled code');
      const whole = readFileSync(file);
      writeFileSync(file, whole.subarray(0, whole.length - 1));
      expect(readCodeCache(file)).toBeUndefined();
      const damaged = Buffer.from(whole);
      damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 1;
      writeFileSync(file, damaged);
      expect(readCodeCache(file)).toBeUndefined();
      writeFileSync(file, '');
      expect(readCodeCache(file)).toBeUndefined();
      expect(readdirSync(dir)).toEqual(['c.v8cache']); // no temporary file left behind
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops stale caches of other bundles when it writes one, and keeps those of its own bundle', () => {
    const dir = tmp();
    try {
      const mine = codeCacheFile(dir, Buffer.from('bundle 2'), 'check');
      const sibling = codeCacheFile(dir, Buffer.from('bundle 2'), 'scan');
      const old = codeCacheFile(dir, Buffer.from('bundle 1'), 'check');
      const fresh = codeCacheFile(dir, Buffer.from('bundle 3'), 'check');
      for (const f of [sibling, old, fresh]) writeCodeCache(f, Buffer.from('x'));
      const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
      for (const f of [sibling, old]) utimesSync(f, dayAgo, dayAgo);
      writeFileSync(join(dir, 'unrelated.txt'), 'kept');
      utimesSync(join(dir, 'unrelated.txt'), dayAgo, dayAgo);
      expect(writeCodeCache(mine, Buffer.from('y'))).toBe(true);
      expect(readdirSync(dir).sort()).toEqual([mine, sibling, fresh].map((f) => f.slice(dir.length + 1)).concat('unrelated.txt').sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not read a cache file that group or others may write (another user could have planted it)', () => {
    const dir = tmp();
    try {
      const file = join(dir, 'c.v8cache');
      expect(writeCodeCache(file, Buffer.from('compiled code'))).toBe(true);
      expect(statSync(file).mode & 0o022).toBe(0); // written without group or other write
      chmodSync(file, 0o666);
      expect(readCodeCache(file)).toBeUndefined();
      chmodSync(file, 0o664);
      expect(readCodeCache(file)).toBeUndefined();
      chmodSync(file, 0o600);
      expect(readCodeCache(file)?.toString()).toBe('compiled code');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a directory it cannot write is no error: nothing is written', () => {
    const dir = tmp();
    try {
      chmodSync(dir, 0o500);
      const readOnly = spawnSync('sh', ['-c', `touch ${JSON.stringify(join(dir, 'probe'))}`]).status !== 0; // root writes anyway
      expect(writeCodeCache(join(dir, 'sub', 'c.v8cache'), Buffer.from('x'))).toBe(!readOnly);
      expect(writeCodeCache('/proc/vouch-no-such-dir/c.v8cache', Buffer.from('x'))).toBe(false);
      expect(writeCodeCache(join(dir, 'no', 'such', 'c.v8cache'), Buffer.from('x'))).toBe(false); // parents are not made
    } finally {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a CommonJS script as Node would, writes the cache on exit and uses it next time', () => {
    const dir = tmp();
    try {
      const script = join(dir, 'bundle.cjs');
      writeFileSync(script, SCRIPT);
      const cache = join(dir, 'cache');
      const first = run(script, cache);
      expect(first).toEqual({ out: ['ran bundle.cjs true object true', 'absent'], status: 0 });
      const files = readdirSync(cache);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^vouch-cli-[0-9a-f]{32}-other\.v8cache$/);
      expect(run(script, cache)).toEqual({ out: ['ran bundle.cjs true object true', 'used'], status: 0 });

      // A damaged cache is ignored and replaced.
      const f = join(cache, files[0]!);
      const bytes = readFileSync(f);
      bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
      writeFileSync(f, bytes);
      expect(run(script, cache).out).toEqual(['ran bundle.cjs true object true', 'absent']);
      expect(run(script, cache).out[1]).toBe('used');

      // A changed bundle gets a cache of its own: the old one is never read for it.
      writeFileSync(script, SCRIPT.replace('42', '43'));
      expect(run(script, cache).out[1]).toBe('absent');
      expect(readdirSync(cache)).toHaveLength(2);

      // Keyed by the build's digest: used again while the file is unchanged; a bundle of another
      // build, or the same file changed in place (same size, later modification time), never reads it.
      const built = join(dir, 'built');
      expect(run(script, built, 'ab'.repeat(32)).out[1]).toBe('absent');
      expect(run(script, built, 'ab'.repeat(32)).out[1]).toBe('used');
      expect(run(script, built, 'cd'.repeat(32)).out[1]).toBe('absent');
      const later = new Date(statSync(script).mtimeMs + 2000);
      writeFileSync(script, SCRIPT.replace('42', '44'));
      utimesSync(script, later, later);
      expect(run(script, built, 'ab'.repeat(32)).out).toEqual(['ran bundle.cjs true object true', 'absent']);
      expect(readdirSync(built)).toHaveLength(3);

      // Off: nothing written.
      const none = join(dir, 'none');
      expect(run(script, undefined).out).toEqual(['ran bundle.cjs true object true', 'off']);
      expect(existsSync(none)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bin/vouch writes its cache where VOUCH_CODE_CACHE_DIR says, and none with VOUCH_CODE_CACHE_DIR=off', () => {
    const dir = tmp();
    try {
      const bin = join(ROOT, 'bin', 'vouch');
      const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      const env = { ...process.env, [CODE_CACHE_ENV]: join(dir, 'c') };
      for (const expected of [0, 1]) {
        const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env });
        expect(r.stdout.trim()).toBe(version);
        expect(r.stderr).toBe('');
        expect(readdirSync(join(dir, 'c')).filter((f) => f.endsWith('.v8cache')), `run ${expected}`).toHaveLength(1);
      }
      const off = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: { ...process.env, [CODE_CACHE_ENV]: 'off', HOME: dir } });
      expect(off.stdout.trim()).toBe(version);
      expect(readdirSync(dir)).toEqual(['c']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
