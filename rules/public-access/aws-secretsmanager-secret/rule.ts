import { defineRule } from '../../../src/evaluate/rule.js';
import { get } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { judgeOpenedByPolicies } from '../_opened-by-policy.js';

/** A secret's ARN ends in `secret:<name>-<6 random characters>`; a SecretId may also give the bare name. */
function namesSecret(secretId: string, name: string): boolean {
  if (secretId === name) return true;
  const m = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(secretId);
  if (!m) return false;
  return m[1] === name || (m[1]!.length === name.length + 7 && m[1]!.startsWith(`${name}-`));
}

/** Resource policies naming the secret: by Ref (related as `policy`), or in the same stack by its literal name or ARN. */
function policiesOf(r: Resource, inventory: Inventory): Resource[] {
  const out = new Set(inventory.related(r, 'policy'));
  const name = get(r.properties, 'Name');
  if (typeof name === 'string' && name !== '') {
    for (const p of inventory.ofType('aws.secretsmanager.resource-policy')) {
      // A name is unique in one account and region: only a policy of the same stack surely names this secret.
      if (p.location.stack !== r.location.stack) continue;
      const id = get(p.properties, 'SecretId');
      if (typeof id === 'string' && namesSecret(id, name)) out.add(p);
    }
  }
  return [...out];
}

/**
 * The secret itself, judged by the AWS::SecretsManager::ResourcePolicy resources that name it (as a
 * queue by its queue policy): a secret whose policy lets anyone read it is public, whichever resource
 * carries the statement. A secret no policy names keeps the default (its own account only).
 */
export default defineRule({
  id: 'public-access/aws-secretsmanager-secret',
  control: 'public-access',
  title: 'Secrets Manager secrets are not opened to everyone by a resource policy',
  severity: 'critical',
  risk: 'A secret that a resource policy opens to Principal "*" without a pinning condition can be read (or changed) by any AWS account.',
  remediation: {
    text: 'Grant the secret to named roles or accounts in its resource policy, and set BlockPublicPolicy: true so Secrets Manager refuses a policy that opens it.',
    cdk: 'secret.grantRead(role)',
    cloudformation: 'Type: AWS::SecretsManager::ResourcePolicy\nProperties:\n  SecretId: !Ref Secret\n  BlockPublicPolicy: true\n  ResourcePolicy:\n    Statement:\n      - Effect: Allow\n        Principal: { AWS: !GetAtt AppRole.Arn }\n        Action: secretsmanager:GetSecretValue\n        Resource: "*"',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html'],
  types: ['aws.secretsmanager.secret'],
  // Live, the resource policy is read by no collector yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    return judgeOpenedByPolicies(r, inventory, { path: 'ResourcePolicy', what: 'read the secret' }, 'secret', { policies: policiesOf(r, inventory) });
  },
});
