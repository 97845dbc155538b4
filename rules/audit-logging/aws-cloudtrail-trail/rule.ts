import type { PathOf } from '../../../src/evaluate/property-paths.js';
import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, must, asBool, asArray, asRecord, ev, pass, fail, unknown, describe, NeedsValue } from '../../../src/evaluate/facts.js';

/**
 * Which management events (read, write) the trail records (FSBP CloudTrail.1). Advanced selectors,
 * when present, replace basic ones: only a selector on `eventCategory = Management` records them,
 * `readOnly` narrowing it to reads or writes. Basic selectors record them unless
 * `IncludeManagementEvents` is false, narrowed by `ReadWriteType`. No selector: all of them.
 */
function managementEvents(r: Resource): { read: boolean; write: boolean } {
  const advanced = asArray(known(r, 'AdvancedEventSelectors'));
  if (advanced.length) {
    const out = { read: false, write: false };
    for (const s of advanced) {
      const fields = asArray(must(asRecord(must(s, 'AdvancedEventSelectors[]')).FieldSelectors, 'AdvancedEventSelectors[].FieldSelectors')).map((f) => asRecord(must(f, 'FieldSelectors[]')));
      const eq = (field: string) => fields.filter((f) => must(f.Field, 'FieldSelectors[].Field') === field).flatMap((f) => asArray(must(f.Equals, 'FieldSelectors[].Equals')).map((v) => String(must(v, 'Equals[]'))));
      if (!eq('eventCategory').includes('Management')) continue;
      const ro = eq('readOnly');
      if (ro.length === 0 || ro.includes('true')) out.read = true;
      if (ro.length === 0 || ro.includes('false')) out.write = true;
    }
    return out;
  }
  const basic = asArray(known(r, 'EventSelectors'));
  if (!basic.length) return { read: true, write: true };
  const out = { read: false, write: false };
  for (const s of basic.map((x) => asRecord(must(x, 'EventSelectors[]')))) {
    const include = must(s.IncludeManagementEvents, 'EventSelectors[].IncludeManagementEvents');
    if (include !== undefined && asBool(include) === false) continue;
    const rw = String(must(s.ReadWriteType, 'EventSelectors[].ReadWriteType') ?? 'All');
    if (rw === 'All' || rw === 'ReadOnly') out.read = true;
    if (rw === 'All' || rw === 'WriteOnly') out.write = true;
  }
  return out;
}

export default defineRule({
  id: 'audit-logging/aws-cloudtrail-trail',
  control: 'audit-logging',
  title: 'CloudTrail trails log management events in every region, validate log files and encrypt them with KMS',
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
    try {
      const m = managementEvents(r);
      const missing = [!m.read && 'read', !m.write && 'write'].filter(Boolean).join(' and ');
      if (missing) out.push({ ...fail(`the trail does not record ${missing} management events (its event selectors exclude them)`, ev('EventSelectors / AdvancedEventSelectors', `no ${missing} management events`, 'read and write management events')), subId: 'ManagementEvents' });
    } catch (e) {
      if (!(e instanceof NeedsValue)) throw e;
      out.push({ ...unknown(`cannot tell which management events the trail records: ${e.message}`, ev('EventSelectors / AdvancedEventSelectors', null, 'read and write management events')), subId: 'ManagementEvents' });
    }
    if (out.length) return out;
    return pass('the trail logs all regions, validates log files and encrypts them with KMS', ev('IsMultiRegionTrail', true, true), ev('EnableLogFileValidation', true, true), ev('KMSKeyId', describe(key), 'a KMS key'));
  },
});
