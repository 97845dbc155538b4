import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, must, get, ev, pass, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { isRef } from '../../../src/model/values.js';
import { judgeRegion, noAllowedRegions, offendersOrPass } from '../_region.js';

export default defineRule({
  id: 'data-residency/aws-s3-bucket-replication',
  control: 'data-residency',
  title: 'S3 replication copies data only to buckets in allowed regions',
  severity: 'high',
  risk: 'Replication puts a full copy of the bucket in the destination’s region; a destination outside the allowed regions moves customer data out of the promised jurisdictions.',
  remediation: {
    text: 'Replicate only to buckets in allowed regions; keep the destination bucket in a stack whose region vouch can see (same cdk.out), or scan live so its region is read from S3.',
    cdk: "// destination bucket defined in a stack with env: { region: 'eu-central-1' }",
    cloudformation: 'ReplicationConfiguration:\n  Role: !GetAtt ReplicationRole.Arn\n  Rules:\n    - Status: Enabled\n      Destination: { Bucket: arn:aws:s3:::backup-eu-central-1 }',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const rules = asArray(known(r, 'ReplicationConfiguration.Rules'));
    if (rules.length === 0) return notApplicable('no replication configured (the bucket’s own region is judged with its stack)');
    const na = noAllowedRegions(params);
    if (na) return na;
    const out: Verdict[] = [];
    rules.forEach((raw, i) => {
      const path = `ReplicationConfiguration.Rules[${i}].Destination.Bucket`;
      const rule = must(raw, `ReplicationConfiguration.Rules[${i}]`) as Record<string, unknown>;
      if (rule?.Status === 'Disabled') return;
      const dest = must(get(rule, 'Destination.Bucket'), path);
      const subId = `Rules[${i}]`;
      let region: string | undefined;
      let label = `replica destination ${text(dest)}`;
      if (isRef(dest)) {
        const target = inventory.get(`${r.location.stack}/${dest.logicalId}`);
        region = target?.location.region;
        label = `replica destination ${dest.logicalId} (same stack)`;
        // A bucket of the same stack is in the source bucket's own region: the replica adds no
        // region, and the stack's region is judged by data-residency/aws-cloudformation-stack.
        if (!region && target) {
          out.push({ ...pass(`${label} is in the same region as this bucket (the stack's region is judged on its own)`, ev(path, dest, 'the bucket’s own region or an allowed one')), subId });
          return;
        }
      } else if (typeof dest === 'string') {
        // A live collector may record where the destination lives; a template knows only buckets it can see.
        const live = get(r.properties, `Live.ReplicationDestinationRegions`) as Record<string, string> | undefined;
        region = live?.[dest];
        if (!region) {
          const name = dest.replace(/^arn:[^:]+:s3:::/, '');
          const match = inventory.ofType('aws.s3.bucket').find((b) => b.properties.BucketName === name);
          region = match?.location.region;
        }
      }
      if (!region) {
        // S3 requires the replica key (EncryptionConfiguration.ReplicaKmsKeyID) to live in the destination
        // bucket's region, and a KMS key ARN carries its region: that region is the destination's.
        const key = get(rule, 'Destination.EncryptionConfiguration.ReplicaKmsKeyID');
        const keyRegion = typeof key === 'string' ? /^arn:[^:]+:kms:([a-z0-9-]+):/.exec(key.trim())?.[1] : undefined;
        if (keyRegion) {
          const v = judgeRegion('aws', keyRegion, params, `ReplicationConfiguration.Rules[${i}].Destination.EncryptionConfiguration.ReplicaKmsKeyID`, `${label} (read from its ReplicaKmsKeyID)`);
          const note = `the replica KMS key ${key as string} is in ${keyRegion}; S3 requires the replica key in the destination bucket's region, so the destination is in ${keyRegion}`;
          out.push({ ...v, evidence: [ev(path, dest), ...(v.evidence ?? []).map((e) => ({ ...e, note: e.note ? `${note}; ${e.note}` : note }))], subId });
          return;
        }
      }
      if (!region) out.push({ ...unknown(`${label}: its region is not known (S3 ARNs carry none and the bucket is not in the scanned templates)`, ev(path, dest)), subId });
      else out.push({ ...judgeRegion('aws', region, params, path, label), subId });
    });
    return out.length ? offendersOrPass(out) : notApplicable('every replication rule is disabled');
  },
});
