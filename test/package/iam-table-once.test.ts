/**
 * The IAM access-level table (src/lib/iam-actions.generated.ts, 0.4 MB) ships once: as the library's module
 * dist/src/lib/iam-actions.generated.js, which the CLI bundle requires on first use. Session 13's package held
 * it twice, inlined in dist/cli/vouch.cjs too (fixP3: 2.02 → 1.92 MB packed, 8.56 → 8.17 MB unpacked).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';
import { RESOURCELESS_WRITES } from '../../src/lib/iam-actions.generated.js';

const BUNDLE = join(ROOT, 'dist', 'cli', 'vouch.cjs');
const FROM_BUNDLE = '../src/lib/iam-actions.generated.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-iam-table-'));
  // Records every module request the CommonJS loader serves (require of an ES module goes through it too).
  writeFileSync(
    join(dir, 'record.cjs'),
    `const Module = require('node:module');
const fs = require('node:fs');
const asked = [];
const load = Module._load;
Module._load = function (request, ...rest) { asked.push(String(request)); return load.call(this, request, ...rest); };
process.on('exit', () => fs.writeFileSync(process.env.VOUCH_TEST_RECORD, JSON.stringify(asked)));
`,
  );
  const policy = (action: string) => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] } } });
  writeFileSync(join(dir, 'iam.json'), JSON.stringify({ Resources: { Resourceless: policy('textract:StartDocumentAnalysis'), Writes: policy('s3:PutObject'), Unlisted: policy('notaservice:DoThing') } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { code: number | null; asked: string[] } {
  const record = join(dir, `record-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['-r', join(dir, 'record.cjs'), BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, VOUCH_TEST_RECORD: record, VOUCH_CODE_CACHE_DIR: 'off' } });
  expect(r.stderr).toBe('');
  return { code: r.status, asked: JSON.parse(readFileSync(record, 'utf8')) as string[] };
}

describe('the IAM access-level table ships once', () => {
  it('the CLI bundle holds no copy of it and requires the library module beside it', () => {
    const bundle = readFileSync(BUNDLE, 'latin1');
    // An entry of the table, as the generator writes it: in the library module, not in the bundle.
    const entry = RESOURCELESS_WRITES['textract']!;
    expect(entry.split(' ').length).toBeGreaterThan(2);
    expect(readFileSync(join(ROOT, 'dist', 'src', 'lib', 'iam-actions.generated.js'), 'utf8')).toContain(entry);
    expect(bundle).not.toContain(entry);
    expect(bundle).toContain(`require(${JSON.stringify(FROM_BUNDLE)})`);
    expect(existsSync(join(dirname(BUNDLE), FROM_BUNDLE))).toBe(true);
  });

  it('`vouch --version` does not load it; a check that classifies IAM actions does, and reads it right', () => {
    expect(run(['--version']).asked.filter((m) => m.includes('iam-actions'))).toEqual([]);
    const check = run(['check', 'iam.json', '--out', join(dir, 'out'), '--quiet']);
    expect(check.asked).toContain(FROM_BUNDLE);
    expect(check.code).toBe(1);
    const findings = (JSON.parse(readFileSync(join(dir, 'out', 'evidence.json'), 'utf8')) as { findings: { ruleId: string; status: string; resource: { logicalId?: string } }[] }).findings;
    const status = (id: string) => findings.find((f) => f.ruleId === 'iam-least-privilege/aws-iam-policy' && f.resource.logicalId === id)?.status;
    // A write that takes no resource (the table's RESOURCELESS_WRITES) on "*" is not over-broad; another write is;
    // a service the table does not list (KNOWN_SERVICES) cannot be classified.
    expect({ Resourceless: status('Resourceless'), Writes: status('Writes'), Unlisted: status('Unlisted') }).toEqual({ Resourceless: 'pass', Writes: 'fail', Unlisted: 'unknown' });
  });
});
