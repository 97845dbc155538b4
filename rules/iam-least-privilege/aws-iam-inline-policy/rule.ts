import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, must, notApplicable, unknown, ev, get } from '../../../src/evaluate/facts.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { ESCALATION_REFERENCE, SERVICE_WILDCARD_REFERENCES, COGNITO_SMS_REFERENCE, resourcelessForTrust } from '../../../src/lib/iam.js';
import { judgeDocument, passDocuments, documentValue } from '../_policy.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-inline-policy',
  control: 'iam-least-privilege',
  title: 'Inline policies of roles, users and groups grant no wildcard or privilege-escalation permissions',
  severity: 'high',
  risk: 'An inline policy is as powerful as a managed one; an Allow of "*", service:* on any resource, NotAction/NotResource or an escalation action on "*" makes the role, user or group an administrator in all but name.',
  remediation: {
    text: 'Replace the broad statement with the specific actions and resource ARNs the principal needs; prefer CDK grant methods, which scope both, but not grantFullAccess(), which grants service:* (table.grantFullAccess() emits dynamodb:*; use grantReadWriteData). CDK\'s iam.OpenIdConnectProvider deploys a custom resource whose role may create and delete every OIDC provider of the account (iam:*OpenIDConnectProvider* on "*"); iam.OidcProviderNative creates the same provider natively, with no such role.',
    cdk: "role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] })) // or table.grantReadData(role)",
    cloudformation: 'Policies:\n  - PolicyName: app\n    PolicyDocument:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Action: [dynamodb:GetItem]\n          Resource: !GetAtt Table.Arn',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege', ESCALATION_REFERENCE, ...SERVICE_WILDCARD_REFERENCES, COGNITO_SMS_REFERENCE],
  types: ['aws.iam.role', 'aws.iam.user', 'aws.iam.group'],
  sources: ['iac', 'live'],
  check(r) {
    const policies = asArray(known(r, 'Policies'));
    if (policies.length === 0) return notApplicable('no inline policies', ev('Policies', null));
    const out: Verdict[] = [];
    // A role only a Cognito user pool assumes sends SMS: sns:Publish on "*" is the only grant that can.
    const resourceless = r.type === 'aws.iam.role' ? resourcelessForTrust(get(r.properties, 'AssumeRolePolicyDocument')) : [];
    policies.forEach((p, i) => {
      const entry = must(p, `Policies[${i}]`) as Record<string, unknown>;
      const name = typeof entry?.PolicyName === 'string' ? entry.PolicyName : `Policies[${i}]`;
      const doc = documentValue(entry?.PolicyDocument, `Policies[${i}].PolicyDocument`);
      if (doc === undefined || doc === null) out.push({ ...unknown(`${name}: no policy document`, ev(`Policies[${i}]`, entry ?? null)), subId: `${name}:PolicyDocument` });
      else out.push(...judgeDocument(doc, `Policies[${i}].PolicyDocument`, `${name}:`, { resourceless }));
    });
    return out.length ? out : passDocuments(policies.length, 'Policies');
  },
});
