import { describe, it, expect, afterAll } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { run as runCli } from '../../src/cli/main.js';
import { capturedContext } from '../../src/cli/context.js';
import { writeReports, parseFormats } from '../../src/reporters/index.js';
import { verifyDir, loadSigningKey, canonicalJson } from '../../src/reporters/manifest.js';
import { richEvidence, richFindings, makeFinding } from './evidence-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-cli-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const ctx = capturedContext({ env: { ...process.env } });
  const code = await runCli(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

function keys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = join(dir, `key-${Math.random().toString(36).slice(2)}.pem`);
  const pub = priv.replace('.pem', '.pub.pem');
  writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv, pub };
}

function evidenceFile(name: string, doc = richEvidence()): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(doc));
  return f;
}

describe('evidence integrity: manifest.json, --sign-key, vouch verify', () => {
  it('every report run writes a manifest with the SHA-256 of each file, tool version, rules hash and run id', () => {
    const out = join(dir, 'm1');
    const written = writeReports(richEvidence(), out, parseFormats('all'));
    expect(written.at(-1)).toBe(join(out, 'manifest.json'));
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ manifestVersion: 1, tool: { name: 'vouch', version: '0.1.0' }, rulesHash: 'abc123def4567890', runId: '00000000-0000-4000-8000-000000000001' });
    expect(m.files.map((f: any) => f.name).sort()).toEqual(['claims.json', 'evidence.json', 'findings.csv', 'findings.ocsf.jsonl', 'junit.xml', 'report.html', 'summary.md', 'vouch.sarif']);
    expect(verifyDir(out)).toMatchObject({ ok: true, signature: 'absent' });
  });

  it('a one-byte edit to a report is caught and the file named; a signed manifest verifies with the public key', async () => {
    const k = keys();
    const out = join(dir, 'signed');
    const r = await run(['report', evidenceFile('e-signed.json'), '--format', 'all', '--out', out, '--sign-key', k.priv, '--quiet']);
    expect(r.code, r.err).toBe(0);
    let v = await run(['verify', out, '--public-key', k.pub]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toMatch(/^OK: 8 of 8 files match manifest\.json .*signature valid \(given public key\)/m);
    const csv = join(out, 'findings.csv');
    const bytes = readFileSync(csv);
    bytes[100] = bytes[100]! ^ 0x01;
    writeFileSync(csv, bytes);
    v = await run(['verify', out, '--public-key', k.pub]);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/^CHANGED findings\.csv: changed since the run/m);
    expect(v.err).not.toMatch(/CHANGED (evidence\.json|report\.html)/);
  });

  it('an edited manifest breaks the signature; a different key does not verify; a missing file is named', async () => {
    const k = keys();
    const other = keys();
    const out = join(dir, 'signed2');
    expect((await run(['report', evidenceFile('e-signed2.json'), '--format', 'md,csv', '--out', out, '--sign-key', k.priv, '--quiet'])).code).toBe(0);
    expect((await run(['verify', out, '--public-key', other.pub])).code).toBe(1);
    const mPath = join(out, 'manifest.json');
    const m = JSON.parse(readFileSync(mPath, 'utf8'));
    m.runId = 'forged';
    writeFileSync(mPath, JSON.stringify(m, null, 2));
    const v = await run(['verify', out, '--public-key', k.pub]);
    expect(v.code).toBe(1);
    expect(v.err).toContain('manifest.json: signature does not verify');
    rmSync(join(out, 'summary.md'));
    expect(verifyDir(out).problems).toContain('summary.md: missing');
  });

  it('without --public-key the embedded key is used and the output says it only proves integrity', async () => {
    const k = keys();
    const out = join(dir, 'signed3');
    await run(['report', evidenceFile('e-signed3.json'), '--format', 'md', '--out', out, '--sign-key', k.priv, '--quiet']);
    const v = await run(['verify', out]);
    expect(v.code).toBe(0);
    expect(v.out).toContain('not who signed');
  });

  it('an unsigned manifest fails when a public key is required; bad keys are one-line input errors', async () => {
    const out = join(dir, 'unsigned');
    writeReports(richEvidence(), out, ['json']);
    const k = keys();
    expect((await run(['verify', out, '--public-key', k.pub])).code).toBe(1);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, 'rsa.pem'), rsa);
    expect(() => loadSigningKey(join(dir, 'rsa.pem'))).toThrow(/rsa key; vouch signs with Ed25519 only/);
    const r = await run(['report', evidenceFile('e-rsa.json'), '--out', join(dir, 'x'), '--sign-key', join(dir, 'rsa.pem')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect((await run(['verify', join(dir, 'nope')])).code).toBe(2);
  });

  it('canonical JSON sorts keys so a re-serialised manifest still verifies', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});

