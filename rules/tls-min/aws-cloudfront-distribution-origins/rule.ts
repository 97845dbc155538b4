import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, notApplicable, asArray, asRecord, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { ORIGIN_POLICIES, judgeOriginSslProtocols } from '../_cloudfront-origin.js';

const DC = 'DistributionConfig';
/**
 * What CloudFront applies when a custom origin names no OriginSSLProtocols: the
 * service fills in SSLv3 and TLSv1 (read back from the API; see aws-cdk#11994,
 * where the Distribution construct's origins showed SSLv3 before CDK started to
 * write TLSv1.2 explicitly).
 */
const DEFAULT_ORIGIN_SSL = ['SSLv3', 'TLSv1'];

/**
 * The leg between CloudFront and each origin. A custom origin is fetched over
 * HTTP (`http-only`), over the viewer's protocol (`match-viewer`) or over HTTPS
 * with the protocols in OriginSSLProtocols. An S3 (REST) origin is fetched with
 * the protocol the viewer used, so a behavior that lets viewers in over HTTP
 * (`allow-all`) reaches the bucket in plaintext. The viewer leg is judged by
 * tls-min/aws-cloudfront-distribution and https-redirect/aws-cloudfront-distribution.
 */
export default defineRule({
  id: 'tls-min/aws-cloudfront-distribution-origins',
  control: 'tls-min',
  title: 'CloudFront fetches from every origin over TLS at the promised floor',
  severity: 'high',
  risk: 'With http-only, match-viewer under an allow-all behavior, or old origin SSL protocols, requests and responses cross the network between CloudFront and the origin in plaintext or over TLS 1.0/1.1.',
  remediation: {
    text: 'Set every custom origin to OriginProtocolPolicy https-only with OriginSSLProtocols [TLSv1.2], and serve viewers with redirect-to-https or https-only so S3 origins are fetched over HTTPS.',
    cdk: "new origins.HttpOrigin('api.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] })",
    cloudformation: 'Origins:\n  - Id: api\n    DomainName: api.example.com\n    CustomOriginConfig:\n      OriginProtocolPolicy: https-only\n      OriginSSLProtocols: [TLSv1.2]',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HTTPandHTTPSRequests.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-ciphers-cloudfront-to-origin.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
    'https://github.com/aws/aws-cdk/issues/11994',
  ],
  types: ['aws.cloudfront.distribution'],
  // The live collector reads origins but not origin groups: judged in templates only for now.
  sources: ['iac'],
  check(r, { params }) {
    const origins = asArray(known(r, `${DC}.Origins`));
    // Which behaviors let viewers in over HTTP, by the origin (or origin group) they target.
    const behaviors: { target: unknown; policy: unknown; path: string }[] = [
      { target: known(r, `${DC}.DefaultCacheBehavior.TargetOriginId`), policy: known(r, `${DC}.DefaultCacheBehavior.ViewerProtocolPolicy`), path: `${DC}.DefaultCacheBehavior` },
    ];
    asArray(known(r, `${DC}.CacheBehaviors`)).forEach((b, i) => {
      const path = `${DC}.CacheBehaviors[${i}]`;
      const rec = asRecord(must(b, path));
      behaviors.push({ target: must(rec.TargetOriginId, `${path}.TargetOriginId`), policy: must(rec.ViewerProtocolPolicy, `${path}.ViewerProtocolPolicy`), path });
    });
    const groups = new Map<string, string[]>();
    asArray(known(r, `${DC}.OriginGroups.Items`)).forEach((g, i) => {
      const rec = asRecord(must(g, `${DC}.OriginGroups.Items[${i}]`));
      const members = asArray(must(asRecord(must(rec.Members, `${DC}.OriginGroups.Items[${i}].Members`)).Items, `${DC}.OriginGroups.Items[${i}].Members.Items`));
      // Which behaviors reach which origins is matched on ids: an id the template does not settle is unknown.
      groups.set(
        text(must(rec.Id, `${DC}.OriginGroups.Items[${i}].Id`)),
        members.map((m, j) => text(must(asRecord(m).OriginId, `${DC}.OriginGroups.Items[${i}].Members.Items[${j}].OriginId`))),
      );
    });
    const reaches = (target: unknown, originId: string) => text(target) === originId || (groups.get(text(target)) ?? []).includes(originId);

    if (origins.length === 0) {
      // The legacy single-origin shape (DistributionConfig.CustomOrigin or S3Origin, "This property is legacy"): the one
      // origin serves every behavior, and its fields are judged as a CustomOriginConfig / S3 origin's are.
      const legacyCustom = known(r, `${DC}.CustomOrigin`);
      const legacyS3 = known(r, `${DC}.S3Origin`);
      if ((legacyCustom === undefined || legacyCustom === null) && (legacyS3 === undefined || legacyS3 === null)) return notApplicable('the distribution names no origins', ev(`${DC}.Origins`, null));
      const httpViewers = behaviors.filter((b) => must(b.policy, `${b.path}.ViewerProtocolPolicy`) === 'allow-all');
      const httpEv = httpViewers.map((b) => ev(`${b.path}.ViewerProtocolPolicy`, 'allow-all', 'redirect-to-https | https-only', 'viewers may use HTTP'));
      if (legacyCustom === undefined || legacyCustom === null) {
        if (httpViewers.length)
          return fail(`the legacy S3 origin is fetched with the viewer's protocol, and ${httpViewers.length} behavior(s) let viewers use HTTP: those requests reach the bucket in plaintext`, ev(`${DC}.S3Origin`, legacyS3, undefined, 'CloudFront forwards to S3 with the protocol of the viewer request'), ...httpEv);
        return pass("the legacy S3 origin is reached only by HTTPS viewers, so CloudFront fetches it over HTTPS", ev(`${DC}.S3Origin`, legacyS3));
      }
      const policyPath = `${DC}.CustomOrigin.OriginProtocolPolicy`;
      const policy = known(r, `${DC}.CustomOrigin.OriginProtocolPolicy`);
      const policyEv = ev(policyPath, policy ?? null, 'https-only');
      const label = 'the legacy custom origin';
      if (typeof policy !== 'string' || !ORIGIN_POLICIES.includes(policy))
        return fail(`${label}: origin protocol policy ${text(policy)} is not a valid value`, { ...policyEv, note: notAValidValue('OriginProtocolPolicy', text(policy), ORIGIN_POLICIES.join(', ')) });
      if (policy === 'http-only') return fail(`${label} is fetched over plain HTTP (http-only)`, policyEv);
      if (policy === 'match-viewer' && httpViewers.length)
        return fail(`${label} matches the viewer's protocol and ${httpViewers.length} behavior(s) let viewers use HTTP: those requests reach the origin in plaintext`, policyEv, ...httpEv);
      return judgeOriginSslProtocols(known(r, `${DC}.CustomOrigin.OriginSSLProtocols`), `${DC}.CustomOrigin.OriginSSLProtocols`, label, params.tlsMin, policyEv, DEFAULT_ORIGIN_SSL);
    }

    return origins.map((o, i): Verdict & { subId: string } => {
      const base = `${DC}.Origins[${i}]`;
      const rec = asRecord(must(o, base));
      const id = text(must(rec.Id, `${base}.Id`));
      const label = `origin ${id}`;
      const httpViewers = behaviors.filter((b) => reaches(b.target, id) && must(b.policy, `${b.path}.ViewerProtocolPolicy`) === 'allow-all');
      const httpEv = httpViewers.map((b) => ev(`${b.path}.ViewerProtocolPolicy`, 'allow-all', 'redirect-to-https | https-only', `targets ${label}: viewers may use HTTP`));
      const withSub = (v: Verdict) => ({ ...v, subId: `Origins[${id}]` });
      if (rec.VpcOriginConfig !== undefined)
        return withSub(notApplicable(`${label} is a VPC origin: its protocol policy is on the AWS::CloudFront::VpcOrigin resource`, ev(`${base}.VpcOriginConfig`, rec.VpcOriginConfig)));
      const custom = must(rec.CustomOriginConfig, `${base}.CustomOriginConfig`);
      if (custom === undefined || custom === null) {
        // S3 REST origin: CloudFront forwards with the viewer's protocol.
        if (httpViewers.length)
          return withSub(fail(`${label} is an S3 origin fetched with the viewer's protocol, and ${httpViewers.length} behavior(s) let viewers use HTTP: those requests reach the bucket in plaintext`, ev(`${base}.S3OriginConfig`, rec.S3OriginConfig ?? null, undefined, 'CloudFront forwards to S3 with the protocol of the viewer request'), ...httpEv));
        return withSub(pass(`${label} is an S3 origin and every behavior to it requires HTTPS, so CloudFront fetches it over HTTPS`, ev(`${base}.S3OriginConfig`, rec.S3OriginConfig ?? null)));
      }
      const cfg = asRecord(custom);
      const policyPath = `${base}.CustomOriginConfig.OriginProtocolPolicy`;
      const policy = must(cfg.OriginProtocolPolicy, policyPath);
      const policyEv = ev(policyPath, policy ?? null, 'https-only');
      if (typeof policy !== 'string' || !ORIGIN_POLICIES.includes(policy))
        return withSub(fail(`${label}: origin protocol policy ${text(policy)} is not a valid value`, { ...policyEv, note: notAValidValue('OriginProtocolPolicy', text(policy), ORIGIN_POLICIES.join(', ')) }));
      if (policy === 'http-only') return withSub(fail(`${label} is fetched over plain HTTP (http-only)`, policyEv));
      if (policy === 'match-viewer' && httpViewers.length)
        return withSub(fail(`${label} matches the viewer's protocol and ${httpViewers.length} behavior(s) let viewers use HTTP: those requests reach the origin in plaintext`, policyEv, ...httpEv));
      return withSub(judgeOriginSslProtocols(must(cfg.OriginSSLProtocols, `${base}.CustomOriginConfig.OriginSSLProtocols`), `${base}.CustomOriginConfig.OriginSSLProtocols`, label, params.tlsMin, policyEv, DEFAULT_ORIGIN_SSL));
    });
  },
});
