import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';

/**
 * An OpenSearch Ingestion pipeline publishes its logs (authentication errors from source to sink,
 * failed and dropped records, its own warnings) to CloudWatch Logs only when `LogPublishingOptions`
 * turns it on: "If you don't specify these values, OpenSearch Ingestion will not publish logs"
 * (API reference, LogPublishingOptions). `IsLoggingEnabled: true` requires a log group.
 */
export default defineRule({
  id: 'audit-logging/aws-osis-pipeline-logging',
  control: 'audit-logging',
  title: 'OpenSearch Ingestion pipelines publish their logs to CloudWatch Logs',
  severity: 'low',
  risk: 'Without pipeline logs there is no record of rejected or failed ingestion requests, authentication failures between source and sink, or records the pipeline dropped.',
  remediation: {
    text: 'Set LogPublishingOptions with IsLoggingEnabled true and a CloudWatchLogDestination log group (named /aws/vendedlogs/...).',
    cdk: "new osis.CfnPipeline(this, 'Ingest', { ..., logPublishingOptions: { isLoggingEnabled: true, cloudWatchLogDestination: { logGroup: '/aws/vendedlogs/OpenSearchIngestion/ingest/audit-logs' } } })",
    cloudformation: 'Type: AWS::OSIS::Pipeline\nProperties:\n  LogPublishingOptions:\n    IsLoggingEnabled: true\n    CloudWatchLogDestination:\n      LogGroup: /aws/vendedlogs/OpenSearchIngestion/ingest/audit-logs',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-osis-pipeline-logpublishingoptions.html',
    'https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_osis_LogPublishingOptions.html',
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/monitoring-pipeline-logs.html',
  ],
  types: ['aws.osis.pipeline'],
  // No live collector reads OpenSearch Ingestion: judged in templates only.
  sources: ['iac'],
  check(r) {
    const options = known(r, 'LogPublishingOptions');
    if (options === undefined || options === null)
      return fail('the pipeline has no LogPublishingOptions: OpenSearch Ingestion publishes no logs', ev('LogPublishingOptions', null, '{ IsLoggingEnabled: true, CloudWatchLogDestination }', 'omitted: no logs are published'));
    const raw = known(r, 'LogPublishingOptions.IsLoggingEnabled');
    const enabled = asBool(raw);
    const enabledEv = ev('LogPublishingOptions.IsLoggingEnabled', raw ?? null, true);
    if (raw === undefined) return unknown('LogPublishingOptions does not say whether logs are published (IsLoggingEnabled omitted; the API documents no default)', enabledEv);
    if (enabled === undefined) return unknown(`IsLoggingEnabled is not a boolean (${text(raw)})`, enabledEv);
    if (!enabled) return fail('log publishing is turned off (IsLoggingEnabled false)', enabledEv);
    // Presence decides: CloudWatch Logs takes any existing group name, so one set at deploy time is logging on.
    const group = knownPointer(r, 'LogPublishingOptions.CloudWatchLogDestination.LogGroup');
    const groupEv = ev('LogPublishingOptions.CloudWatchLogDestination.LogGroup', group ?? null, 'a log group', group === undefined ? 'omitted: required when IsLoggingEnabled is true' : pointerNote(group, 'the log group'));
    if (group === undefined) return fail('logging is enabled but names no log group: the pipeline has nowhere to publish', enabledEv, groupEv);
    return pass(`pipeline logs are published to ${pointerNote(group, 'x') ? 'a log group set at deploy time' : text(group)}`, enabledEv, groupEv);
  },
});
