/**
 * Fn::If variants cost what the input is, not the input times the variants. A resource whose properties branch
 * on a condition of unknown value is judged once per variant, each through its own view of the inventory; a
 * fact derived through the inventory (a subnet's routes to the internet) was derived again for every variant
 * of every host. Measured (fixP3, `node bin/vouch check`, /usr/bin/time): 2,000 instances whose
 * Ipv6AddressCount is `Fn::If` on a parameter's condition, one subnet whose table holds 20,000 IPv6 routes
 * (3.5 MB): 24-36 s before, 1.8 s after, the same 4,003 findings. 2,000 CloudFront distributions whose Logging is
 * such an `Fn::If`, beside 20,000 CloudWatch Logs delivery sources (4.2 MB): 8-13 s before, 2.0 s after, the same
 * 8,002 findings.
 *
 * The work is counted here (how often the route table's routes or the delivery sources are listed), not timed: the count is what grows
 * with hosts × variants when a fact is no longer shared.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { defaultProfile } from '../../src/evaluate/claims-profile.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Finding } from '../../src/findings/evidence.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-variants-'));
});

/** One subnet (IPv6 on creation) whose table holds `routes` IPv6 routes and a last one to `lastGateway`, with `hosts` instances whose Ipv6AddressCount is `count`. */
function network(routes: number, hosts: number, count: unknown, opts: { lastGateway?: unknown; routeIf?: boolean } = {}): string {
  const r: Record<string, unknown> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Igw: { Type: 'AWS::EC2::InternetGateway' },
    Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', AssignIpv6AddressOnCreation: false } },
    Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
    Last: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationIpv6CidrBlock: '::/0', GatewayId: opts.lastGateway ?? { Ref: 'Igw' } } },
  };
  for (let i = 0; i < routes; i++) r[`Route${i}`] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationIpv6CidrBlock: `2001:db8:${i.toString(16)}::/48`, EgressOnlyInternetGatewayId: 'eigw-0abc' } };
  for (let i = 0; i < hosts; i++) r[`Host${i}`] = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Sub' }, Ipv6AddressCount: count } };
  const template = {
    Parameters: { V6: { Type: 'String' }, Egress: { Type: 'String' } },
    Conditions: { UseV6: { 'Fn::Equals': [{ Ref: 'V6' }, 'yes'] }, Open: { 'Fn::Equals': [{ Ref: 'Egress' }, 'igw'] } },
    Resources: r,
  };
  const file = join(dir, `net-${routes}-${hosts}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(template));
  return file;
}

/** Evaluate the default claims over `file`, counting how often any route table's routes are listed, and the delivery sources. */
async function judgeCounting(file: string): Promise<{ findings: Finding[]; routeListings: number; deliverySourceListings: number }> {
  const inventory: Inventory = loadIac([file], {});
  let routeListings = 0;
  let deliverySourceListings = 0;
  const related = inventory.related.bind(inventory);
  inventory.related = (r, relation) => {
    if (relation === 'routes') routeListings++;
    return related(r, relation);
  };
  const ofType = inventory.ofType.bind(inventory);
  inventory.ofType = (type) => {
    if (type === 'aws.logs.delivery-source') deliverySourceListings++;
    return ofType(type);
  };
  const profile = defaultProfile();
  const findings = evaluate(inventory, await loadRules(), { controls: profile.controls, ctx: { params: profile.parameters, inventory } });
  return { findings, routeListings, deliverySourceListings };
}

/** `n` CloudFront distributions whose Logging is `Fn::If` on a parameter's condition, and `sources` delivery sources, one of them (Src0) for Cdn0. */
function distributions(n: number, sources: number, sourceArn?: unknown): string {
  const r: Record<string, unknown> = {};
  for (let i = 0; i < sources; i++) r[`Src${i}`] = { Type: 'AWS::Logs::DeliverySource', Properties: { Name: `s${i}`, LogType: 'ACCESS_LOGS', ResourceArn: i === 0 ? (sourceArn ?? { 'Fn::Sub': 'arn:aws:cloudfront::123456789012:distribution/${Cdn0}' }) : `arn:aws:cloudfront::123456789012:distribution/E${i}` } };
  for (let i = 0; i < n; i++)
    r[`Cdn${i}`] = {
      Type: 'AWS::CloudFront::Distribution',
      Properties: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'redirect-to-https' }, Origins: [{ Id: 'o', DomainName: 'example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } }], Logging: { 'Fn::If': ['UseLogs', { Bucket: 'logs.s3.amazonaws.com' }, { Ref: 'AWS::NoValue' }] } } },
    };
  const file = join(dir, `cdn-${n}-${sources}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ Parameters: { Logs: { Type: 'String' }, Other: { Type: 'String' } }, Conditions: { UseLogs: { 'Fn::Equals': [{ Ref: 'Logs' }, 'yes'] }, Alt: { 'Fn::Equals': [{ Ref: 'Other' }, 'yes'] } }, Resources: r }));
  return file;
}

const publicIp = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'bastion-only/aws-ec2-instance-public-ip');

