/**
 * Kinesis data streams, per region: kinesis:ListStreams (paginated), then
 * each stream's encryption (kinesis:DescribeStreamSummary; the list does not
 * carry it), as CloudFormation's AWS::Kinesis::Stream. Records are never read.
 */
import { KinesisClient, paginateListStreams, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, compact, addGap, gapOf, arn } from './context.js';

export async function collectKinesis(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const kinesis = scope.clients.get('kinesis', region, KinesisClient);
  const listed = await pages(scope, 'kinesis:ListStreams', region, () => paginateListStreams({ client: kinesis, pageSize: 100 }, {}));
  if (listed.error) return;
  // Older endpoints answer with names only; the summaries, when present, carry the ARN.
  const streams = listed.pages.flatMap((p) => {
    const summaries = new Map((p.data.StreamSummaries ?? []).map((s) => [s.StreamName, s.StreamARN]));
    return (p.data.StreamNames ?? []).map((name) => ({ name, streamArn: summaries.get(name), raw: p.raw }));
  });
  await mapLimit(streams, concurrency, async ({ name, streamArn, raw }) => {
    const got = await call(scope, 'kinesis:DescribeStreamSummary', region, () => kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name })));
    const s = got.ok ? got.data.StreamDescriptionSummary : undefined;
    const encrypted = s?.EncryptionType === 'KMS';
    const r = liveResource(
      scope,
      'aws.kinesis.stream',
      s?.StreamARN ?? streamArn ?? arn(scope, 'kinesis', region, `stream/${name}`),
      region,
      compact({
        Name: name,
        // EncryptionType NONE: no StreamEncryption, as a template that omits it.
        StreamEncryption: encrypted ? compact({ EncryptionType: 'KMS', KeyId: s?.KeyId }) : undefined,
        RetentionPeriodHours: s?.RetentionPeriodHours,
        StreamModeDetails: s?.StreamModeDetails ? { StreamMode: s.StreamModeDetails.StreamMode } : undefined,
        Live: s ? compact({ StreamStatus: s.StreamStatus, EncryptionType: s.EncryptionType }) : undefined,
      }),
      raw,
      { StreamName: name, StreamARN: streamArn },
      name,
    );
    r.raw!.push(got.ok ? { ...got.raw, data: { StreamDescriptionSummary: compact({ StreamName: s?.StreamName, StreamARN: s?.StreamARN, EncryptionType: s?.EncryptionType, KeyId: s?.KeyId }) } } : got.raw);
    if (!got.ok || !s) addGap(r, 'StreamEncryption', got.ok ? 'NotReturned: kinesis:DescribeStreamSummary returned no summary' : gapOf(got, 'kinesis:DescribeStreamSummary'));
    scope.emit(r);
  });
}
