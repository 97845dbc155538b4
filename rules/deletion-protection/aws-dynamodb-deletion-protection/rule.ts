import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, get, must, asArray, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * FSBP DynamoDB.6. A global table (AWS::DynamoDB::GlobalTable) is one table per replica Region, each with its own
 * `Replicas[].DeletionProtectionEnabled`, off when omitted like the table's (the GlobalTable ReplicaSpecification
 * reference): each replica is judged, and one without protection fails.
 */
export default defineRule({
  id: 'deletion-protection/aws-dynamodb-deletion-protection',
  control: 'deletion-protection',
  title: 'DynamoDB tables and global table replicas have deletion protection',
  severity: 'medium',
  risk: 'Without deletion protection a DeleteTable call or a stack update that replaces the table removes it with its items.',
  remediation: {
    text: 'Turn on deletion protection for tables that hold data.',
    cdk: "new dynamodb.TableV2(this, 'Table', { ..., deletionProtection: true })",
    cloudformation: 'Type: AWS::DynamoDB::Table\nProperties:\n  DeletionProtectionEnabled: true',
    cli: 'aws dynamodb update-table --table-name NAME --deletion-protection-enabled',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection'],
  types: ['aws.dynamodb.table', 'aws.dynamodb.global-table'],
  sources: ['iac', 'live'],
  check(r) {
    if (r.type === 'aws.dynamodb.global-table') {
      const out: Verdict[] = [];
      asArray(known(r, 'Replicas')).forEach((rep, i) => {
        const path = `Replicas[${i}].DeletionProtectionEnabled`;
        const raw = must(get(rep, 'DeletionProtectionEnabled'), path);
        const region = text(must(get(rep, 'Region'), `Replicas[${i}].Region`) ?? '') || `#${i}`;
        const e = ev(path, raw ?? null, true, raw === undefined || raw === null ? 'omitted: deletion protection is off by default' : undefined);
        out.push({ ...(asBool(raw) === true ? pass(`the ${region} replica has deletion protection`, e) : fail(`the ${region} replica can be deleted by one call: deletion protection is off`, e)), subId: region });
      });
      const failed = out.filter((v) => v.status !== 'pass');
      if (failed.length) return failed;
      return out.length === 1 ? out[0]! : pass(`all ${out.length} replicas have deletion protection`, ev('Replicas[].DeletionProtectionEnabled', true, true));
    }
    const raw = known(r, 'DeletionProtectionEnabled');
    const e = ev('DeletionProtectionEnabled', raw ?? null, true, raw === undefined ? 'omitted: deletion protection is off by default' : undefined);
    return asBool(raw) === true ? pass('deletion protection is on', e) : fail('deletion protection is off', e);
  },
});
