import type { Resource } from '../../../src/model/resource.js';
import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, get, text, asArray } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { refersTo } from '../_refers-to.js';

/** Does a LoggingConfiguration's FirewallArn (or FirewallName) name this firewall? */
function names(config: Resource, firewall: Resource): 'yes' | 'no' | 'maybe' {
  const arn = get(config.properties, 'FirewallArn');
  const by = refersTo(arn, firewall);
  if (by !== undefined) return by;
  const name = get(firewall.properties, 'FirewallName');
  if (typeof name === 'string' && name !== '') return String(arn).endsWith(`:firewall/${name}`) ? 'yes' : 'no';
  return isUnresolved(name) && /:firewall\//.test(String(arn)) ? 'maybe' : 'no';
}

/**
 * A Network Firewall logs the traffic it inspects only through an AWS::NetworkFirewall::LoggingConfiguration
 * with at least one destination (flow, alert or TLS logs: FSBP NetworkFirewall.2).
 */
export default defineRule({
  id: 'audit-logging/aws-networkfirewall-firewall-logging',
  control: 'audit-logging',
  title: 'Network Firewall firewalls log the traffic they inspect',
  severity: 'medium',
  risk: 'Without a logging configuration, the flows a firewall passed and the alerts its rules raised leave no record: an intrusion it saw cannot be investigated.',
  remediation: {
    text: 'Add an AWS::NetworkFirewall::LoggingConfiguration for the firewall with FLOW and ALERT logs to CloudWatch Logs, S3 or Firehose.',
    cdk: "new networkfirewall.CfnLoggingConfiguration(this, 'FwLogs', { firewallArn: fw.attrFirewallArn, loggingConfiguration: { logDestinationConfigs: [{ logType: 'ALERT', logDestinationType: 'CloudWatchLogs', logDestination: { logGroup: alerts.logGroupName } }] } })",
    cloudformation: 'Type: AWS::NetworkFirewall::LoggingConfiguration\nProperties:\n  FirewallArn: !Ref Firewall\n  LoggingConfiguration:\n    LogDestinationConfigs:\n      - { LogType: ALERT, LogDestinationType: CloudWatchLogs, LogDestination: { logGroup: !Ref AlertLogs } }',
  },
  references: ['https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/networkfirewall-controls.html'],
  types: ['aws.networkfirewall.firewall'],
  sources: ['iac'],
  check(r, { inventory }) {
    const configs = inventory.ofType('aws.networkfirewall.logging-configuration').filter((c) => c.location.file === r.location.file && c.location.stack === r.location.stack);
    const naming = configs.map((c) => ({ c, says: names(c, r), dests: get(c.properties, 'LoggingConfiguration.LogDestinationConfigs') }));
    const id = (c: Resource) => c.location.logicalId ?? c.id;
    const logging = naming.filter((n) => n.says === 'yes' && asArray(n.dests).length > 0);
    if (logging.length)
      return pass(
        `logged by ${logging.map((n) => `${id(n.c)} (${asArray(n.dests).map((d) => text(get(d, 'LogType'))).join(', ')})`).join('; ')}`,
        ev('(loggingConfiguration)', logging.map((n) => id(n.c)), 'an AWS::NetworkFirewall::LoggingConfiguration for this firewall with a destination'),
      );
    const open = naming.filter((n) => n.says === 'maybe' || (n.says === 'yes' && isUnresolved(n.dests)));
    if (open.length)
      return unknown(
        `cannot tell whether ${open.map((n) => id(n.c)).join(', ')} logs this firewall: its FirewallArn or destinations cannot be resolved`,
        ...open.map((n) => ev(`${id(n.c)}.FirewallArn`, text(get(n.c.properties, 'FirewallArn')), 'this firewall')),
      );
    return fail('no AWS::NetworkFirewall::LoggingConfiguration in the template logs this firewall', ev('(loggingConfiguration)', null, 'an AWS::NetworkFirewall::LoggingConfiguration for this firewall with a destination'));
  },
});
