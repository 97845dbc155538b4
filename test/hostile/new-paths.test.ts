/**
 * Hostile input against the input paths added in session 14 (fixP4): the cron reader for DLM / AWS Backup
 * schedules, Backup selections by parameters, IAM principals related by name, credentials by Fn::GetAtt in
 * Sub/Join text, JSON settings documents, private-named subnet parameters.
 *
 * Measured (fixP4, 2 cores, `node bin/vouch check`, /usr/bin/time):
 * - cron: `cron(` followed by 4,000 spaces took 25 s in the expression regex (a lazy group between two `\s*`,
 *   cubic); 200,000 spaces never finished (killed after 10 min, ignoring SIGTERM while busy). The expression is
 *   now taken apart without a backtracking regex and capped at 256 characters (EventBridge's limit; DLM's is
 *   106): the 12.5 MB template of 18 such schedules × 4 counts is judged in 0.45 s, 117 MB.
 * - Fn::Sub text of 100 KB of `a${a` (every `${` without a closing brace): the resolver's `\$\{([^}]*)\}` took
 *   9 s, the secret scan's hole regex 4.4 s more (the 400 KB template of three such texts 7.4 s); now only the text
 *   up to the last `}` is matched and the holes are found in one pass: 0.98 s, 84 MB.
 * - Names split into words (`([A-Z]+)([A-Z][a-z])`, in nameWords, kebab and the data-set kebab) were quadratic on
 *   a run of capitals: a 100 KB environment-variable name 14 s; now a lookahead, linear, the same words.
 * - AWS Backup selections: every backed-up resource is matched against every selection's entries. One selection of
 *   200,000 ARNs (a CommaDelimitedList default, 11 MB) beside 2,000 tables ran past 60 s (10,000 ARNs: 34 s);
 *   2,000 selections of 20 Sub ARNs and 40 conditions by parameters beside 2,000 tables (10 MB) past 60 s. Now a
 *   scan makes at most 1,000,000 entry comparisons, past them the resource is `maybe` naming the selection and
 *   the cap: 3.5 s / 146 MB and 5.0 s / 200 MB.
 * - Held without change (measured, no test added): 5,000 RolePolicy + 2,000 UserPolicy + 2,000 GroupPolicy naming one
 *   role / user / group by literal, Ref, Sub and Join, 300 UserToGroupAdditions of 2,000 users (6.5 MB) 3.0 s / 162 MB;
 *   access-key GetAtt in 150-deep Join and Sub nests, a 200,000-item Join and 100,000 Sub holes (7 MB) 2.2 s / 199 MB
 *   (3,000 deep: exit 2, one line naming the nesting limit); MWAA / Lambda settings documents 50,000 deep, 300,000-item
 *   arrays, 50,000 keys, truncated, and class paths / store references of 100-200 KB (9.6 MB) 0.7 s / 96 MB, no value
 *   in any message; 2,001 private-named subnet parameters (one of 100 KB) and a Beanstalk environment of 50,000 option
 *   settings (6.2 MB) 2.2 s / 129 MB.
 * - DLM RetainRule.Count 1e309 (Infinity), 2.5 or a 400-digit string made Infinity or fractional runs; they
 *   are now invalid values like any count that is no whole number.
 */
import { describe, it, expect } from 'vitest';
import { cronGaps, MAX_EXPRESSION } from '../../rules/backup-retention/_cron.js';
import { retainDays } from '../../rules/backup-retention/_dlm.js';
import { builtTexts } from '../../src/sources/iac/built-text.js';
import { nameWords } from '../../src/lib/secrets.js';
import { kebab } from '../../src/sources/iac/types.js';
import { Resolver } from '../../src/sources/iac/intrinsics.js';
import { isUnresolved } from '../../src/model/values.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { defaultProfile } from '../../src/evaluate/claims-profile.js';
import { MAX_SELECTION_WORK, selectionBudget } from '../../rules/backup-retention/_selection.js';

