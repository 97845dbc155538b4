import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'enc-rest/aws-redshift-cluster',
  control: 'enc-rest',
  title: 'Redshift clusters encrypt their data at rest',
  severity: 'high',
  risk: 'An unencrypted Redshift cluster keeps its tables, automated and manual snapshots unencrypted on disk and in S3.',
  remediation: {
    text: 'Leave Encrypted unset or set it to true (and KmsKeyId for a customer-managed key). An unencrypted cluster is encrypted by modifying it (Redshift migrates the data to a new encrypted cluster).',
    cdk: "new redshift.Cluster(this, 'Warehouse', { masterUser: { masterUsername: 'admin' }, vpc, encrypted: true })",
    cloudformation: 'Type: AWS::Redshift::Cluster\nProperties:\n  Encrypted: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/security-server-side-encryption.html',
  ],
  types: ['aws.redshift.cluster'],
  // No live collector reads Redshift: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'Encrypted');
    // The key matters only to a customer-key claim: a key from a parameter does not make an encrypted store unknown.
    const key = params.requireCustomerManagedKeys ? known(r, 'KmsKeyId') : get(r.properties, 'KmsKeyId');
    const on = raw === undefined || raw === null ? true : asBool(raw);
    if (on === undefined) return fail(`Encrypted ${text(raw)} is not a valid value`, ev('Encrypted', raw, true, notAValidValue('Encrypted', text(raw), 'true or false')));
    if (!on) return fail('cluster storage is not encrypted at rest (Encrypted is false)', ev('Encrypted', raw, true));
    const encEv = ev('Encrypted', raw ?? null, true, raw === undefined || raw === null ? 'omitted: since January 2025 CloudFormation and the API encrypt new clusters by default (AES-256, AWS-owned key)' : undefined);
    if (params.requireCustomerManagedKeys && !key) return fail('encrypted with an AWS-owned key, but the claim requires customer-managed keys', encEv, ev('KmsKeyId', null, 'a customer-managed KMS key'));
    return pass(`cluster encrypted at rest (${key ? 'KMS key given' : 'AWS-owned key'})`, encEv, ...(key ? [ev('KmsKeyId', key)] : []));
  },
});
