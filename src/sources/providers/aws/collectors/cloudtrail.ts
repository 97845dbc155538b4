/** CloudTrail, per region: trails homed in the region (no shadow copies) with their logging status and event selectors (data events). */
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, GetEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, liveResource, addGap, gapOf, compact } from './context.js';

export async function collectCloudTrail(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const ct = scope.clients.get('cloudtrail', region, CloudTrailClient);
  const listed = await call(scope, 'cloudtrail:DescribeTrails', region, () => ct.send(new DescribeTrailsCommand({ includeShadowTrails: false })));
  if (!listed.ok) return;
  await mapLimit(listed.data.trailList ?? [], concurrency, async (t) => {
    // No listing returns status or selectors: two calls per trail (an account has a handful of trails).
    const [status, selectors] = await Promise.all([
      call(scope, 'cloudtrail:GetTrailStatus', region, () => ct.send(new GetTrailStatusCommand({ Name: t.TrailARN }))),
      call(scope, 'cloudtrail:GetEventSelectors', region, () => ct.send(new GetEventSelectorsCommand({ TrailName: t.TrailARN }))),
    ]);
    const r = liveResource(
      scope,
      'aws.cloudtrail.trail',
      t.TrailARN!,
      region,
      compact({
        TrailName: t.Name,
        S3BucketName: t.S3BucketName,
        S3KeyPrefix: t.S3KeyPrefix,
        IsMultiRegionTrail: t.IsMultiRegionTrail === true,
        IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents === true,
        EnableLogFileValidation: t.LogFileValidationEnabled === true,
        IsOrganizationTrail: t.IsOrganizationTrail === true,
        KMSKeyId: t.KmsKeyId,
        CloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn,
        IsLogging: status.ok ? status.data.IsLogging === true : undefined,
        EventSelectors: selectors.ok ? (selectors.data.EventSelectors ?? []) : undefined,
        AdvancedEventSelectors: selectors.ok && selectors.data.AdvancedEventSelectors?.length ? selectors.data.AdvancedEventSelectors : undefined,
        Live: compact({ HomeRegion: t.HomeRegion, LatestDeliveryError: status.ok ? status.data.LatestDeliveryError : undefined }),
      }),
      listed.raw,
      t,
      t.Name,
    );
    r.raw!.push(status.raw, selectors.raw);
    if (!status.ok) addGap(r, 'IsLogging', gapOf(status, 'cloudtrail:GetTrailStatus'));
    if (!selectors.ok) {
      addGap(r, 'EventSelectors', gapOf(selectors, 'cloudtrail:GetEventSelectors'));
      addGap(r, 'AdvancedEventSelectors', gapOf(selectors, 'cloudtrail:GetEventSelectors'));
    }
    scope.emit(r);
  });
}
