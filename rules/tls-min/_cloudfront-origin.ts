/**
 * The CloudFront-to-origin leg, shared by a distribution's custom origins
 * (tls-min/aws-cloudfront-distribution-origins, CustomOriginConfig) and VPC origins
 * (tls-min/aws-cloudfront-vpc-origin, VpcOriginEndpointConfig): both take the same
 * OriginProtocolPolicy values and the same OriginSSLProtocols list, judged the same way.
 */
import type { Verdict } from '../../src/evaluate/rule.js';
import { must, ev, pass, fail, unknown, asArray, text } from '../../src/evaluate/facts.js';
import { TLS_RANK, meetsFloor, minFromProtocols, notAValidValue } from '../../src/lib/tls.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';

export const ORIGIN_POLICIES = ['http-only', 'match-viewer', 'https-only'];
export const ORIGIN_SSL_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'];

/**
 * An origin's OriginSSLProtocols against the floor. `omittedAs`: the protocols CloudFront applies when the
 * list is omitted (a caller with no documented default judges the omission itself, before calling).
 */
export function judgeOriginSslProtocols(raw: unknown, path: string, label: string, floor: TlsVersion, policyEv: ReturnType<typeof ev>, omittedAs: readonly string[] = []): Verdict {
  const omitted = raw === undefined || raw === null;
  const list = omitted ? [...omittedAs] : asArray(raw).map((p, i) => must(p, `${path}[${i}]`));
  const expected = `TLS ${floor} or newer`;
  const invalid = list.filter((p) => typeof p !== 'string' || !ORIGIN_SSL_PROTOCOLS.includes(p));
  if (invalid.length)
    return fail(`${label}: origin SSL protocol ${invalid.map(text).join(', ')} is not a valid value`, policyEv, ev(path, raw, expected, notAValidValue('OriginSSLProtocols', invalid.map(text).join(', '), ORIGIN_SSL_PROTOCOLS.join(', '))));
  const lowest = minFromProtocols(list.map(text)) as TlsVersion | undefined;
  const protoEv = ev(path, omitted ? null : raw, expected, omitted ? `omitted: CloudFront then allows ${omittedAs.join(' and ')}` : `lowest allowed: ${list.includes('SSLv3') ? 'SSLv3' : `TLS ${lowest}`}`);
  if (!lowest) return unknown(`${label}: no TLS version in OriginSSLProtocols`, policyEv, protoEv);
  if (!meetsFloor(lowest, floor)) {
    // CloudFront offers no origin protocol above TLSv1.2: a 1.3 floor depends on the origin itself.
    if (floor === '1.3' && TLS_RANK[lowest] === TLS_RANK['1.2'])
      return unknown(`${label}: CloudFront can be limited to TLS 1.2 towards origins but not to 1.3; whether 1.3 is used depends on the origin`, policyEv, protoEv);
    return fail(`${label}: CloudFront may connect with ${list.includes('SSLv3') ? 'SSLv3' : `TLS ${lowest}`}, below the promised ${floor}`, policyEv, protoEv);
  }
  return pass(`${label} is fetched over HTTPS with TLS ${lowest}+`, policyEv, protoEv);
}
