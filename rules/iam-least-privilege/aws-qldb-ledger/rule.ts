import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const P = 'PermissionsMode';

export default defineRule({
  id: 'iam-least-privilege/aws-qldb-ledger',
  control: 'iam-least-privilege',
  title: 'QLDB ledgers use the STANDARD permissions mode',
  severity: 'medium',
  risk: 'In the legacy ALLOW_ALL mode anyone allowed qldb:SendCommand on the ledger may run every PartiQL command on every table; IAM cannot narrow access to tables or commands.',
  remediation: {
    text: 'Set PermissionsMode: STANDARD and grant PartiQL actions (qldb:PartiQLSelect, qldb:PartiQLInsert, ...) on the tables each role needs.',
    cdk: "new qldb.CfnLedger(this, 'Ledger', { permissionsMode: 'STANDARD' })",
    cloudformation: 'Type: AWS::QLDB::Ledger\nProperties:\n  PermissionsMode: STANDARD',
  },
  references: ['https://docs.aws.amazon.com/qldb/latest/developerguide/ledger-management.basics.html#ledger-mgmt.basics.permissions', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-qldb-ledger.html'],
  types: ['aws.qldb.ledger'],
  // No live collector reads QLDB: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, P);
    if (raw === undefined || raw === null) return unknown(`${P} is not given (CloudFormation requires it)`, ev(P, null, 'STANDARD'));
    const v = text(raw).trim().toUpperCase();
    if (v === 'STANDARD') return pass('table- and command-level permissions (STANDARD mode)', ev(P, raw, 'STANDARD'));
    if (v === 'ALLOW_ALL') return fail('ALLOW_ALL: anyone allowed SendCommand may run every PartiQL command on every table', ev(P, raw, 'STANDARD'));
    return fail(`${P} ${text(raw)} is not a valid value`, ev(P, raw, 'STANDARD', notAValidValue(P, text(raw), 'ALLOW_ALL or STANDARD')));
  },
});
