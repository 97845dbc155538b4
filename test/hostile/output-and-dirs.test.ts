/**
 * Inputs that are directories, and the output directory: `check DIR` reads
 * sub-directories and links that stay inside DIR (and lists what it passed
 * over), a second `check .` does not read the first run's reports, a run
 * writes its directory whole or not at all and not while another writes it,
 * and `verify` fails on anything the manifest does not list.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { runInProcess as runVouch } from '../helpers/in-process.js';
import { writeDirAtomically, lockPathOf } from '../../src/reporters/atomic-write.js';
import { verifyDir } from '../../src/reporters/manifest.js';
import { loadIac } from '../../src/sources/iac/load.js';

const OPEN_SSH = `Resources:
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]
`;
const CLOSED_SSH = OPEN_SSH.replace('0.0.0.0/0', '10.0.0.0/8').replace('FromPort: 22, ToPort: 22', 'FromPort: 443, ToPort: 443');

let dir: string;
const put = (rel: string, text: string) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const evidence = (out: string) => JSON.parse(readFileSync(join(dir, out, 'evidence.json'), 'utf8'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-dirs-'));
});

describe('check DIR reads the whole tree it was given', () => {
  it('an insecure template in a sub-directory fails the run beside a secure one', async () => {
    put('infra/base.yaml', CLOSED_SSH);
    put('infra/prod/edge.yaml', OPEN_SSH);
    const r = await runVouch(['check', 'infra', '--out', 'o1', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const doc = evidence('o1');
    expect(doc.coverage.inputs).toEqual(['infra/base.yaml', 'infra/prod/edge.yaml']);
    const fail = doc.findings.find((f: { status: string; resource: { file: string } }) => f.status === 'fail' && f.resource.file === 'infra/prod/edge.yaml');
    expect(fail).toBeDefined();
  });

  it('follows a link that stays inside the input, refuses one that leaves it, and lists both', () => {
    put('linked/real/a.yaml', CLOSED_SSH);
    put('outside/b.yaml', OPEN_SSH);
    symlinkSync(join(dir, 'linked/real/a.yaml'), join(dir, 'linked/alias.yaml'));
    symlinkSync(join(dir, 'linked/real'), join(dir, 'linked/again'));
    symlinkSync(join(dir, 'outside/b.yaml'), join(dir, 'linked/escape.yaml'));
    symlinkSync(join(dir, 'linked'), join(dir, 'linked/real/loop'));
    const inv = loadIac(['linked'], { cwd: dir });
    // a.yaml is read once, through the name that comes first; the link out is a gap.
    expect(inv.coverage.inputs).toEqual(['linked/again/a.yaml']);
    const nc = inv.coverage.notCollected ?? [];
    expect(nc).toContainEqual(expect.objectContaining({ what: 'linked/escape.yaml', why: expect.stringMatching(/outside the input/), gap: true }));
    expect(nc).toContainEqual(expect.objectContaining({ what: 'linked/alias.yaml', why: expect.stringMatching(/already read/) }));
    expect(nc).toContainEqual(expect.objectContaining({ what: 'linked/real', why: expect.stringMatching(/already read/) }));
    expect(nc).toContainEqual(expect.objectContaining({ what: 'linked/again/loop', why: expect.stringMatching(/above it/) }));
  });

  it('hidden directories and node_modules are passed over and said so', () => {
    put('tree/.git/x.yaml', OPEN_SSH);
    put('tree/node_modules/pkg/t.yaml', OPEN_SSH);
    put('tree/ok.yaml', CLOSED_SSH);
    const inv = loadIac(['tree'], { cwd: dir });
    expect(inv.coverage.inputs).toEqual(['tree/ok.yaml']);
    expect((inv.coverage.notCollected ?? []).map((n) => n.what)).toEqual(expect.arrayContaining(['tree/.git', 'tree/node_modules']));
  });

  it('check . a second time does not read the first run\'s reports as a cloud assembly', async () => {
    const proj = join(dir, 'proj');
    mkdirSync(proj);
    writeFileSync(join(proj, 'app.yaml'), CLOSED_SSH);
    const first = await runVouch(['check', '.', '--format', 'json,md,sarif'], { cwd: proj });
    expect(first.code, first.stderr).toBe(0);
    const second = await runVouch(['check', '.', '--format', 'json,md,sarif'], { cwd: proj });
    expect(second.code, second.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(proj, 'reports', 'evidence.json'), 'utf8'));
    expect(doc.coverage.inputs).toEqual(['app.yaml']);
    expect(doc.coverage.notCollected).toContainEqual(expect.objectContaining({ what: 'reports', why: expect.stringMatching(/vouch report directory/) }));
    // Named directly, the report directory is refused as what it is.
    const direct = await runVouch(['check', 'reports', '--out', 'elsewhere'], { cwd: proj });
    expect(direct.code).toBe(2);
    expect(direct.stderr).toMatch(/reports\/manifest\.json: the manifest of a vouch report directory/);
  });
});

describe('the output directory holds one run', () => {
  it('a failure while writing leaves the previous run whole (nothing renamed in)', () => {
    const out = join(dir, 'atomic');
    writeDirAtomically(out, [{ name: 'evidence.json', data: '{"run":1}' }, { name: 'manifest.json', data: 'm1' }], new Set(['evidence.json', 'manifest.json', 'summary.md']));
    expect(() =>
      writeDirAtomically(out, [{ name: 'evidence.json', data: '{"run":2}' }, { name: 'no/such/dir.md', data: 'x' }, { name: 'manifest.json', data: 'm2' }], new Set(['evidence.json'])),
    ).toThrow(/not written .*keeps the previous run/);
    expect(readFileSync(join(out, 'evidence.json'), 'utf8')).toBe('{"run":1}');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('m1');
    // No temporary directory or lock is left behind.
    expect(readdirSync(dir).filter((n) => n.startsWith('.atomic'))).toEqual([]);
  });

  it('reports an earlier run wrote and this one does not are removed', () => {
    const out = join(dir, 'stale');
    writeDirAtomically(out, [{ name: 'report.html', data: 'old' }, { name: 'manifest.json', data: 'm1' }], new Set(['report.html', 'evidence.json', 'manifest.json']));
    writeDirAtomically(out, [{ name: 'evidence.json', data: '{}' }, { name: 'manifest.json', data: 'm2' }], new Set(['report.html', 'evidence.json', 'manifest.json']));
    expect(readdirSync(out).sort()).toEqual(['evidence.json', 'manifest.json']);
  });

  it('a second run on a directory another live run is writing gets a clear error (exit 2); a stale lock is taken over', async () => {
    put('lock/app.yaml', CLOSED_SSH);
    const cwd = join(dir, 'lock');
    writeFileSync(lockPathOf(join(cwd, 'reports')), `${process.pid}\n`);
    const r = await runVouch(['check', 'app.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^vouch: reports: another vouch run \\(pid ${process.pid}\\) is writing this directory`));
    expect(existsSync(join(cwd, 'reports', 'evidence.json'))).toBe(false);
    // A lock left by a process that no longer exists does not block.
    writeFileSync(lockPathOf(join(cwd, 'reports')), '2147483646\n');
    const again = await runVouch(['check', 'app.yaml'], { cwd });
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(lockPathOf(join(cwd, 'reports')))).toBe(false);
  });
});

describe('vouch verify', () => {
  it('fails for a file the manifest does not list (a forged report beside a JSON-only run)', async () => {
    put('v1/app.yaml', CLOSED_SSH);
    const cwd = join(dir, 'v1');
    expect((await runVouch(['check', 'app.yaml', '--format', 'json', '--out', 'r'], { cwd })).code).toBe(0);
    expect(verifyDir(join(cwd, 'r')).ok).toBe(true);
    writeFileSync(join(cwd, 'r', 'report.html'), '<h1>PASSED</h1>');
    const v = await runVouch(['verify', 'r'], { cwd });
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/EXTRA report\.html: not listed in manifest\.json/);
    expect(v.stderr).toMatch(/^FAILED: /m);
  });

  it('fails when junk is appended to the base64 signature', async () => {
    put('v2/app.yaml', CLOSED_SSH);
    const cwd = join(dir, 'v2');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(cwd, 'k.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(cwd, 'k.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    expect((await runVouch(['check', 'app.yaml', '--format', 'json', '--out', 'r', '--sign-key', 'k.pem'], { cwd })).code).toBe(0);
    expect(verifyDir(join(cwd, 'r')).ok).toBe(true);
    const mpath = join(cwd, 'r', 'manifest.json');
    const m = JSON.parse(readFileSync(mpath, 'utf8'));
    for (const junk of ['AAAA', '!!', '==', ' x', '\n']) {
      writeFileSync(mpath, JSON.stringify({ ...m, signature: { ...m.signature, value: m.signature.value + junk } }));
      const v = await runVouch(['verify', 'r', '--public-key', 'k.pub'], { cwd });
      expect(v.code, JSON.stringify(junk)).toBe(1);
      expect(v.stderr).toMatch(/signature does not verify/);
    }
  });
});
