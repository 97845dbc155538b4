import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeOpenedByPolicies } from '../_opened-by-policy.js';

/** The queue itself, judged by the queue policies in the template that name it (as the S3 bucket with its bucket policy). */
export default defineRule({
  id: 'public-access/aws-sqs-queue',
  control: 'public-access',
  title: 'SQS queues are not opened to everyone by a queue policy',
  severity: 'high',
  risk: 'A queue that a queue policy opens to Principal "*" without a condition accepts messages from (or gives its messages to) any AWS account.',
  remediation: {
    text: 'Grant the queue in its policy to the service or account that uses it, with aws:SourceArn / aws:SourceAccount for service senders.',
    cdk: 'queue.grantSendMessages(role) // or topic.addSubscription(new subs.SqsSubscription(queue))',
    cloudformation: 'Statement:\n  - Effect: Allow\n    Principal: { AWS: arn:aws:iam::444455556666:root }\n    Action: sqs:SendMessage\n    Resource: !GetAtt Queue.Arn',
  },
  references: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html'],
  types: ['aws.sqs.queue'],
  // Live, the policy is a queue attribute no collector reads yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    return judgeOpenedByPolicies(r, inventory, { path: 'PolicyDocument', what: 'use the queue' }, 'queue');
  },
});
