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
  types: ['aws.ec2.volume'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, 'Encrypted');
    if (asBool(raw)) return pass('volume encrypted', ev('Encrypted', raw, true));
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
