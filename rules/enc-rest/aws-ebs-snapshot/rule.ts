import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** Live only: snapshots are made by AWS Backup, DLM or by hand, never declared in a template. */
export default defineRule({
  id: 'enc-rest/aws-ebs-snapshot',
  control: 'enc-rest',
  title: 'EBS snapshots owned by the account are encrypted',
  severity: 'high',
  risk: 'An unencrypted snapshot is a full copy of a disk at rest without encryption, and can be shared or copied as it is.',
  remediation: { text: 'Copy the snapshot with encryption on (then delete the unencrypted one), and turn on EBS encryption by default so new volumes and snapshots are encrypted.', cli: 'aws ec2 copy-snapshot --source-snapshot-id SNAP --source-region REGION --encrypted' },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  types: ['aws.ec2.snapshot'],
  sources: ['live'],
  check(r) {
    const enc = known(r, 'Encrypted');
    const e = ev('Encrypted', enc ?? null, true);
    return enc === true ? pass('snapshot is encrypted', e) : fail('snapshot is not encrypted', e);
  },
});
