import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, text } from '../../../src/evaluate/facts.js';

/**
 * A Transfer Family connector (AS2 or SFTP, to a partner's server) logs its transfers
 * to CloudWatch Logs only through the role named in `LoggingRole`; without one it logs
 * nothing (Security Hub Transfer.3).
 */
export default defineRule({
  id: 'audit-logging/aws-transfer-connector-logging',
  control: 'audit-logging',
  title: 'Transfer Family connectors log their transfers to CloudWatch Logs',
  severity: 'low',
  risk: 'Without a logging role, files sent to or pulled from a trading partner leave no record of what moved, when, or whether it failed.',
  remediation: {
    text: 'Set LoggingRole to a role that lets transfer.amazonaws.com write to CloudWatch Logs.',
    cdk: "new transfer.CfnConnector(this, 'Partner', { url, accessRole, loggingRole: logRole.roleArn, sftpConfig })",
    cloudformation: 'Type: AWS::Transfer::Connector\nProperties:\n  LoggingRole: !GetAtt TransferLogRole.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-connector.html',
    'https://docs.aws.amazon.com/transfer/latest/userguide/monitoring-cloudwatch.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/transfer-controls.html',
  ],
  types: ['aws.transfer.connector'],
  // The live collector does not read Transfer Family connectors.
  sources: ['iac'],
  check(r) {
    // A role from a parameter or an import is still a role: which one does not change that logging is on.
    const role = get(r.properties, 'LoggingRole');
    if (role === undefined || role === null || role === '')
      return fail('the connector has no logging role: its transfers are not logged', ev('LoggingRole', null, 'a role ARN', 'omitted: the connector writes no CloudWatch logs'));
    return pass(`transfers are logged through ${text(role)}`, ev('LoggingRole', role));
  },
});
