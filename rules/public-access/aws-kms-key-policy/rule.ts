import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * The default key policy (what CloudFormation creates when KeyPolicy is omitted,
 * and what CDK writes: `kms:*` to the account root) lets only the account's own
 * IAM policies grant the key: not public.
 */
export default defineRule({
  id: 'public-access/aws-kms-key-policy',
  control: 'public-access',
  title: 'KMS key policies grant nothing to everyone without a condition that pins the caller',
  severity: 'critical',
  risk: 'A key policy that allows Principal "*" with no condition lets any AWS account use the key (decrypt what it protects, or schedule its deletion), so the encryption no longer limits who reads the data.',
  remediation: {
    text: 'Grant the key to the account root (and let IAM policies delegate), to named roles or to services; keep Principal "*" only with kms:CallerAccount, aws:PrincipalOrgID or aws:PrincipalAccount (kms:ViaService alone does not pin the account).',
    cdk: "new kms.Key(this, 'Key', { enableKeyRotation: true }) // default policy: the account only; key.grantDecrypt(role) for users",
    cloudformation: 'KeyPolicy:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }\n      Action: kms:*\n      Resource: "*"',
  },
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account',
  ],
  // A multi-Region replica key carries its own KeyPolicy (AWS::KMS::ReplicaKey), read the same way.
  types: ['aws.kms.key', 'aws.kms.replica-key'],
  // Live, the key policy needs a GetKeyPolicy call per key, which the KMS collector does not make yet.
  sources: ['iac'],
  check(r) {
    const doc = knownDocument(r, 'KeyPolicy');
    if (doc === undefined || doc === null) return pass('no KeyPolicy: the default key policy gives the key to this account only', ev('KeyPolicy', null, 'no Allow for Principal "*" without a pinning condition', 'omitted: the default key policy'));
    return judgePublicPolicy(doc, { path: 'KeyPolicy', what: 'use or manage the key', extraKeys: ['kms:calleraccount'] });
  },
});
