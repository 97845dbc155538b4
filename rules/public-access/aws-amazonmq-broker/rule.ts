import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

export default defineRule({
  id: 'public-access/aws-amazonmq-broker',
  control: 'public-access',
  title: 'Amazon MQ brokers are not publicly accessible',
  severity: 'high',
  risk: 'A public broker accepts connections to its queues and web console from outside the VPC; only its users and security groups protect the messages.',
  remediation: {
    text: 'Set PubliclyAccessible: false and connect from inside the VPC.',
    cdk: "new amazonmq.CfnBroker(this, 'Broker', { ..., publiclyAccessible: false })",
    cloudformation: 'Type: AWS::AmazonMQ::Broker\nProperties:\n  PubliclyAccessible: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-amazonmq-broker.html'],
  types: ['aws.amazonmq.broker'],
  // No live collector reads Amazon MQ: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgePublicFlag(r, { path: 'PubliclyAccessible', defaultPublic: false, omittedNote: 'omitted: CloudFormation creates the broker private (false by default)', what: 'broker' });
  },
});
