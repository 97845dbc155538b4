/**
 * Hostile input, file by file: every place vouch reads a file the user names
 * takes only a regular file, answers a FIFO, /dev/zero, a device or a
 * directory with one line and exit 2 at once (never a hang, never a read
 * without end), and stays within bounded time and memory. Spawned: see below.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHostile, spawnHostileRuns, type HostileResult } from './run.js';

// A regression here is a read that never returns (a FIFO, /dev/zero): only a
// separate process can be killed out of that, so these runs always spawn the
// binary, and the file is in the integration tier.
spawnHostileRuns();

let dir: string;
let fifo: string;
const TEMPLATE = 'Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-files-'));
  fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  writeFileSync(join(dir, 't.yaml'), TEMPLATE);
  mkdirSync(join(dir, 'a-dir'));
});

/** Exit 2 with one line naming the file and "not a regular file", fast and small. */
function expectRefused(r: HostileResult, label: RegExp) {
  expect(r.killed, 'the run hung and was killed').toBe(false);
  expect(r.code, r.stderr + r.stdout).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(label);
  expect(lines[0]).toMatch(/not a regular file/);
  expect(r.ms).toBeLessThan(10_000);
  expect(r.peakMb ?? 0).toBeLessThan(400);
}

const out = () => join(dir, 'out');

describe('only regular files are read where a file is expected', () => {
  const special = () => [
    ['/dev/zero', /\(a character device\)/],
    [fifo, /\(a FIFO\)/],
    [join(dir, 'a-dir'), /\(a directory\)/],
  ] as const;

  it('a template: check /dev/zero, a FIFO', async () => {
    for (const [p, kind] of special().slice(0, 2)) expectRefused(await runHostile(['check', p, '--out', out()], { cwd: dir }), kind);
  });

  it('--claims, --suppressions and --sign-key', async () => {
    for (const flag of ['--claims', '--suppressions', '--sign-key']) {
      for (const [p, kind] of special()) expectRefused(await runHostile(['check', 't.yaml', flag, p, '--out', out()], { cwd: dir }), kind);
    }
  });

  it('--config', async () => {
    expectRefused(await runHostile(['check', 't.yaml', '--config', fifo, '--out', out()], { cwd: dir }), /\(a FIFO\)/);
    expectRefused(await runHostile(['check', 't.yaml', '--config', '/dev/zero', '--out', out()], { cwd: dir }), /\(a character device\)/);
  });

  it('an inventory (evaluate), evidence (report, diff, --baseline, merge)', async () => {
    for (const [p, kind] of special()) {
      expectRefused(await runHostile(['evaluate', p, '--out', out()], { cwd: dir }), kind);
      expectRefused(await runHostile(['report', p, '--out', out()], { cwd: dir }), kind);
      expectRefused(await runHostile(['diff', p, p], { cwd: dir }), kind);
      expectRefused(await runHostile(['check', 't.yaml', '--baseline', p, '--out', out()], { cwd: dir }), kind);
    }
    expectRefused(await runHostile(['merge', '/dev/zero', '--out', out()], { cwd: dir }), /\(a character device\)/);
    expectRefused(await runHostile(['merge', fifo, '--out', out()], { cwd: dir }), /\(a FIFO\)/);
  });

  it('a cdk.out whose manifest.json or template is a FIFO', async () => {
    const asm = join(dir, 'fifo.out');
    mkdirSync(asm);
    execFileSync('mkfifo', [join(asm, 'manifest.json')]);
    expectRefused(await runHostile(['check', asm, '--out', out()], { cwd: dir }), /fifo\.out\/manifest\.json: not a regular file \(a FIFO\)/);
    const asm2 = join(dir, 'fifo2.out');
    mkdirSync(asm2);
    execFileSync('mkfifo', [join(asm2, 'S.template.json')]);
    writeFileSync(join(asm2, 'manifest.json'), JSON.stringify({ version: '38.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
    expectRefused(await runHostile(['check', asm2, '--out', out()], { cwd: dir }), /S\.template\.json: not a regular file \(a FIFO\)/);
  });

  it('verify: --public-key and a manifest that is a FIFO', async () => {
    const d = join(dir, 'verify-fifo');
    mkdirSync(d);
    execFileSync('mkfifo', [join(d, 'manifest.json')]);
    expectRefused(await runHostile(['verify', d]), /manifest\.json: not a regular file \(a FIFO\)/);
    expectRefused(await runHostile(['verify', d, '--public-key', '/dev/zero']), /--public-key \/dev\/zero: not a regular file/);
  });

  it('a FIFO with a template name inside a checked directory is skipped as a gap (the run is incomplete), not read', async () => {
    const d = join(dir, 'tree');
    mkdirSync(d);
    writeFileSync(join(d, 'ok.yaml'), TEMPLATE);
    execFileSync('mkfifo', [join(d, 'stuck.yaml')]);
    const r = await runHostile(['check', d, '--out', out(), '--format', 'json'], { cwd: dir });
    expect(r.killed).toBe(false);
    expect([1, 3], r.stderr).toContain(r.code);
    const ev = JSON.parse(readFileSync(join(out(), 'evidence.json'), 'utf8'));
    expect(ev.summary.incomplete).toBe(true);
    expect(ev.coverage.notCollected).toEqual(expect.arrayContaining([expect.objectContaining({ what: expect.stringMatching(/stuck\.yaml$/), why: expect.stringMatching(/not a regular file/), gap: true })]));
  });
});
