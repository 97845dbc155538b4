import { defineRule, type EvidenceItem } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * A Lightsail object-storage bucket is public when AccessRules.GetObject is `public` (every object
 * readable by anyone, without signing) or when AccessRules.AllowPublicOverrides is true (one
 * PutObjectAcl with public-read makes any object public, as an S3 bucket with Block Public Access
 * off). Lightsail creates buckets with GetObject `private` and AllowPublicOverrides false.
 */
export default defineRule({
  id: 'public-access/aws-lightsail-bucket',
  control: 'public-access',
  title: 'Lightsail buckets keep their objects private (GetObject private, no public overrides)',
  severity: 'high',
  risk: 'A Lightsail bucket with GetObject public lets anyone on the internet read every object; with AllowPublicOverrides one object ACL change publishes an object.',
  remediation: {
    text: 'Set AccessRules.GetObject to private and AllowPublicOverrides to false; share objects with presigned URLs, named accounts (ReadOnlyAccessAccounts) or Lightsail instances (ResourcesReceivingAccess), or serve public files through a Lightsail distribution.',
    cloudformation: 'Type: AWS::Lightsail::Bucket\nProperties:\n  AccessRules:\n    GetObject: private\n    AllowPublicOverrides: false',
  },
  references: [
    'https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-understanding-bucket-permissions.html',
    'https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_AccessRules.html',
  ],
  types: ['aws.lightsail.bucket'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r) {
    const getObject = known(r, 'AccessRules.GetObject');
    const overrides = known(r, 'AccessRules.AllowPublicOverrides');
    const access = getObject === undefined || getObject === null ? 'private' : text(getObject).trim().toLowerCase();
    const getEv = ev('AccessRules.GetObject', getObject ?? null, 'private', getObject === undefined || getObject === null ? 'omitted: Lightsail creates buckets private' : undefined);
    const overrideOn = overrides === undefined || overrides === null ? false : asBool(overrides);
    const overrideEv = ev('AccessRules.AllowPublicOverrides', overrides ?? null, false, overrides === undefined || overrides === null ? 'omitted: false (object ACLs cannot make objects public)' : undefined);
    const problems: EvidenceItem[] = [];
    const why: string[] = [];
    if (access === 'public') {
      problems.push(getEv);
      why.push('every object is readable by anyone (GetObject public)');
    } else if (access !== 'private') {
      problems.push(ev('AccessRules.GetObject', getObject, 'private', notAValidValue('AccessRules.GetObject', text(getObject), 'public or private')));
      why.push(`AccessRules.GetObject ${text(getObject)} is not a valid value`);
    }
    if (overrideOn === undefined) {
      problems.push(ev('AccessRules.AllowPublicOverrides', overrides, false, notAValidValue('AccessRules.AllowPublicOverrides', text(overrides), 'true or false')));
      why.push(`AccessRules.AllowPublicOverrides ${text(overrides)} is not a valid value`);
    } else if (overrideOn) {
      problems.push(overrideEv);
      why.push('object ACLs may make single objects public (AllowPublicOverrides true)');
    }
    if (problems.length) return fail(why.join('; '), ...problems);
    return pass('objects are private and object ACLs cannot make them public', getEv, overrideEv);
  },
});
