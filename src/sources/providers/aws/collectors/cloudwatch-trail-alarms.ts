/**
 * CIS AWS 4.1–4.15, per region: the multi-region CloudTrail trails (one
 * DescribeTrails, shadow trails included, so a trail homed elsewhere is seen),
 * the metric filters of their CloudWatch Logs groups in this region (one
 * paginated DescribeMetricFilters per group), the metric alarms of the region
 * (paginated DescribeAlarms, only when some filter exists) kept when they
 * watch a filter's metric, and the subscribers of those alarms' SNS topics
 * (paginated ListSubscriptionsByTopic, only for alarm topics). Emits one
 * `aws.cloudwatch.trail-alarms` per region; the rule judges it.
 */
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { SNSClient, paginateListSubscriptionsByTopic } from '@aws-sdk/client-sns';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact, arn, redactValues } from './context.js';

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` → its parts. */
function parseLogGroupArn(a: string): { region: string; account: string; name: string } | undefined {
  const m = /^arn:[a-z-]+:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(a);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}

export async function collectTrailAlarms(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const id = arn(scope, 'cloudwatch', region, 'trail-alarms');
  const ct = scope.clients.get('cloudtrail', region, CloudTrailClient);
  const listed = await call(scope, 'cloudtrail:DescribeTrails', region, () => ct.send(new DescribeTrailsCommand({ includeShadowTrails: true })), [], { fields: ['trailList'] });
  const r = liveResource(scope, 'aws.cloudwatch.trail-alarms', id, region, { Region: region }, listed.raw, undefined, `trail alarms ${region}`);
  // Properties are filled in below: redact credential-looking values (a pattern may hold anything) once, on the way out.
  const emit = () => {
    r.properties = redactValues(r.properties) as Record<string, unknown>;
    scope.emit(r);
  };
  if (!listed.ok) {
    addGap(r, 'Trails', gapOf(listed, 'cloudtrail:DescribeTrails'));
    return emit();
  }
  const trails = (listed.data.trailList ?? []).filter((t) => t.IsMultiRegionTrail === true);
  r.properties.Trails = trails.map((t) => compact({ TrailArn: t.TrailARN, HomeRegion: t.HomeRegion, LogGroupArn: t.CloudWatchLogsLogGroupArn }));

  // The log groups in this region that a multi-region trail delivers to.
  const groups = new Map<string, { arn: string; account: string; name: string }>();
  for (const t of trails) {
    const g = t.CloudWatchLogsLogGroupArn ? parseLogGroupArn(t.CloudWatchLogsLogGroupArn) : undefined;
    if (g && g.region === region) groups.set(`${g.account}/${g.name}`, { arn: t.CloudWatchLogsLogGroupArn!.replace(/:\*$/, ''), account: g.account, name: g.name });
  }
  const logs = scope.clients.get('logs', region, CloudWatchLogsClient);
  const groupList = [...groups.values()];
  const read = await mapLimit(groupList, concurrency, async (g) => {
    if (g.account !== scope.account) return { g, gap: `CrossAccount: the log group belongs to account ${g.account}; scan that account to read its metric filters` };
    const got = await pages(scope, 'logs:DescribeMetricFilters', region, () => paginateDescribeMetricFilters({ client: logs, pageSize: 50 }, { logGroupName: g.name }), { fields: ['metricFilters'] });
    r.raw!.push(...got.pages.map((p) => p.raw));
    if (got.error) return { g, gap: gapOf(got.error, 'logs:DescribeMetricFilters') };
    const filters = got.pages.flatMap((p) => p.data.metricFilters ?? []);
    return {
      g,
      filters: filters.map((f) =>
        compact({ FilterName: f.filterName, FilterPattern: f.filterPattern ?? '', Metrics: (f.metricTransformations ?? []).map((m) => ({ MetricNamespace: m.metricNamespace, MetricName: m.metricName })) }),
      ),
    };
  });
  r.properties.LogGroups = read.map((x) => compact({ LogGroupArn: x.g.arn, LogGroupName: x.g.name, MetricFilters: x.filters }));
  read.forEach((x, i) => x.gap && addGap(r, `LogGroups[${i}].MetricFilters`, x.gap));

  const metrics = new Set(read.flatMap((x) => (x.filters ?? []).flatMap((f) => f.Metrics.map((m) => `${m.MetricNamespace}/${m.MetricName}`))));
  if (metrics.size === 0) return emit();

  const cw = scope.clients.get('cloudwatch', region, CloudWatchClient);
  const alarmPages = await pages(scope, 'cloudwatch:DescribeAlarms', region, () => paginateDescribeAlarms({ client: cw, pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] }), { fields: ['MetricAlarms'] });
  r.raw!.push(...alarmPages.pages.map((p) => p.raw));
  if (alarmPages.error) {
    addGap(r, 'Alarms', gapOf(alarmPages.error, 'cloudwatch:DescribeAlarms'));
    return emit();
  }
  const alarms = alarmPages.pages.flatMap((p) => p.data.MetricAlarms ?? []).filter((a) => metrics.has(`${a.Namespace}/${a.MetricName}`));
  r.properties.Alarms = alarms.map((a) => compact({ AlarmName: a.AlarmName, Namespace: a.Namespace, MetricName: a.MetricName, ActionsEnabled: a.ActionsEnabled, AlarmActions: a.AlarmActions ?? [] }));

  // Subscribers of the alarms' SNS topics (a topic may live in another region: read it there).
  const topics = [...new Set(alarms.flatMap((a) => (a.AlarmActions ?? []).filter((x) => x.split(':')[2] === 'sns')))].sort();
  const subs = await mapLimit(topics, concurrency, async (topic) => {
    const topicRegion = topic.split(':')[3] || region;
    const sns = scope.clients.get('sns', topicRegion, SNSClient);
    const got = await pages(scope, 'sns:ListSubscriptionsByTopic', topicRegion, () => paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: topic }), { fields: ['Subscriptions'] });
    r.raw!.push(...got.pages.map((p) => p.raw));
    if (got.error) return { topic, gap: gapOf(got.error, 'sns:ListSubscriptionsByTopic') };
    const all = got.pages.flatMap((p) => p.data.Subscriptions ?? []);
    // A subscription waiting for confirmation has the ARN `PendingConfirmation`: nobody receives yet.
    return { topic, total: all.length, confirmed: all.filter((s) => s.SubscriptionArn?.startsWith('arn:')).length };
  });
  r.properties.Topics = subs.map((s) => compact({ TopicArn: s.topic, Subscriptions: s.total, Confirmed: s.confirmed }));
  subs.forEach((s, i) => s.gap && addGap(r, `Topics[${i}]`, s.gap));
  emit();
}
