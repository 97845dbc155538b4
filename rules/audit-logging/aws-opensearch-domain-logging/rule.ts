import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, asBool, asRecord, ev, pass, fail } from '../../../src/evaluate/facts.js';

const LOG_TYPES = ['AUDIT_LOGS', 'ES_APPLICATION_LOGS', 'SEARCH_SLOW_LOGS', 'INDEX_SLOW_LOGS'] as const;

export default defineRule({
  id: 'audit-logging/aws-opensearch-domain-logging',
  control: 'audit-logging',
  title: 'OpenSearch / Elasticsearch domains publish logs to CloudWatch Logs',
  severity: 'low',
  risk: 'A domain that publishes no logs leaves no record of errors, slow or abusive queries, or (with audit logs) who accessed which index.',
  remediation: {
    text: 'Enable LogPublishingOptions (AUDIT_LOGS with fine-grained access control, and ES_APPLICATION_LOGS) with a CloudWatchLogsLogGroupArn each.',
    cdk: "new opensearch.Domain(this, 'Search', { ..., logging: { auditLogEnabled: true, appLogEnabled: true, slowSearchLogEnabled: true } })",
    cloudformation: 'LogPublishingOptions:\n  ES_APPLICATION_LOGS:\n    Enabled: true\n    CloudWatchLogsLogGroupArn: !GetAtt AppLogs.Arn\n  AUDIT_LOGS:\n    Enabled: true\n    CloudWatchLogsLogGroupArn: !GetAtt AuditLogs.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
  ],
  types: ['aws.opensearch.domain', 'aws.elasticsearch.domain'],
  sources: ['iac'],
  check(r) {
    const opts = asRecord(known(r, 'LogPublishingOptions'));
    const on: string[] = [];
    for (const t of LOG_TYPES) {
      const o = must(opts[t], `LogPublishingOptions.${t}`);
      if (o === undefined || o === null) continue;
      const enabled = must(asRecord(o).Enabled, `LogPublishingOptions.${t}.Enabled`);
      if (asBool(enabled) === true) on.push(t);
    }
    const evidence = ev('LogPublishingOptions', on.length ? on : null, 'AUDIT_LOGS or ES_APPLICATION_LOGS enabled', on.length ? undefined : 'omitted or disabled: a domain publishes no logs unless LogPublishingOptions enables them');
    if (on.includes('AUDIT_LOGS') || on.includes('ES_APPLICATION_LOGS')) return pass(`domain publishes ${on.join(', ')}`, evidence);
    if (on.length) return fail(`domain publishes only ${on.join(', ')}: neither audit nor error (application) logs`, evidence);
    return fail('domain publishes no logs', evidence);
  },
});