describe('vouch report', () => {
  it('re-renders every format from evidence alone', async () => {
    const out = join(dir, 'rerender');
    const r = await run(['report', evidenceFile('e1.json'), '--format', 'all', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('claims: 2 broken, 3 unverified, 1 need attestation, 2 hold');
    expect(readdirSync(out).sort()).toEqual(['claims.json', 'evidence.json', 'findings.csv', 'findings.ocsf.jsonl', 'junit.xml', 'manifest.json', 'report.html', 'summary.md', 'vouch.sarif']);
    expect(JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'))).toEqual(richEvidence());
    const claims = JSON.parse(readFileSync(join(out, 'claims.json'), 'utf8'));
    expect(claims.counts).toEqual({ holds: 2, broken: 2, unverified: 3, 'needs-attestation': 1 });
    expect(claims.claims.find((c: any) => c.id === 'enc')).toMatchObject({ verdict: 'broken', bySource: { iac: { fail: 1 } } });
  });

  it('a malformed or foreign evidence file is a one-line error with exit 2', async () => {
    const cases: [string, RegExp][] = [
      ['{"not":"evidence"', /not valid JSON/],
      ['{"schemaVersion":"1.0"}', /not a vouch evidence document: tool/],
      [JSON.stringify({ ...richEvidence(), findings: [{ ...richFindings()[0], status: 'maybe' }] }), /findings\.0\.status/],
      [JSON.stringify({ ...richEvidence(), schemaVersion: '2.0' }), /schemaVersion: this vouch reads evidence schema 1\.x/],
      ['null', /not a vouch evidence document/],
    ];
    for (const [text, msg] of cases) {
      const f = join(dir, 'bad.json');
      writeFileSync(f, text);
      const r = await run(['report', f, '--out', join(dir, 'never')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect((await run(['report', join(dir, 'missing.json')])).err).toContain('no such file');
    expect((await run(['report', evidenceFile('e2.json'), '--format', 'pdf'])).code).toBe(2);
  });

  it('--baseline puts new failures first in the Markdown summary', async () => {
    const old = evidenceFile('old.json', richEvidence(richFindings().filter((f) => f.control !== 'public-access')));
    const out = join(dir, 'baseline');
    expect((await run(['report', evidenceFile('new.json'), '--baseline', old, '--format', 'md', '--out', out, '--quiet'])).code).toBe(0);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toMatch(/### New failures since run .* \(1\)/);
  });
});

describe('vouch diff', () => {
  const moved = () =>
    richFindings().map((f) => (f.resource.source === 'iac' ? { ...f, resource: { ...f.resource, line: (f.resource.line ?? 0) + 40 } } : f));

  it('matches findings by fingerprint, not line: a reordered template makes no new failure (exit 0)', async () => {
    const a = evidenceFile('d-old.json');
    const b = evidenceFile('d-new.json', richEvidence(moved()));
    const r = await run(['diff', a, b, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.counts).toMatchObject({ newFailures: 0, fixed: 0, stillFailing: 2 });
  });

  it('reports new failures (exit 1), fixed, newly unknown and expired suppressions', async () => {
    const before = richFindings().map((f) =>
      f.ruleId === 'public-access/aws-s3-bucket' ? { ...f, suppression: { ...f.suppression!, expired: false } } : f,
    );
    before.push(makeFinding({ ruleId: 'tls-min/aws-elbv2-listener', status: 'fail', resource: { id: 'S/Old', type: 'aws.elbv2.listener', provider: 'aws', source: 'iac', stack: 'S', logicalId: 'Old' } }));
    const after = moved().filter((f) => f.ruleId !== 'https-redirect/aws-elbv2-listener');
    after.push(makeFinding({ ruleId: 'tls-min/aws-elbv2-listener', status: 'pass', resource: { id: 'S/Old', type: 'aws.elbv2.listener', provider: 'aws', source: 'iac', stack: 'S', logicalId: 'Old' } }));
    after.push(makeFinding({ ruleId: 'mfa/aws-iam-user', status: 'unknown', resource: { id: 'arn:aws:iam::1:user/x', type: 'aws.iam.user', provider: 'aws', source: 'live', arn: 'arn:aws:iam::1:user/x' } }));
    const a = evidenceFile('d2-old.json', richEvidence(before));
    const b = evidenceFile('d2-new.json', richEvidence(after));
    const out = join(dir, 'diffout');
    const r = await run(['diff', a, b, '--format', 'md,json', '--out', out]);
    expect(r.code).toBe(1);
    const d = JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8'));
    expect(d.newFailures.map((f: any) => f.resource.id)).toEqual(['arn:aws:s3:::public-site']);
    expect(d.expiredSuppressions.map((f: any) => f.resource.id)).toEqual(['arn:aws:s3:::public-site']);
    expect(d.fixed.map((f: any) => f.resource.id)).toEqual(['S/Old']);
    expect(d.newlyUnknown.map((f: any) => f.resource.id)).toEqual(['arn:aws:iam::1:user/x']);
    expect(d.stillFailing.map((f: any) => f.resource.id)).toEqual(['AppStack/DataBucket']);
    const md = readFileSync(join(out, 'diff.md'), 'utf8');
    expect(md).toContain('## vouch diff: REGRESSED');
    expect(md.indexOf('### New failures')).toBeLessThan(md.indexOf('### Fixed'));
  });

  it('bad input is exit 2', async () => {
    expect((await run(['diff', join(dir, 'none.json'), join(dir, 'none2.json')])).code).toBe(2);
    expect((await run(['diff', evidenceFile('x1.json'), evidenceFile('x2.json'), '--format', 'html'])).code).toBe(2);
  });
});
