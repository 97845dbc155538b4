import { defineRule } from '../../../src/evaluate/rule.js';
import { knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';
import { KINESIS_POLICY } from '../_policy-holders.js';

export default defineRule({
  id: 'public-access/aws-kinesis-resource-policy',
  control: 'public-access',
  title: 'Kinesis stream resource policies grant nothing to everyone without a condition that pins the caller',
  severity: 'critical',
  risk: 'A stream or consumer policy that allows Principal "*" with no condition would let any AWS account read the stream\'s records or write into it.',
  remediation: {
    text: 'Grant the stream to named accounts or roles, or pin Principal "*" with aws:PrincipalOrgID.',
    cdk: 'stream.grantRead(otherAccountRole)',
    cloudformation: 'Type: AWS::Kinesis::ResourcePolicy\nProperties:\n  ResourceArn: !GetAtt Stream.Arn\n  ResourcePolicy:\n    Statement:\n      - Effect: Allow\n        Principal: { AWS: arn:aws:iam::444455556666:root }\n        Action: [kinesis:GetRecords, kinesis:GetShardIterator, kinesis:DescribeStreamSummary]\n        Resource: !GetAtt Stream.Arn',
  },
  references: ['https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html'],
  types: ['aws.kinesis.resource-policy'],
  sources: ['iac'],
  check(r) {
    // Where the document is and what it opens, worded once: the stream and its consumers are judged by the same policy (aws-resource-opened-by-policy).
    return judgePublicPolicy(knownDocument(r, KINESIS_POLICY.path), { path: KINESIS_POLICY.path, what: KINESIS_POLICY.what });
  },
});
