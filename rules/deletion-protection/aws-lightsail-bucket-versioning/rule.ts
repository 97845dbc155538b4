import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * A Lightsail object storage bucket keeps earlier versions of overwritten or deleted objects only with
 * `ObjectVersioning: true`: CreateBucket takes a boolean enableObjectVersioning, and a bucket whose versioning was
 * never turned on reports NeverEnabled (AWS::Lightsail::Bucket ObjectVersioning lists Enabled, Suspended and
 * NeverEnabled). AWS Config's lightsail-bucket-object-versioning-enabled checks the same. Judged as
 * deletion-protection/aws-s3-bucket-versioning judges an S3 bucket: omitted or false fails, true passes.
 */
export default defineRule({
  id: 'deletion-protection/aws-lightsail-bucket-versioning',
  control: 'deletion-protection',
  title: 'Lightsail buckets keep object versions (versioning enabled)',
  severity: 'medium',
  risk: 'Without versioning an overwrite or delete, by mistake, by a bug or by ransomware, destroys the only copy of the object.',
  remediation: {
    text: 'Set ObjectVersioning: true on the bucket.',
    cloudformation: 'Type: AWS::Lightsail::Bucket\nProperties:\n  BucketName: media\n  BundleId: small_1_0\n  ObjectVersioning: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-bucket.html',
    'https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_CreateBucket.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/lightsail-bucket-object-versioning-enabled.html',
  ],
  types: ['aws.lightsail.bucket'],
  // The live collector does not read Lightsail.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'ObjectVersioning');
    const e = ev('ObjectVersioning', raw ?? null, true, raw === undefined || raw === null ? 'omitted: a new bucket is never versioned until versioning is enabled' : undefined);
    const on = raw === undefined || raw === null ? false : asBool(raw);
    if (on === undefined) return fail(`ObjectVersioning ${text(raw)} is not a boolean: CloudFormation rejects it`, e);
    return on ? pass('object versioning is enabled', e) : fail('object versioning is not enabled: an overwrite or delete destroys the only copy', e);
  },
});
