import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { outsideWindow, windowText } from '../_window.js';

/**
 * DocumentDB elastic clusters keep automatic snapshots `BackupRetentionPeriod` days (1–35). Neither
 * the CloudFormation reference nor the elastic-cluster API reference gives a default, so an
 * omitted period is unknown, not guessed.
 */
export default defineRule({
  id: 'backup-retention/aws-docdbelastic-cluster',
  control: 'backup-retention',
  title: 'DocumentDB elastic clusters keep automatic snapshots for the promised retention window',
  severity: 'medium',
  risk: 'Snapshots kept longer than promised hold customer data past the rotation cycle; shorter ones cannot restore what the policy promises.',
  remediation: {
    text: 'Set BackupRetentionPeriod to the claimed cycle (1–35 days).',
    cloudformation: 'Type: AWS::DocDBElastic::Cluster\nProperties:\n  BackupRetentionPeriod: 35',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdbelastic-cluster.html', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/elastic-managing.html'],
  types: ['aws.docdbelastic.cluster'],
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'BackupRetentionPeriod');
    if (raw === undefined || raw === null)
      return unknown('BackupRetentionPeriod is omitted and DocumentDB documents no default for elastic clusters: set it to the claimed cycle', ev('BackupRetentionPeriod', null, windowText(params), 'omitted: no documented default'));
    const days = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(days) || days < 1 || days > 35)
      return fail(`BackupRetentionPeriod ${text(raw)} is not a valid value`, ev('BackupRetentionPeriod', raw, windowText(params), notAValidValue('BackupRetentionPeriod', text(raw), 'a whole number of days from 1 to 35')));
    const evidence = ev('BackupRetentionPeriod', raw, windowText(params));
    const why = outsideWindow(days, params);
    return why ? fail(`the cluster keeps automatic snapshots ${why}`, evidence) : pass(`the cluster keeps automatic snapshots ${days} day${days === 1 ? '' : 's'}`, evidence);
  },
});
