/**
 * DMS replication logging: a replication task (ReplicationTaskSettings) and a DMS Serverless replication
 * (ReplicationSettings) are judged by one reader (rules/audit-logging/_dms-logging.ts), so the same
 * settings give the same verdict on both, and a flag the template does not settle is unknown on both.
 * One difference: a task written without any settings is not judged (rule zero, session 13: the corpus labels
 * pass all five such tasks), while a serverless replication without settings fails as before.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { runFixture } from './helpers/rule-fixtures.js';

const rules = await loadRules();
const dir = mkdtempSync(join(tmpdir(), 'vouch-dms-logging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KINDS = [
  { id: 'audit-logging/aws-dms-replication-task-logging', type: 'AWS::DMS::ReplicationTask', prop: 'ReplicationTaskSettings', noun: 'task', none: { status: 'not-applicable', message: /written without settings/ } },
  { id: 'audit-logging/aws-dms-replication-config-logging', type: 'AWS::DMS::ReplicationConfig', prop: 'ReplicationSettings', noun: 'replication', none: undefined },
] as const;

/** Settings as YAML (after `<prop>:`), and what each must give. */
const CASES: { name: string; settings?: string; status: string; message: RegExp }[] = [
  { name: 'NoSettings', status: 'fail', message: /has no settings: logging is off by default/ },
  { name: 'TextOn', settings: `'{"Logging":{"EnableLogging":true}}'`, status: 'pass', message: /logs to CloudWatch Logs/ },
  { name: 'TextOff', settings: `'{"Logging":{"EnableLogging":false}}'`, status: 'fail', message: /logging is off/ },
  { name: 'TextNoLogging', settings: `'{"TargetMetadata":{}}'`, status: 'fail', message: /logging is off/ },
  { name: 'TextBroken', settings: `'{"Logging":'`, status: 'fail', message: /is not valid JSON/ },
  { name: 'ObjectOn', settings: `{ Logging: { EnableLogging: true } }`, status: 'pass', message: /logs to CloudWatch Logs/ },
  { name: 'WholeFromParameter', settings: `!Ref Settings`, status: 'unknown', message: /Settings/ },
  { name: 'FlagFromParameter', settings: `{ Logging: { EnableLogging: !Ref Flag } }`, status: 'unknown', message: /Flag/ },
];

function template(type: string, prop: string): string {
  const lines = ['Parameters:', '  Settings: { Type: String }', '  Flag: { Type: String }', 'Resources:'];
  for (const c of CASES) {
    lines.push(`  ${c.name}:`, `    Type: ${type}`, '    Properties:', '      SourceEndpointArn: arn:aws:dms:eu-west-1:111122223333:endpoint:SRC');
    if (c.settings) lines.push(`      ${prop}: ${c.settings}`);
  }
  return lines.join('\n') + '\n';
}

describe('DMS replication logging: tasks and serverless replications read alike', () => {
  for (const k of KINDS) {
    it(`${k.id}: each settings shape gives its verdict`, () => {
      const rule = rules.find((r) => r.id === k.id)!;
      const file = join(dir, `${k.noun}.yaml`);
      writeFileSync(file, template(k.type, k.prop));
      const { findings } = runFixture(rule, file);
      for (const c0 of CASES) {
        const c = c0.name === 'NoSettings' && k.none ? { ...c0, ...k.none } : c0;
        const f = findings.filter((x) => x.resource.logicalId === c.name);
        expect(f.length, c.name).toBe(1);
        expect(`${c.name}=${f[0]!.status}`, f[0]!.message).toBe(`${c.name}=${c.status}`);
        expect(f[0]!.message, c.name).toMatch(c.message);
        if (c.status === 'pass' || c.status === 'fail') expect(f[0]!.message, c.name).toMatch(c.name === 'TextBroken' ? new RegExp(k.prop) : new RegExp(`\\b${k.noun}\\b`));
      }
    });
  }
});
