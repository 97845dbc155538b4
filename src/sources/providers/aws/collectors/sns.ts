/**
 * SNS topics, per region: sns:ListTopics (paginated, ARNs only), then each
 * topic's attributes (sns:GetTopicAttributes), as CloudFormation's
 * AWS::SNS::Topic. Only settings are kept (never the delivery policy's
 * endpoints or subscriptions).
 */
import { SNSClient, paginateListTopics, GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, compact, addGap, gapOf } from './context.js';

export async function collectSns(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const sns = scope.clients.get('sns', region, SNSClient);
  const listed = await pages(scope, 'sns:ListTopics', region, () => paginateListTopics({ client: sns }, {}));
  if (listed.error) return;
  const topics = listed.pages.flatMap((p) => (p.data.Topics ?? []).filter((t) => t.TopicArn).map((t) => ({ topicArn: t.TopicArn!, raw: p.raw })));
  await mapLimit(topics, concurrency, async ({ topicArn, raw }) => {
    const name = topicArn.slice(topicArn.lastIndexOf(':') + 1);
    const got = await call(scope, 'sns:GetTopicAttributes', region, () => sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn })));
    const a = got.ok ? (got.data.Attributes ?? {}) : {};
    const r = liveResource(
      scope,
      'aws.sns.topic',
      topicArn,
      region,
      compact({
        TopicName: name,
        // Absent attribute: the topic is not encrypted (SNS has no default encryption).
        KmsMasterKeyId: a.KmsMasterKeyId || undefined,
        FifoTopic: a.FifoTopic === 'true' ? true : undefined,
        DisplayName: a.DisplayName || undefined,
      }),
      raw,
      { TopicArn: topicArn },
      name,
    );
    r.raw!.push(got.ok ? { ...got.raw, data: { Attributes: compact({ KmsMasterKeyId: a.KmsMasterKeyId, FifoTopic: a.FifoTopic, TopicArn: a.TopicArn }) } } : got.raw);
    if (!got.ok) addGap(r, 'KmsMasterKeyId', gapOf(got, 'sns:GetTopicAttributes'));
    scope.emit(r);
  });
}
