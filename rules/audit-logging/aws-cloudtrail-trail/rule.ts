import type { PathOf } from '../../../src/evaluate/property-paths.js';
import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asBool, ev, pass, fail, describe } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'audit-logging/aws-cloudtrail-trail',
  control: 'audit-logging',
  title: 'CloudTrail trails log in every region, validate log files and encrypt them with KMS',
  severity: 'high',
  risk: 'A trail that is off, single-region, without log-file validation or without KMS encryption leaves API activity unrecorded in other regions, lets logs be altered unnoticed, or leaves them readable to anyone with bucket access, so IAM activity cannot be reviewed with confidence.',
  remediation: {
    text: 'Set IsLogging, IsMultiRegionTrail and EnableLogFileValidation to true and give the trail a KMS key (KMSKeyId).',
    cdk: "new cloudtrail.Trail(this, 'Trail', { isMultiRegionTrail: true, enableFileValidation: true, encryptionKey: key })",
    cloudformation: 'Type: AWS::CloudTrail::Trail\nProperties:\n  IsLogging: true\n  IsMultiRegionTrail: true\n  IncludeGlobalServiceEvents: true\n  EnableLogFileValidation: true\n  KMSKeyId: !Ref TrailKey\n  S3BucketName: !Ref TrailBucket',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  ],
  types: ['aws.cloudtrail.trail'],
  sources: ['iac', 'live'],
  check(r) {
    const out: Verdict[] = [];
    const flag = (path: PathOf<typeof r>, dflt: boolean, what: string) => {
      const raw = known(r, path);
      const v = raw === undefined || raw === null ? dflt : asBool(raw);
      const note = raw === undefined ? `omitted: defaults to ${dflt}` : undefined;
      if (v !== true) out.push({ ...fail(`${what} (${path} is ${raw === undefined ? `omitted, default ${dflt}` : JSON.stringify(describe(raw))})`, ev(path, raw ?? null, true, note)), subId: path });
    };
    flag('IsLogging', false, 'the trail is not logging');
    flag('IsMultiRegionTrail', false, 'the trail records only its home region');
    flag('EnableLogFileValidation', false, 'log files are not validated (tampering goes unnoticed)');
    flag('IncludeGlobalServiceEvents', true, 'global service events (IAM, STS) are not recorded');
    const key = known(r, 'KMSKeyId');
    if (key === undefined || key === null || key === '')
      out.push({ ...fail('log files are not encrypted with a KMS key (KMSKeyId omitted: SSE-S3 only)', ev('KMSKeyId', null, 'a KMS key')), subId: 'KMSKeyId' });
    if (out.length) return out;
    return pass('the trail logs all regions, validates log files and encrypts them with KMS', ev('IsMultiRegionTrail', true, true), ev('EnableLogFileValidation', true, true), ev('KMSKeyId', describe(key), 'a KMS key'));
  },
});
