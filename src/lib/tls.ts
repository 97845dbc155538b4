/**
 * TLS knowledge shared by rules: the lowest protocol version each provider
 * policy accepts. Tables follow controls-catalog Appendix A; live scans
 * prefer what the provider itself reports (ELBv2 DescribeSSLPolicies).
 */
import type { TlsVersion } from '../evaluate/claims-profile.js';

export const TLS_RANK: Record<TlsVersion, number> = { '1.0': 0, '1.1': 1, '1.2': 2, '1.3': 3 };

export function meetsFloor(min: TlsVersion, floor: TlsVersion): boolean {
  return TLS_RANK[min] >= TLS_RANK[floor];
}

/** The CloudFormation / API / CDK default when a listener names no policy. */
export const ELB_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

const ELB_EXACT: Record<string, TlsVersion> = {
  'ELBSecurityPolicy-2016-08': '1.0',
  'ELBSecurityPolicy-2015-05': '1.0',
  'ELBSecurityPolicy-TLS-1-0-2015-04': '1.0',
  'ELBSecurityPolicy-FS-2018-06': '1.0',
  'ELBSecurityPolicy-TLS-1-1-2017-01': '1.1',
  'ELBSecurityPolicy-FS-1-1-2019-08': '1.1',
  'ELBSecurityPolicy-TLS-1-2-2017-01': '1.2',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': '1.2',
  'ELBSecurityPolicy-FS-1-2-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': '1.2',
};

/**
 * Lowest TLS version an ELBv2 security policy accepts, from its name.
 * Predefined names encode it (`TLS13-1-2` = 1.2 and 1.3, `TLS13-1-3` = 1.3 only,
 * `FS-1-2` = 1.2). Returns undefined for names we cannot classify.
 */
export function elbPolicyMinTls(name: string): TlsVersion | undefined {
  if (ELB_EXACT[name]) return ELB_EXACT[name];
  if (!name.startsWith('ELBSecurityPolicy-')) return undefined;
  const m = /-(?:TLS13|TLS|FS)-1-([0-3])-/.exec(name + '-');
  if (m) return `1.${m[1]}` as TlsVersion;
  return undefined;
}

/** Lowest version in a list such as DescribeSSLPolicies' `SslProtocols` (`TLSv1.2`, `SSLv3`). */
export function minFromProtocols(protocols: string[]): TlsVersion | undefined {
  let best: TlsVersion | undefined;
  for (const p of protocols) {
    const m = /^(?:TLSv|TLS_?)(1)[._]([0-3])$/i.exec(p) ?? (/^TLSv1$/i.test(p) ? [p, '1', '0'] : null);
    if (/^SSLv/i.test(p)) return '1.0'; // older than any TLS floor we check
    if (!m) continue;
    const v = `1.${m[2]}` as TlsVersion;
    if (!best || TLS_RANK[v] < TLS_RANK[best]) best = v;
  }
  return best;
}

/**
 * CloudFront `ViewerCertificate.MinimumProtocolVersion` → lowest TLS version
 * viewers may negotiate (controls-catalog Appendix A.2). `SSLv3` is older than
 * any floor we check, so it ranks with 1.0.
 */
const CLOUDFRONT_MIN: Record<string, TlsVersion> = {
  SSLv3: '1.0',
  TLSv1: '1.0',
  TLSv1_2016: '1.0',
  'TLSv1.1_2016': '1.1',
  'TLSv1.2_2018': '1.2',
  'TLSv1.2_2019': '1.2',
  'TLSv1.2_2021': '1.2',
  'TLSv1.2_2025': '1.2',
  'TLSv1.3_2025': '1.3',
};

/** With the default `*.cloudfront.net` certificate CloudFront forces this policy, whatever the template says. */
export const CLOUDFRONT_DEFAULT_CERT_POLICY = 'TLSv1';

/** Values CloudFront accepts for `MinimumProtocolVersion`, for "not a valid value" evidence. */
export const CLOUDFRONT_POLICIES: readonly string[] = Object.keys(CLOUDFRONT_MIN);

/**
 * Evidence note for a value outside a closed set of allowed values: a typo, an
 * old or invented name. The resource cannot be deployed with it as written,
 * and it is certainly not a secure value the rule can accept: it fails.
 */
export function notAValidValue(property: string, value: string, allowed: string): string {
  return `${JSON.stringify(value)} is not a valid value for ${property} (${allowed}); fix the value to one that meets the floor`;
}

export function cloudFrontMinTls(policy: string): TlsVersion | undefined {
  if (CLOUDFRONT_MIN[policy]) return CLOUDFRONT_MIN[policy];
  // Future `TLSv1.x_YYYY` names follow the same convention.
  const m = /^TLSv1\.([0-3])_\d{4}$/.exec(policy);
  return m ? (`1.${m[1]}` as TlsVersion) : undefined;
}

