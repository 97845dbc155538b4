import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, unknown, asArray, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * A Transfer Family server writes its users' activity (logins, uploads, downloads,
 * deletes) to CloudWatch Logs in one of two ways: through the role in `LoggingRole`
 * (the log group /aws/transfer/<server-id>), or as structured JSON to the log groups
 * listed in `StructuredLogDestinations`. With neither, nothing records who moved which
 * file (Transfer Family User Guide, "Logging activity"). An empty string or an empty
 * list clears the setting (CloudFormation reference), so it counts as omitted.
 */
export default defineRule({
  id: 'audit-logging/aws-transfer-server-logging',
  control: 'audit-logging',
  title: 'Transfer Family servers log user activity to CloudWatch Logs',
  severity: 'low',
  risk: 'Without a logging role or structured log destinations, logins and file uploads, downloads and deletions by partners and users leave no record.',
  remediation: {
    text: 'Set LoggingRole to a role that lets transfer.amazonaws.com write to CloudWatch Logs, or list log group ARNs in StructuredLogDestinations.',
    cdk: "new transfer.CfnServer(this, 'Sftp', { protocols: ['SFTP'], loggingRole: logRole.roleArn, structuredLogDestinations: [logGroup.logGroupArn] })",
    cloudformation: 'Type: AWS::Transfer::Server\nProperties:\n  LoggingRole: !GetAtt TransferLogRole.Arn\n  StructuredLogDestinations:\n    - !GetAtt TransferLogs.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-server.html',
    'https://docs.aws.amazon.com/transfer/latest/userguide/monitoring-cloudwatch.html',
    'https://docs.aws.amazon.com/transfer/latest/userguide/structured-logging.html',
  ],
  types: ['aws.transfer.server'],
  // The live collector does not read Transfer Family servers' logging.
  sources: ['iac'],
  check(r) {
    // A role from a parameter or an import is still a role: which one does not change that logging is on.
    const role = get(r.properties, 'LoggingRole');
    if (role !== undefined && role !== null && role !== '') return pass(`user activity is logged through ${text(role)}`, ev('LoggingRole', role));
    const roleEv = ev('LoggingRole', role ?? null, 'a role ARN', 'omitted: the server writes no CloudWatch logs through a logging role');
    const raw = get(r.properties, 'StructuredLogDestinations');
    if (isUnresolved(raw)) return unknown(`the structured log destinations are not known (${text(raw)})`, roleEv, ev('StructuredLogDestinations', raw, 'log group ARNs'));
    const destinations = asArray(raw).filter((d) => d !== '' && d !== null && d !== undefined);
    const destEv = ev('StructuredLogDestinations', raw ?? null, 'log group ARNs', destinations.length === 0 ? 'omitted or empty: no structured logs' : undefined);
    if (destinations.length > 0) return pass(`user activity is logged as structured logs to ${destinations.map(text).join(', ')}`, roleEv, destEv);
    return fail('the server has no logging role and no structured log destination: user activity is not logged', roleEv, destEv);
  },
});
