import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess as runVouch } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

let dir: string;
const evidence = (out: string) => JSON.parse(readFileSync(join(dir, out, 'evidence.json'), 'utf8')) as EvidenceDocument;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-bench-cli-'));
  writeFileSync(
    join(dir, 'app.yaml'),
    `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, StorageEncrypted: false, PubliclyAccessible: false, BackupRetentionPeriod: 7 }
`,
  );
  writeFileSync(join(dir, 'claims.yaml'), `version: 1\nname: tls only\nclaims:\n  - { id: tls, text: "TLS 1.2 or better.", controls: [tls-min] }\n`);
});

describe('vouch check --benchmark', () => {
  it('judges the benchmark beside --claims and writes its section; the summary prints its counts', async () => {
    const r = await runVouch(['check', 'app.yaml', '--claims', 'claims.yaml', '--benchmark', 'cis-aws', '--out', 'out1', '--format', 'json,md'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the benchmark's encryption rule fails the unencrypted database
    const doc = evidence('out1');
    const c231 = doc.benchmarks![0]!.controls.find((c) => c.id === '2.3.1')!;
    expect(c231.verdict).toBe('fail');
    expect(doc.benchmarks![0]!.controls.find((c) => c.id === '2.3.3')!.verdict).toBe('pass');
    expect(r.stdout).toMatch(/benchmark cis-aws v3\.0\.0: 1 FAIL, /);
    expect(readFileSync(join(dir, 'out1', 'summary.md'), 'utf8')).toContain('| ❌ | 2.3.1 |');
  });

  it('an unknown benchmark is a one-line input error (exit 2) before anything is read', async () => {
    const r = await runVouch(['check', 'app.yaml', '--benchmark', 'cis-azure', '--out', 'out2'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown benchmark 'cis-azure'; known: aws-fsbp, cis-aws, cis-gcp/);
  });

  it('vouch report --benchmark adds a section judged from the findings already in the evidence', async () => {
    const first = await runVouch(['check', 'app.yaml', '--out', 'out3'], { cwd: dir });
    expect(first.code).toBe(1);
    expect(evidence('out3').benchmarks).toBeUndefined();
    const r = await runVouch(['report', 'out3/evidence.json', '--benchmark', 'aws-fsbp', '--format', 'json', '--out', 'out4'], { cwd: dir });
    expect(r.code).toBe(0);
    const fsbp = evidence('out4').benchmarks![0]!;
    expect(fsbp.id).toBe('aws-fsbp');
    expect(fsbp.controls.find((c) => c.id === 'RDS.3')!.verdict).toBe('fail');
  });
});
