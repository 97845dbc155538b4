import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeRetention } from '../_datasets.js';
import { RETENTION } from '../_kept.js';
import { judgeIndexLifecycle } from '../_index-lifecycle.js';

export default defineRule({
  id: 'data-retention/aws-data-store',
  control: 'data-retention',
  title: 'Streams, queues, Kafka clusters, archives, tables, event stores, S3 Express directory buckets and OpenSearch Serverless indexes holding a named data set keep it no longer than promised',
  severity: 'medium',
  risk: 'A Kinesis stream, SQS queue, EventBridge archive, Timestream or DynamoDB table, Keyspaces table, CloudTrail Lake event data store, Kinesis video stream, SNS message archive, MSK cluster (its configuration’s log.retention.*), S3 Express directory bucket (its lifecycle expiration) or OpenSearch Serverless index (its retention lifecycle policy) keeps what is written to it for its own retention period (some forever by default); one longer than the policy keeps data the company promised to delete.',
  remediation: {
    text: 'Set the store’s retention to at most the data set’s limit: Kinesis RetentionPeriodHours, SQS MessageRetentionPeriod (seconds), EventBridge archive RetentionDays (0 keeps forever), Timestream MagneticStoreRetentionPeriodInDays, CloudTrail Lake RetentionPeriod, Keyspaces DefaultTimeToLive, a DynamoDB TTL attribute, SNS ArchivePolicy MessageRetentionPeriod, a directory bucket lifecycle ExpirationInDays, an OpenSearch Serverless retention rule MinIndexRetention.',
    cdk: "new kinesis.Stream(this, 'RequestLogs', { retentionPeriod: Duration.days(7) })",
    cloudformation: 'Type: AWS::Kinesis::Stream\nProperties:\n  RetentionPeriodHours: 168',
  },
  references: [
    'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html',
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html',
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html',
    'https://docs.aws.amazon.com/timestream/latest/developerguide/storage.html',
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/query-event-data-store.html',
    'https://docs.aws.amazon.com/msk/latest/developerguide/msk-default-configuration.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-buckets-objects-lifecycle.html',
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-lifecycle.html',
  ],
  types: [
    'aws.kinesis.stream',
    'aws.kinesisvideo.stream',
    'aws.sqs.queue',
    'aws.events.archive',
    'aws.timestream.table',
    'aws.cloudtrail.event-data-store',
    'aws.dynamodb.table',
    'aws.dynamodb.global-table',
    'aws.cassandra.table',
    'aws.sns.topic',
    'aws.msk.cluster',
    'aws.s3express.directory-bucket',
    'aws.opensearchserverless.lifecycle-policy',
  ],
  // Judged in templates: no live world plants a store of these types with a retention data set yet.
  sources: ['iac'],
  check(r, { params, inventory }) {
    if (r.type === 'aws.opensearchserverless.lifecycle-policy') return judgeIndexLifecycle(r, params, inventory);
    const reader = RETENTION[r.type]!;
    return judgeRetention(r, params, reader.name, (x) => reader.kept(x, inventory), r, inventory);
  },
});
