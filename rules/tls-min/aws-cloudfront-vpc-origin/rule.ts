import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, must, ev, pass, fail, unknown, asArray, asRecord, text } from '../../../src/evaluate/facts.js';
import { TLS_RANK, meetsFloor, minFromProtocols, notAValidValue } from '../../../src/lib/tls.js';
import type { TlsVersion } from '../../../src/evaluate/claims-profile.js';
import { refersTo } from '../../audit-logging/_refers-to.js';

const CFG = 'VpcOriginEndpointConfig';
const VPC_ORIGIN_POLICIES = ['http-only', 'match-viewer', 'https-only'];
const VPC_ORIGIN_SSL_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'];

/** Distribution behaviors that let viewers in over HTTP and reach an origin that uses this VPC origin; `maybe` when a link cannot be resolved. */
function httpPaths(vpcOrigin: Resource, distributions: readonly Resource[]): { uses: number; http: string[]; maybe: string[] } {
  let uses = 0;
  const http: string[] = [];
  const maybe: string[] = [];
  for (const d of distributions) {
    const dc = asRecord(known(d, 'DistributionConfig'));
    const originIds: string[] = [];
    asArray(dc.Origins).forEach((o) => {
      const rec = asRecord(o);
      const link = refersTo(asRecord(rec.VpcOriginConfig).VpcOriginId, vpcOrigin);
      if (link === 'yes') originIds.push(text(rec.Id));
      else if (link === 'maybe') maybe.push(`${d.location.logicalId ?? d.id} origin ${text(rec.Id)}`);
    });
    if (!originIds.length) continue;
    uses++;
    const groups = new Map<string, string[]>();
    asArray(asRecord(dc.OriginGroups).Items).forEach((g) => {
      const rec = asRecord(g);
      groups.set(text(rec.Id), asArray(asRecord(rec.Members).Items).map((m) => text(asRecord(m).OriginId)));
    });
    const behaviors = [dc.DefaultCacheBehavior, ...asArray(dc.CacheBehaviors)].map(asRecord);
    for (const b of behaviors) {
      const target = text(b.TargetOriginId);
      const reaches = originIds.includes(target) || (groups.get(target) ?? []).some((m) => originIds.includes(m));
      if (!reaches) continue;
      const policy = b.ViewerProtocolPolicy;
      if (policy === 'allow-all') http.push(`${d.location.logicalId ?? d.id} behavior to ${target} (allow-all)`);
      else if (typeof policy !== 'string') maybe.push(`${d.location.logicalId ?? d.id} behavior to ${target} (ViewerProtocolPolicy ${text(policy)})`);
    }
  }
  return { uses, http, maybe };
}

/**
 * The leg between CloudFront and a VPC origin (an ALB, NLB or instance in a
 * private subnet). The distribution names the VPC origin; its protocol policy
 * and TLS versions are set here (tls-min/aws-cloudfront-distribution-origins
 * leaves VPC origins to this rule). OriginProtocolPolicy defaults to
 * match-viewer: the request then goes out over HTTP whenever a behavior of a
 * distribution using this origin lets viewers in over HTTP.
 */
