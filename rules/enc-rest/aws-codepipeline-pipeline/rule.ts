import { defineRule } from '../../../src/evaluate/rule.js';
import { get, asArray, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';

/**
 * A pipeline's artifacts live in its S3 artifact store(s): `ArtifactStore`, or one per
 * region in `ArtifactStores`. CodePipeline always encrypts them, with the store's
 * `EncryptionKey` or else the AWS managed key aws/s3; so encryption at rest holds, and
 * only a claim that requires customer-managed keys can fail (Checkov's Terraform check
 * CKV_AWS_219 asks for a key). aws-cdk-lib's Pipeline creates a customer-managed key
 * when it needs cross-account or cross-region keys.
 */
function stores(properties: unknown): { at: string; key: unknown }[] {
  const single = get(properties, 'ArtifactStore');
  if (single !== undefined) return [{ at: 'ArtifactStore.EncryptionKey.Id', key: get(properties, 'ArtifactStore.EncryptionKey.Id') }];
  const many = get(properties, 'ArtifactStores');
  if (isUnresolved(many)) return [{ at: 'ArtifactStores', key: many }];
  return asArray(many).map((_, i) => ({ at: `ArtifactStores[${i}].ArtifactStore.EncryptionKey.Id`, key: get(properties, `ArtifactStores[${i}].ArtifactStore.EncryptionKey.Id`) }));
}

export default defineRule({
  id: 'enc-rest/aws-codepipeline-pipeline',
  control: 'enc-rest',
  title: 'CodePipeline artifact stores are encrypted (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'CodePipeline always encrypts artifacts at rest; a claim that requires customer-managed keys is not met with the AWS managed key aws/s3, which cannot be shared with other accounts or disabled.',
  remediation: {
    text: 'Nothing to do for encryption itself; give each artifact store an EncryptionKey of Type KMS naming a customer-managed key when the claim requires one.',
    cdk: "new codepipeline.Pipeline(this, 'Pipeline', { crossAccountKeys: true }) // creates a customer-managed key",
    cloudformation: 'ArtifactStore:\n  Type: S3\n  Location: !Ref ArtifactBucket\n  EncryptionKey:\n    Id: !GetAtt ArtifactKey.Arn\n    Type: KMS',
  },
  references: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/S3-artifact-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codepipeline-pipeline-artifactstore.html',
  ],
  types: ['aws.codepipeline.pipeline'],
  // The live collector does not read CodePipeline.
  sources: ['iac'],
  check(r, { params }) {
    const list = stores(r.properties);
    const managed: EvidenceItem[] = [];
    const open: EvidenceItem[] = [];
    const own: EvidenceItem[] = [];
    for (const s of list) {
      if (isUnresolved(s.key)) open.push(ev(s.at, s.key, 'a customer-managed KMS key'));
      else if (s.key === undefined || s.key === null || s.key === '' || text(s.key).endsWith('alias/aws/s3')) managed.push(ev(s.at, s.key ?? null, params.requireCustomerManagedKeys ? 'a customer-managed KMS key' : undefined, s.key === undefined ? 'omitted: CodePipeline uses the AWS managed key aws/s3' : undefined));
      else own.push(ev(s.at, s.key));
    }
    if (!params.requireCustomerManagedKeys) return pass(`artifacts encrypted at rest (${managed.length ? 'AWS managed key aws/s3' : 'the KMS key given'})`, ...managed, ...own, ...open);
    if (managed.length) return fail('artifacts are encrypted with the AWS managed key aws/s3, but the claim requires customer-managed keys', ...managed, ...open);
    if (open.length) return unknown('the KMS key comes from a value the template does not settle: whether it is customer-managed is not known', ...open);
    return pass('artifacts encrypted with the KMS key given', ...own);
  },
});
