import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, fail } from '../../../src/evaluate/facts.js';

/**
 * AWS Cloud9's own documentation (Data encryption): "When Amazon EC2 instances are created for an
 * AWS Cloud9 development environment, an unencrypted Amazon EBS volume is created and attached to that
 * instance." The environment keeps code, packages and credentials there, and AWS::Cloud9::EnvironmentEC2
 * has no property to encrypt it: only EBS encryption by default in the account and region does (the
 * reading of an instance without block device mappings, ../_block-devices.ts).
 */
export default defineRule({
  id: 'enc-rest/aws-cloud9-environment-ec2',
  control: 'enc-rest',
  title: 'Cloud9 EC2 environments keep their code on encrypted volumes',
  severity: 'medium',
  risk: 'The environment\'s instance keeps source code, dependencies and the developer\'s credentials on an EBS volume Cloud9 creates unencrypted.',
  remediation: {
    text: 'Turn on EBS encryption by default in every region that runs Cloud9 environments (the environment has no encryption setting), or replace its volume with an encrypted one.',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region eu-west-1',
  },
  references: ['https://docs.aws.amazon.com/cloud9/latest/user-guide/data-encryption.html', 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
  types: ['aws.cloud9.environment-ec2'],
  // No live collector reads Cloud9.
  sources: ['iac'],
  check() {
    // The account's EBS encryption by default is an account fact (enc-rest/aws-ebs-default-encryption), not in the template.
    return fail(
      'Cloud9 creates the environment\'s instance with an unencrypted EBS volume and has no setting to encrypt it: it is encrypted only if EBS encryption by default is on in the target account and region',
      ev('(volume of the environment\'s instance)', 'unencrypted', 'encrypted (EBS encryption by default)', 'AWS::Cloud9::EnvironmentEC2 has no encryption property'),
    );
  },
});
