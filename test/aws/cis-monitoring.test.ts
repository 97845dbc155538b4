/**
 * CIS AWS 1.20, 3.3 and 4.1–4.16 on moto (and, for IAM Access Analyzer,
 * which moto does not emulate, a loopback server in its wire format): the
 * real collectors read trails, metric filters, alarms, topic subscribers,
 * Config recorders and Security Hub; the rules judge them; a failed read is
 * unknown, never a pass.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { SNSClient, CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { ConfigServiceClient, PutConfigurationRecorderCommand, StartConfigurationRecorderCommand, PutDeliveryChannelCommand } from '@aws-sdk/client-config-service';
import { SecurityHubClient, EnableSecurityHubCommand } from '@aws-sdk/client-securityhub';
import { startMoto, type Moto } from './moto.js';
import { startAccessAnalyzerServer, type AccessAnalyzerServer } from './cis-access-analyzer-server.js';
import { scanAws } from '../../src/sources/providers/aws/collectors/scan.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { buildProfile } from '../../src/evaluate/claims-profile.js';
import type { Inventory } from '../../src/model/inventory.js';
import { EVENT_CLASSES } from '../../rules/security-monitoring/_aws-cis-events.js';

const ACCOUNT = '123456789012';
const HOME = 'us-east-1';
const OTHER = 'eu-west-1';

/** One filter pattern per CIS 4.x class, written as a team might (wildcards, bare values, other groupings). */
export const CIS_FILTERS: Record<string, string> = {
  'unauthorized-api-calls': '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  'console-signin-without-mfa': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  'root-usage': '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  'iam-policy-changes': '{ $.eventSource = iam.amazonaws.com && ($.eventName = *Policy || $.eventName = *PolicyVersion) }',
  'cloudtrail-changes': '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  'console-auth-failures': '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  'cmk-disable-or-deletion': '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  's3-bucket-policy-changes': '{ $.eventSource = s3.amazonaws.com && ($.eventName = PutBucket* || $.eventName = DeleteBucketPolicy || $.eventName = DeleteBucketCors || $.eventName = DeleteBucketLifecycle || $.eventName = DeleteBucketReplication) }',
  'config-changes': '{ $.eventSource = config.amazonaws.com && ($.eventName = StopConfigurationRecorder || $.eventName = DeleteDeliveryChannel || $.eventName = PutDeliveryChannel || $.eventName = PutConfigurationRecorder) }',
  'security-group-changes': '{ $.eventName = AuthorizeSecurityGroup* || $.eventName = RevokeSecurityGroup* || $.eventName = CreateSecurityGroup || $.eventName = DeleteSecurityGroup }',
  'nacl-changes': '{ $.eventName = *NetworkAcl* }',
  'network-gateway-changes': '{ $.eventName = *CustomerGateway || $.eventName = *InternetGateway }',
  'route-table-changes': '{ $.eventName = CreateRoute* || $.eventName = ReplaceRoute* || $.eventName = DeleteRoute* || $.eventName = DisassociateRouteTable }',
  'vpc-changes': '{ $.eventName = CreateVpc || $.eventName = DeleteVpc || $.eventName = ModifyVpcAttribute || $.eventName = *VpcPeeringConnection || $.eventName = *ClassicLink* }',
  'organizations-changes': '{ $.eventSource = organizations.amazonaws.com && $.readOnly IS FALSE }',
};

let moto: Moto;
let aa: AccessAnalyzerServer;