describe('Fn::If variants share what no branch changes (fixP3)', () => {
  it('hosts with an unknown IPv6 condition list their subnet’s routes once, not once per host and variant (before: 31 s for 2,000 hosts × 20,000 routes)', async () => {
    const { findings, routeListings } = await judgeCounting(network(2_000, 300, { 'Fn::If': ['UseV6', 1, 0] }));
    const hosts = publicIp(findings);
    expect(hosts).toHaveLength(300);
    // The IPv6 variant reaches the internet gateway through the last route: a failure naming the variant.
    expect(hosts.every((f) => f.status === 'fail' && /^when UseV6=true: /.test(f.message)), hosts[0]?.message).toBe(true);
    // One listing per subnet and run; per host and variant it was 300 × 2 and more.
    expect(routeListings).toBeLessThanOrEqual(2);
  });

  it('a route that branches itself is read again in each variant, and its condition is enumerated', async () => {
    const { findings, routeListings } = await judgeCounting(network(200, 50, 1, { lastGateway: { 'Fn::If': ['Open', { Ref: 'Igw' }, 'vgw-0abc'] } }));
    const hosts = publicIp(findings);
    expect(hosts).toHaveLength(50);
    // Only the variant with the route to the internet gateway fails: the condition of the route counts for each host.
    expect(hosts.every((f) => f.status === 'fail' && /^when Open=true: /.test(f.message)), hosts[0]?.message).toBe(true);
    // Not shared across variants (it saw a branch): one listing per host and variant, not one for the run.
    expect(routeListings).toBeGreaterThanOrEqual(50);
  });

  it('distributions with an unknown Logging condition index the delivery sources once, not once per distribution and variant (before: 2,000 × 20,000 took 8-13 s, 2.0 s after)', async () => {
    const { findings, deliverySourceListings } = await judgeCounting(distributions(300, 2_000));
    const logging = findings.filter((f) => f.ruleId === 'audit-logging/aws-cloudfront-distribution-logging');
    expect(logging).toHaveLength(300);
    // Cdn0 logs through its delivery source in either variant; the others only when UseLogs is true.
    expect(logging.find((f) => f.resource.logicalId === 'Cdn0')?.status).toBe('pass');
    expect(logging.filter((f) => f.status === 'fail' && /^when UseLogs=false: /.test(f.message))).toHaveLength(299);
    expect(deliverySourceListings).toBeLessThanOrEqual(2);
  });

  it('a delivery source that branches is indexed in each variant, and its condition decides', async () => {
    const { findings, deliverySourceListings } = await judgeCounting(distributions(20, 50, { 'Fn::If': ['Alt', 'arn:aws:cloudfront::123456789012:distribution/Elsewhere', { 'Fn::Sub': 'arn:aws:cloudfront::123456789012:distribution/${Cdn0}' }] }));
    const cdn0 = findings.find((f) => f.ruleId === 'audit-logging/aws-cloudfront-distribution-logging' && f.resource.logicalId === 'Cdn0');
    // Without the source (Alt true) and without Logging (UseLogs false) Cdn0 writes no log.
    expect(cdn0?.status).toBe('fail');
    expect(cdn0?.message).toMatch(/^when (UseLogs=false, Alt=true|Alt=true, UseLogs=false): /);
    expect(deliverySourceListings).toBeGreaterThanOrEqual(20);
  });

  it('what a resource judged as written, or a variant of another stack, derived is not reused by the variants of a stack whose resources it read (two stacks)', async () => {
    const distribution = (logging?: unknown) => ({ Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'redirect-to-https' }, Origins: [{ Id: 'o', DomainName: 'example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } }], ...(logging ? { Logging: logging } : {}) } } });
    const source = (arn: unknown) => ({ Type: 'AWS::Logs::DeliverySource', Properties: { Name: 's', LogType: 'ACCESS_LOGS', ResourceArn: arn } });
    const alt = { Parameters: { Other: { Type: 'String' } }, Conditions: { Alt: { 'Fn::Equals': [{ Ref: 'Other' }, 'yes'] } } };
    // Loaded first: a stack without conditions (judged as written), then one with an unknown Logging condition
    // (judged by variants that hand out nothing with branches), then the stack whose delivery source branches.
    const a = join(dir, 'a-plain.json');
    writeFileSync(a, JSON.stringify({ Resources: { CdnA: distribution() } }));
    const c = join(dir, 'c-other.json');
    writeFileSync(c, JSON.stringify({ ...alt, Resources: { CdnC: distribution({ 'Fn::If': ['Alt', { Bucket: 'logs.s3.amazonaws.com' }, { Ref: 'AWS::NoValue' }] }) } }));
    const b = join(dir, 'b-branching.json');
    writeFileSync(b, JSON.stringify({ ...alt, Resources: { CdnB: distribution(), Src: source({ 'Fn::If': ['Alt', 'arn:aws:cloudfront::123456789012:distribution/Elsewhere', { 'Fn::Sub': 'arn:aws:cloudfront::123456789012:distribution/${CdnB}' }] }) } }));
    const inventory = loadIac([a, c, b], {});
    const profile = defaultProfile();
    const findings = evaluate(inventory, await loadRules(), { controls: profile.controls, ctx: { params: profile.parameters, inventory } });
    const status = (id: string) => findings.find((f) => f.ruleId === 'audit-logging/aws-cloudfront-distribution-logging' && f.resource.logicalId === id);
    expect(status('CdnA')?.status).toBe('fail');
    expect(status('CdnC')?.message).toMatch(/^when Alt=false: /);
    // CdnB logs through its delivery source unless Alt points the source elsewhere.
    expect(status('CdnB')?.status).toBe('fail');
    expect(status('CdnB')?.message).toMatch(/^when Alt=true: /);
  });
});
