import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool } from '../../../src/evaluate/facts.js';
import { OPENSEARCH_DEFAULT_TLS_POLICY, meetsFloor, notAValidValue, openSearchPolicyMinTls } from '../../../src/lib/tls.js';

const O = 'DomainEndpointOptions';

export default defineRule({
  id: 'tls-min/aws-opensearch-domain',
  control: 'tls-min',
  title: 'OpenSearch / Elasticsearch domains enforce HTTPS with a TLS policy at the promised floor',
  severity: 'high',
  risk: 'Without EnforceHTTPS the domain answers plain HTTP; the default TLS policy accepts TLS 1.0 and 1.1.',
  remediation: {
    text: 'Set DomainEndpointOptions EnforceHTTPS: true and TLSSecurityPolicy Policy-Min-TLS-1-2-PFS-2023-10.',
    cdk: "new opensearch.Domain(this, 'Search', { ..., enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2_PFS })",
    cloudformation: 'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10',
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html'],
  types: ['aws.opensearch.domain', 'aws.elasticsearch.domain'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const https = known(r, `${O}.EnforceHTTPS`);
    const named = known(r, `${O}.TLSSecurityPolicy`);
    const httpsEv = ev(`${O}.EnforceHTTPS`, https ?? null, true, https === undefined ? 'omitted: domains accept plain HTTP unless EnforceHTTPS is true' : undefined);
    if (asBool(https) !== true) return fail('domain accepts plain-HTTP requests (EnforceHTTPS is not true)', httpsEv);
    const policy = typeof named === 'string' && named !== '' ? named : OPENSEARCH_DEFAULT_TLS_POLICY;
    const min = openSearchPolicyMinTls(policy);
    const expected = `TLS ${params.tlsMin} or newer`;
    const policyEv = ev(`${O}.TLSSecurityPolicy`, named ?? null, expected, named ? (min ? `policy accepts TLS ${min} and newer` : undefined) : `omitted: the service applies ${OPENSEARCH_DEFAULT_TLS_POLICY} (TLS 1.0 to 1.2)`);
    if (!min)
      return fail(
        `TLS policy ${policy} is not a valid domain TLS security policy`,
        httpsEv,
        ev(`${O}.TLSSecurityPolicy`, policy, expected, notAValidValue('TLSSecurityPolicy', policy, 'a Policy-Min-TLS-1-x-… name')),
      );
    return meetsFloor(min, params.tlsMin)
      ? pass(`domain enforces HTTPS with ${policy} (TLS ${min}+)`, httpsEv, policyEv)
      : fail(`domain TLS policy ${policy} accepts TLS ${min}, below the promised ${params.tlsMin}`, httpsEv, policyEv);
  },
});
