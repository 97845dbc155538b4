import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, asArray, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const LOG_TYPES = ['connectionlog', 'userlog', 'useractivitylog'];
const EXPECTED = 'connectionlog and/or userlog';

/**
 * A Redshift Serverless namespace writes audit logs only to CloudWatch Logs,
 * and only the types its LogExports lists. As for provisioned clusters
 * (audit-logging/aws-redshift-cluster-logging), the connection log (who
 * connected, from where) or the user log (users created and changed) makes
 * an audit trail; the user activity log alone (query text) does not.
 */
export default defineRule({
  id: 'audit-logging/aws-redshiftserverless-namespace-logging',
  control: 'audit-logging',
  title: 'Redshift Serverless namespaces export audit logs (connection and user logs) to CloudWatch Logs',
  severity: 'medium',
  risk: 'Without exported logs a Redshift Serverless namespace keeps no record of who connected, from where, or which users were created or changed.',
  remediation: {
    text: 'Set LogExports on the namespace to connectionlog and userlog (add useractivitylog for query text).',
    cdk: "new redshiftserverless.CfnNamespace(this, 'Namespace', { namespaceName: 'analytics', logExports: ['connectionlog', 'userlog'] })",
    cloudformation: 'Type: AWS::RedshiftServerless::Namespace\nProperties:\n  NamespaceName: analytics\n  LogExports: [connectionlog, userlog]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshiftserverless-namespace.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-audit-logging.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/redshift-serverless-publish-logs-to-cloudwatch.html',
  ],
  types: ['aws.redshiftserverless.namespace'],
  // No live collector reads Redshift Serverless: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'LogExports');
    const exports = asArray(raw).map((e, i) => text(must(e, `LogExports[${i}]`)).trim());
    if (exports.length === 0)
      return fail('namespace exports no audit logs', ev('LogExports', raw ?? null, EXPECTED, raw === undefined || raw === null ? 'omitted: a Redshift Serverless namespace exports no logs unless LogExports lists them' : undefined));
    const bad = exports.find((e) => !LOG_TYPES.includes(e.toLowerCase()));
    if (bad !== undefined) return fail(`log type ${JSON.stringify(bad)} is not a valid value`, ev('LogExports', exports, EXPECTED, notAValidValue('LogExports', bad, LOG_TYPES.join(', '))));
    const evidence = ev('LogExports', exports, EXPECTED);
    const lower = exports.map((e) => e.toLowerCase());
    if (lower.includes('connectionlog') || lower.includes('userlog')) return pass(`namespace exports ${exports.join(', ')} to CloudWatch Logs`, evidence);
    return fail(`namespace exports only ${exports.join(', ')}: neither the connection log nor the user log`, evidence);
  },
});
