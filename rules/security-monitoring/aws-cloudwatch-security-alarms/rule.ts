import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, gapFor } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import { parseFilterPattern, matchesEvent } from '../_aws-filter-pattern.js';
import { EVENT_CLASSES, ORDINARY_EVENT, type EventClass } from '../_aws-cis-events.js';

/**
 * CIS AWS 4.1–4.15 (Security Hub CloudWatch.1–14), judged per region on
 * `aws.cloudwatch.trail-alarms`: the CloudWatch Logs groups in this region
 * that a multi-region CloudTrail trail delivers to, their metric filters,
 * the alarms on those filters' metrics and the subscribers of the alarms'
 * SNS topics. One verdict per event class (sub-id = the class id): pass when
 * a filter that counts the class's events (src: _aws-cis-events.ts, matched
 * by parsing the pattern) feeds an enabled alarm whose topic has a confirmed
 * subscriber.
 */

interface Metric { MetricNamespace?: string; MetricName?: string }
interface Filter { FilterName?: string; FilterPattern?: string; Metrics?: Metric[] }
interface Group { LogGroupArn?: string; LogGroupName?: string; MetricFilters?: Filter[] }
interface Alarm { AlarmName?: string; Namespace?: string; MetricName?: string; ActionsEnabled?: boolean; AlarmActions?: string[] }
interface Topic { TopicArn?: string; Subscriptions?: number; Confirmed?: number }
interface Trail { TrailArn?: string; LogGroupArn?: string }

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function covers(filter: Filter, c: EventClass): boolean | string {
  const parsed = parseFilterPattern(filter.FilterPattern ?? '');
  if (!parsed.ok) return parsed.why;
  return c.samples.every((e) => matchesEvent(parsed.expr, e)) && !matchesEvent(parsed.expr, ORDINARY_EVENT);
}

function judgeClass(r: Resource, c: EventClass, groups: Group[], alarms: Alarm[], topics: Topic[]): Verdict {
  const covering: { group: string; filter: Filter }[] = [];
  const notRead: string[] = [];
  const notUnderstood: string[] = [];
  groups.forEach((g, i) => {
    const gap = gapFor(r, `LogGroups[${i}].MetricFilters`);
    if (gap) return void notRead.push(`${g.LogGroupName}: ${gap}`);
    for (const f of list<Filter>(g.MetricFilters)) {
      const got = covers(f, c);
      if (got === true) covering.push({ group: g.LogGroupName ?? '?', filter: f });
      else if (typeof got === 'string') notUnderstood.push(`${g.LogGroupName}/${f.FilterName}: ${got}`);
    }
  });
  const sub = (v: Verdict): Verdict => ({ ...v, subId: c.id });
  if (covering.length === 0) {
    const e = ev('LogGroups[].MetricFilters[].FilterPattern', groups.map((g) => ({ group: g.LogGroupName, filters: list<Filter>(g.MetricFilters).map((f) => f.FilterPattern) })), `a filter counting ${c.title}`);
    if (notRead.length || notUnderstood.length)
      return sub({ status: 'unknown', message: `CIS ${c.cis}: no metric filter read counts ${c.title}; ${[...notRead.map((x) => `not read: ${x}`), ...notUnderstood.map((x) => `not understood: ${x}`)].join('; ')}`, evidence: [e] });
    return sub(fail(`CIS ${c.cis}: no metric filter on the trail log groups (${groups.map((g) => g.LogGroupName).join(', ')}) counts ${c.title}`, e));
  }
  const alarmsGap = gapFor(r, 'Alarms');
  const metrics = covering.flatMap((x) => list<Metric>(x.filter.Metrics).map((m) => `${m.MetricNamespace}/${m.MetricName}`));
  const fe = ev('LogGroups[].MetricFilters[]', covering.map((x) => `${x.group}/${x.filter.FilterName} → ${list<Metric>(x.filter.Metrics).map((m) => `${m.MetricNamespace}/${m.MetricName}`).join(', ')}`), `a filter counting ${c.title}`);
  if (alarmsGap) return sub({ status: 'unknown', message: `CIS ${c.cis}: metric filter ${covering[0]!.filter.FilterName} counts ${c.title}, but the alarms were not read: ${alarmsGap}`, evidence: [fe] });
  const onMetric = alarms.filter((a) => metrics.includes(`${a.Namespace}/${a.MetricName}`));
  if (onMetric.length === 0) return sub(fail(`CIS ${c.cis}: no alarm watches the metric of the filter counting ${c.title} (${metrics.join(', ')})`, fe, ev('Alarms', [], `an alarm on ${metrics.join(' or ')}`)));
  const topicIndex = new Map(topics.map((t, i) => [t.TopicArn, { t, i }]));
  const why: string[] = [];
  let unread = '';
  for (const a of onMetric) {
    if (a.ActionsEnabled === false) {
      why.push(`alarm ${a.AlarmName} has its actions disabled`);
      continue;
    }
    const snsTopics = list<string>(a.AlarmActions).filter((x) => x.startsWith('arn:') && x.split(':')[2] === 'sns');
    if (!snsTopics.length) why.push(`alarm ${a.AlarmName} notifies no SNS topic`);
    for (const arn of snsTopics) {
      const hit = topicIndex.get(arn);
      const gap = hit ? gapFor(r, `Topics[${hit.i}]`) : 'the topic was not read';
      if (gap) unread ||= `${arn}: ${gap}`;
      else if ((hit!.t.Confirmed ?? 0) > 0) return sub(pass(`CIS ${c.cis}: alarm ${a.AlarmName} on ${a.Namespace}/${a.MetricName} notifies ${arn} (${hit!.t.Confirmed} confirmed subscriber(s))`, fe, ev('Alarms[].AlarmActions', a.AlarmActions, 'an SNS topic with a confirmed subscriber')));
      else why.push(`topic ${arn} of alarm ${a.AlarmName} has no confirmed subscriber`);
    }
  }
  const ae = ev('Alarms', onMetric.map((a) => ({ name: a.AlarmName, actionsEnabled: a.ActionsEnabled, actions: a.AlarmActions })), 'an enabled alarm notifying an SNS topic with a confirmed subscriber');
  if (unread) return sub({ status: 'unknown', message: `CIS ${c.cis}: the alarm topic's subscribers were not read (${unread})`, evidence: [fe, ae] });
  return sub(fail(`CIS ${c.cis}: the alarm on ${c.title} reaches nobody: ${why.join('; ')}`, fe, ae));
}