describe('the cron reader', () => {
  it('reads no expression longer than AWS accepts, and says so', () => {
    expect(MAX_EXPRESSION).toBe(256);
    const long = `cron(${Array.from({ length: 200 }, (_, i) => i % 60).join(',')} 0 * * ? *)`;
    expect(cronGaps(long)).toEqual({ why: `it is longer than the 256 characters AWS accepts` });
    // Within the cap the same list is read.
    expect('gaps' in cronGaps('cron(0,15,30,45 0 * * ? *)')).toBe(true);
  });

  it('spaces and tabs in the brackets (the cubic regex shape) are read at once, inside the cap as outside it', () => {
    for (const pad of [' '.repeat(240), ' \t'.repeat(120), ' '.repeat(100_000)]) {
      const started = performance.now();
      for (const e of [`cron(${pad}x`, `cron(${pad}x)`, `cron(${pad})x`, `cron(${pad}0 5 * * ? *${pad.slice(0, 10)})`]) expect(cronGaps(e)).toHaveProperty('why');
      // Was 25 s for 4,000 spaces: anything near a second is the old regex back.
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    // Spaces around the fields are still allowed.
    expect(cronGaps('cron(  0 5 * * ? *  )')).toEqual({ gaps: [1440] });
    expect(cronGaps('CRON(0 5 * * ? *)')).toEqual({ gaps: [1440] });
    expect(cronGaps('cron(0 5 * * ? *))')).toHaveProperty('why');
  });

  it('fields at their limits, steps past the range, numbers like 1e309 and unicode digits', () => {
    expect(cronGaps('cron(0/99 0/99 */99 */99 ? *)')).toHaveProperty('gaps');
    expect(cronGaps('cron(1e309 5 * * ? *)')).toHaveProperty('why');
    expect(cronGaps('cron(０ ５ * * ? *)')).toHaveProperty('why');
    expect(cronGaps('cron(0-59 0-23 1-28 1-12 ? *)')).toEqual({ why: 'it runs too often on named days of the month for vouch to work out' });
  });
});

describe('DLM retention by count', () => {
  const create = { CronExpression: 'cron(0 5 * * ? *)' };
  it('a count that is no whole number (Infinity, a fraction, 400 digits) is invalid, not Infinity days', () => {
    for (const count of [Number.POSITIVE_INFINITY, 2.5, '9'.repeat(400), 1e300]) {
      const d = retainDays({ Count: count }, create, 'schedule s');
      expect(d, String(count)).toMatchObject({ invalid: true });
      expect(retainDays({ Count: count }, { Interval: 24, IntervalUnit: 'HOURS' }, 'schedule s')).toMatchObject({ invalid: true });
    }
    expect(retainDays({ Count: 7 }, create, 'schedule s')).toEqual([7, 7]);
    expect(retainDays({ Count: '7' }, create, 'schedule s')).toEqual([7, 7]);
  });

  it('a long schedule is shown clipped in the message', () => {
    const cron = `cron(${' '.repeat(5_000)}x)`;
    const d = retainDays({ Count: 3 }, { CronExpression: cron }, 'schedule s');
    expect('why' in d && d.why.length).toBeLessThan(400);
    expect('why' in d && d.why).toMatch(/\(5007 characters\)/);
  });
});

describe('Sub text and names on long adversarial strings', () => {
  const open = 'a${a'.repeat(25_000);

  it('Fn::Sub holes are found in one pass (built texts), as the regex found them', () => {
    const ctx = { parameters: new Set(['A', 'P']), condition: () => undefined };
    const started = performance.now();
    // Nothing closes: no hole, one text, read at once.
    expect(builtTexts({ 'Fn::Sub': open }, ctx)?.map((t) => t.holes)).toEqual([false]);
    expect(builtTexts({ 'Fn::Sub': `${open}}` }, ctx)?.[0]?.holes).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
    const [t] = builtTexts({ 'Fn::Sub': 'x-${P}-${!B}-${C.D}' }, ctx)!;
    expect(t!.parameters.map((p) => p.parameter)).toEqual(['P']);
    expect(t!.text).toBe('x-\u0001-${B}-\u0001');
  });

  it('the resolver reads a 100 KB Sub text without a closing brace at once, and still resolves what is closed', () => {
    const r = new Resolver({ parameters: { P: 'v' }, unknownParameters: new Set(['Q']), mappings: {}, conditions: {}, resources: new Set() });
    const started = performance.now();
    expect(r.resolve({ 'Fn::Sub': open })).toBe(open);
    expect(r.resolve({ 'Fn::Sub': `\${P}-${open}` })).toBe(`v-${open}`);
    expect(isUnresolved(r.resolve({ 'Fn::Sub': `${open}\${Q}` }))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a run of 100,000 capitals splits into words at once, as before', () => {
    const started = performance.now();
    expect(nameWords(`${'A'.repeat(100_000)}x`).map((w) => w.length)).toEqual([99_999, 2]);
    expect(kebab(`${'A'.repeat(100_000)}b`)).toHaveLength(100_002); // 'aaa…a-ab'
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(nameWords('HTTPServerPassword')).toEqual(['http', 'server', 'password']);
    expect(kebab('RequestLogsBucket')).toBe('request-logs-bucket');
    expect(kebab('DBInstanceARN')).toBe('db-instance-arn');
  });
});

describe('AWS Backup selections × resources', () => {
  const table = (i: number) => ({ Type: 'AWS::DynamoDB::Table', Properties: { TableName: `t${i}`, KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' } });
  const plan = { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', ScheduleExpression: 'cron(0 5 * * ? *)', Lifecycle: { DeleteAfterDays: 30 } }] } } };

  async function judge(arns: number, tables: number, covered: number) {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-sel-'));
    const list = Array.from({ length: arns }, (_, i) => `arn:aws:dynamodb:*:*:table/x${i}`);
    list.push(`arn:aws:dynamodb:*:*:table/t${covered}`);
    const resources: Record<string, unknown> = { Plan: plan, Sel: { Type: 'AWS::Backup::BackupSelection', Properties: { BackupPlanId: { Ref: 'Plan' }, BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::1:role/b', Resources: { Ref: 'Arns' } } } } };
    for (let i = 0; i < tables; i++) resources[`T${i}`] = table(i);
    const file = join(dir, 't.json');
    writeFileSync(file, JSON.stringify({ Parameters: { Arns: { Type: 'CommaDelimitedList', Default: list.join(',') } }, Resources: resources }));
    const inventory = loadIac([file], {});
    const profile = defaultProfile();
    const findings = evaluate(inventory, await loadRules(), { controls: profile.controls, ctx: { params: profile.parameters, inventory } });
    return { findings: findings.filter((f) => f.ruleId === 'backup-retention/aws-dynamodb-table'), spent: selectionBudget(inventory).spent };
  }

  it('one selection of 100,000 ARNs beside 200 tables stops at the cap: the rest are unknown naming it (was minutes)', async () => {
    const { findings, spent } = await judge(100_000, 200, 1);
    expect(findings).toHaveLength(200);
    expect(spent).toBeLessThanOrEqual(MAX_SELECTION_WORK);
    // Ten resources fit under the cap (T1 is selected), the rest are not matched.
    const capped = findings.filter((f) => /not matched: the scan's selections × resources exceed the 1,000,000 comparisons/.test(f.message));
    expect(capped.length).toBeGreaterThanOrEqual(185);
    expect(capped.every((f) => f.status === 'unknown'), capped[0]?.message).toBe(true);
    expect(findings.find((f) => f.resource.logicalId === 'T1')?.status).toBe('not-applicable'); // covered: judged on the plan
  });

  it('under the cap every table is matched as before', async () => {
    const { findings, spent } = await judge(500, 50, 7);
    expect(spent).toBeGreaterThan(0);
    expect(findings.some((f) => /not matched/.test(f.message))).toBe(false);
    expect(findings.find((f) => f.resource.logicalId === 'T7')?.status).toBe('not-applicable'); // covered: judged on the plan
    expect(findings.filter((f) => f.status === 'fail')).toHaveLength(49);
  });
});
