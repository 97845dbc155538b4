import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeOpenedByPolicies } from '../_opened-by-policy.js';

/**
 * The topic itself, judged by the topic policies in the template that name it (as the SQS queue by
 * its queue policy and the S3 bucket by its bucket policy): a topic anyone may publish to or
 * subscribe to is public, whichever resource carries the statement.
 */
export default defineRule({
  id: 'public-access/aws-sns-topic',
  control: 'public-access',
  title: 'SNS topics are not opened to everyone by a topic policy',
  severity: 'high',
  risk: 'A topic that a topic policy opens to Principal "*" without a condition takes messages from any AWS account (which every subscriber then trusts) or lets any account subscribe and receive what it carries.',
  remediation: {
    text: 'Grant the topic in its policy to the service or account that publishes, pinned with aws:SourceArn / aws:SourceAccount / aws:PrincipalOrgID.',
    cdk: 'topic.grantPublish(role) // or topic.addToResourcePolicy(...) with conditions',
    cloudformation: 'Statement:\n  - Effect: Allow\n    Principal: { Service: events.amazonaws.com }\n    Action: sns:Publish\n    Resource: !Ref Topic\n    Condition: { ArnEquals: { aws:SourceArn: !GetAtt Rule.Arn } }',
  },
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html'],
  types: ['aws.sns.topic'],
  // Live, the policy is a topic attribute no collector reads yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    // The default topic policy pins Principal "*" to the owner with the SNS key AWS:SourceOwner.
    return judgeOpenedByPolicies(r, inventory, { path: 'PolicyDocument', what: 'publish to or subscribe to the topic', extraKeys: ['aws:sourceowner'] }, 'topic');
  },
});
