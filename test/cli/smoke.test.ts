/**
 * The real binary, spawned: the fast tier's other CLI tests run `run(argv,
 * ctx)` in-process from source, so these few check what only the built
 * `bin/vouch` shows — the bundle starts, reads its arguments, prints to the
 * process's streams and sets the process's exit code.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch } from '../helpers/cli.js';
import { VERSION } from '../../src/util/version.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-smoke-'));
  writeFileSync(join(dir, 'open.yaml'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: { Engine: postgres, StorageEncrypted: false }\n');
});

describe('bin/vouch as a process', () => {
  it('--version prints the package version on stdout, exit 0', async () => {
    const r = await runVouch(['--version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it('check: a failing template exits 1, prints the failure and writes evidence', async () => {
    const r = await runVouch(['check', 'open.yaml', '--out', 'out', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL .*enc-rest\/aws-rds-db-instance/);
    const doc = JSON.parse(readFileSync(join(dir, 'out', 'evidence.json'), 'utf8')) as { findings: { ruleId: string; status: string }[] };
    expect(doc.findings.some((f) => f.ruleId === 'enc-rest/aws-rds-db-instance' && f.status === 'fail')).toBe(true);
  });

  it('bad input: one line on stderr, exit 2', async () => {
    const r = await runVouch(['check', 'missing.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vouch: missing\.yaml: no such file or directory/)]);
  });
});
