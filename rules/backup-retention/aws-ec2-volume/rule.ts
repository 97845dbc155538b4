import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, notApplicable, unknown } from '../../../src/evaluate/facts.js';
import { judgeCoverage } from '../_coverage.js';
import { tagView } from '../_selection.js';
import { dlmPolicyOf } from '../_dlm.js';

/**
 * An EBS volume has no backup setting of its own: its snapshots come from an AWS Backup plan
 * (FSBP EC2.28) or a Data Lifecycle Manager policy targeting its tags, its instance's tags, or
 * every volume of the region (a default policy). A covered volume is not applicable here: the
 * plan's lifecycle and the policy's retention are judged on the plan and on the policy.
 */
export default defineRule({
  id: 'backup-retention/aws-ec2-volume',
  control: 'backup-retention',
  title: 'EBS volumes are snapshotted by an AWS Backup plan or a Data Lifecycle Manager policy',
  severity: 'medium',
  risk: 'A volume that no backup plan and no lifecycle policy snapshots has no backups: its data is lost with the volume, and the promised rotation does not exist for it.',
  remediation: {
    text: 'Select the volume in an AWS Backup plan (by ARN or tag) whose rules expire recovery points on the claimed cycle, or tag it for a Data Lifecycle Manager policy whose schedules retain snapshots for that cycle.',
    cdk: "backupPlan.addSelection('Volumes', { resources: [backup.BackupResource.fromTag('backup', 'daily')] }) // and Tags.of(volume).add('backup', 'daily')",
    cloudformation: 'Type: AWS::EC2::Volume\nProperties:\n  Tags: [{ Key: backup, Value: daily }]\n# selected by an AWS::Backup::BackupSelection ListOfTags, or targeted by an AWS::DLM::LifecyclePolicy TargetTags',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-28', 'https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html'],
  types: ['aws.ec2.volume'],
  sources: ['iac'],
  check(r, { params, inventory }) {
    const rawTags = known(r, 'Tags');
    const evidence = ev('aws.backup.backup-selection, aws.dlm.lifecycle-policy', null, 'a backup selection or DLM policy covering the volume', 'an EBS volume has no backup setting of its own');
    return judgeCoverage(r, inventory, params, { service: 'ec2', kind: 'volume', arn: r.location.arn }, rawTags, 'the volume', 'an EBS volume has no backup setting of its own', [evidence], {
      judge: () => {
        const dlm = dlmPolicyOf(r, inventory, tagView(r, rawTags));
        if (dlm.covered) return notApplicable(`snapshotted by DLM policy ${dlm.covered} (its retention is judged by backup-retention/aws-dlm-lifecycle-policy)`, ev('aws.dlm.lifecycle-policy', dlm.covered));
        if (dlm.maybe) return unknown(dlm.maybe, evidence);
        return undefined;
      },
      none: "no DLM policy targets it (by its tags, its instance's tags or a default policy)",
    });
  },
});
