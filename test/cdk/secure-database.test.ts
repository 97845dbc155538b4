import { describe, it, expect } from 'vitest';
import { Template, Annotations, Match } from 'aws-cdk-lib/assertions';
import { Duration, Errors } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { SecureDatabase } from '../../cdk/secure-database.js';
import { newStack, newVpc, vouchCheck, problems, passedRules } from './harness.js';

function build(context: Record<string, unknown> = {}, extra: Partial<ConstructorParameters<typeof SecureDatabase>[2]> = {}) {
  const stack = newStack(context);
  const vpc = newVpc(stack);
  const db = new SecureDatabase(stack, 'Db', { vpc, ...extra });
  return { stack, db };
}

describe('SecureDatabase', () => {
  it('encrypts storage, forces TLS through its parameter group, keeps 35 days of backups, stays private', async () => {
    const { stack } = build();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      StorageEncrypted: true,
      PubliclyAccessible: false,
      BackupRetentionPeriod: 35,
      MultiAZ: true,
      DeletionProtection: true,
      DBParameterGroupName: { Ref: Match.stringLikeRegexp('^DbParameters') },
      MasterUserPassword: { 'Fn::Join': ['', Match.arrayWith(['{{resolve:secretsmanager:'])] },
    });
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' } });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    const doc = await vouchCheck(stack);
    expect(problems(doc)).toEqual([]);
    expect(passedRules(doc)).toContain('enc-rest/aws-rds-db-instance');
  });

  it('takes the backup cycle and TLS floor from the claims; MySQL uses require_secure_transport', async () => {
    const claims = { tlsMin: '1.3', backupDays: 14 } as const;
    const { stack } = build({ 'vouch:claims': claims }, { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::RDS::DBInstance', { BackupRetentionPeriod: 14 });
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { require_secure_transport: 'ON', tls_version: 'TLSv1.3' } });
    expect(problems(await vouchCheck(stack, claims))).toEqual([]);
  });

  it('warns on a shorter retention and refuses a longer one or an overridden TLS parameter', () => {
    const { stack } = build({}, { backupRetention: Duration.days(7) });
    Annotations.fromStack(stack).hasWarning('/Test/Db', Match.stringLikeRegexp('shorter than the claimed 35-day cycle'));
    for (const [extra, id] of [
      [{ backupRetention: Duration.days(36) }, 'VouchDatabaseBackupRetention'],
      [{ parameters: { 'rds.force_ssl': '0' } }, 'VouchDatabaseTlsParameter'],
      [{ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }, 'VouchDatabasePublicSubnet'],
    ] as const) {
      let err: unknown;
      try {
        build({}, extra);
      } catch (e) {
        err = e;
      }
      expect(Errors.isValidationError(err), id).toBe(true);
      expect((err as Error).name).toBe(id);
    }
  });
});
