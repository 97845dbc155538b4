import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { backupSelectionOf, tagView, unlessEvidence } from '../../backup-retention/_selection.js';
import { dlmPolicyOf } from '../../backup-retention/_dlm.js';

/**
 * FSBP EC2.28: an EBS volume has no backup setting of its own, so its snapshots
 * come from an AWS Backup plan (a selection by reference, ARN or tags: the
 * reading backup-retention shares) or a Data Lifecycle Manager policy targeting
 * its tags, its instance's tags, or every volume of the region (a default
 * policy). Whether the volume is covered at all is deletion protection, as for
 * EFS (EFS.2): a volume with no backups has no rotation to break, so
 * backup-retention judges only the plans and policies that take snapshots.
 */
export default defineRule({
  id: 'deletion-protection/aws-ec2-volume-backup-plan',
  control: 'deletion-protection',
  title: 'EBS volumes are snapshotted by an AWS Backup plan or a Data Lifecycle Manager policy',
  severity: 'medium',
  risk: 'A volume that no backup plan and no lifecycle policy snapshots has no restore point: its data is lost with the volume, to a deletion, a failed disk or ransomware.',
  remediation: {
    text: 'Select the volume in an AWS Backup plan (by ARN or tag), or tag it for a Data Lifecycle Manager policy that snapshots it.',
    cdk: "backupPlan.addSelection('Volumes', { resources: [backup.BackupResource.fromTag('backup', 'daily')] }) // and Tags.of(volume).add('backup', 'daily')",
    cloudformation: 'Type: AWS::EC2::Volume\nProperties:\n  Tags: [{ Key: backup, Value: daily }]\n# selected by an AWS::Backup::BackupSelection ListOfTags, or targeted by an AWS::DLM::LifecyclePolicy TargetTags',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-28', 'https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html'],
  types: ['aws.ec2.volume'],
  // The live collectors do not read DLM policies yet: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const view = tagView(r, known(r, 'Tags'));
    const sel = backupSelectionOf(r, inventory, { service: 'ec2', kind: 'volume', arn: r.location.arn }, view);
    if (sel.covered) return pass(`AWS Backup selection ${sel.covered} covers the volume`, ev('aws.backup.backup-selection', sel.covered, 'a backup selection or DLM policy covering the volume'));
    const dlm = dlmPolicyOf(r, inventory, view);
    if (dlm.covered) return pass(`DLM policy ${dlm.covered} snapshots the volume`, ev('aws.dlm.lifecycle-policy', dlm.covered, 'a backup selection or DLM policy covering the volume'));
    const evidence = ev('aws.backup.backup-selection, aws.dlm.lifecycle-policy', null, 'a backup selection or DLM policy covering the volume', 'an EBS volume has no backup setting of its own');
    if (sel.maybe) return unknown(sel.maybe, evidence);
    if (dlm.maybe) return unknown(dlm.maybe, evidence);
    return fail(`no AWS Backup selection covers the volume (by reference, ARN or tags) and no DLM policy targets it (by its tags, its instance's tags or a default policy): it has no snapshots${sel.unless ? ` (${sel.unless})` : ''}`, evidence, ...unlessEvidence(sel));
  },
});
