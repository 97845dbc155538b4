import { defineRule } from '../../../src/evaluate/rule.js';
import { knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

export default defineRule({
  id: 'public-access/aws-sns-topic-policy',
  control: 'public-access',
  title: 'SNS topic policies grant nothing to everyone without a condition that pins the caller',
  severity: 'high',
  risk: 'A topic policy that allows Principal "*" with no condition lets any AWS account publish to the topic (messages every subscriber trusts) or subscribe and receive what it carries.',
  remediation: {
    text: 'Grant the topic to the service or account that publishes; keep Principal "*" only with aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or (as the default topic policy does) AWS:SourceOwner.',
    cdk: 'topic.grantPublish(role) // or bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(topic))',
    cloudformation: 'Statement:\n  - Effect: Allow\n    Principal: { Service: s3.amazonaws.com }\n    Action: sns:Publish\n    Resource: !Ref Topic\n    Condition: { ArnLike: { aws:SourceArn: !GetAtt Bucket.Arn } }',
  },
  references: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  types: ['aws.sns.topic-policy', 'aws.sns.topic-inline-policy'],
  // Live, the policy is a topic attribute no collector reads yet: judged in templates.
  sources: ['iac'],
  check(r) {
    // The default topic policy pins Principal "*" to the owner with the SNS key AWS:SourceOwner.
    return judgePublicPolicy(knownDocument(r, 'PolicyDocument'), { path: 'PolicyDocument', what: 'publish to or subscribe to the topic', extraKeys: ['aws:sourceowner'] });
  },
});
