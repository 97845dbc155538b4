import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/** FSBP EC2.51: a Client VPN endpoint logs client connections (who connected, from where, when). */
export default defineRule({
  id: 'audit-logging/aws-ec2-client-vpn-endpoint',
  control: 'audit-logging',
  title: 'EC2 Client VPN endpoints log client connections',
  severity: 'medium',
  risk: 'Without connection logs there is no record of who connected to the network through the VPN, from which address and for how long.',
  remediation: {
    text: 'Set ConnectionLogOptions.Enabled true with a CloudwatchLogGroup (and CloudwatchLogStream).',
    cdk: "vpc.addClientVpnEndpoint('Vpn', { cidr: '10.100.0.0/16', serverCertificateArn, clientCertificateArn, logging: true, logGroup })",
    cloudformation: 'Type: AWS::EC2::ClientVpnEndpoint\nProperties:\n  ConnectionLogOptions:\n    Enabled: true\n    CloudwatchLogGroup: !Ref VpnLogGroup',
  },
  references: ['https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-logging.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html'],
  types: ['aws.ec2.client-vpn-endpoint'],
  // The live collector does not read Client VPN.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'ConnectionLogOptions.Enabled');
    // Presence decides: the endpoint takes only an existing log group's name, so one from a parameter is logging on.
    const group = knownPointer(r, 'ConnectionLogOptions.CloudwatchLogGroup');
    const enabled = asBool(raw);
    if (raw !== undefined && enabled === undefined)
      return fail('ConnectionLogOptions.Enabled is not a valid value', ev('ConnectionLogOptions.Enabled', raw, true, notAValidValue('Enabled', text(raw), 'true, false')));
    const evidence = ev('ConnectionLogOptions.Enabled', raw ?? null, true, raw === undefined ? 'omitted: connection logging is off (CloudFormation requires ConnectionLogOptions)' : undefined);
    if (!enabled) return fail('client connection logging is off', evidence);
    if (group === undefined) return fail('connection logging is enabled without a CloudwatchLogGroup to write to', evidence, ev('ConnectionLogOptions.CloudwatchLogGroup', null, 'a log group'));
    return pass('client connections are logged to CloudWatch Logs', evidence, ev('ConnectionLogOptions.CloudwatchLogGroup', group, 'a log group', pointerNote(group, 'the log group')));
  },
});
