/**
 * The data-service rules (Redshift, DocumentDB, Neptune, MSK, EKS, DAX, DMS,
 * Amazon MQ, Firehose, SageMaker) beyond pass/fail: a pass that rests on a
 * service default says so in its evidence, an invalid value fails naming it
 * invalid, and a verdict that depends on the claims profile follows it.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import type { Rule } from '../src/evaluate/rule.js';
import { fixturesDir, runFixture } from './helpers/rule-fixtures.js';

const rules = await loadRules();
const byId = new Map(rules.map((r) => [r.id, r] as const));
const rule = (id: string): Rule => {
  const r = byId.get(id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

/** The finding for one logical id of one fixture. */
function finding(id: string, fixture: string, logicalId: string) {
  const r = rule(id);
  const { findings } = runFixture(r, join(fixturesDir(r), fixture));
  const f = findings.filter((x) => x.resource.logicalId === logicalId);
  expect(f.length, `${id} ${fixture} ${logicalId}`).toBe(1);
  return f[0]!;
}

describe('a pass that rests on a documented service default says so', () => {
  const cases: [rule: string, fixture: string, logicalId: string][] = [
    ['enc-rest/aws-redshift-cluster', 'pass.yaml', 'Omitted'],
    ['public-access/aws-redshift-cluster', 'pass.yaml', 'Omitted'],
    ['public-access/aws-redshiftserverless-workgroup', 'pass.yaml', 'Omitted'],
    ['tls-min/aws-redshift-cluster', 'pass.yaml', 'DefaultGroup'],
    ['tls-min/aws-msk-cluster', 'pass.yaml', 'Defaults'],
    ['public-access/aws-msk-cluster', 'pass.yaml', 'Omitted'],
    ['enc-rest/aws-msk-cluster', 'pass.yaml', 'ManagedKey'],
    ['secrets-encrypted/aws-eks-cluster', 'pass.yaml', 'DefaultVersion'],
    ['public-access/aws-amazonmq-broker', 'pass.yaml', 'Omitted'],
    ['enc-rest/aws-sagemaker-notebook-instance', 'pass.yaml', 'DefaultKey'],
  ];
  for (const [id, fixture, logicalId] of cases)
    it(`${id}: ${logicalId}`, () => {
      const f = finding(id, fixture, logicalId);
      expect(f.status).toBe('pass');
      expect(f.evidence.some((e) => e.observed === null && /^omitted: /.test(e.note ?? '')), JSON.stringify(f.evidence)).toBe(true);
    });
});

describe('a fail on an omitted property names the default it applied', () => {
  const cases: [rule: string, fixture: string, logicalId: string, note: RegExp][] = [
    ['backup-retention/aws-redshift-cluster', 'fail.yaml', 'OmittedIsOneDay', /default to 1 day/],
    ['backup-retention/aws-docdb-db-cluster', 'fail.yaml', 'OmittedIsOneDay', /DocumentDB API default to 1 day/],
    ['backup-retention/aws-neptune-db-cluster', 'fail.yaml', 'OmittedIsOneDay', /Neptune API default to 1 day/],
    ['tls-min/aws-docdb-db-cluster', 'fail.yaml', 'DefaultGroup', /TLS 1\.0 through 1\.3/],
    ['public-access/aws-eks-cluster', 'fail.yaml', 'Defaults', /default is true/],
    ['public-access/aws-dms-replication-instance', 'fail.yaml', 'OmittedIsPublic', /default is true/],
    ['tls-min/aws-dax-cluster', 'fail.yaml', 'Omitted', /default is NONE/],
    ['enc-rest/aws-firehose-delivery-stream', 'fail.yaml', 'DirectPutNoSse', /server-side encryption is off unless configured/],
    ['public-access/aws-sagemaker-notebook-instance', 'fail.yaml', 'Omitted', /internet-enabled by default/],
  ];
  for (const [id, fixture, logicalId, note] of cases)
    it(`${id}: ${logicalId}`, () => {
      const f = finding(id, fixture, logicalId);
      expect(f.status).toBe('fail');
      expect(f.evidence.some((e) => note.test(e.note ?? '')), JSON.stringify(f.evidence)).toBe(true);
    });
});

