import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';

const ENCRYPTED = new Set(['DEFAULT', 'CUSTOM']);

/**
 * AWS Elastic Disaster Recovery copies source servers' disks onto EBS volumes in a staging area.
 * The replication configuration template's EbsEncryption (required) says how those volumes are
 * encrypted: DEFAULT (the account's EBS key), CUSTOM (EbsEncryptionKeyArn) or NONE (unencrypted
 * copies of every replicated disk). NONE is an explicit value, no judgement: it fails.
 * Corpus (session 12, fixR): no AWS::DRS::ReplicationConfigurationTemplate in any set.
 */
export default defineRule({
  id: 'enc-rest/aws-drs-replication-template',
  control: 'enc-rest',
  title: 'Elastic Disaster Recovery encrypts replicated disks',
  severity: 'high',
  risk: 'With EbsEncryption NONE, the staging volumes and recovery snapshots hold unencrypted copies of every protected server\'s disks.',
  remediation: {
    text: 'Set EbsEncryption to DEFAULT, or to CUSTOM with EbsEncryptionKeyArn naming a KMS key.',
    cdk: "new drs.CfnReplicationConfigurationTemplate(this, 'Replication', { ..., ebsEncryption: 'DEFAULT' })",
    cloudformation: 'Type: AWS::DRS::ReplicationConfigurationTemplate\nProperties:\n  EbsEncryption: CUSTOM\n  EbsEncryptionKeyArn: !GetAtt DrKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-drs-replicationconfigurationtemplate.html',
    'https://docs.aws.amazon.com/drs/latest/APIReference/API_CreateReplicationConfigurationTemplate.html',
  ],
  types: ['aws.drs.replication-configuration-template'],
  // No live collector reads DRS.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'EbsEncryption');
    const e = ev('EbsEncryption', raw ?? null, 'DEFAULT or CUSTOM');
    if (raw === undefined || raw === null)
      return unknown('EbsEncryption is missing: it is required, so the template does not deploy as written', e);
    const mode = text(raw).toUpperCase();
    if (mode === 'NONE') return fail('replicated disks are stored unencrypted (EbsEncryption NONE)', e);
    if (ENCRYPTED.has(mode)) return pass(`replicated disks are encrypted (EbsEncryption ${mode})`, e);
    return unknown(`EbsEncryption ${text(raw)} is not a value the DRS API documents`, e);
  },
});
