import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** FSBP EC2.1. Live only: `Live.Public` is whether the snapshot is in the account's "restorable by all" listing. */
export default defineRule({
  id: 'public-access/aws-ebs-snapshot',
  control: 'public-access',
  title: 'EBS snapshots are not publicly restorable',
  severity: 'critical',
  risk: 'Any AWS account can create a volume from a public snapshot and read the whole disk.',
  remediation: { text: 'Remove the "all" group from the snapshot\'s create-volume permission (and turn on block public access for EBS snapshots).', cli: 'aws ec2 modify-snapshot-attribute --snapshot-id SNAP --attribute createVolumePermission --operation-type remove --group-names all' },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html'],
  types: ['aws.ec2.snapshot'],
  sources: ['live'],
  check(r) {
    const pub = known(r, 'Live.Public');
    const e = ev('Live.Public', pub ?? null, false, 'ec2:DescribeSnapshots OwnerIds=self RestorableByUserIds=all');
    if (pub === true) return fail('anyone can restore this snapshot', e);
    if (pub === false) return pass('the snapshot is not public', e);
    return { status: 'unknown', message: 'whether the snapshot is public was not read', evidence: [e] };
  },
});
