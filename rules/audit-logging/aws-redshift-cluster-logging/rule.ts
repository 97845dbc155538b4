import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, get, ev, pass, fail, asArray, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const L = 'LoggingProperties';

export default defineRule({
  id: 'audit-logging/aws-redshift-cluster-logging',
  control: 'audit-logging',
  title: 'Redshift clusters write audit logs (connection and user logs)',
  severity: 'medium',
  risk: 'Without audit logging a Redshift cluster keeps no record of who connected, from where, or which users were created or changed.',
  remediation: {
    text: 'Set LoggingProperties with an S3 BucketName, or LogDestinationType cloudwatch with LogExports connectionlog and userlog.',
    cdk: "new redshift.Cluster(this, 'Warehouse', { ..., loggingProperties: { loggingBucket: logs, loggingKeyPrefix: 'redshift/' } })",
    cloudformation: 'LoggingProperties:\n  LogDestinationType: cloudwatch\n  LogExports: [connectionlog, userlog, useractivitylog]',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-redshift-cluster-loggingproperties.html'],
  types: ['aws.redshift.cluster'],
  // No live collector reads Redshift: judged in templates only.
  sources: ['iac'],
  check(r) {
    const props = known(r, L);
    if (props === undefined || props === null) return fail('cluster writes no audit logs', ev(L, null, 'an S3 bucket or CloudWatch log exports', 'omitted: Redshift audit logging is off unless LoggingProperties turns it on'));
    const dest = known(r, `${L}.LogDestinationType`);
    // A bucket named by a parameter or import is still a bucket: logging is on whichever it is.
    const bucket = get(r.properties, `${L}.BucketName`);
    const destText = dest === undefined || dest === null ? undefined : text(dest).toLowerCase();
    if (destText === 'cloudwatch') {
      const exports = asArray(known(r, `${L}.LogExports`)).map((e, i) => text(must(e, `${L}.LogExports[${i}]`)));
      const exEv = ev(`${L}.LogExports`, exports, 'connectionlog and/or userlog');
      return exports.includes('connectionlog') || exports.includes('userlog')
        ? pass(`cluster exports ${exports.join(', ')} to CloudWatch Logs`, ev(`${L}.LogDestinationType`, dest), exEv)
        : fail('cluster sends logs to CloudWatch but exports neither connection nor user logs', ev(`${L}.LogDestinationType`, dest), exEv);
    }
    if (destText !== undefined && destText !== 's3')
      return fail(`LogDestinationType ${text(dest)} is not a valid value`, ev(`${L}.LogDestinationType`, dest, 's3 or cloudwatch', notAValidValue('LogDestinationType', text(dest), 's3 or cloudwatch')));
    if (bucket === undefined || bucket === null || bucket === '')
      return fail('LoggingProperties names no S3 bucket: no audit log is written', ev(`${L}.BucketName`, null, 'an S3 bucket'));
    return pass('cluster writes connection and user audit logs to S3', ev(`${L}.BucketName`, bucket));
  },
});
