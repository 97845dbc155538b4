import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';

/** Live only: EBS encryption by default is a per-account, per-region setting no template shows. */
export default defineRule({
  id: 'enc-rest/aws-ebs-default-encryption',
  control: 'enc-rest',
  title: 'EBS encryption by default is on in every scanned region',
  severity: 'medium',
  risk: 'Without encryption by default, any volume or snapshot created outside reviewed templates (console, scripts, AMI copies) may be stored unencrypted.',
  remediation: {
    text: 'Turn on EBS encryption by default in every region the account uses (EC2 console → Settings → Data protection, or the CLI below), optionally with a customer-managed KMS key.',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region REGION',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
  types: ['aws.ec2.regional-settings'],
  sources: ['live'],
  check(r) {
    const on = known(r, 'Live.EbsEncryptionByDefault');
    const evidence = ev('Live.EbsEncryptionByDefault', on ?? null, true, `ec2:GetEbsEncryptionByDefault in ${r.location.region ?? '?'}`);
    if (on === true) return pass(`EBS encryption by default is on in ${r.location.region}`, evidence);
    if (on === false) return fail(`EBS encryption by default is off in ${r.location.region}`, evidence);
    return unknown('the region did not report its EBS encryption-by-default setting', evidence);
  },
});
