import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

/** FSBP DynamoDB.6. */
export default defineRule({
  id: 'deletion-protection/aws-dynamodb-deletion-protection',
  control: 'deletion-protection',
  title: 'DynamoDB tables have deletion protection',
  severity: 'medium',
  risk: 'Without deletion protection a DeleteTable call or a stack update that replaces the table removes it with its items.',
  remediation: {
    text: 'Turn on deletion protection for tables that hold data.',
    cdk: "new dynamodb.TableV2(this, 'Table', { ..., deletionProtection: true })",
    cloudformation: 'Type: AWS::DynamoDB::Table\nProperties:\n  DeletionProtectionEnabled: true',
    cli: 'aws dynamodb update-table --table-name NAME --deletion-protection-enabled',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection'],
  types: ['aws.dynamodb.table'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, 'DeletionProtectionEnabled');
    const e = ev('DeletionProtectionEnabled', raw ?? null, true, raw === undefined ? 'omitted: deletion protection is off by default' : undefined);
    return asBool(raw) === true ? pass('deletion protection is on', e) : fail('deletion protection is off', e);
  },
});
