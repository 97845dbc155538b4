import { defineRule } from '../../../src/evaluate/rule.js';
import { get, asArray, asBool, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';

/**
 * Where a CodeBuild project writes data at rest and may switch its encryption off: the
 * primary and secondary S3 artifacts and the build logs exported to S3. Each is
 * encrypted unless `EncryptionDisabled: true` (the default is false): with
 * `EncryptionKey`, or else the AWS managed key aws/s3 (CloudFormation, ProjectArtifacts
 * and S3LogsConfig). Logs in CloudWatch Logs are always encrypted by that service.
 */
function sites(r: { properties: unknown }): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [{ path: 'Artifacts.EncryptionDisabled', value: get(r.properties, 'Artifacts.EncryptionDisabled') }];
  const secondary = get(r.properties, 'SecondaryArtifacts');
  if (isUnresolved(secondary)) out.push({ path: 'SecondaryArtifacts', value: secondary });
  else asArray(secondary).forEach((_, i) => out.push({ path: `SecondaryArtifacts[${i}].EncryptionDisabled`, value: get(r.properties, `SecondaryArtifacts[${i}].EncryptionDisabled`) }));
  out.push({ path: 'LogsConfig.S3Logs.EncryptionDisabled', value: get(r.properties, 'LogsConfig.S3Logs.EncryptionDisabled') });
  return out;
}

export default defineRule({
  id: 'enc-rest/aws-codebuild-project',
  control: 'enc-rest',
  title: 'CodeBuild projects keep artifact and S3 log encryption on (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'With EncryptionDisabled: true, CodeBuild writes build outputs (binaries, packages, reports) or build logs to S3 without encrypting them; the build output often holds code and configuration.',
  remediation: {
    text: 'Remove EncryptionDisabled (or set it to false) on Artifacts, SecondaryArtifacts and LogsConfig.S3Logs; set EncryptionKey to a customer-managed KMS key when the claim requires one.',
    cdk: "new codebuild.Project(this, 'Build', { buildSpec, encryptionKey: key, artifacts: codebuild.Artifacts.s3({ bucket, encryption: true }) })",
    cloudformation: 'Type: AWS::CodeBuild::Project\nProperties:\n  EncryptionKey: !GetAtt BuildKey.Arn\n  Artifacts:\n    Type: S3\n    Location: !Ref ArtifactBucket\n    EncryptionDisabled: false',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-artifacts.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-s3logsconfig.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-codebuild-project.html#cfn-codebuild-project-encryptionkey',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/codebuild-controls.html',
  ],
  types: ['aws.codebuild.project'],
  // The live collector does not read CodeBuild.
  sources: ['iac'],
  check(r, { params }) {
    const off: EvidenceItem[] = [];
    const open: EvidenceItem[] = [];
    for (const s of sites(r)) {
      if (isUnresolved(s.value)) open.push(ev(s.path, s.value, false));
      else if (s.value !== undefined && s.value !== null && asBool(s.value) !== false)
        // true, "true", or a value CloudFormation would refuse: not a promise of encryption.
        off.push(ev(s.path, s.value, false, asBool(s.value) === true ? 'encryption switched off' : `${text(s.value)} is not a valid value (true or false)`));
    }
    if (off.length) return fail(`encryption at rest is switched off for ${off.map((e) => e.path.replace(/\.EncryptionDisabled$/, '')).join(', ')}`, ...off, ...open);
    if (open.length) return unknown(`whether encryption is switched off depends on ${open.map((e) => text(e.observed)).join(', ')}`, ...open);
    const key = get(r.properties, 'EncryptionKey');
    if (params.requireCustomerManagedKeys) {
      if (isUnresolved(key)) return unknown('the KMS key comes from a value the template does not settle: whether it is customer-managed is not known', ev('EncryptionKey', key, 'a customer-managed KMS key'));
      if (key === undefined || key === null || key === '' || /alias\/aws\/s3$/.test(text(key)))
        return fail('artifacts are encrypted with the AWS managed key aws/s3, but the claim requires customer-managed keys', ev('EncryptionKey', key ?? null, 'a customer-managed KMS key', key === undefined ? 'omitted: CodeBuild uses the AWS managed key aws/s3' : undefined));
    }
    return pass(
      `artifacts and S3 logs are encrypted (${key === undefined ? 'AWS managed key aws/s3' : 'the KMS key given'})`,
      ev('Artifacts.EncryptionDisabled', get(r.properties, 'Artifacts.EncryptionDisabled') ?? null, false, get(r.properties, 'Artifacts.EncryptionDisabled') === undefined ? 'omitted: defaults to false (encrypted)' : undefined),
      ev('EncryptionKey', key ?? null, undefined, key === undefined ? 'omitted: CodeBuild uses the AWS managed key aws/s3' : undefined),
    );
  },
});
