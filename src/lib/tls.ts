/**
 * TLS knowledge shared by rules: the lowest protocol version each provider
 * policy accepts. Tables follow controls-catalog Appendix A; live scans
 * prefer what the provider itself reports (ELBv2 DescribeSSLPolicies).
 */
import type { TlsVersion } from '../engine/claims.js';

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