export default defineRule({
  id: 'tls-min/aws-cloudfront-vpc-origin',
  control: 'tls-min',
  title: 'CloudFront VPC origins are fetched over TLS at the promised floor',
  severity: 'high',
  risk: 'With http-only, or match-viewer under a behavior that allows HTTP, CloudFront forwards requests and responses to the private origin in plaintext; old OriginSSLProtocols allow TLS 1.0/1.1 on that leg.',
  remediation: {
    text: 'Set VpcOriginEndpointConfig OriginProtocolPolicy to https-only with OriginSSLProtocols [TLSv1.2], and give the origin a certificate CloudFront trusts.',
    cdk: "origins.VpcOrigin.withApplicationLoadBalancer(alb, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] })",
    cloudformation: 'VpcOriginEndpointConfig:\n  Name: app\n  Arn: !Ref AppLoadBalancer\n  OriginProtocolPolicy: https-only\n  OriginSSLProtocols: [TLSv1.2]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-vpcorigin-vpcoriginendpointconfig.html',
    'https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_VpcOriginEndpointConfig.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html',
  ],
  types: ['aws.cloudfront.vpc-origin'],
  // No live collector reads VPC origins: judged in templates only.
  sources: ['iac'],
  check(r, { params, inventory }) {
    const policyPath = `${CFG}.OriginProtocolPolicy`;
    const raw = known(r, policyPath);
    const policy = raw === undefined || raw === null ? 'match-viewer' : raw;
    const policyEv = ev(policyPath, raw ?? null, 'https-only', raw === undefined || raw === null ? 'omitted: CloudFront uses match-viewer' : undefined);
    if (typeof policy !== 'string' || !VPC_ORIGIN_POLICIES.includes(policy))
      return fail(`origin protocol policy ${text(policy)} is not a valid value`, { ...policyEv, note: notAValidValue('OriginProtocolPolicy', text(policy), VPC_ORIGIN_POLICIES.join(', ')) });
    if (policy === 'http-only') return fail('CloudFront fetches this VPC origin over plain HTTP (http-only)', policyEv);
    if (policy === 'match-viewer') {
      const distributions = inventory.ofType('aws.cloudfront.distribution').filter((d) => d.location.stack === r.location.stack);
      const { uses, http, maybe } = httpPaths(r, distributions);
      const usesEv = ev('(distributions)', [...http, ...maybe], 'no behavior that allows HTTP', `${uses} distribution(s) of this stack use this VPC origin`);
      if (http.length) return fail(`the VPC origin matches the viewer's protocol and ${http.length} behavior(s) let viewers use HTTP: those requests reach it in plaintext`, policyEv, usesEv);
      if (maybe.length) return unknown('the VPC origin matches the viewer\'s protocol, and which behaviors reach it cannot be resolved', policyEv, usesEv);
      if (!uses) return unknown('the VPC origin matches the viewer\'s protocol, and no distribution in these templates uses it: whether viewers reach it over HTTP is not known', policyEv, usesEv);
    }
    return judgeProtocols(known(r, `${CFG}.OriginSSLProtocols`), `${CFG}.OriginSSLProtocols`, params.tlsMin, policyEv);
  },
});

function judgeProtocols(raw: unknown, path: string, floor: TlsVersion, policyEv: ReturnType<typeof ev>) {
  const expected = `TLS ${floor} or newer`;
  // The registry and the CloudFront API document no default for a VPC origin (the CDK construct writes TLSv1.2 itself).
  if (raw === undefined || raw === null) return unknown('OriginSSLProtocols is omitted and CloudFront documents no default for VPC origins', policyEv, ev(path, null, expected, 'omitted: no documented default'));
  const list = asArray(raw).map((p, i) => must(p, `${path}[${i}]`));
  const invalid = list.filter((p) => typeof p !== 'string' || !VPC_ORIGIN_SSL_PROTOCOLS.includes(p));
  if (invalid.length) return fail(`origin SSL protocol ${invalid.map(text).join(', ')} is not a valid value`, policyEv, ev(path, raw, expected, notAValidValue('OriginSSLProtocols', invalid.map(text).join(', '), VPC_ORIGIN_SSL_PROTOCOLS.join(', '))));
  const lowest = minFromProtocols(list.map(text)) as TlsVersion | undefined;
  const protoEv = ev(path, raw, expected, `lowest allowed: ${list.includes('SSLv3') ? 'SSLv3' : `TLS ${lowest}`}`);
  if (!lowest) return unknown('no TLS version in OriginSSLProtocols', policyEv, protoEv);
  if (!meetsFloor(lowest, floor)) {
    // CloudFront offers no origin protocol above TLSv1.2: a 1.3 floor depends on the origin itself.
    if (floor === '1.3' && TLS_RANK[lowest] === TLS_RANK['1.2']) return unknown('CloudFront can be limited to TLS 1.2 towards origins but not to 1.3; whether 1.3 is used depends on the origin', policyEv, protoEv);
    return fail(`CloudFront may connect to the VPC origin with ${list.includes('SSLv3') ? 'SSLv3' : `TLS ${lowest}`}, below the promised ${floor}`, policyEv, protoEv);
  }
  return pass(`CloudFront fetches the VPC origin over HTTPS with TLS ${lowest}+`, policyEv, protoEv);
}
