import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, NeedsValue } from '../../../src/evaluate/facts.js';
import type { TypedResource } from '../../../src/evaluate/property-paths.js';
import type { Parameters } from '../../../src/evaluate/claims-profile.js';

type Domain = TypedResource<'aws.opensearch.domain' | 'aws.elasticsearch.domain'>;
import { OPENSEARCH_DEFAULT_TLS_POLICY, meetsFloor, notAValidValue, openSearchPolicyMinTls } from '../../../src/lib/tls.js';

const O = 'DomainEndpointOptions';
const N = 'NodeToNodeEncryptionOptions.Enabled';

/** One part of the verdict; an unresolved value makes only that part unknown. */
function part(subId: string | undefined, f: () => Verdict): Verdict {
  try {
    const v = f();
    return subId === undefined ? v : { ...v, subId };
  } catch (e) {
    if (!(e instanceof NeedsValue)) throw e;
    const v: Verdict = { status: 'unknown', message: `cannot tell: ${e.message}`, evidence: [{ path: e.path, observed: `<unresolved: ${e.expression}>` }] };
    return subId === undefined ? v : { ...v, subId };
  }
}

/**
 * Traffic between the domain's nodes (FSBP Opensearch.3 / ES.3). Omitted is off: CloudFormation and the
 * API create domains without node-to-node encryption (aws-cdk-lib turns it on only with fine-grained
 * access control), and it requires OpenSearch or Elasticsearch 6.0 or later.
 */
function nodeToNode(r: Domain): Verdict {
  const raw = known(r, N);
  const on = asBool(raw);
  if (on === true) return pass('node-to-node traffic inside the domain is encrypted with TLS', ev(N, raw, true));
  if (raw !== undefined && on === undefined)
    return fail(`NodeToNodeEncryptionOptions.Enabled ${JSON.stringify(raw)} is not a valid value, so node-to-node encryption is not on`, ev(N, raw, true, 'not a valid value: true or false'));
  return fail(
    'traffic between the domain’s nodes is not encrypted (node-to-node encryption is off)',
    ev(N, raw ?? null, true, raw === undefined ? 'omitted: domains are created without node-to-node encryption (FSBP Opensearch.3 / ES.3)' : undefined),
  );
}

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
    // One finding per fact: the HTTPS endpoint (no subId, as before) and node-to-node traffic.
    return [part(undefined, () => endpoint(r, params)), part('node-to-node', () => nodeToNode(r))];
  },
});

function endpoint(r: Domain, params: Parameters): Verdict {
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
}
