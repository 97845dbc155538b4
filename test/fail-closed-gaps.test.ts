/**
 * A rule that reads a second call's answer (a parameter group's parameters, a
 * backup plan's rules, the volumes behind an instance) is `unknown` when that
 * call failed, naming it: never a fail or pass from a value that was not read.
 * The live collectors record such a failure as a gap on the resource.
 */
import { describe, it, expect } from 'vitest';
import { loadRules } from '../src/evaluate/registry.js';
import { runEvaluation } from '../src/evaluate/run.js';
import { buildProfile } from '../src/evaluate/claims-profile.js';
import { Inventory } from '../src/model/inventory.js';
import type { Resource } from '../src/model/resource.js';

const ACCT = '123456789012';
const live = (type: string, id: string, properties: Record<string, unknown>, gaps?: Record<string, string>, relations: Record<string, string[]> = {}): Resource => ({
  type,
  provider: 'aws',
  source: 'live',
  id,
  name: id.split(/[:/]/).pop(),
  properties,
  location: { account: ACCT, region: 'eu-west-1', arn: id },
  relations,
  ...(gaps ? { gaps } : {}),
});

async function judge(resources: Resource[]) {
  const profile = buildProfile({ version: 1, name: 't', parameters: { allowedRegions: ['eu-west-1'] }, claims: [{ id: 'all', text: 'All.', controls: ['tls-min', 'data-residency', 'enc-rest', 'backup-retention'] }] } as never);
  const doc = runEvaluation({ inventory: new Inventory(resources), rules: await loadRules(), profile, command: 'scan aws', inputs: [] });
  return (rule: string, id: string) => doc.findings.filter((f) => f.ruleId === rule && f.resource.id === id);
}

const CLUSTER = `arn:aws:rds:eu-west-1:${ACCT}:cluster:orders`;
const GROUP = `arn:aws:rds:eu-west-1:${ACCT}:cluster-pg:orders-pg`;
const cluster = (): Resource =>
  live('aws.rds.db-cluster', CLUSTER, { DBClusterIdentifier: 'orders', Engine: 'aurora-mysql', EngineVersion: '8.0.mysql_aurora.3.05.2', StorageEncrypted: true, BackupRetentionPeriod: 7, DBClusterParameterGroupName: 'orders-pg' }, undefined, { parameterGroup: [GROUP] });

describe('a second call that failed is unknown, never a verdict from an empty answer', () => {
  it('tls-min/aws-rds-db-cluster: parameters not read (DescribeDBClusterParameters failed) → unknown naming the call', async () => {
    const failed = live('aws.rds.db-cluster-parameter-group', GROUP, { Parameters: {} }, { Parameters: 'DBParameterGroupNotFound: rds:DescribeDBClusterParameters: not found' }, { clusters: [CLUSTER] });
    const of = await judge([cluster(), failed]);
    const got = of('tls-min/aws-rds-db-cluster', CLUSTER);
    expect(got.map((f) => f.status)).toEqual(['unknown']);
    expect(got[0]!.message).toMatch(/rds:DescribeDBClusterParameters/);
  });

  it('tls-min/aws-rds-db-cluster: the same group read with nothing set → the engine default (off) fails', async () => {
    const read = live('aws.rds.db-cluster-parameter-group', GROUP, { Parameters: {} }, undefined, { clusters: [CLUSTER] });
    const of = await judge([cluster(), read]);
    expect(of('tls-min/aws-rds-db-cluster', CLUSTER).map((f) => f.status)).toEqual(['fail']);
  });

  it('data-residency/aws-cross-region-copy: a plan whose rules were not read (GetBackupPlan failed) is unknown, not "no copy"', async () => {
    const id = `arn:aws:backup:eu-west-1:${ACCT}:backup-plan:p1`;
    const of = await judge([live('aws.backup.backup-plan', id, { Live: { BackupPlanId: 'p1' } }, { BackupPlan: 'AccessDeniedException: backup:GetBackupPlan: denied' })]);
    const got = of('data-residency/aws-cross-region-copy', id);
    expect(got.map((f) => f.status)).toEqual(['unknown']);
    expect(got[0]!.message).toMatch(/backup:GetBackupPlan/);
  });

  it('enc-rest/aws-opensearch-domain: a domain status without EncryptionAtRestOptions is unknown, not "encryption off"', async () => {
    const id = `arn:aws:es:eu-west-1:${ACCT}:domain/search`;
    const of = await judge([live('aws.opensearch.domain', id, { DomainName: 'search', EngineVersion: 'OpenSearch_2.11' }, { EncryptionAtRestOptions: 'MissingField: es:DescribeDomains: the domain status has no EncryptionAtRestOptions' })]);
    const got = of('enc-rest/aws-opensearch-domain', id);
    expect(got.map((f) => f.status)).toEqual(['unknown']);
    expect(got[0]!.message).toMatch(/es:DescribeDomains/);
  });

  it('enc-rest/aws-ec2-instance: volumes not read (DescribeVolumes failed) is unknown; read and encrypted passes; read and plain fails', async () => {
    const id = (n: string) => `arn:aws:ec2:eu-west-1:${ACCT}:instance/i-${n}`;
    const dev = (enc?: boolean) => [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1', ...(enc === undefined ? {} : { Encrypted: enc }) } }];
    const of = await judge([
      live('aws.ec2.instance', id('unread'), { BlockDeviceMappings: dev() }, { BlockDeviceMappings: 'Throttling: ec2:DescribeVolumes: rate exceeded' }),
      live('aws.ec2.instance', id('sealed'), { BlockDeviceMappings: dev(true) }),
      live('aws.ec2.instance', id('plain'), { BlockDeviceMappings: dev(false) }),
    ]);
    const unread = of('enc-rest/aws-ec2-instance', id('unread'));
    expect(unread.map((f) => f.status)).toEqual(['unknown']);
    expect(unread[0]!.message).toMatch(/ec2:DescribeVolumes/);
    expect(of('enc-rest/aws-ec2-instance', id('sealed')).map((f) => f.status)).toEqual(['pass']);
    expect(of('enc-rest/aws-ec2-instance', id('plain')).map((f) => f.status)).toEqual(['fail']);
  });
});
