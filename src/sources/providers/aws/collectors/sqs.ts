/**
 * SQS queues, per region: sqs:ListQueues (paginated, URLs only), then the
 * encryption attributes of each queue (sqs:GetQueueAttributes: no list call
 * returns them), as CloudFormation's AWS::SQS::Queue. Messages are never read.
 */
import { SQSClient, paginateListQueues, GetQueueAttributesCommand, type ListQueuesCommandOutput } from '@aws-sdk/client-sqs';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, compact, addGap, gapOf, arn } from './context.js';

const ATTRIBUTES = ['QueueArn', 'KmsMasterKeyId', 'SqsManagedSseEnabled', 'KmsDataKeyReusePeriodSeconds', 'MessageRetentionPeriod', 'FifoQueue'] as const;

/**
 * SQS answers ListQueues for a region without queues with `{}` (the JSON protocol omits an
 * empty QueueUrls): that parsed answer of the right content type (the transport has refused
 * empty, HTML and foreign bodies) is "no queue", so it is given its empty list before the
 * shape check, which would otherwise read it as "not evidence".
 */
async function* withQueueList(it: AsyncIterable<ListQueuesCommandOutput>): AsyncGenerator<ListQueuesCommandOutput> {
  for await (const page of it) yield page.QueueUrls ? page : { ...page, QueueUrls: [] };
}

export async function collectSqs(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const sqs = scope.clients.get('sqs', region, SQSClient);
  const listed = await pages(scope, 'sqs:ListQueues', region, () => withQueueList(paginateListQueues({ client: sqs, pageSize: 1000 }, {})));
  if (listed.error) return;
  const urls = listed.pages.flatMap((p) => (p.data.QueueUrls ?? []).map((url) => ({ url, raw: p.raw })));
  await mapLimit(urls, concurrency, async ({ url, raw }) => {
    const name = url.slice(url.lastIndexOf('/') + 1);
    const got = await call(scope, 'sqs:GetQueueAttributes', region, () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...ATTRIBUTES] })));
    const a = got.ok ? (got.data.Attributes ?? {}) : {};
    const r = liveResource(
      scope,
      'aws.sqs.queue',
      a.QueueArn ?? arn(scope, 'sqs', region, name),
      region,
      compact({
        QueueName: name,
        KmsMasterKeyId: a.KmsMasterKeyId,
        SqsManagedSseEnabled: a.SqsManagedSseEnabled === undefined ? undefined : a.SqsManagedSseEnabled === 'true',
        KmsDataKeyReusePeriodSeconds: a.KmsDataKeyReusePeriodSeconds === undefined ? undefined : Number(a.KmsDataKeyReusePeriodSeconds),
        MessageRetentionPeriod: a.MessageRetentionPeriod === undefined ? undefined : Number(a.MessageRetentionPeriod),
        FifoQueue: a.FifoQueue === 'true' ? true : undefined,
        Live: { QueueUrl: url },
      }),
      raw,
      { QueueUrl: url },
      name,
    );
    r.raw!.push(got.ok ? { ...got.raw, data: { Attributes: a } } : got.raw);
    if (!got.ok) {
      const why = gapOf(got, 'sqs:GetQueueAttributes');
      addGap(r, 'KmsMasterKeyId', why);
      addGap(r, 'SqsManagedSseEnabled', why);
    }
    scope.emit(r);
  });
}
