import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-kinesisvideo-stream',
  control: 'enc-rest',
  title: 'Kinesis Video streams encrypt media at rest (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'Kinesis Video Streams always encrypts stored media; a claim that requires customer-managed keys is broken by a stream on the AWS managed key aws/kinesisvideo.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the stream with KmsKeyId.',
    cdk: "new kinesisvideo.CfnStream(this, 'Camera', { dataRetentionInHours: 24, kmsKeyId: key.keyArn })",
    cloudformation: 'Type: AWS::KinesisVideo::Stream\nProperties:\n  KmsKeyId: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/how-kms.html'],
  types: ['aws.kinesisvideo.stream'],
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'Kinesis Video Streams Developer Guide: server-side encryption is always on (aws/kinesisvideo unless KmsKeyId is given)', keyPath: 'KmsKeyId' });
  },
});