export default defineRule({
  id: 'security-monitoring/aws-cloudwatch-security-alarms',
  control: 'security-monitoring',
  title: 'CloudTrail events that signal an attack or a risky change raise a CloudWatch alarm someone receives',
  severity: 'medium',
  risk: 'Without a metric filter and alarm, a root sign-in, a disabled trail or an opened security group is recorded but nobody is told until the next audit.',
  remediation: {
    text: 'On the CloudWatch Logs group of a multi-region trail, create a metric filter per event class (CIS AWS 4.1–4.15), an alarm on each filter metric (threshold 1), and an SNS topic with a confirmed subscriber as the alarm action.',
    cli: "aws logs put-metric-filter --log-group-name TRAIL_GROUP --filter-name root-usage --metric-transformations metricName=RootUsage,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }'\naws cloudwatch put-metric-alarm --alarm-name root-usage --namespace CISBenchmark --metric-name RootUsage --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN",
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html', 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html'],
  types: ['aws.cloudwatch.trail-alarms'],
  sources: ['live'],
  check(r) {
    const all = (v: Omit<Verdict, 'subId'>): Verdict[] => EVENT_CLASSES.map((c) => ({ ...v, subId: c.id, message: `CIS ${c.cis}: ${v.message}` }));
    const trailGap = gapFor(r, 'Trails');
    if (trailGap) return all({ status: 'unknown', message: `the trails were not read: ${trailGap}`, evidence: [ev('Trails', null, 'the multi-region trails')] });
    const trails = list<Trail>(r.properties.Trails);
    const delivering = trails.filter((t) => t.LogGroupArn);
    const te = ev('Trails', trails.map((t) => ({ trail: t.TrailArn, logGroup: t.LogGroupArn ?? null })), 'a multi-region trail delivering to CloudWatch Logs');
    if (!delivering.length)
      return all(fail(trails.length ? 'no multi-region trail delivers to CloudWatch Logs: no metric filter can see its events' : 'no multi-region CloudTrail trail: no metric filter can see the events', te));
    const groups = list<Group>(r.properties.LogGroups);
    if (!groups.length) {
      const where = [...new Set(delivering.map((t) => String(t.LogGroupArn).split(':')[3]))].join(', ');
      return all({ status: 'not-applicable', message: `the multi-region trails deliver to log groups in ${where}: judged in that region`, evidence: [te] });
    }
    const alarms = list<Alarm>(r.properties.Alarms);
    const topics = list<Topic>(r.properties.Topics);
    return EVENT_CLASSES.map((c) => judgeClass(r, c, groups, alarms, topics));
  },
});
