import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, notApplicable, text, jsonDocument, asRecord, NeedsValue } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * Session Manager preferences are an SSM document of type `Session` with `sessionType:
 * Standard_Stream` (the account's default is the one named `SSM-SessionManagerRunShell`;
 * a custom one applies to the sessions that name it). Session output is logged only to
 * the S3 bucket in `inputs.s3BucketName` and/or the log group in
 * `inputs.cloudWatchLogGroupName`; both empty or absent: shell sessions on managed
 * nodes leave no record of what was typed or shown (CloudTrail records only that a
 * session started). Port-forwarding and interactive-command documents carry no
 * logging preferences: not applicable.
 */
export default defineRule({
  id: 'audit-logging/aws-ssm-session-preferences-logging',
  control: 'audit-logging',
  title: 'Session Manager preferences log session output to S3 or CloudWatch Logs',
  severity: 'medium',
  risk: 'Without session logging, what an operator ran in a shell on a managed node through Session Manager leaves no record.',
  remediation: {
    text: 'In the Session document (SSM-SessionManagerRunShell), set inputs.cloudWatchLogGroupName to a log group and/or inputs.s3BucketName to a bucket.',
    cdk: "new ssm.CfnDocument(this, 'Prefs', { name: 'SSM-SessionManagerRunShell', documentType: 'Session', content: { schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { cloudWatchLogGroupName: logGroup.logGroupName, cloudWatchEncryptionEnabled: true } } })",
    cloudformation: "Type: AWS::SSM::Document\nProperties:\n  Name: SSM-SessionManagerRunShell\n  DocumentType: Session\n  Content:\n    schemaVersion: '1.0'\n    sessionType: Standard_Stream\n    inputs:\n      cloudWatchLogGroupName: !Ref SessionLogs",
  },
  references: [
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-create-preferences-cli.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html',
  ],
  types: ['aws.ssm.document'],
  // No live collector reads SSM documents: judged in templates only.
  sources: ['iac'],
  check(r) {
    const rawType = known(r, 'DocumentType');
    if (rawType === undefined || text(rawType) !== 'Session') return notApplicable(`a ${rawType === undefined ? 'Command' : text(rawType)} document holds no Session Manager preferences`, ev('DocumentType', rawType ?? null));
    const content = asRecord(jsonDocument(r, 'Content', 64_000));
    const sessionType = get(content, 'sessionType');
    if (isUnresolved(sessionType)) throw new NeedsValue('Content.sessionType', sessionType.expression);
    if (text(sessionType) !== 'Standard_Stream')
      return notApplicable(`a ${text(sessionType)} session document carries no logging preferences`, ev('Content.sessionType', sessionType ?? null));
    const inputs = get(content, 'inputs');
    const dests: { path: string; value: unknown }[] = ['s3BucketName', 'cloudWatchLogGroupName'].map((k) => ({ path: `Content.inputs.${k}`, value: get(inputs, k) }));
    const items = dests.map((d) => ev(d.path, d.value ?? null, 'a bucket or log group name'));
    const named = dests.filter((d) => d.value !== undefined && d.value !== null && d.value !== '');
    const resolved = named.filter((d) => !isUnresolved(d.value));
    if (resolved.length) return pass(`session output is logged to ${resolved.map((d) => text(d.value)).join(' and ')}`, ...items);
    if (named.length) throw new NeedsValue(named[0]!.path, (named[0]!.value as { expression: string }).expression);
    return fail('session preferences name no S3 bucket and no log group: shell sessions are not logged', ...items);
  },
});
