import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, asArray } from '../../../src/evaluate/facts.js';

const DC = 'DistributionConfig';
const OK = new Set(['redirect-to-https', 'https-only']);

export default defineRule({
  id: 'https-redirect/aws-cloudfront-distribution',
  control: 'https-redirect',
  title: 'CloudFront cache behaviors redirect HTTP to HTTPS (or refuse HTTP)',
  severity: 'high',
  risk: 'A behavior with ViewerProtocolPolicy allow-all serves its paths over plain HTTP, even when the default behavior redirects.',
  remediation: {
    text: 'Set ViewerProtocolPolicy to redirect-to-https (or https-only) on the default cache behavior and on every ordered cache behavior.',
    cdk: "new cloudfront.Distribution(this, 'Cdn', { defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS }, additionalBehaviors: { '/api/*': { origin: api, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS } } })",
    cloudformation: 'DefaultCacheBehavior:\n  ViewerProtocolPolicy: redirect-to-https\nCacheBehaviors:\n  - PathPattern: /api/*\n    ViewerProtocolPolicy: redirect-to-https',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html'],
  types: ['aws.cloudfront.distribution'],
  sources: ['iac', 'live'],
  check(r) {
    const behaviors: { path: string; label: string; policy: unknown }[] = [];
    behaviors.push({ path: `${DC}.DefaultCacheBehavior.ViewerProtocolPolicy`, label: 'default behavior', policy: known(r, `${DC}.DefaultCacheBehavior.ViewerProtocolPolicy`) });
    asArray(known(r, `${DC}.CacheBehaviors`)).forEach((b, i) => {
      const path = `${DC}.CacheBehaviors[${i}].ViewerProtocolPolicy`;
      const pattern = (b as Record<string, unknown> | null)?.PathPattern;
      behaviors.push({ path, label: `behavior ${typeof pattern === 'string' ? pattern : `#${i}`}`, policy: must((b as Record<string, unknown> | null)?.ViewerProtocolPolicy, path) });
    });
    const evidence = behaviors.map((b) => ev(b.path, b.policy ?? null, 'redirect-to-https | https-only', b.policy === undefined ? 'omitted: ViewerProtocolPolicy is required; without it nothing shows HTTP is refused' : undefined));
    const bad = behaviors.filter((b) => !OK.has(String(b.policy)));
    if (bad.length) return fail(`plain HTTP is served by ${bad.map((b) => `${b.label} (${String(b.policy ?? 'unset')})`).join(', ')}`, ...evidence);
    const httpsOnly = behaviors.some((b) => b.policy === 'https-only');
    return pass(
      `all ${behaviors.length} cache behaviors redirect HTTP to HTTPS${httpsOnly ? ' or refuse it (https-only answers HTTP with 403)' : ''}`,
      ...evidence,
    );
  },
});
