import type { Resource } from '../../../src/model/resource.js';
import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, get, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { refersTo } from '../_refers-to.js';

/**
 * Does a LoggingConfiguration's ResourceArn name this web ACL? As `refersTo` says, or for a literal
 * ARN, `…/webacl/<its Name>/…`.
 */
function names(v: unknown, acl: Resource): 'yes' | 'no' | 'maybe' {
  const by = refersTo(v, acl);
  if (by !== undefined) return by;
  const name = get(acl.properties, 'Name');
  if (typeof name === 'string' && name !== '') return String(v).includes(`/webacl/${name}/`) ? 'yes' : 'no';
  if (isUnresolved(name)) return /\/webacl\//.test(String(v)) ? 'maybe' : 'no';
  return 'no'; // an ACL without a Name gets a generated one: no literal ARN written beside it can name it
}

export default defineRule({
  id: 'audit-logging/aws-wafv2-web-acl-logging',
  control: 'audit-logging',
  title: 'WAF web ACLs log the requests they inspect',
  severity: 'medium',
  risk: 'Without a logging configuration, the requests a web ACL allowed or blocked leave no record: attacks it saw, and rules that let them through, cannot be reviewed or investigated.',
  remediation: {
    text: 'Add an AWS::WAFv2::LoggingConfiguration for the web ACL, to a CloudWatch Logs group, S3 bucket or Firehose whose name starts with aws-waf-logs-.',
    cdk: "new wafv2.CfnLoggingConfiguration(this, 'AclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [logGroup.logGroupArn] })",
    cloudformation: 'Type: AWS::WAFv2::LoggingConfiguration\nProperties:\n  ResourceArn: !GetAtt WebAcl.Arn\n  LogDestinationConfigs: [!GetAtt WafLogGroup.Arn]   # log group named aws-waf-logs-…',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/logging.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/waf-controls.html'],
  types: ['aws.wafv2.web-acl'],
  sources: ['iac'],
  check(r, { inventory }) {
    const configs = inventory
      .ofType('aws.wafv2.logging-configuration')
      .filter((c) => c.location.file === r.location.file && c.location.stack === r.location.stack);
    const naming = configs.map((c) => ({ c, says: names(get(c.properties, 'ResourceArn'), r) }));
    const yes = naming.filter((n) => n.says === 'yes').map((n) => n.c.location.logicalId ?? n.c.id);
    if (yes.length) return pass(`logged by ${yes.join(', ')}`, ev('(loggingConfiguration)', yes, 'an AWS::WAFv2::LoggingConfiguration whose ResourceArn is this web ACL'));
    const maybe = naming.filter((n) => n.says === 'maybe');
    if (maybe.length) {
      const which = maybe.map((n) => n.c.location.logicalId ?? n.c.id);
      return unknown(
        `cannot tell whether ${which.join(', ')} logs this web ACL: its ResourceArn cannot be resolved`,
        ...maybe.map((n) => ev(`${n.c.location.logicalId ?? n.c.id}.ResourceArn`, text(get(n.c.properties, 'ResourceArn')), 'this web ACL', 'from the logging configuration')),
      );
    }
    return fail('no AWS::WAFv2::LoggingConfiguration in the template names this web ACL', ev('(loggingConfiguration)', null, 'an AWS::WAFv2::LoggingConfiguration whose ResourceArn is this web ACL'));
  },
});
