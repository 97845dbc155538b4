import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, pass, notApplicable } from '../../../src/evaluate/facts.js';
import { SERVICE_WILDCARD_REFERENCES, type PolicyStatement } from '../../../src/lib/iam.js';
import { isEveryone } from '../../../src/lib/s3-policy.js';
import { judgeResourcePolicyActions, documentValue, accountRootDelegation, accessPointDelegation } from '../_policy.js';

/** Where each resource keeps its resource policy. */
const POLICY_PATH: Readonly<Record<string, string>> = {
  'aws.s3.bucket-policy': 'PolicyDocument',
  'aws.sqs.queue-policy': 'PolicyDocument',
  'aws.sns.topic-policy': 'PolicyDocument',
  'aws.sns.topic-inline-policy': 'PolicyDocument',
  'aws.ecr.repository': 'RepositoryPolicyText',
  'aws.secretsmanager.resource-policy': 'ResourcePolicy',
  'aws.backup.backup-vault': 'AccessPolicy',
  'aws.kms.key': 'KeyPolicy',
};

/**
 * An Allow to everyone (Principal "*" or AWS "*") with no Condition at all is public-access's failure
 * (public-access/aws-*-policy): the labels count a service:* there under public-access only, not here
 * too. fixL rule-zero count over every corpus set, service:* or * to everyone without a condition in a
 * resource policy (queues, domains): iam-least-privilege labelled pass 6, fail 2 (3:1; vault3's
 * "house reading"). A named principal, or an everyone narrowed by any condition, is still judged here.
 */
function openToEveryone(s: PolicyStatement): string | undefined {
  return s.notPrincipal === undefined && isEveryone(s.raw.Principal) && s.raw.Condition === undefined ? 'open to everyone: judged by public-access' : undefined;
}

/**
 * A resource policy (bucket, queue, topic, repository, secret, backup vault, key) that allows `*`,
 * `service:*` or NotAction to a principal gives it every action on the resource: delete the bucket's
 * objects and policy, purge the queue, replace the repository's images, read and delete the secret.
 * `service:*` is over-broad on any resource (../_policy.ts). A grant of every action to an account's
 * root delegates to that account's IAM: the default key policy's `kms:*` to the account root passes,
 * and so does `service:*` to this stack's own account root on the other resources, and a bucket
 * policy's `*` to everyone pinned by `s3:DataAccessPointAccount` to this account (delegation to its
 * access points, whose policies name the actions). Who the principal
 * is (everyone?) is public-access's question: an Allow to everyone with no condition is left to it.
 */
export default defineRule({
  id: 'iam-least-privilege/aws-resource-policy',
  control: 'iam-least-privilege',
  title: 'Resource policies grant named actions, not service:*',
  severity: 'high',
  risk: 'A bucket, queue, topic, repository, secret, vault or key policy that allows s3:*, sqs:*, ecr:*... lets its principal delete the resource\'s data and rewrite its policy, where it needs to read or write.',
  remediation: {
    text: 'List the actions the principal needs (s3:GetObject and s3:PutObject, sqs:SendMessage, ecr:BatchGetImage...), or delegate to your own account\'s root and grant through identity policies.',
    cdk: "bucket.grantReadWrite(partnerRole) // or bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], principals: [partnerRole], resources: [bucket.arnForObjects('*')] }))",
    cloudformation: 'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: arn:aws:iam::111122223333:role/partner-reader }\n      Action: [s3:GetObject]\n      Resource: !Sub "${Bucket.Arn}/*"',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege', ...SERVICE_WILDCARD_REFERENCES],
  types: Object.keys(POLICY_PATH) as ('aws.s3.bucket-policy' | 'aws.sqs.queue-policy' | 'aws.sns.topic-policy' | 'aws.sns.topic-inline-policy' | 'aws.ecr.repository' | 'aws.secretsmanager.resource-policy' | 'aws.backup.backup-vault' | 'aws.kms.key')[],
  // Live, the collectors read only some of these policies: judged in templates.
  sources: ['iac'],
  check(r) {
    const path = POLICY_PATH[r.type]!;
    const raw = get(r.properties, path);
    if (raw === undefined || raw === null) return notApplicable(`no ${path}: no resource policy`, ev(path, null));
    const doc = documentValue(raw, path);
    const root = accountRootDelegation(r.type === 'aws.kms.key', r.location.account);
    const accessPoints = r.type === 'aws.s3.bucket-policy' ? accessPointDelegation(r.location.account) : undefined;
    const out = judgeResourcePolicyActions(doc, path, (s) => root(s) ?? accessPoints?.(s) ?? openToEveryone(s));
    return out.length ? out : pass(`the ${path} names its actions (no *, service:* or NotAction but to an account's own IAM or access points, or to everyone with no condition, which public-access judges)`, ev(path, '(policy)', 'named actions'));
  },
});
