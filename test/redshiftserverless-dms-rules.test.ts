/**
 * Redshift Serverless require_ssl and DMS public access beyond pass/fail: what
 * an omitted value means, an invalid value fails as invalid, and a verdict that
 * rests on a default or on the network says which.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import type { Rule } from '../src/evaluate/rule.js';
import { fixturesDir, runFixture } from './helpers/rule-fixtures.js';

const rules = await loadRules();
const rule = (id: string): Rule => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

function finding(id: string, fixture: string, logicalId: string) {
  const r = rule(id);
  const f = runFixture(r, join(fixturesDir(r), fixture)).findings.filter((x) => x.resource.logicalId === logicalId);
  expect(f.length, `${id} ${fixture} ${logicalId}`).toBe(1);
  return f[0]!;
}

describe('tls-min/aws-redshiftserverless-workgroup', () => {
  const id = 'tls-min/aws-redshiftserverless-workgroup';

  it('an omitted require_ssl passes at a 1.2 floor (new workgroups require SSL) and is unknown at 1.3', () => {
    for (const logicalId of ['Omitted', 'OtherParametersOnly']) {
      const f = finding(id, 'pass.yaml', logicalId);
      expect(f.status).toBe('pass');
      expect(f.message).toMatch(/true by default/);
      expect(f.evidence.some((e) => e.observed === null && /^omitted: new workgroups require SSL/.test(e.note ?? '')), JSON.stringify(f.evidence)).toBe(true);
    }
    const f = finding(id, 'unknown-tls13.yaml', 'OmittedTls13');
    expect(f.status).toBe('unknown');
    expect(f.message).toMatch(/refuses TLS 1\.2/);
  });

  it('a value or key from a template parameter is unknown, naming the parameter', () => {
    expect(JSON.stringify(finding(id, 'unknown.yaml', 'ValueFromParameter').evidence)).toMatch(/RequireSsl/);
    expect(JSON.stringify(finding(id, 'unknown.yaml', 'KeyFromParameter').evidence)).toMatch(/SslKey/);
  });

  it('"yes" fails as not a valid value', () => {
    const f = finding(id, 'fail.yaml', 'InvalidValue');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/is not a valid value/);
    expect(f.evidence.some((e) => /is not a valid value for require_ssl/.test(e.note ?? ''))).toBe(true);
  });

  it('false fails whether quoted or a YAML boolean; true passes at a 1.2 floor and is unknown at 1.3', () => {
    expect(finding(id, 'fail.yaml', 'QuotedFalse').message).toMatch(/require_ssl false/);
    expect(finding(id, 'fail.yaml', 'YamlFalse').status).toBe('fail');
    expect(finding(id, 'pass.yaml', 'YamlBoolean').status).toBe('pass');
    const f = finding(id, 'unknown-tls13.yaml', 'RequiresSsl');
    expect(f.status).toBe('unknown');
    expect(f.message).toMatch(/refuses TLS 1\.2/);
  });

  it('under Fn::If on a free parameter, the plaintext branch fails and is named', () => {
    const f = finding(id, 'fail-if.yaml', 'Warehouse');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/IsProd/);
  });
});

describe('public-access/aws-dms-replication-instance: an omitted PubliclyAccessible is the DMS default (true) unless the template shows a VPC without an internet gateway', () => {
  const id = 'public-access/aws-dms-replication-instance';

  it('explicit false passes even in a VPC with an internet gateway; explicit true fails', () => {
    expect(finding(id, 'pass.yaml', 'PrivateString').status).toBe('pass');
    expect(finding(id, 'fail.yaml', 'Public').status).toBe('fail');
  });

  it('omitted in a subnet group whose VPC has an internet gateway fails, naming the gateway', () => {
    const f = finding(id, 'fail.yaml', 'OmittedInVpcWithIgw');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/has an internet gateway/);
    expect(f.evidence.some((e) => e.observed === 'internet gateway attached in this template')).toBe(true);
  });

  it('omitted with no subnet group fails: the default VPC has an internet gateway', () => {
    const f = finding(id, 'fail.yaml', 'OmittedIsPublic');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/default VPC/);
  });

  it('omitted in a subnet group whose VPC has no internet gateway passes, saying why', () => {
    const f = finding(id, 'pass.yaml', 'OmittedInIsolatedVpc');
    expect(f.status).toBe('pass');
    expect(f.message).toMatch(/no internet gateway/);
    expect(f.evidence.some((e) => e.observed === null && /default is true/.test(e.note ?? ''))).toBe(true);
  });

  it('a subnet group or subnets outside the template fail: the documented default (true) stands', () => {
    for (const logicalId of ['ExternalSubnetGroup', 'SubnetGroupFromParameter', 'SubnetsFromParameter', 'ImportedSubnets']) {
      const f = finding(id, 'fail-vpc-not-in-template.yaml', logicalId);
      expect(f.status, logicalId).toBe('fail');
      expect(f.message, logicalId).toMatch(/default is true.*not show its subnet group in a VPC without an internet gateway/);
    }
  });

  it('the flag itself from a parameter without a value stays unknown', () => {
    expect(finding(id, 'unknown.yaml', 'FromParameter').status).toBe('unknown');
  });

  it('an invalid value fails as not a valid value', () => {
    const f = finding(id, 'fail.yaml', 'Invalid');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/is not a valid value/);
  });
});

describe('public-access/aws-rds-db-instance still reads its VPC through the shared helper', () => {
  it('omitted in an isolated VPC passes; with no subnet group it is in the default VPC, which is public', () => {
    expect(finding('public-access/aws-rds-db-instance', 'pass.yaml', 'OmittedInIsolatedVpc').status).toBe('pass');
    expect(finding('public-access/aws-rds-db-instance', 'fail-default-vpc.yaml', 'Omitted').status).toBe('fail');
  });
});

describe('audit-logging/aws-redshiftserverless-namespace-logging', () => {
  const id = 'audit-logging/aws-redshiftserverless-namespace-logging';

  it('an omitted LogExports fails, naming what omitted means', () => {
    const f = finding(id, 'fail.yaml', 'Omitted');
    expect(f.status).toBe('fail');
    expect(f.evidence.some((e) => e.observed === null && /^omitted: a Redshift Serverless namespace exports no logs/.test(e.note ?? ''))).toBe(true);
  });

  it('the user activity log alone is no audit trail; connection or user logs are', () => {
    expect(finding(id, 'fail.yaml', 'QueriesOnly').message).toMatch(/neither the connection log nor the user log/);
    expect(finding(id, 'pass.yaml', 'ConnectionsOnly').status).toBe('pass');
  });

  it('an unknown log type fails as not a valid value', () => {
    const f = finding(id, 'fail.yaml', 'InvalidType');
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/"auditlog" is not a valid value/);
  });

  it('a branch that exports nothing fails and is named; parameters leave it unknown', () => {
    expect(finding(id, 'fail-if.yaml', 'Warehouse').message).toMatch(/IsProd/);
    expect(finding(id, 'unknown.yaml', 'ListFromParameter').status).toBe('unknown');
    expect(finding(id, 'unknown.yaml', 'EntryFromParameter').status).toBe('unknown');
  });
});

describe('platform-hardening/aws-redshiftserverless-workgroup-enhanced-vpc-routing', () => {
  const id = 'platform-hardening/aws-redshiftserverless-workgroup-enhanced-vpc-routing';

  it('omitted fails on the documented default false; "on" fails as not a valid value', () => {
    const f = finding(id, 'fail.yaml', 'Omitted');
    expect(f.status).toBe('fail');
    expect(f.evidence.some((e) => e.observed === null && /default is false/.test(e.note ?? ''))).toBe(true);
    expect(finding(id, 'fail.yaml', 'Invalid').message).toMatch(/is not a valid value/);
  });

  it('true passes, quoted or not; a parameter leaves it unknown', () => {
    expect(finding(id, 'pass.yaml', 'EnabledString').status).toBe('pass');
    expect(finding(id, 'unknown.yaml', 'FromParameter').status).toBe('unknown');
  });
});
