import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, asArray, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const PROTOCOLS = ['SFTP', 'FTP', 'FTPS', 'AS2'];

/**
 * What a Transfer Family server accepts on the wire. FTP sends credentials and
 * files in plaintext. SFTP (SSH) and FTPS (TLS) encrypt the session; AWS does
 * not publish the TLS versions of each server security policy, so the policy
 * is reported, not ranked. AS2 arrives over HTTP: its protection is the
 * message-level encryption of each partner agreement, which this rule does not
 * read (unknown).
 */
export default defineRule({
  id: 'tls-min/aws-transfer-server',
  control: 'tls-min',
  title: 'Transfer Family servers accept no plaintext FTP',
  severity: 'high',
  risk: 'A server with the FTP protocol lets partners send passwords and files unencrypted across the network.',
  remediation: {
    text: 'Remove FTP from Protocols and offer SFTP or FTPS (with a current SecurityPolicyName such as TransferSecurityPolicy-2024-01).',
    cdk: "new transfer.CfnServer(this, 'Sftp', { protocols: ['SFTP'], securityPolicyName: 'TransferSecurityPolicy-2024-01' })",
    cloudformation: 'Type: AWS::Transfer::Server\nProperties:\n  Protocols: [SFTP]\n  SecurityPolicyName: TransferSecurityPolicy-2024-01',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-server.html',
    'https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html',
    'https://docs.aws.amazon.com/transfer/latest/userguide/create-server-ftp.html',
  ],
  types: ['aws.transfer.server'],
  // The live collector does not read Transfer Family.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'Protocols');
    const protocols = raw === undefined ? ['SFTP'] : asArray(raw).map((p, i) => text(must(p, `Protocols[${i}]`)));
    const policy = known(r, 'SecurityPolicyName');
    const protoEv = ev('Protocols', raw ?? null, 'SFTP and/or FTPS only', raw === undefined ? 'omitted: the server offers SFTP' : undefined);
    const policyEv = ev('SecurityPolicyName', policy ?? null, undefined, policy === undefined ? 'omitted: CloudFormation assigns TransferSecurityPolicy-2018-11' : undefined);
    const invalid = protocols.filter((p) => !PROTOCOLS.includes(p));
    if (invalid.length) return fail(`protocol ${invalid.join(', ')} is not a valid value`, { ...protoEv, note: notAValidValue('Protocols', invalid.join(', '), PROTOCOLS.join(', ')) });
    if (protocols.includes('FTP')) return fail('the server accepts plaintext FTP: credentials and files cross the network unencrypted', protoEv, policyEv);
    if (protocols.includes('AS2'))
      return unknown('the server accepts AS2 over HTTP: whether messages are encrypted depends on the partner agreements, which this rule does not read', protoEv, policyEv);
    return pass(`the server accepts only encrypted sessions (${protocols.join(', ')})`, protoEv, policyEv);
  },
});
