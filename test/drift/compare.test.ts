/** compareDrift on hand-built evidence documents, and `vouch drift` on bad input. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareDrift, driftMarkdown } from '../../src/findings/drift/compare.js';
import { makeFinding, richEvidence } from '../reports/evidence-fixture.js';
import type { Status } from '../../src/evaluate/rule.js';
import type { ResourceOwner } from '../../src/model/resource.js';
import { runVouch } from '../helpers/in-process.js';
import { driftErrors } from '../helpers/evidence-schema.js';
import { driftReportSchema } from '../../src/schema/drift.js';

const OWNER = (logicalId: string): ResourceOwner => ({ status: 'stack', stackName: 'App', stackId: 'arn:aws:cloudformation:us-east-1:1:stack/App/1', logicalId, constructPath: `App/${logicalId}/Resource` });
const liveF = (rule: string, name: string, status: Status, owner?: ResourceOwner, subId?: string) =>
  makeFinding({ ruleId: rule, status, ...(subId ? { subId } : {}), resource: { type: 'aws.s3.bucket', provider: 'aws', source: 'live', id: `arn:aws:s3:::${name}`, arn: `arn:aws:s3:::${name}`, account: '1', region: 'us-east-1', ...(owner ? { owner } : {}) } });
const codeF = (rule: string, logicalId: string, status: Status) =>
  makeFinding({ ruleId: rule, status, resource: { type: 'aws.s3.bucket', provider: 'aws', source: 'iac', id: `App/${logicalId}`, stack: 'App', logicalId, file: 'cdk.out/App.template.json', line: 3 } });

describe('compareDrift', () => {
  const live = richEvidence([
    liveF('enc-rest/aws-s3-bucket', 'a', 'fail', { ...OWNER('A'), cfnDriftStatus: 'MODIFIED' }),
    liveF('enc-rest/aws-s3-bucket', 'b', 'pass', OWNER('B')),
    liveF('enc-rest/aws-s3-bucket', 'c', 'unknown', OWNER('C')),
    liveF('public-access/aws-s3-bucket', 'd', 'fail', OWNER('D'), 'Live.Added[0]'),
    liveF('enc-rest/aws-s3-bucket', 'e', 'pass', OWNER('E')),
    liveF('enc-rest/aws-s3-bucket', 'shadow', 'fail', { status: 'none' }),
    liveF('enc-rest/aws-s3-bucket', 'gone', 'pass', OWNER('NotInCode')),
  ]);
  const code = richEvidence([
    codeF('enc-rest/aws-s3-bucket', 'A', 'pass'),
    codeF('enc-rest/aws-s3-bucket', 'B', 'fail'),
    codeF('enc-rest/aws-s3-bucket', 'C', 'pass'),
    codeF('public-access/aws-s3-bucket', 'D', 'not-applicable'),
    codeF('enc-rest/aws-s3-bucket', 'E', 'pass'),
  ]);
  const d = compareDrift(live, code);
  const kinds = Object.fromEntries(d.verdicts.map((v) => [v.live.id.split(':::')[1], v.kind]));

  it('classifies each pair of verdicts; unknown on one side is undetermined, never in step', () => {
    expect(kinds).toEqual({ a: 'passes-in-code-fails-live', d: 'passes-in-code-fails-live', b: 'fails-in-code-passes-live', c: 'undetermined', e: 'in-step' });
    expect(d.byControl['enc-rest']).toMatchObject({ passesInCodeFailsLive: 1, failsInCodePassesLive: 1, undetermined: 1 });
    // CloudFormation's own drift view, beside vouch's.
    expect(d.verdicts.find((v) => v.live.id.endsWith(':::a'))?.cfnDriftStatus).toBe('MODIFIED');
    expect(driftMarkdown(d)).toMatch(/arn:aws:s3:::a \(fail\) \| .* \| MODIFIED \|/);
  });

  it('the report is valid against schema/drift.schema.json; a wrong kind or a missing field is not', () => {
    expect(driftErrors(d)).toEqual([]);
    expect(driftReportSchema.parse(d)).toEqual(d);
    const bad = structuredClone(d) as unknown as { verdicts: { kind: string }[]; byControl?: unknown };
    bad.verdicts[0]!.kind = 'sideways';
    expect(driftErrors(bad).join('\n')).toMatch(/\/verdicts\/0\/kind/);
    delete bad.byControl;
    expect(driftReportSchema.safeParse(bad).success).toBe(false);
  });

  it('lists shadow resources per type and owned resources the code does not have', () => {
    expect(d.shadow.byType).toEqual({ 'aws.s3.bucket': 1 });
    expect(d.notInCode.map((r) => r.logicalId)).toEqual(['NotInCode']);
  });
});

describe('vouch drift on bad input', () => {
  it('a missing or malformed evidence file: one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-drift-bad-'));
    const missing = await runVouch(['drift', join(dir, 'nope.json'), '--out', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion": "1.0", "findings": 3}');
    const bad = await runVouch(['drift', join(dir, 'bad.json'), '--out', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json/);
  });

  it('--code evidence: writes drift.json and exits 1 with --fail-on-drift on a live regression', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-drift-code-'));
    writeFileSync(join(dir, 'live.json'), JSON.stringify(richEvidence([liveF('enc-rest/aws-s3-bucket', 'a', 'fail', OWNER('A'))])));
    writeFileSync(join(dir, 'code.json'), JSON.stringify(richEvidence([codeF('enc-rest/aws-s3-bucket', 'A', 'pass')])));
    const r = await runVouch(['drift', join(dir, 'live.json'), '--code', join(dir, 'code.json'), '--out', join(dir, 'out'), '--fail-on-drift', '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    const written = JSON.parse(readFileSync(join(dir, 'out', 'drift.json'), 'utf8'));
    expect(written.counts['passes-in-code-fails-live']).toBe(1);
    // What vouch writes is valid against the published schema and the zod schema it is generated from.
    expect(driftErrors(written)).toEqual([]);
    expect(driftReportSchema.safeParse(written).success).toBe(true);
    const both = await runVouch(['drift', join(dir, 'live.json'), '--code', join(dir, 'code.json'), '--cdk-out', dir, '--out', join(dir, 'out')]);
    expect(both.code).toBe(2);
  });
});
