import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asBool, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';

/**
 * A report group that exports its test and coverage reports to S3 encrypts them unless
 * `ExportConfig.S3Destination.EncryptionDisabled` is true (default false; with the
 * EncryptionKey given, or else the AWS managed key aws/s3). Security Hub CodeBuild.7.
 */
export default defineRule({
  id: 'enc-rest/aws-codebuild-report-group',
  control: 'enc-rest',
  title: 'CodeBuild report groups encrypt the reports they export to S3',
  severity: 'low',
  risk: 'Exported test and coverage reports (test names, failures, stack traces, sometimes data from fixtures) are written to S3 unencrypted.',
  remediation: {
    text: 'Remove EncryptionDisabled (or set it to false) in ExportConfig.S3Destination; name an EncryptionKey for a customer-managed key.',
    cdk: "new codebuild.ReportGroup(this, 'Reports', { exportBucket: bucket, zipExport: true })",
    cloudformation: 'ExportConfig:\n  ExportConfigType: S3\n  S3Destination:\n    Bucket: !Ref ReportBucket\n    EncryptionDisabled: false',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-reportgroup-s3reportexportconfig.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/codebuild-controls.html',
  ],
  types: ['aws.codebuild.report-group'],
  // The live collector does not read CodeBuild.
  sources: ['iac'],
  check(r, { params }) {
    const type = text(known(r, 'ExportConfig.ExportConfigType'));
    if (type !== 'S3') return notApplicable(`reports are not exported (${type})`, ev('ExportConfig.ExportConfigType', type));
    const raw = known(r, 'ExportConfig.S3Destination.EncryptionDisabled');
    const off = asBool(raw);
    const e = ev('ExportConfig.S3Destination.EncryptionDisabled', raw ?? null, false, raw === undefined ? 'omitted: defaults to false (encrypted)' : off === undefined ? `${text(raw)} is not a valid value (true or false)` : undefined);
    if (off !== false && raw !== undefined) return fail('reports are exported to S3 without encryption', e);
    const key = known(r, 'ExportConfig.S3Destination.EncryptionKey');
    if (params.requireCustomerManagedKeys && (key === undefined || key === null || key === ''))
      return fail('exported reports use the AWS managed key aws/s3, but the claim requires customer-managed keys', e, ev('ExportConfig.S3Destination.EncryptionKey', null, 'a customer-managed KMS key'));
    return pass(`exported reports are encrypted (${key ? 'the KMS key given' : 'AWS managed key aws/s3'})`, e);
  },
});