/** Lowest TLS version an API Gateway security policy accepts, and whether that is documented (Appendix A.3). */
export interface ApiGatewayPolicyTls {
  min: TlsVersion;
  /** False where the classification is inferred from the name only. */
  confirmed: boolean;
}

/** Defaults when no security policy is named (Appendix A.3). */
export const APIGW_DEFAULT_DOMAIN_POLICY = 'TLS_1_2';
export const APIGW_DEFAULT_PUBLIC_API_POLICY = 'TLS_1_0';
export const APIGW_DEFAULT_PRIVATE_API_POLICY = 'TLS_1_2';

export function apiGatewayPolicyMinTls(policy: string): ApiGatewayPolicyTls | undefined {
  if (policy === 'TLS_1_0') return { min: '1.0', confirmed: true };
  if (policy === 'TLS_1_2') return { min: '1.2', confirmed: true };
  const enhanced = /^SecurityPolicy_TLS13_1_([0-3])_/.exec(policy);
  if (enhanced) return { min: `1.${enhanced[1]}` as TlsVersion, confirmed: true };
  if (/^SecurityPolicy_TLS12_/.test(policy)) return { min: '1.2', confirmed: true };
  // `SecurityPolicy_TLS13_2025_EDGE`: TLS 1.3 by name; AWS's table does not spell out its minimum.
  if (/^SecurityPolicy_TLS13_\d{4}_EDGE$/.test(policy)) return { min: '1.3', confirmed: false };
  return undefined;
}

/**
 * OpenSearch / Elasticsearch `DomainEndpointOptions.TLSSecurityPolicy`:
 * `Policy-Min-TLS-1-0-2019-07` (1.0–1.2), `Policy-Min-TLS-1-2-2019-07` (1.2 only),
 * `Policy-Min-TLS-1-2-PFS-2023-10` (1.2–1.3).
 */
export const OPENSEARCH_DEFAULT_TLS_POLICY = 'Policy-Min-TLS-1-0-2019-07';

export function openSearchPolicyMinTls(policy: string): TlsVersion | undefined {
  const m = /^Policy-Min-TLS-1-([0-3])-/.exec(policy);
  return m ? (`1.${m[1]}` as TlsVersion) : undefined;
}

/**
 * Lightsail load balancer `TlsPolicyName` values and the lowest TLS version each accepts. Without one
 * Lightsail applies TLS-2016-08 (TLS 1.0 and newer).
 */
const LIGHTSAIL_LB_MIN: Record<string, TlsVersion> = {
  'TLS-2016-08': '1.0',
  'TLS-FS-Res-1-1-2019-08': '1.1',
  'TLS-FS-Res-1-2-2019-08': '1.2',
};
export const LIGHTSAIL_LB_DEFAULT_POLICY = 'TLS-2016-08';
/** Values Lightsail accepts for `TlsPolicyName`, for "not a valid value" evidence. */
export const LIGHTSAIL_LB_POLICIES: readonly string[] = Object.keys(LIGHTSAIL_LB_MIN);

export function lightsailLbPolicyMinTls(policy: string): TlsVersion | undefined {
  return Object.prototype.hasOwnProperty.call(LIGHTSAIL_LB_MIN, policy) ? LIGHTSAIL_LB_MIN[policy] : undefined;
}

/** Lightsail distribution `Origin.ProtocolPolicy` values (lower case, as Lightsail spells them). */
export const LIGHTSAIL_ORIGIN_PROTOCOL_POLICIES: readonly string[] = ['http-only', 'https-only', 'match-viewer'];

/**
 * AWS IoT Core domain configuration `TlsConfig.SecurityPolicy` values and the lowest TLS version each
 * accepts: the 2015/2016 policies accept TLS 1.0 and 1.1 from devices.
 */
const IOT_MIN: Record<string, TlsVersion> = {
  IoTSecurityPolicy_TLS13_1_3_2022_10: '1.3',
  IoTSecurityPolicy_TLS13_1_2_2022_10: '1.2',
  IoTSecurityPolicy_TLS12_1_2_2022_10: '1.2',
  IoTSecurityPolicy_TLS12_1_0_2016_01: '1.0',
  IoTSecurityPolicy_TLS12_1_0_2015_01: '1.0',
};
/** What AWS IoT Core applies to a new domain configuration without `TlsConfig.SecurityPolicy` (TLS 1.2 and 1.3). */
export const IOT_DEFAULT_POLICY = 'IoTSecurityPolicy_TLS13_1_2_2022_10';
/** Values AWS IoT Core accepts for `TlsConfig.SecurityPolicy`, for "not a valid value" evidence. */
export const IOT_POLICIES: readonly string[] = Object.keys(IOT_MIN);

export function iotPolicyMinTls(policy: string): TlsVersion | undefined {
  return Object.prototype.hasOwnProperty.call(IOT_MIN, policy) ? IOT_MIN[policy] : undefined;
}
