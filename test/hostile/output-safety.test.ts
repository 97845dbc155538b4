/**
 * What vouch prints and writes is safe whatever the input held: no terminal
 * escape sequence reaches stdout, summary.md or CSV; no @mention survives into
 * summary.md; no credential from a template, a --parameter, a claims profile
 * or a suppression reason is written to a report, an inventory or an error.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess as runVouch } from '../helpers/in-process.js';
import { safeText, noMentions } from '../../src/reporters/common.js';

const GH_TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const PASSWORD = 'correct-horse-battery-staple-42';
const ESC_ID = 'Open\u001b[31mRED\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u001b[2J';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-out-'));
  const sg = (cidr: string) => ({
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: cidr }] },
  });
  writeFileSync(
    join(dir, 'evil.json'),
    JSON.stringify({
      Parameters: { DbPassword: { Type: 'String', NoEcho: true }, Env: { Type: 'String', Default: 'prod' } },
      Resources: {
        [ESC_ID]: sg('0.0.0.0/0'),
        'ping@octocat': sg('0.0.0.0/0'),
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', MasterUsername: 'admin', MasterUserPassword: { Ref: 'DbPassword' }, StorageEncrypted: true } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'i.h', Role: 'arn:aws:iam::111111111111:role/r', Code: { ZipFile: 'x' }, Environment: { Variables: { GITHUB_TOKEN: GH_TOKEN } } } },
      },
    }),
  );
  writeFileSync(
    join(dir, 'claims.yaml'),
    `version: 1\nname: leaky\nclaims:\n  - id: c1\n    text: "Admin access only through bastions (ops key ${GH_TOKEN})"\n    controls: [bastion-only]\n`,
  );
  writeFileSync(join(dir, 'supp.yaml'), `suppressions:\n  - rule: bastion-only/*\n    resource: "ping*"\n    reason: "temporary, ask with ${GH_TOKEN}"\n    owner: "@security-team"\n`);
});

describe('terminal escapes and mentions', () => {
  it('safeText removes CSI and OSC-8 sequences and shows other controls as ?', () => {
    expect(safeText(ESC_ID)).toBe('OpenREDclick');
    expect(safeText('a\u0007b\u009bc\u202ed')).toBe('a?b?d');
    expect(safeText('plain text\nline two')).toBe('plain text\nline two');
    expect(noMentions('ask @octocat and @org/team, mail a@b')).toBe('ask @\u200doctocat and @\u200dorg/team, mail a@\u200db');
  });

  it('check prints no escape sequence, and summary.md and findings.csv hold none and no live @mention', async () => {
    const r = await runVouch(['check', 'evil.json', '--format', 'json,md,csv', '--out', 'o1', '--parameter', `DbPassword=${PASSWORD}`], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('OpenREDclick');
    expect(r.stdout + r.stderr).not.toMatch(/\u001b/);
    const md = readFileSync(join(dir, 'o1', 'summary.md'), 'utf8');
    const csv = readFileSync(join(dir, 'o1', 'findings.csv'), 'utf8');
    for (const text of [md, csv]) expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(md).toContain('ping@\u200doctocat');
    expect(md).not.toMatch(/@octocat/);
  });
});

describe('no secret in what vouch writes', () => {
  it('--save-inventory writes neither template secrets nor secret --parameter values; judging it again is unknown there, not pass', async () => {
    const r = await runVouch(['check', 'evil.json', '--format', 'json', '--out', 'o2', '--parameter', `DbPassword=${PASSWORD}`, '--parameter', 'Env=prod', '--save-inventory', 'inv.json'], { cwd: dir });
    expect([1, 3]).toContain(r.code);
    const inv = readFileSync(join(dir, 'inv.json'), 'utf8');
    expect(inv).not.toContain(GH_TOKEN);
    expect(inv).not.toContain(PASSWORD);
    expect(inv).toContain('<redacted>');
    const again = await runVouch(['evaluate', 'inv.json', '--format', 'json', '--out', 'o3'], { cwd: dir });
    expect([1, 3]).toContain(again.code);
    const ev = JSON.parse(readFileSync(join(dir, 'o3', 'evidence.json'), 'utf8'));
    const fnSecrets = ev.findings.filter((f: { resource: { name: string }; control: string }) => f.resource.name === 'Fn' && f.control === 'secrets-encrypted');
    for (const f of fnSecrets) expect(f.status, f.message).not.toBe('pass');
  });

  it('token-shaped text in a claims profile or a suppression reason is not copied into the reports', async () => {
    const r = await runVouch(['check', 'evil.json', '--claims', 'claims.yaml', '--suppressions', 'supp.yaml', '--format', 'all', '--out', 'o4'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    for (const f of ['evidence.json', 'claims.json', 'summary.md', 'report.html', 'vouch.sarif', 'junit.xml', 'findings.ocsf.jsonl', 'findings.csv']) {
      expect(readFileSync(join(dir, 'o4', f), 'utf8'), f).not.toContain(GH_TOKEN);
    }
    expect(r.stdout).not.toContain(GH_TOKEN);
    const ev = JSON.parse(readFileSync(join(dir, 'o4', 'evidence.json'), 'utf8'));
    expect(ev.claims.items[0].text).toBe('<redacted: the text held a GitHub token>');
    const suppressed = ev.findings.find((f: { suppression: unknown }) => f.suppression);
    expect(suppressed.suppression.reason).toMatch(/^<redacted: /);
  });

  it('--parameter without "=" is refused without echoing its value', async () => {
    const r = await runVouch(['check', 'evil.json', '--parameter', `DbPassword:${PASSWORD}`, '--out', 'o5'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--parameter: expected KEY=VALUE/);
    expect(r.stderr).not.toContain(PASSWORD);
  });
});

describe('vouch report recomputes its headline', () => {
  it('a stored summary saying PASSED over failing findings is re-rendered as FAILED', async () => {
    const r = await runVouch(['check', 'evil.json', '--format', 'json', '--out', 'o6'], { cwd: dir });
    expect(r.code).toBe(1);
    const p = join(dir, 'o6', 'evidence.json');
    const doc = JSON.parse(readFileSync(p, 'utf8'));
    doc.summary = { ...doc.summary, exitCode: 0, gatingFailures: 0, incomplete: false };
    writeFileSync(p, JSON.stringify(doc));
    const rep = await runVouch(['report', p, '--format', 'md', '--out', 'o7'], { cwd: dir });
    expect(rep.code, rep.stderr).toBe(0);
    const md = readFileSync(join(dir, 'o7', 'summary.md'), 'utf8');
    expect(md.split('\n')[0]).toMatch(/^## vouch: FAILED — /);
    expect(JSON.parse(readFileSync(join(dir, 'o7', 'evidence.json'), 'utf8')).summary.exitCode).toBe(1);
  });
});
