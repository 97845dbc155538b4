import { defineRule } from '../../../src/evaluate/rule.js';
import { SERVICE_WILDCARD_REFERENCES } from '../../../src/lib/iam.js';
import { overBroadAwsManagedPolicy, awsManagedPolicyFacts, describeServiceWildcards } from '../../../src/lib/aws-managed-policies.js';
import { judgeManagedPolicyArns } from '../_managed-policies.js';

const EXPECTED = 'no AWS managed policy that grants service:* (the *FullAccess and *Administrator families, AWSGlueServiceRole...)';

/** `glue:* on all resources (default version v5)` from the table; the name-based reading otherwise. */
function grantText(name: string): string {
  const facts = awsManagedPolicyFacts(name);
  if (facts && facts.serviceWildcards.length > 0) return `${describeServiceWildcards(facts.serviceWildcards)} (default version ${facts.version})`;
  return 'every action of its service on all resources';
}

/**
 * The AWS managed `*FullAccess` policies grant `service:*` on `*` (AmazonS3FullAccess:
 * every S3 action on every bucket of the account). AWS Config and Security Hub
 * IAM.21 call `service:*` non-compliant in a customer policy; attaching AWS's own
 * policy that says the same does not make it least privilege. Service-role policies
 * named otherwise grant it too (AWSGlueServiceRole: `glue:*` on `*`;
 * AmazonElasticMapReduceforEC2Role: `s3:*`, `dynamodb:*`, `sqs:*`... on `*`): what each
 * grants is read from src/lib/aws-managed-policies.ts, the name-based `*FullAccess` /
 * `*Administrator` reading for names it does not hold (AWSCloud9Administrator: `cloud9:*`). Admin policies (AdministratorAccess, PowerUserAccess,
 * IAMFullAccess) have their own rule.
 */
export default defineRule({
  id: 'iam-least-privilege/aws-iam-full-access-managed-policy',
  control: 'iam-least-privilege',
  title: 'No role, user or group has an AWS managed policy attached that grants service:* (*FullAccess and service-role policies such as AWSGlueServiceRole)',
  severity: 'high',
  risk: 'An AWS managed *FullAccess policy (AmazonS3FullAccess, AmazonDynamoDBFullAccess, AWSLambda_FullAccess...), and some service-role policies (AWSGlueServiceRole, AmazonElasticMapReduceforEC2Role), allow every action of a service on every resource in the account: one compromised function, job or instance can read, change and delete all buckets, tables, queues or Glue jobs, not only its own.',
  remediation: {
    text: 'Replace the AWS managed policy with a policy that lists the actions the principal needs on the resources it works on; in CDK use the resource grants (bucket.grantReadWrite(role), table.grantReadWriteData(role)), which scope both.',
    cdk: "// instead of iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'):\nbucket.grantReadWrite(role)",
    cloudformation: 'Policies:\n  - PolicyName: uploads\n    PolicyDocument:\n      Statement:\n        - Effect: Allow\n          Action: [s3:GetObject, s3:PutObject]\n          Resource: !Sub "${Uploads.Arn}/*"',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html',
    ...SERVICE_WILDCARD_REFERENCES,
  ],
  types: ['aws.iam.role', 'aws.iam.user', 'aws.iam.group'],
  // Live, the same ARNs come from GetAccountAuthorizationDetails (tested on the IAM loopback:
  // moto loads no AWS managed policies).
  sources: ['iac', 'live'],
  check(r) {
    return judgeManagedPolicyArns(r, {
      match: overBroadAwsManagedPolicy,
      expected: EXPECTED,
      unknownMessage: (path, expr) => `${path} depends on ${expr}; cannot tell which policy it attaches`,
      failMessage: (name) => `AWS managed policy ${name} is attached: ${grantText(name)}`,
      noneMessage: 'none an AWS managed policy that grants service:*',
    });
  },
});
