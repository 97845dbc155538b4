import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text, knownPointer, pointerNote, get } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const STATUSES = ['ENABLED', 'DISABLED'];

/**
 * A CodeBuild project's build logs go to CloudWatch Logs unless
 * `LogsConfig.CloudWatchLogs.Status` is DISABLED (the default is ENABLED), and to S3 only
 * when `LogsConfig.S3Logs.Status` is ENABLED (the default is DISABLED). With both off, a
 * build leaves no log of what ran (Security Hub CodeBuild.4).
 */
export default defineRule({
  id: 'audit-logging/aws-codebuild-project-logging',
  control: 'audit-logging',
  title: 'CodeBuild projects write build logs to CloudWatch Logs or S3',
  severity: 'low',
  risk: 'A project with both log destinations disabled leaves no record of which commands a build ran, what it downloaded or where it deployed.',
  remediation: {
    text: 'Leave LogsConfig.CloudWatchLogs.Status ENABLED (the default), or enable LogsConfig.S3Logs.',
    cdk: "new codebuild.Project(this, 'Build', { buildSpec, logging: { cloudWatch: { logGroup } } })",
    cloudformation: 'LogsConfig:\n  CloudWatchLogs:\n    Status: ENABLED',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-logsconfig.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-cloudwatchlogsconfig.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/codebuild-controls.html#codebuild-4',
  ],
  types: ['aws.codebuild.project'],
  // The live collector does not read CodeBuild.
  sources: ['iac'],
  check(r) {
    const rawCw = known(r, 'LogsConfig.CloudWatchLogs.Status');
    const cw = rawCw === undefined ? 'ENABLED' : text(rawCw);
    const cwEv = ev('LogsConfig.CloudWatchLogs.Status', rawCw ?? null, 'ENABLED', rawCw === undefined ? 'omitted: CloudWatch Logs delivery is ENABLED by default' : undefined);
    if (!STATUSES.includes(cw)) return fail(`CloudWatch Logs status ${cw} is not a valid value`, { ...cwEv, note: notAValidValue('Status', cw, STATUSES.join(', ')) });
    if (cw === 'ENABLED') {
      // The group name only labels the message: Status decides (CodeBuild makes /aws/codebuild/<project> without one).
      const group = get(r.properties, 'LogsConfig.CloudWatchLogs.GroupName');
      return pass(`build logs go to CloudWatch Logs${typeof group === 'string' && group !== '' ? ` (${group})` : ''}`, cwEv);
    }
    const rawS3 = known(r, 'LogsConfig.S3Logs.Status');
    const s3 = rawS3 === undefined ? 'DISABLED' : text(rawS3);
    const s3Ev = ev('LogsConfig.S3Logs.Status', rawS3 ?? null, 'ENABLED', rawS3 === undefined ? 'omitted: S3 log delivery is DISABLED by default' : undefined);
    if (s3 === 'ENABLED') return pass('build logs go to S3 (CloudWatch Logs delivery disabled)', cwEv, s3Ev, ev('LogsConfig.S3Logs.Location', knownPointer(r, 'LogsConfig.S3Logs.Location') ?? null, 'a bucket', pointerNote(knownPointer(r, 'LogsConfig.S3Logs.Location'), 'the log location')));
    if (!STATUSES.includes(s3)) return fail(`CloudWatch Logs delivery is disabled and S3 status ${s3} is not a valid value`, cwEv, { ...s3Ev, note: notAValidValue('Status', s3, STATUSES.join(', ')) });
    return fail('build logs are written nowhere: CloudWatch Logs and S3 delivery are both disabled', cwEv, s3Ev);
  },
});
