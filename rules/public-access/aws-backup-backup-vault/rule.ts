import { defineRule } from '../../../src/evaluate/rule.js';
import { pass, ev, knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * A vault's AccessPolicy is a resource policy like a bucket's: an Allow to
 * everyone without a pinning condition lets any AWS account copy recovery
 * points into the vault or act on those it holds. The common Deny statements
 * (no deletion of recovery points) open nothing.
 */
export default defineRule({
  id: 'public-access/aws-backup-backup-vault',
  control: 'public-access',
  title: 'AWS Backup vault access policies grant nothing to everyone without a condition that pins the caller',
  severity: 'high',
  risk: 'A vault policy that allows Principal "*" with no condition lets any AWS account act on the vault\'s recovery points (restore them, copy into or out of the vault, or delete them, as the actions allow).',
  remediation: {
    text: 'Grant vault actions to named accounts or roles, or pin Principal "*" with aws:PrincipalOrgID for organization-wide copies.',
    cdk: 'vault.addToAccessPolicy(new iam.PolicyStatement({ actions: [\'backup:CopyIntoBackupVault\'], principals: [new iam.AnyPrincipal()], resources: [\'*\'], conditions: { StringEquals: { \'aws:PrincipalOrgID\': orgId } } }))',
    cloudformation: 'AccessPolicy:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: backup:CopyIntoBackupVault\n      Resource: "*"\n      Condition: { StringEquals: { aws:PrincipalOrgID: o-exampleorgid } }',
  },
  references: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html'],
  types: ['aws.backup.backup-vault'],
  // No live collector reads vault policies: judged in templates only.
  sources: ['iac'],
  check(r) {
    const doc = knownDocument(r, 'AccessPolicy');
    if (doc === undefined || doc === null) return pass('no access policy: only the account\'s own IAM principals reach the vault', ev('AccessPolicy', null, 'no grant to everyone'));
    return judgePublicPolicy(doc, { path: 'AccessPolicy', what: 'act on the vault\'s recovery points' });
  },
});
