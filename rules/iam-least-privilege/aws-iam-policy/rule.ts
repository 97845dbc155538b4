import { defineRule } from '../../../src/evaluate/rule.js';
import { unknown, ev, knownDocument } from '../../../src/evaluate/facts.js';
import { DENY_NARROWING_REFERENCE, ESCALATION_REFERENCE, SERVICE_WILDCARD_REFERENCES, INLINE_POLICY_TYPES } from '../../../src/lib/iam.js';
import { judgeDocument, passDocuments, stackParameterType, principalDenies, soleTemplatePrincipal } from '../_policy.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-policy',
  control: 'iam-least-privilege',
  title: 'IAM policies grant no wildcard, NotAction/NotResource or privilege-escalation permissions',
  severity: 'high',
  risk: 'A policy that allows every action, every action of a service (service:*, on any resource: one table\'s dynamodb:* can still delete the table and its backups), or an escalation action such as iam:PassRole or iam:CreatePolicyVersion on "*" lets whoever holds it become an administrator, breaking the least-privilege promise.',
  remediation: {
    text: 'List the specific actions the principal needs (a prefix such as ec2:Describe* is fine; service:* is not) and scope Resource to the ARNs it works on; in CDK use the narrow grants (grantReadData, grantReadWriteData, grantRead, grantPut) rather than grantFullAccess(), which emits service:* (so does the replica handler of dynamodb.Table with replicationRegions: dynamodb.TableV2 replicates natively, with no such role); replace Allow+NotAction/NotResource with explicit Action/Resource lists; restrict iam:PassRole to specific role ARNs (and iam:PassedToService).',
    cdk: "new iam.ManagedPolicy(this, 'P', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] })] }) // or bucket.grantRead(role)",
    cloudformation: 'Type: AWS::IAM::ManagedPolicy\nProperties:\n  PolicyDocument:\n    Version: "2012-10-17"\n    Statement:\n      - Effect: Allow\n        Action: [s3:GetObject]\n        Resource: !Sub "${Bucket.Arn}/*"',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    DENY_NARROWING_REFERENCE,
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
    ESCALATION_REFERENCE,
    ...SERVICE_WILDCARD_REFERENCES,
  ],
  // The single-principal inline policies (RolePolicy / UserPolicy / GroupPolicy) are judged as AWS::IAM::Policy, on themselves.
  types: ['aws.iam.managed-policy', ...INLINE_POLICY_TYPES],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    // JSON text (literal, or built with Fn::Sub/Fn::Join) is read as the object form; anything else unresolved is unknown.
    const doc = knownDocument(r, 'PolicyDocument');
    if (doc === undefined || doc === null) return unknown('the policy document was not collected', ev('PolicyDocument', null));
    const assumed: string[] = [];
    // An inline policy resource attached to one template principal only: that principal's other policies' Denies narrow it.
    const principal = soleTemplatePrincipal(r, inventory);
    const denies = principal ? principalDenies(principal, inventory, { policyId: r.id }) : [];
    const problems = judgeDocument(doc, 'PolicyDocument', '', { parameterType: stackParameterType(r, inventory), assumed, denies });
    return problems.length ? problems : passDocuments(1, 'PolicyDocument', assumed);
  },
});
