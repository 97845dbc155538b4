import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, get, ev, pass, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { judgePitr } from '../_dynamodb.js';
import { isUnresolved } from '../../../src/model/values.js';

export default defineRule({
  id: 'backup-retention/aws-dynamodb-global-table',
  control: 'backup-retention',
  title: 'DynamoDB global tables (CDK TableV2) are backed up through a replica, and every replica PITR keeps the promised window',
  severity: 'medium',
  risk: 'A global table whose replicas all lack backups (point-in-time recovery, or an AWS Backup plan of one replica) cannot be restored; a replica recovery period other than the promised cycle breaks the rotation claim.',
  remediation: {
    text: 'Enable point-in-time recovery with RecoveryPeriodInDays equal to the claimed cycle (default 35) on at least one replica (every replica holds all items), or select a replica in an AWS Backup plan of that cycle; a replica with PITR of its own must keep the same period.',
    cdk: "new dynamodb.TableV2(this, 'T', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 } })",
    cloudformation: 'Replicas:\n  - Region: eu-west-1\n    PointInTimeRecoverySpecification:\n      PointInTimeRecoveryEnabled: true\n      RecoveryPeriodInDays: 35',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-replicaspecification.html'],
  types: ['aws.dynamodb.global-table'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const replicas = asArray(known(r, 'Replicas'));
    if (replicas.length === 0) return unknown('no replicas listed', ev('Replicas', null));
    const judged = replicas.map((raw, i) => {
      const replica = must(raw, `Replicas[${i}]`);
      const region = get(replica, 'Region');
      const path = `Replicas[${i}].PointInTimeRecoverySpecification`;
      const spec = get(replica, 'PointInTimeRecoverySpecification');
      const v = judgePitr(spec, path, r, params, inventory, { tags: get(replica, 'Tags'), region: isUnresolved(region) && region.expression === 'Ref AWS::Region' ? undefined : region });
      const name = typeof region === 'string' ? region : isUnresolved(region) && region.expression === 'Ref AWS::Region' ? 'in the stack’s region' : String(i);
      // judgePitr read the switch (it throws on an unresolved one), so here it is a plain value.
      const pitr = asBool(get(spec, 'PointInTimeRecoveryEnabled')) === true;
      return { v: { ...v, message: `replica ${name}: ${v.message}`, subId: `Replica:${typeof region === 'string' ? region : i}` }, name, pitr };
    });
    // Every replica holds every item (DynamoDB replicates each write to all of them), so a backup
    // of one replica is a backup of the table's data: a replica with no backups of its own is
    // backed up through a replica that has them (PITR in the window, or an AWS Backup selection,
    // whose plan is judged on the plan). A replica's own PITR is still judged as written.
    const backed = judged.find((j) => (j.pitr && j.v.status === 'pass') || j.v.status === 'not-applicable');
    const maybe = judged.find((j) => j.v.status === 'unknown' && !j.pitr);
    const out: Verdict[] = judged.map((j) => {
      if (j.pitr || (j.v.status !== 'fail' && j.v.status !== 'unknown')) return j.v;
      if (backed && backed !== j)
        return notApplicable(`replica ${j.name}: no backups of its own; its items are replicated to replica ${backed.name}, whose ${backed.pitr ? 'point-in-time recovery' : 'AWS Backup plan'} holds them`, ...(j.v.evidence ?? []));
      if (j.v.status === 'fail' && maybe && maybe !== j) return { ...j.v, status: 'unknown', message: `replica ${j.name}: no backups of its own; replica ${maybe.name} may be in an AWS Backup plan, which would hold its items` };
      return j.v;
    });
    const bad = out.filter((v) => v.status === 'fail' || v.status === 'unknown');
    if (bad.length) return bad;
    const passes = out.filter((v) => v.status === 'pass');
    return passes.length ? pass(passes.map((v) => v.message).join('; '), ...passes.flatMap((v) => v.evidence ?? [])) : out;
  },
});
