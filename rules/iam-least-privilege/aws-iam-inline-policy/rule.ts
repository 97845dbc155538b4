import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, must, notApplicable, unknown, ev, get, pass } from '../../../src/evaluate/facts.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { DENY_NARROWING_REFERENCE, ESCALATION_REFERENCE, SERVICE_WILDCARD_REFERENCES, COGNITO_SMS_REFERENCE, resourcelessForTrust } from '../../../src/lib/iam.js';
import { judgeDocument, passDocuments, documentValue, stackParameterType, principalDenies } from '../_policy.js';
import { frameworkStatement } from '../_cdk-framework.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-inline-policy',
  control: 'iam-least-privilege',
  title: 'Inline policies of roles, users and groups grant no wildcard or privilege-escalation permissions',
  severity: 'high',
  risk: 'An inline policy is as powerful as a managed one; an Allow of "*", service:* on any resource, NotAction/NotResource or an escalation action on "*" makes the role, user or group an administrator in all but name.',
  remediation: {
    text: 'Replace the broad statement with the specific actions and resource ARNs the principal needs; prefer CDK grant methods, which scope both, but not grantFullAccess(), which grants service:* (table.grantFullAccess() emits dynamodb:*; use grantReadWriteData). The role CDK synthesizes for its own framework custom resources (iam.OpenIdConnectProvider\'s provider: iam:*OpenIDConnectProvider* on "*") is judged as the framework\'s, not the app\'s: its statements pass, any the app adds to it are judged.',
    cdk: "role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] })) // or table.grantReadData(role)",
    cloudformation: 'Policies:\n  - PolicyName: app\n    PolicyDocument:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Action: [dynamodb:GetItem]\n          Resource: !GetAtt Table.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    DENY_NARROWING_REFERENCE,
    ESCALATION_REFERENCE,
    ...SERVICE_WILDCARD_REFERENCES,
    COGNITO_SMS_REFERENCE,
  ],
  types: ['aws.iam.role', 'aws.iam.user', 'aws.iam.group'],
  sources: ['iac', 'live'],
  check(r, ctx) {
    const policies = asArray(known(r, 'Policies'));
    if (policies.length === 0) return notApplicable('no inline policies', ev('Policies', null));
    const out: Verdict[] = [];
    // A role only a Cognito user pool assumes sends SMS: sns:Publish on "*" is the only grant that can.
    const resourceless = r.type === 'aws.iam.role' ? resourcelessForTrust(get(r.properties, 'AssumeRolePolicyDocument')) : [];
    // The role of one of CDK's own framework custom resources: the statements CDK wrote for it are the framework's.
    const framework = frameworkStatement(r, ctx.inventory);
    const parameterType = stackParameterType(r, ctx.inventory);
    const assumed: string[] = [];
    policies.forEach((p, i) => {
      const entry = must(p, `Policies[${i}]`) as Record<string, unknown>;
      const name = typeof entry?.PolicyName === 'string' ? entry.PolicyName : `Policies[${i}]`;
      const doc = documentValue(entry?.PolicyDocument, `Policies[${i}].PolicyDocument`);
      if (doc === undefined || doc === null) out.push({ ...unknown(`${name}: no policy document`, ev(`Policies[${i}]`, entry ?? null)), subId: `${name}:PolicyDocument` });
      // An explicit Deny in any other policy of the principal (inline, or a template policy attached to it) narrows this one's Allows.
      else out.push(...judgeDocument(doc, `Policies[${i}].PolicyDocument`, `${name}:`, { resourceless, framework, parameterType, assumed, denies: principalDenies(r, ctx.inventory, { inlineIndex: i }) }));
    });
    if (out.length === 0 && framework) return pass(`${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} grant nothing over-broad beyond what CDK writes for its own framework custom resource`, ev('Policies', `${policies.length} document(s)`));
    return out.length ? out : passDocuments(policies.length, 'Policies', assumed);
  },
});
