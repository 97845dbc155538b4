import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, must, get, ev, pass, unknown } from '../../../src/evaluate/facts.js';
import { judgePitr } from '../_dynamodb.js';
import { isUnresolved } from '../../../src/model/values.js';

export default defineRule({
  id: 'backup-retention/aws-dynamodb-global-table',
  control: 'backup-retention',
  title: 'Every replica of a DynamoDB global table (CDK TableV2) keeps point-in-time recovery for the promised window',
  severity: 'medium',
  risk: 'Point-in-time recovery is set per replica; a replica without it has no backups, one with a different recovery period breaks the rotation claim.',
  remediation: {
    text: 'Enable point-in-time recovery on every replica with RecoveryPeriodInDays equal to the claimed cycle (default 35).',
    cdk: "new dynamodb.TableV2(this, 'T', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 } })",
    cloudformation: 'Replicas:\n  - Region: eu-west-1\n    PointInTimeRecoverySpecification:\n      PointInTimeRecoveryEnabled: true\n      RecoveryPeriodInDays: 35',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-replicaspecification.html'],
  types: ['aws.dynamodb.global-table'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const replicas = asArray(known(r, 'Replicas'));
    if (replicas.length === 0) return unknown('no replicas listed', ev('Replicas', null));
    const out: Verdict[] = replicas.map((raw, i) => {
      const replica = must(raw, `Replicas[${i}]`);
      const region = get(replica, 'Region');
      const v = judgePitr(get(replica, 'PointInTimeRecoverySpecification'), `Replicas[${i}].PointInTimeRecoverySpecification`, r, params, inventory, { tags: get(replica, 'Tags'), region: isUnresolved(region) && region.expression === 'Ref AWS::Region' ? undefined : region });
      return { ...v, message: `replica ${typeof region === 'string' ? region : i}: ${v.message}`, subId: `Replica:${typeof region === 'string' ? region : i}` };
    });
    const bad = out.filter((v) => v.status === 'fail' || v.status === 'unknown');
    if (bad.length) return bad;
    const passes = out.filter((v) => v.status === 'pass');
    return passes.length ? pass(passes.map((v) => v.message).join('; '), ...passes.flatMap((v) => v.evidence ?? [])) : out;
  },
});
