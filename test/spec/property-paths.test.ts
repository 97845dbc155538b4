/**
 * Every property path a rule reads exists on its CloudFormation resource type,
 * per the CloudFormation registry schema (@aws-cdk/aws-service-spec). A typo
 * must not read as "omitted" and silently apply the service default. The
 * paths are the ones rules really read while judging their own fixtures and
 * the corpus (recorded through read-tracking views, related resources too).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { fixturesOf } from '../helpers/rule-fixtures.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { parseYamlFile } from '../../src/util/yaml-file.js';
import { CLOUDFRONT_POLICIES, apiGatewayPolicyMinTls, cloudFrontMinTls, elbPolicyMinTls, openSearchPolicyMinTls } from '../../src/lib/tls.js';
import { CfnSpec } from './cfn-spec.js';
import { recordReads, type Reads } from './reads.js';
import { comparedValues, literalSets } from './enum-values.js';

const rules = await loadRules();
const spec = new CfnSpec();

/** Paths that are vouch's own, or probes shared with other providers' shapes (`tagsOf` reads tags/labels too). */
const NOT_CFN = [/^\$Condition$/, /^\$TemplateSecrets(\.|\[|$)/, /^DeletionPolicy$/, /^UpdateReplacePolicy$/, /^Live(\.|$)/, /^tags$/, /^labels$/];

/**
 * API fields that live collectors map beside the CloudFormation shape and that
 * no template can carry; reading them on a template yields "absent", which the
 * rules do not turn into a default. Each entry says why it is read. Keep in
 * step with ExtraPaths in src/evaluate/property-paths.ts (the typed reads).
 */
const LIVE_ONLY: Record<string, Record<string, string>> = {
  'aws.s3.bucket': { Policy: 'a live collector records a gap at Policy when GetBucketPolicy is denied' },
  'aws.elasticache.cache-cluster': {
    ReplicationGroupId: 'DescribeCacheClusters: a node of a replication group is judged on its group',
    TransitEncryptionMode: 'DescribeCacheClusters: preferred vs required TLS',
    FinalSnapshotIdentifier: 'a final snapshot requested at deletion (API)',
  },
  'aws.elasticache.replication-group': { FinalSnapshotIdentifier: 'a final snapshot requested at deletion (API)' },
};

function templatesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    // A cloud assembly (manifest.json) is loaded whole: its other JSON files are not templates.
    if (e.isDirectory()) out.push(...(existsSync(join(p, 'manifest.json')) ? [p] : templatesUnder(p)));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

const reads: Reads = new Map();
const files = [...new Set(rules.flatMap((r) => fixturesOf(r).map((f) => f.file)))];
let corpus: string[] = [];
try {
  corpus = templatesUnder(join(import.meta.dirname, '..', 'corpus', 'templates'));
} catch {
  /* corpus not present */
}
for (const file of [...files, ...corpus]) {
  const data = (statSync(file).isDirectory() ? {} : parseYamlFile(readFileSync(file, 'utf8'), file)) as Record<string, unknown>;
  if (Array.isArray(data.resources)) continue; // inventory (live-shaped) fixtures
  const inventory = loadIac([file], { region: 'eu-west-1', account: '111122223333' });
  recordReads(rules, inventory, { params: DEFAULT_PARAMETERS }, reads);
}

describe('rules read only properties the CloudFormation schema defines', () => {
  it('records reads for every AWS resource type a template rule judges', () => {
    const judged = new Set(rules.filter((r) => r.sources.includes('iac')).flatMap((r) => r.types.filter((t) => t.startsWith('aws.') && spec.resources.has(t))));
    const missing = [...judged].filter((t) => !reads.has(t));
    expect(missing).toEqual([]);
  });

  it('every path read exists on its resource type', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const [type, byPath] of reads) {
      if (!spec.resources.has(type)) continue; // vouch's own types (aws.cloudformation.stack)
      for (const [path, ids] of byPath) {
        if (NOT_CFN.some((re) => re.test(path)) || LIVE_ONLY[type]?.[path]) continue;
        checked++;
        const r = spec.lookup(type, path);
        if (!r.ok) bad.push(`${[...ids].join(', ')}: ${path} — ${r.why}`);
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(bad).toEqual([]);
  });

  it('a misspelt path is caught (the check can fail)', () => {
    expect(spec.lookup('aws.elasticache.replication-group', 'AtRestEncryptionEnabled').ok).toBe(true);
    expect(spec.lookup('aws.elasticache.replication-group', 'AtRestEncryptionEnable').ok).toBe(false);
    expect(spec.lookup('aws.cloudfront.distribution', 'DistributionConfig.ViewerCertificate.MinimumProtocolVersion').ok).toBe(true);
    expect(spec.lookup('aws.cloudfront.distribution', 'DistributionConfig.ViewerCertificate.MinimumProtocolVersions').ok).toBe(false);
    expect(spec.lookup('aws.ec2.security-group', 'SecurityGroupIngress[].CidrIp').ok).toBe(true);
    expect(spec.lookup('aws.ec2.security-group', 'SecurityGroupIngress[].CidrIP').ok).toBe(false);
  });
});

/** Backticked values in a property's documentation that look like members of `shape`. */
function documentedValues(type: string, path: string, shape: RegExp): string[] {
  const r = spec.lookup(type, path);
  if (!r.ok || !r.spec?.documentation) return [];
  return [...new Set([...r.spec.documentation.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!).filter((v) => shape.test(v)))];
}

describe('enum values: every value the schema documents is one vouch classifies (a valid value never fails as invalid)', () => {
  const cases: { type: string; path: string; shape: RegExp; classify: (v: string) => unknown }[] = [
    { type: 'aws.opensearch.domain', path: 'DomainEndpointOptions.TLSSecurityPolicy', shape: /^Policy-Min-TLS/, classify: openSearchPolicyMinTls },
    { type: 'aws.elasticsearch.domain', path: 'DomainEndpointOptions.TLSSecurityPolicy', shape: /^Policy-Min-TLS/, classify: openSearchPolicyMinTls },
    { type: 'aws.cloudfront.distribution', path: 'DistributionConfig.ViewerCertificate.MinimumProtocolVersion', shape: /^(SSLv3|TLSv1)/, classify: cloudFrontMinTls },
    { type: 'aws.apigateway.domain-name', path: 'SecurityPolicy', shape: /^(TLS_1_|SecurityPolicy_)/, classify: apiGatewayPolicyMinTls },
    { type: 'aws.elbv2.listener', path: 'SslPolicy', shape: /^ELBSecurityPolicy-/, classify: elbPolicyMinTls },
  ];
  for (const c of cases) {
    it(`${c.type} ${c.path}`, () => {
      expect(spec.lookup(c.type, c.path).ok).toBe(true);
      const values = documentedValues(c.type, c.path, c.shape);
      expect(values.filter((v) => c.classify(v) === undefined)).toEqual([]);
    });
  }

  it('the schema documents some of these values, so the check is not empty', () => {
    const total = cases.reduce((n, c) => n + documentedValues(c.type, c.path, c.shape).length, 0);
    expect(total).toBeGreaterThan(0);
    expect(CLOUDFRONT_POLICIES.every((p) => cloudFrontMinTls(p) !== undefined)).toBe(true);
  });
});

/**
 * Module-level sets of allowed values in rule files, and the property each is
 * compared with (or why it is not a set of property values). A new set must be
 * listed here, so its values are checked against the schema too.
 */
const SETS: Record<string, { type: string; paths: string[] } | { notEnum: string }> = {
  'https-redirect/aws-elbv2-listener/rule.ts:PLAIN_WEB_PORTS': { notEnum: 'listener port numbers served as plain HTTP (80, 8080), compared with Port, an integer, not an enumeration' },
  'data-residency/aws-cross-region-delivery/rule.ts:GLOBAL_SDK_SERVICES': { notEnum: 'AWS SDK service identifiers of global services, a field inside a Scheduler universal target ARN (Target.Arn is free text, not an enumeration)' },
  'data-retention/aws-ecs-task-definition/rule.ts:PARSE_BOOL_TRUE': { notEnum: 'the strings Go\'s strconv.ParseBool reads as true (a Docker log option value, awslogs-create-group; the option map is free-form)' },
  'backup-retention/_cron.ts:MONTHS': { notEnum: 'month names inside a cron expression (fields of a schedule string, not a property enumeration)' },
  'backup-retention/_cron.ts:WEEKDAYS': { notEnum: 'day-of-week names inside a cron expression (fields of a schedule string, not a property enumeration)' },
  'bastion-only/_ingress.ts:JUMP_HOSTISH': { notEnum: 'words of a resource name that follow "jump" in a jump host\'s name (name words, not property values)' },
  'bastion-only/_ingress.ts:TOWARDS': { notEnum: 'words of a resource name that point at the jump host rather than name it (name words, not property values)' },
  'security-monitoring/aws-cloudtrail-s3-data-events/rule.ts:ALL_BUCKETS': { notEnum: 'ARN prefixes that mean "every bucket" in a data-event selector' },
  'audit-logging/_log-destinations.ts:LOG_DELIVERY_PRINCIPALS': { notEnum: 'service principals in a bucket policy statement (IAM policy JSON, not a property enumeration)' },
  'data-retention/_datasets.ts:NAME_KEYS': { notEnum: "property names that hold a referenced resource's own physical name (keys, not values)" },
  'audit-logging/aws-appsync-api-logging/rule.ts:EVENT_LOG_LEVELS': { notEnum: 'EventConfig.LogConfig.LogLevel: the registry lists no allowed values (the AppSync EventLogConfig reference names NONE, ERROR, INFO, DEBUG, ALL)' },
  'public-access/aws-mwaa-environment-webserver/rule.ts:ACCESS_MODES': { notEnum: 'WebserverAccessMode: the registry lists no allowed values (its documentation names PUBLIC_ONLY and PRIVATE_ONLY)' },
  'public-access/aws-codebuild-project-visibility/rule.ts:VISIBILITIES': { notEnum: 'Visibility: the registry lists no allowed values (its documentation names PUBLIC_READ and PRIVATE)' },
  'deletion-protection/aws-docdb-neptune-cluster/rule.ts:SERVICE': { notEnum: 'resource types to service names (keys are vouch types, not property values)' },
  'deletion-protection/aws-cognito-user-pool/rule.ts:STATES': { notEnum: 'DeletionProtection: the registry lists no allowed values (the Cognito API reference names ACTIVE and INACTIVE)' },
  'tls-min/aws-firehose-database-source/rule.ts:SSL_MODES': { type: 'aws.firehose.delivery-stream', paths: ['DatabaseSourceConfiguration.SSLMode'] },
  'tls-min/aws-dms-data-provider/rule.ts:PROVIDER_SSL_MODES': { notEnum: 'Settings.*Settings.SslMode: the registry lists no allowed values (the DMS API reference DmsSslModeValue names none, require, verify-ca, verify-full)' },
  'enc-rest/aws-drs-replication-template/rule.ts:ENCRYPTED': { type: 'aws.drs.replication-configuration-template', paths: ['EbsEncryption'] },
  'audit-logging/aws-iot-logging/rule.ts:IOT_LOG_LEVELS': { notEnum: 'DefaultLogLevel: the registry lists no allowed values (the resource reference names DEBUG, INFO, ERROR, WARN, DISABLED)' },
  'audit-logging/aws-cleanrooms-query-logging/rule.ts:QUERY_LOG_STATUSES': { notEnum: 'QueryLogStatus: the registry lists no allowed values (the Clean Rooms API reference names ENABLED, DISABLED)' },
  'audit-logging/aws-appsync-graphql-api-logging/rule.ts:LEVELS': { notEnum: 'FieldLogLevel: the registry lists no allowed values (the AppSync API reference names NONE, ERROR, INFO, DEBUG, ALL)' },
  'audit-logging/aws-stepfunctions-state-machine-logging/rule.ts:LEVELS': { type: 'aws.stepfunctions.state-machine', paths: ['LoggingConfiguration.Level'] },
  'audit-logging/aws-codebuild-project-logging/rule.ts:STATUSES': { notEnum: 'LogsConfig CloudWatchLogs/S3Logs Status: the registry lists no allowed values (the CodeBuild API reference names ENABLED, DISABLED)' },
  'tls-min/aws-ses-configuration-set/rule.ts:TLS_POLICIES': { notEnum: 'DeliveryOptions.TlsPolicy: the registry gives only a pattern (REQUIRE|OPTIONAL), no enumeration' },
  'audit-logging/aws-datasync-task-logging/rule.ts:LOG_LEVELS': { type: 'aws.datasync.task', paths: ['Options.LogLevel'] },
  'tls-min/aws-acm-certificate-key/rule.ts:KEY_ALGORITHMS': { notEnum: 'KeyAlgorithm: the registry lists no allowed values (the ACM API reference names RSA_1024, RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1)' },
  'tls-min/aws-acm-certificate-key/rule.ts:WEAK': { notEnum: 'KeyAlgorithm values below a 2048-bit floor (a subset of KEY_ALGORITHMS)' },
  'tls-min/aws-dms-endpoint/rule.ts:SSL_MODES': { notEnum: 'SslMode: the registry lists no allowed values (the DMS API reference names none, require, verify-ca, verify-full)' },
  'tls-min/aws-dms-endpoint/rule.ts:KAFKA_PROTOCOLS': { notEnum: 'KafkaSettings.SecurityProtocol: the registry lists no allowed values (the DMS API reference names plaintext, ssl-authentication, ssl-encryption, sasl-ssl)' },
  'tls-min/aws-dms-endpoint/rule.ts:REDIS_PROTOCOLS': { notEnum: 'RedisSettings.SslSecurityProtocol: the registry lists no allowed values (the DMS API reference names plaintext, ssl-encryption)' },
  'tls-min/aws-dms-endpoint/rule.ts:API_ENGINES': { notEnum: 'EngineName: the registry lists no allowed values; these are the DMS engine names reached over HTTPS APIs' },
  'audit-logging/aws-opensearch-domain-logging/rule.ts:LOG_TYPES': { notEnum: 'keys of the LogPublishingOptions map; the schema lists no allowed keys' },
  'audit-logging/aws-redshiftserverless-namespace-logging/rule.ts:LOG_TYPES': { notEnum: 'LogExports: the registry lists no allowed values (its documentation names userlog, connectionlog, useractivitylog)' },
  'tls-min/_cloudfront-origin.ts:ORIGIN_POLICIES': { notEnum: 'OriginProtocolPolicy (CustomOriginConfig and VpcOriginEndpointConfig): the registry lists no allowed values (its documentation names http-only, match-viewer, https-only)' },
  'tls-min/_cloudfront-origin.ts:ORIGIN_SSL_PROTOCOLS': { notEnum: 'OriginSSLProtocols (CustomOriginConfig and VpcOriginEndpointConfig): the registry lists no allowed values (its documentation names SSLv3, TLSv1, TLSv1.1, TLSv1.2)' },
  'tls-min/aws-cloudfront-distribution-origins/rule.ts:DEFAULT_ORIGIN_SSL': { notEnum: 'the OriginSSLProtocols CloudFront fills in when none are given (a subset of ORIGIN_SSL_PROTOCOLS)' },
  'enc-rest/_emr.ts:S3_MODES': { notEnum: 'EMR security configuration S3EncryptionConfiguration.EncryptionMode, inside the Json SecurityConfiguration property (the EMR guide names SSE-S3, SSE-KMS, CSE-KMS, CSE-Custom)' },
  'enc-rest/_emr.ts:KEY_PROVIDERS': { notEnum: 'EMR security configuration LocalDiskEncryptionConfiguration.EncryptionKeyProviderType, inside the Json SecurityConfiguration property (the EMR guide names AwsKms, Custom)' },
  'data-residency/aws-cross-region-delivery/rule.ts:ARN_PROTOCOLS': { notEnum: 'SNS Subscription Protocol: the registry lists no allowed values (the SNS API reference names http, https, email, email-json, sms, sqs, application, lambda, firehose)' },
  'data-residency/aws-cross-region-delivery/rule.ts:FIREHOSE_SOURCES': { notEnum: 'property names of a Firehose delivery stream (its source configurations), not values' },
  'tls-min/aws-transfer-server/rule.ts:PROTOCOLS': { notEnum: 'Protocols: the registry lists no allowed values (its documentation names SFTP, FTP, FTPS, AS2)' },
  'enc-rest/aws-s3-bucket/rule.ts:ALGORITHMS': { type: 'aws.s3.bucket', paths: ['BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm'] },
  'https-redirect/aws-cloudfront-distribution/rule.ts:OK': { notEnum: 'ViewerProtocolPolicy: the registry lists no allowed values (its documentation names allow-all, https-only, redirect-to-https)' },
  'public-access/aws-s3-bucket/rule.ts:FLAGS': { notEnum: 'property names (PublicAccessBlockConfiguration.*), checked as paths above' },
  'public-access/aws-s3-bucket/rule.ts:PUBLIC_ACLS': { type: 'aws.s3.bucket', paths: ['AccessControl'] },
  'audit-logging/aws-mwaa-environment-logging/rule.ts:LEVELS': { type: 'aws.mwaa.environment', paths: ['LoggingConfiguration.TaskLogs.LogLevel'] },
  'audit-logging/aws-mwaa-environment-logging/rule.ts:OTHER_TYPES': { notEnum: 'property names (LoggingConfiguration.*Logs), not values' },
  'cache-no-backup/_memorydb-role.ts:CACHE_WORDS': { notEnum: 'words of a name, description or tag that call a MemoryDB cluster a cache, not property values' },
  'audit-logging/aws-fsx-windows-audit-logging/rule.ts:LEVELS': { notEnum: 'FileAccessAuditLogLevel / FileShareAccessAuditLogLevel: the registry lists no allowed values (the FSx API reference names DISABLED, SUCCESS_ONLY, FAILURE_ONLY, SUCCESS_AND_FAILURE)' },
  'audit-logging/aws-ec2-verified-access-instance-logging/rule.ts:DESTINATIONS': { notEnum: 'property names under LoggingConfigurations (CloudWatchLogs, KinesisDataFirehose, S3), not values' },
  'iam-least-privilege/aws-eks-access-entry/rule.ts:ADMIN_POLICIES': { notEnum: 'EKS access policy names read from the last segment of a PolicyArn, not a property value' },
  'tls-min/aws-transfer-connector/rule.ts:ALGORITHMS': { type: 'aws.transfer.connector', paths: ['As2Config.EncryptionAlgorithm'] },
  // fixA (session 11)
  'tls-min/_appmesh.ts:MODES': { notEnum: 'Listener TLS Mode: the registry lists no allowed values (the App Mesh API reference names STRICT, PERMISSIVE, DISABLED)' },
  'tls-min/aws-datasync-location/rule.ts:EFS_MODES': { type: 'aws.datasync.location-efs', paths: ['InTransitEncryption'] },
  'tls-min/aws-datasync-location/rule.ts:PROTOCOLS': { type: 'aws.datasync.location-object-storage', paths: ['ServerProtocol'] },
  'tls-min/aws-datasync-location/rule.ts:SMB_VERSIONS': { type: 'aws.datasync.location-smb', paths: ['MountOptions.Version'] },
  'tls-min/aws-mediastore-container/rule.ts:OBJECT_ACTIONS': { notEnum: 'IAM actions in a container policy statement (policy JSON, not a property enumeration)' },
  'tls-min/aws-ses-receipt-rule/rule.ts:RECEIPT_TLS_POLICIES': { notEnum: 'Rule.TlsPolicy: the registry lists no allowed values (its documentation names Require, Optional)' },
  // fixX (session 13)
  'tls-min/aws-mediaconnect-flow-transport/rule.ts:CLEAR_PROTOCOLS': { notEnum: 'Source.Protocol / Protocol: the registry lists no allowed values (the MediaConnect API reference Transport names zixi-push, rtp-fec, rtp, zixi-pull, rist, st2110-jpegxs, cdi, srt-listener, srt-caller, fujitsu-qos, udp, ndi-speed-hq)' },
  'tls-min/aws-mediaconnect-flow-transport/rule.ts:KEYED_PROTOCOLS': { notEnum: 'the protocols of CLEAR_PROTOCOLS\'s list that MediaConnect encrypts with a static key' },
  'tls-min/aws-mediaconnect-flow-transport/rule.ts:VPC_PROTOCOLS': { notEnum: 'the protocols of CLEAR_PROTOCOLS\'s list carried only over a VPC interface' },
  // fixAF (session 14)
  'tls-min/aws-datasync-location/rule.ts:QOP_LEVELS': { type: 'aws.datasync.location-hdfs', paths: ['QopConfiguration.RpcProtection', 'QopConfiguration.DataTransferProtection'] },
  'audit-logging/aws-databrew-job-logging/rule.ts:LOG_SUBSCRIPTIONS': { type: 'aws.databrew.job', paths: ['LogSubscription'] },
  // fixQ3 (session 14)
  'tls-min/aws-datasync-location/rule.ts:HDFS_AUTH': { type: 'aws.datasync.location-hdfs', paths: ['AuthenticationType'] },
};

/** Rule files (and their folder's `_*.ts` helpers) with the AWS types they judge. */
function ruleSources(): { file: string; rel: string; types: string[] }[] {
  const rulesDir = join(import.meta.dirname, '..', '..', 'rules');
  const out: { file: string; rel: string; types: string[] }[] = [];
  const byFolder = new Map<string, Set<string>>();
  for (const rule of rules) {
    if (!rule.file) continue;
    const types = rule.types.filter((t) => spec.resources.has(t));
    // rules/<control>/<rule>/rule.ts: helpers (_*.ts) live in the control folder.
    const folder = rule.file.split(/[\\/]/).slice(-3, -2)[0]!;
    const set = byFolder.get(folder) ?? new Set<string>();
    types.forEach((t) => set.add(t));
    byFolder.set(folder, set);
    if (types.length) out.push({ file: rule.file, rel: rule.file.split(/[\\/]/).slice(-3).join('/'), types });
  }
  for (const [folder, types] of byFolder) {
    if (!types.size) continue;
    for (const f of readdirSync(join(rulesDir, folder))) if (/^_.*\.ts$/.test(f)) out.push({ file: join(rulesDir, folder, f), rel: `${folder}/${f}`, types: [...types] });
  }
  return out;
}

/** Values not allowed on any of `types` that enumerate `path` (case-insensitive); `checked` false when none enumerates it. */
function judgeValues(types: string[], path: string, values: string[]): { checked: boolean; bad: string[] } {
  const lists = types.map((t) => spec.allowedValues(t, path.replace(/\[\d+\]/g, '[]'))).filter((v): v is string[] => v !== undefined);
  if (lists.length === 0) return { checked: false, bad: [] };
  const allowed = new Set(lists.flat().map((v) => v.toLowerCase()));
  return { checked: true, bad: values.filter((v) => !allowed.has(v.toLowerCase())) };
}

describe('enum values: every value a rule compares a property with is one the schema allows', () => {
  const sources = ruleSources().map((s) => ({ ...s, text: readFileSync(s.file, 'utf8') }));

  it('literal comparisons (`=== "V"`, `.includes(x)`) use allowed values', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const s of sources) {
      for (const c of comparedValues(s.text, s.rel)) {
        const r = judgeValues(s.types, c.path, [c.value]);
        if (r.checked) checked++;
        for (const v of r.bad) bad.push(`${c.where}: ${c.path} compared with '${v}', not an allowed value of ${s.types.join('/')}`);
      }
    }
    expect(bad).toEqual([]);
    console.log(`enum values: ${checked} comparisons checked against the schema's allowed values`);
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('every module-level set of string literals in a rule file is mapped to its property (or said not to be one)', () => {
    const unlisted = sources.flatMap((s) => literalSets(s.text).map((set) => `${s.rel}:${set.name}`)).filter((k) => !SETS[k]);
    expect(unlisted).toEqual([]);
  });

  it('mapped sets hold only values the schema allows for their property', () => {
    const bad: string[] = [];
    for (const s of sources) {
      for (const set of literalSets(s.text)) {
        const m = SETS[`${s.rel}:${set.name}`];
        if (!m || 'notEnum' in m) continue;
        for (const path of m.paths) {
          const r = judgeValues([m.type], path, set.values);
          if (!r.checked) bad.push(`${s.rel}:${set.name}: ${m.type} ${path} enumerates no values (map it elsewhere or mark it notEnum)`);
          for (const v of r.bad) bad.push(`${s.rel}:${set.name}: '${v}' is not an allowed value of ${m.type} ${path}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('a misspelt value is caught (the check can fail)', () => {
    const src = "const acl = known(r, 'AccessControl');\nif (acl === 'PublicReed') x();\nif (['Private', 'LogDeliveryWrit'].includes(acl)) y();\nif (known(r, 'VersioningConfiguration.Status') === 'Enable') z();";
    const found = comparedValues(src, 'typo.ts');
    expect(found.map((c) => c.value).sort()).toEqual(['Enable', 'LogDeliveryWrit', 'Private', 'PublicReed']);
    const bad = found.flatMap((c) => judgeValues(['aws.s3.bucket'], c.path, [c.value]).bad);
    expect(bad.sort()).toEqual(['Enable', 'LogDeliveryWrit', 'PublicReed']);
    expect(judgeValues(['aws.s3.bucket'], 'BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm', ['aws:kms', 'AES-256']).bad).toEqual(['AES-256']);
  });
});
