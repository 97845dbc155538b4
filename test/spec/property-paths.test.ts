/**
 * Every property path a rule reads exists on its CloudFormation resource type,
 * per the CloudFormation registry schema (@aws-cdk/aws-service-spec). A typo
 * must not read as "omitted" and silently apply the service default. The
 * paths are the ones rules really read while judging their own fixtures and
 * the corpus (recorded through read-tracking views, related resources too).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/engine/registry.js';
import { fixturesOf } from '../../src/engine/fixtures.js';
import { loadIac } from '../../src/iac/load.js';
import { DEFAULT_PARAMETERS } from '../../src/engine/claims.js';
import { parseYamlFile } from '../../src/engine/yaml-file.js';
import { CLOUDFRONT_POLICIES, apiGatewayPolicyMinTls, cloudFrontMinTls, elbPolicyMinTls, openSearchPolicyMinTls } from '../../src/lib/tls.js';
import { CfnSpec } from './cfn-spec.js';
import { recordReads, type Reads } from './reads.js';

const rules = await loadRules();
const spec = new CfnSpec();

/** Paths that are vouch's own, or probes shared with other providers' shapes (`tagsOf` reads tags/labels too). */
const NOT_CFN = [/^\$Condition$/, /^DeletionPolicy$/, /^UpdateReplacePolicy$/, /^Live(\.|$)/, /^tags$/, /^labels$/];

/**
 * API fields that live collectors map beside the CloudFormation shape and that
 * no template can carry; reading them on a template yields "absent", which the
 * rules do not turn into a default. Each entry says why it is read. Keep in
 * step with ExtraPaths in src/engine/property-paths.ts (the typed reads).
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
    if (e.isDirectory()) out.push(...templatesUnder(p));
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
  const data = parseYamlFile(readFileSync(file, 'utf8'), file) as Record<string, unknown>;
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
