import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, get } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-ec2-volume',
  control: 'enc-rest',
  title: 'EBS volumes are encrypted',
  severity: 'high',
  risk: 'An unencrypted EBS volume and every snapshot taken from it hold data in the clear.',
  remediation: {
    text: 'Set Encrypted: true on the volume (and turn on EBS encryption by default in every region).',
    cdk: 'new ec2.Volume(this, "Data", { ..., encrypted: true })',
    cloudformation: 'Type: AWS::EC2::Volume\nProperties:\n  Encrypted: true',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volume.html#cfn-ec2-volume-kmskeyid'],
  types: ['aws.ec2.volume'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const raw = known(r, 'Encrypted');
    if (asBool(raw)) {
      // Live, DescribeVolumes names the key even when it is the AWS managed aws/ebs, so only a template tells
      // the two apart; the live reading of the key (its KeyManager) is not made yet and live keeps its old verdict.
      if (!params.requireCustomerManagedKeys || r.source !== 'iac') return pass('volume encrypted', ev('Encrypted', raw, true));
      const key = known(r, 'KmsKeyId');
      if (key === undefined || key === null || key === '')
        return fail('volume encrypted with the AWS managed key aws/ebs (or the account\'s default key), but the claim requires customer-managed keys', ev('Encrypted', raw, true), ev('KmsKeyId', null, 'a customer-managed KMS key', 'omitted: EBS uses the account\'s default EBS key, aws/ebs unless changed'));
      return pass('volume encrypted with the KMS key given', ev('Encrypted', raw, true), ev('KmsKeyId', key, 'a customer-managed KMS key'));
    }
    if (raw === undefined && r.source === 'iac') {
      // The account default (per region) may still encrypt it, but a template cannot show that.
      return fail(
        'the template does not encrypt this volume; it is encrypted only if EBS encryption by default is on in the target account and region',
        ev('Encrypted', null, true, 'omitted: depends on the account-level EBS encryption-by-default setting, which the template cannot show'),
      );
    }
    const byDefault = get(r.properties, 'Live.EbsEncryptionByDefault');
    return fail('volume is not encrypted', ev('Encrypted', raw ?? null, true), ...(byDefault !== undefined ? [ev('Live.EbsEncryptionByDefault', byDefault)] : []));
  },
});
