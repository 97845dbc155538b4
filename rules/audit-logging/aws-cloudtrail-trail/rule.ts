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
  title: 'CloudTrail trails log management events in every region and validate log files',
  severity: 'high',
  risk: 'A trail that is off, single-region or without log-file validation leaves API activity unrecorded in other regions or lets logs be altered unnoticed, so IAM activity cannot be reviewed with confidence.',
  remediation: {
    text: 'Set IsLogging, IsMultiRegionTrail and EnableLogFileValidation to true (a KMS key for the log files is judged by security-monitoring/aws-cloudtrail-log-encryption).',
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
    // The log files' KMS key (CIS 3.5, FSBP CloudTrail.2) is security-monitoring/aws-cloudtrail-log-encryption's:
    // without it the logs are still encrypted at rest (SSE-S3, AES-256), so the logging promise holds.
    try {
      // A trail for data events only (no management events at all) is an additional trail: the account's
      // management trail may be another (as a stack without a trail is no failure). One that records only
      // reads or only writes is the management trail with half of it missing (FSBP CloudTrail.1, CIS 3.1).
      const m = managementEvents(r);
      const missing = m.read || m.write ? [!m.read && 'read', !m.write && 'write'].filter(Boolean).join(' and ') : '';
      if (missing) out.push({ ...fail(`the trail does not record ${missing} management events (its event selectors exclude them)`, ev('EventSelectors / AdvancedEventSelectors', `no ${missing} management events`, 'read and write management events')), subId: 'ManagementEvents' });
    } catch (e) {
      if (!(e instanceof NeedsValue)) throw e;
      out.push({ ...unknown(`cannot tell which management events the trail records: ${e.message}`, ev('EventSelectors / AdvancedEventSelectors', null, 'read and write management events')), subId: 'ManagementEvents' });
    }
    if (out.length) return out;
    return pass('the trail logs all regions and validates log files', ev('IsMultiRegionTrail', true, true), ev('EnableLogFileValidation', true, true));
  },
});
