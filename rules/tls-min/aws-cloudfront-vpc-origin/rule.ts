import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, ev, fail, unknown, asArray, asRecord, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { ORIGIN_POLICIES, judgeOriginSslProtocols } from '../_cloudfront-origin.js';
import { refersTo } from '../../audit-logging/_refers-to.js';

const CFG = 'VpcOriginEndpointConfig';

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
    if (typeof policy !== 'string' || !ORIGIN_POLICIES.includes(policy))
      return fail(`origin protocol policy ${text(policy)} is not a valid value`, { ...policyEv, note: notAValidValue('OriginProtocolPolicy', text(policy), ORIGIN_POLICIES.join(', ')) });
    if (policy === 'http-only') return fail('CloudFront fetches this VPC origin over plain HTTP (http-only)', policyEv);
    if (policy === 'match-viewer') {
      const distributions = inventory.ofType('aws.cloudfront.distribution').filter((d) => d.location.stack === r.location.stack);
      const { uses, http, maybe } = httpPaths(r, distributions);
      const usesEv = ev('(distributions)', [...http, ...maybe], 'no behavior that allows HTTP', `${uses} distribution(s) of this stack use this VPC origin`);
      if (http.length) return fail(`the VPC origin matches the viewer's protocol and ${http.length} behavior(s) let viewers use HTTP: those requests reach it in plaintext`, policyEv, usesEv);
      if (maybe.length) return unknown('the VPC origin matches the viewer\'s protocol, and which behaviors reach it cannot be resolved', policyEv, usesEv);
      if (!uses) return unknown('the VPC origin matches the viewer\'s protocol, and no distribution in these templates uses it: whether viewers reach it over HTTP is not known', policyEv, usesEv);
    }
    const protocolsPath = `${CFG}.OriginSSLProtocols`;
    const protocols = known(r, protocolsPath);
    // The registry and the CloudFront API document no default for a VPC origin (the CDK construct writes TLSv1.2 itself).
    if (protocols === undefined || protocols === null)
      return unknown('OriginSSLProtocols is omitted and CloudFront documents no default for VPC origins', policyEv, ev(protocolsPath, null, `TLS ${params.tlsMin} or newer`, 'omitted: no documented default'));
    return judgeOriginSslProtocols(protocols, protocolsPath, 'the VPC origin', params.tlsMin, policyEv);
  },
});