beforeAll(async () => {
  [moto, aa] = await Promise.all([startMoto(), startAccessAnalyzerServer(ACCOUNT)]);
  const base = { endpoint: moto.url, credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' }, region: HOME };
  await new S3Client({ ...base, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'mon-trail' }));
  const logs = new CloudWatchLogsClient(base);
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'mon-trail-events' }));
  await new CloudTrailClient(base).send(
    new CreateTrailCommand({ Name: 'mon-trail', S3BucketName: 'mon-trail', IsMultiRegionTrail: true, CloudWatchLogsLogGroupArn: `arn:aws:logs:${HOME}:${ACCOUNT}:log-group:mon-trail-events:*`, CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-to-logs` }),
  );
  const sns = new SNSClient(base);
  const alerts = (await sns.send(new CreateTopicCommand({ Name: 'security-alerts' }))).TopicArn!;
  const silent = (await sns.send(new CreateTopicCommand({ Name: 'nobody-listens' }))).TopicArn!;
  // 150 subscribers: more than one ListSubscriptionsByTopic page (moto pages by 100).
  for (let i = 0; i < 150; i++) await sns.send(new SubscribeCommand({ TopicArn: alerts, Protocol: 'email', Endpoint: `oncall+${i}@example.com` }));
  const cw = new CloudWatchClient(base);
  for (const [cls, pattern] of Object.entries(CIS_FILTERS)) {
    await logs.send(new PutMetricFilterCommand({ logGroupName: 'mon-trail-events', filterName: cls, filterPattern: pattern, metricTransformations: [{ metricName: cls, metricNamespace: 'CIS', metricValue: '1' }] }));
    // The root-usage alarm notifies a topic nobody subscribed to: that class must fail.
    await cw.send(
      new PutMetricAlarmCommand({ AlarmName: `cis-${cls}`, Namespace: 'CIS', MetricName: cls, Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [cls === 'root-usage' ? silent : alerts] }),
    );
  }
  // An alarm on another metric is not read as covering anything.
  await cw.send(new PutMetricAlarmCommand({ AlarmName: 'cpu', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Statistic: 'Average', Period: 300, EvaluationPeriods: 1, Threshold: 90, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [alerts] }));
  // Config: recording everything in the home region; nothing in the other.
  const config = new ConfigServiceClient(base);
  await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${ACCOUNT}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
  await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'mon-trail' } }));
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
  // Security Hub on in the home region only.
  await new SecurityHubClient(base).send(new EnableSecurityHubCommand({}));
  // Access Analyzer: three analyzers at home (paged two at a time), the only active one on page 2; an unused-access one in the other region.
  aa.analyzers.set(HOME, [
    { name: 'old', type: 'ACCOUNT', status: 'DISABLED' },
    { name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' },
    { name: 'account', type: 'ACCOUNT', status: 'ACTIVE' },
  ]);
  aa.analyzers.set(OTHER, [{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }]);
}, 240_000);

afterAll(async () => {
  await Promise.all([moto?.stop(), aa?.close()]);
});

async function scan(endpoints: Record<string, string> = {}): Promise<Inventory> {
  const { inventory } = await scanAws({
    regions: [HOME, OTHER],
    services: ['cloudwatch', 'config', 'accessanalyzer', 'securityhub'],
    concurrency: 4,
    endpoints: { default: moto.url, accessanalyzer: aa.url, ...endpoints },
    progress: false,
    maxAttempts: 1,
    requestTimeoutMs: 10_000,
    credentials: { accessKeyId: 'AKIAFAKEFAKEFAKE0002', secretAccessKey: 'x' },
  });
  return inventory;
}

async function judge(inventory: Inventory) {
  const profile = buildProfile({ version: 1, name: 't', claims: [{ id: 'mon', text: 'We watch our accounts.', controls: ['security-monitoring'] }] } as never);
  return runEvaluation({ inventory, rules: await loadRules(), profile, command: 'scan aws', inputs: [] });
}

const statusOf = (doc: Awaited<ReturnType<typeof judge>>, rule: string) =>
  Object.fromEntries(doc.findings.filter((f) => f.ruleId === rule).map((f) => [`${f.resource.region ?? f.resource.id.split(":")[3]}${f.subId ? ` ${f.subId}` : ''}`, f.status]));

describe('CIS AWS 4.1–4.15: metric filters and alarms on the multi-region trail log group', () => {
  it('passes each class whose filter feeds an alarm with subscribers; the class whose topic nobody reads fails', async () => {
    const inv = await scan();
    const doc = await judge(inv);
    const got = statusOf(doc, 'security-monitoring/aws-cloudwatch-security-alarms');
    const want = Object.fromEntries(EVENT_CLASSES.flatMap((c) => [[`${HOME} ${c.id}`, c.id === 'root-usage' ? 'fail' : 'pass'], [`${OTHER} ${c.id}`, 'not-applicable']]));
    expect(got).toEqual(want);
    const home = inv.ofType('aws.cloudwatch.trail-alarms').find((r) => r.location?.region === HOME)!;
    // Only the alarms on filter metrics are kept; the topic's 150 subscribers were read across two pages.
    expect((home.properties.Alarms as unknown[]).length).toBe(15);
    expect(home.properties.Topics).toEqual([
      { TopicArn: `arn:aws:sns:${HOME}:${ACCOUNT}:nobody-listens`, Subscriptions: 0, Confirmed: 0 },
      { TopicArn: `arn:aws:sns:${HOME}:${ACCOUNT}:security-alerts`, Subscriptions: 150, Confirmed: 150 },
    ]);
    expect(doc.coverage.calls!['sns:ListSubscriptionsByTopic']).toBe(3);
    // Per region one DescribeTrails; filters and alarms only where the trail's log group is.
    expect(doc.coverage.calls!['cloudtrail:DescribeTrails']).toBe(2);
    expect(doc.coverage.calls!['logs:DescribeMetricFilters']).toBe(1);
    expect(doc.coverage.calls!['cloudwatch:DescribeAlarms']).toBe(1);
    expect(doc.coverage.failures ?? []).toEqual([]);
  });

  it('alarms that cannot be read make the covered classes unknown, never a pass', async () => {
    const doc = await judge(await scan({ cloudwatch: aa.url }));
    const got = statusOf(doc, 'security-monitoring/aws-cloudwatch-security-alarms');
    expect(new Set(EVENT_CLASSES.map((c) => got[`${HOME} ${c.id}`]))).toEqual(new Set(['unknown']));
    expect(doc.coverage.failures!.map((f) => `${f.operation} ${f.region}`)).toEqual([`cloudwatch:DescribeAlarms ${HOME}`]);
    expect(doc.findings.find((f) => f.ruleId === 'security-monitoring/aws-cloudwatch-security-alarms' && f.status === 'unknown')!.message).toMatch(/alarms were not read/);
  });
});

describe('CIS AWS 1.20, 3.3, 4.16: detective services in every region', () => {
  it('judges each region: on at home, off in the other', async () => {
    const doc = await judge(await scan());
    expect(statusOf(doc, 'security-monitoring/aws-config-recorder')).toEqual({ [HOME]: 'pass', [OTHER]: 'fail' });
    expect(statusOf(doc, 'security-monitoring/aws-securityhub')).toEqual({ [HOME]: 'pass', [OTHER]: 'fail' });
    expect(statusOf(doc, 'security-monitoring/aws-access-analyzer')).toEqual({ [HOME]: 'pass', [OTHER]: 'fail' });
    // The active analyzer was on the second page.
    expect(aa.requests.filter((r) => r.startsWith(HOME)).some((r) => r.includes('nextToken=2'))).toBe(true);
    expect(doc.coverage.calls!['access-analyzer:ListAnalyzers']).toBe(3);
  });

  it('Config and Security Hub reads that fail are unknown and coverage failures, never "off"', async () => {
    // Both routed to a server that does not speak their APIs: every answer is an error.
    const doc = await judge(await scan({ config: aa.url, securityhub: aa.url }));
    expect(statusOf(doc, 'security-monitoring/aws-config-recorder')).toEqual({ [HOME]: 'unknown', [OTHER]: 'unknown' });
    expect(statusOf(doc, 'security-monitoring/aws-securityhub')).toEqual({ [HOME]: 'unknown', [OTHER]: 'unknown' });
    const failed = new Set(doc.coverage.failures!.map((f) => f.operation));
    expect([...failed].sort()).toEqual(['config:DescribeConfigurationRecorderStatus', 'config:DescribeConfigurationRecorders', 'securityhub:DescribeHub']);
  });

  it('a denied ListAnalyzers is unknown and a coverage failure in each region', async () => {
    aa.deny = true;
    try {
      const doc = await judge(await scan());
      expect(statusOf(doc, 'security-monitoring/aws-access-analyzer')).toEqual({ [HOME]: 'unknown', [OTHER]: 'unknown' });
      expect(doc.coverage.failures!.map((f) => `${f.operation} ${f.code} ${f.region}`).sort()).toEqual([`access-analyzer:ListAnalyzers AccessDeniedException ${OTHER}`, `access-analyzer:ListAnalyzers AccessDeniedException ${HOME}`]);
    } finally {
      aa.deny = false;
    }
  });
});