describe('a value outside the property’s allowed set fails as not a valid value', () => {
  const cases: [rule: string, fixture: string, logicalId: string][] = [
    ['enc-rest/aws-redshift-cluster', 'fail.yaml', 'NotABoolean'],
    ['enc-rest/aws-neptune-db-cluster', 'fail.yaml', 'NotABoolean'],
    ['public-access/aws-redshift-cluster', 'fail.yaml', 'Invalid'],
    ['tls-min/aws-redshift-cluster', 'fail.yaml', 'InvalidValue'],
    ['audit-logging/aws-redshift-cluster-logging', 'fail.yaml', 'BadDestination'],
    ['tls-min/aws-docdb-db-cluster', 'fail.yaml', 'InvalidValue'],
    ['audit-logging/aws-docdb-db-cluster', 'fail.yaml', 'InvalidValue'],
    ['audit-logging/aws-neptune-db-cluster', 'fail.yaml', 'InvalidValue'],
    ['tls-min/aws-msk-cluster', 'fail.yaml', 'Typo'],
    ['public-access/aws-msk-cluster', 'fail.yaml', 'Invalid'],
    ['public-access/aws-eks-cluster', 'fail.yaml', 'Invalid'],
    ['enc-rest/aws-dax-cluster', 'fail.yaml', 'Invalid'],
    ['tls-min/aws-dax-cluster', 'fail.yaml', 'Invalid'],
    ['audit-logging/aws-amazonmq-broker-logging', 'fail.yaml', 'BadEngine'],
    ['enc-rest/aws-firehose-delivery-stream', 'fail.yaml', 'BadKeyType'],
    ['public-access/aws-sagemaker-notebook-instance', 'fail.yaml', 'Invalid'],
  ];
  for (const [id, fixture, logicalId] of cases)
    it(`${id}: ${logicalId}`, () => {
      const f = finding(id, fixture, logicalId);
      expect(f.status).toBe('fail');
      expect(f.message).toMatch(/is not a valid value/);
      expect(f.evidence.some((e) => /is not a valid value for /.test(e.note ?? '')), JSON.stringify(f.evidence)).toBe(true);
    });
});

describe('verdicts follow the claims profile', () => {
  it('the same DocumentDB tls1.2+ group passes a 1.2 floor and fails a 1.3 floor', () => {
    expect(finding('tls-min/aws-docdb-db-cluster', 'pass.yaml', 'Catalog').status).toBe('pass');
    const f = finding('tls-min/aws-docdb-db-cluster', 'fail-tls13.yaml', 'Catalog');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/below the promised 1\.3/);
  });

  it('a Redshift retention inside the default window fails an exact 35-day cycle, naming the cycle', () => {
    const f = finding('backup-retention/aws-redshift-cluster', 'fail-exact.yaml', 'TwoWeeks');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/not the 35-day cycle/);
  });

  it('always-encrypted services fail only when the claim requires customer-managed keys', () => {
    for (const [id, logicalId] of [
      ['enc-rest/aws-msk-cluster', 'ManagedKey'],
      ['enc-rest/aws-sagemaker-notebook-instance', 'DefaultKey'],
      ['enc-rest/aws-redshift-cluster', 'DefaultKey'],
    ] as const) {
      const f = finding(id, 'fail-cmk.yaml', logicalId);
      expect(f.status, id).toBe('fail');
      expect(f.message, id).toMatch(/customer-managed keys/);
    }
  });
});

describe('rule metadata', () => {
  const ids = [...byId.keys()].filter((id) => /-(redshift|redshiftserverless|docdb|neptune|msk|eks|dax|dms|amazonmq|firehose|sagemaker)-/.test(id));
  it('covers the data services', () => {
    expect(ids.length).toBeGreaterThanOrEqual(27);
  });
  it('every data-service rule cites an AWS documentation page for the defaults it applies', () => {
    const without = ids.filter((id) => !rule(id).references?.some((u) => u.startsWith('https://docs.aws.amazon.com/')));
    expect(without).toEqual([]);
  });
});
