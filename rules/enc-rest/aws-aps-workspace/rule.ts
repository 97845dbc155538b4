import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-aps-workspace',
  control: 'enc-rest',
  title: 'Amazon Managed Service for Prometheus workspaces are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'A Prometheus workspace stores metrics, labels and alerting rules, always encrypted under an AWS owned key unless KmsKeyArn names one; a claim that requires customer-managed keys is broken by a workspace created without it (the key can only be chosen at creation).',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the workspace with KmsKeyArn.',
    cdk: "new aps.CfnWorkspace(this, 'Metrics', { alias: 'metrics', kmsKeyArn: key.keyArn })",
    cloudformation: 'Type: AWS::APS::Workspace\nProperties:\n  Alias: metrics\n  KmsKeyArn: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/prometheus/latest/userguide/encryption-at-rest-Amazon-Service-Prometheus.html', 'https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-create-workspace.html'],
  types: ['aws.aps.workspace'],
  // No live collector reads Amazon Managed Service for Prometheus: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, {
      attested: 'Amazon Managed Service for Prometheus User Guide: workspace data is encrypted at rest (AWS owned key unless KmsKeyArn is given)',
      keyPath: 'KmsKeyArn',
    });
  },
});
