import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

const P = 'DomainEndpointOptions.EnforceHTTPS';

/**
 * A domain endpoint answers plain HTTP unless EnforceHTTPS is on (Checkov CKV_AWS_83, KICS). With it
 * on, plain-HTTP requests are turned away, so nothing is served in plain text; without it, a client
 * that asks for http:// gets http://. As with an S3 website endpoint, an endpoint that serves plain
 * HTTP breaks both promises: tls-min judges the flag with the TLS floor, this rule the redirect promise.
 */
export default defineRule({
  id: 'https-redirect/aws-opensearch-domain',
  control: 'https-redirect',
  title: 'OpenSearch / Elasticsearch domain endpoints never serve plain HTTP',
  severity: 'medium',
  risk: 'Without EnforceHTTPS the domain endpoint answers http:// requests in plain text (queries, documents and credentials on the wire) instead of turning them away.',
  remediation: {
    text: 'Set DomainEndpointOptions EnforceHTTPS: true.',
    cdk: "new opensearch.Domain(this, 'Search', { ..., enforceHttps: true })",
    cloudformation: 'DomainEndpointOptions:\n  EnforceHTTPS: true',
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html'],
  types: ['aws.opensearch.domain', 'aws.elasticsearch.domain'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, P);
    const on = asBool(raw);
    if (on === true) return pass('the domain endpoint refuses plain HTTP (EnforceHTTPS is true)', ev(P, raw, true));
    if (raw !== undefined && on === undefined)
      return fail(`EnforceHTTPS ${JSON.stringify(raw)} is not a valid value, so the endpoint also answers plain HTTP`, ev(P, raw, true, 'not a valid value: true or false'));
    return fail('the domain endpoint answers plain-HTTP requests (EnforceHTTPS is not true)', ev(P, raw ?? null, true, raw === undefined ? 'omitted: domains accept plain HTTP unless EnforceHTTPS is true' : undefined));
  },
});
