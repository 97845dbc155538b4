import { defineRule } from '../../../src/evaluate/rule.js';
import { knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

export default defineRule({
  id: 'public-access/aws-sqs-queue-policy',
  control: 'public-access',
  title: 'SQS queue policies grant nothing to everyone without a condition that pins the caller',
  severity: 'high',
  risk: 'A queue policy that allows Principal "*" with no condition lets any AWS account send messages into the queue (poisoning what consumers process) or read and delete them.',
  remediation: {
    text: 'Grant the queue to the service or account that uses it; when the sender is a service (SNS, S3, EventBridge), keep Principal as that service or add aws:SourceArn / aws:SourceAccount.',
    cdk: 'topic.addSubscription(new subs.SqsSubscription(queue)) // or queue.grantSendMessages(role): both scope the policy',
    cloudformation: 'Statement:\n  - Effect: Allow\n    Principal: { Service: sns.amazonaws.com }\n    Action: sqs:SendMessage\n    Resource: !GetAtt Queue.Arn\n    Condition: { ArnEquals: { aws:SourceArn: !Ref Topic } }',
  },
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  types: ['aws.sqs.queue-policy'],
  // Live, the policy is a queue attribute no collector reads yet: judged in templates.
  sources: ['iac'],
  check(r) {
    return judgePublicPolicy(knownDocument(r, 'PolicyDocument'), { path: 'PolicyDocument', what: 'use the queue' });
  },
});
