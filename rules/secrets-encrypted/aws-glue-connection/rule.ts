import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, asRecord } from '../../../src/evaluate/facts.js';
import { judgeEntry } from '../_values.js';

/**
 * Glue stores ENCRYPTED_PASSWORD itself (ciphertext under the catalog's
 * connection-password KMS key); a template that sets it holds no plain text.
 */
const CIPHERTEXT_KEY = /^ENCRYPTED_PASSWORD$/i;

export default defineRule({
  id: 'secrets-encrypted/aws-glue-connection',
  control: 'secrets-encrypted',
  title: 'Glue connections take their credentials from Secrets Manager, not literal properties',
  severity: 'high',
  risk: 'A PASSWORD (or other credential) written into a Glue connection\'s ConnectionProperties is kept in the template and the Data Catalog, and returned by glue:GetConnection to anyone allowed to read the catalog.',
  remediation: {
    text: 'Store the credentials in Secrets Manager and give the connection SECRET_ID instead of USERNAME/PASSWORD (or a {{resolve:secretsmanager:...}} reference); turn on connection password encryption in the Data Catalog settings.',
    cdk: "new glue.Connection(this, 'Warehouse', { type: glue.ConnectionType.JDBC, properties: { JDBC_CONNECTION_URL: url, SECRET_ID: warehouseSecret.secretName } })",
    cloudformation: 'ConnectionInput:\n  ConnectionType: JDBC\n  ConnectionProperties:\n    JDBC_CONNECTION_URL: jdbc:postgresql://warehouse.internal:5432/lake\n    SECRET_ID: !Ref WarehouseSecret',
  },
  references: [
    'https://docs.aws.amazon.com/glue/latest/dg/connection-properties.html',
    'https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html',
  ],
  types: ['aws.glue.connection'],
  // No live collector reads Glue connections yet: judged in templates only.
  sources: ['iac'],
  check(r) {
    const props = asRecord(known(r, 'ConnectionInput.ConnectionProperties'));
    const names = Object.keys(props);
    const verdicts: Verdict[] = [];
    for (const name of names) {
      if (CIPHERTEXT_KEY.test(name)) continue;
      const v = judgeEntry(r, name, props[name], `ConnectionInput.ConnectionProperties.${name}`, 'secret-field');
      if (v && v.status !== 'pass') verdicts.push({ ...v, subId: name });
    }
    if (verdicts.length) return verdicts;
    const viaSecret = names.some((n) => n.toUpperCase() === 'SECRET_ID');
    return pass(
      `none of ${names.length} connection properties holds a literal credential${viaSecret ? ' (credentials come from SECRET_ID)' : ''}`,
      ev('ConnectionInput.ConnectionProperties', names, 'no literal password, token or key (names only; values are never shown)'),
    );
  },
});
