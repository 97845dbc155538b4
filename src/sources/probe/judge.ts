/**
 * Judging observations: pure functions from what the probe saw (and the
 * claimed TLS floor) to verdicts under the existing controls. Anything not
 * observed is `unknown` with the reason, never a pass.
 */
import type { TlsVersion } from '../../evaluate/claims-profile.js';
import type { EvidenceItem, Severity, Status, Remediation } from '../../evaluate/rule.js';
import type { ControlId } from '../../evaluate/controls.js';
import { TLS_RANK } from '../../lib/tls.js';
import type { Observation } from './types.js';

export interface ProbeRule {
  id: string;
  control: ControlId;
  title: string;
  severity: Severity;
  risk: string;
  remediation: Remediation;
  judge(o: Observation, p: JudgeParams): ProbeVerdict | undefined;
}

export interface JudgeParams {
  tlsMin: TlsVersion;
  /** Least HSTS max-age, in seconds, that passes. */
  hstsMinAge: number;
  /** Least RSA modulus / EC key size, in bits, that passes. */
  minRsaBits: number;
  minEcBits: number;
}

export const DEFAULT_JUDGE: Omit<JudgeParams, 'tlsMin'> = {
  // Mozilla's HTTP Observatory asks for at least six months.
  hstsMinAge: 15_768_000,
  minRsaBits: 2048,
  minEcBits: 256,
};

export interface ProbeVerdict {
  status: Status;
  message: string;
  evidence: EvidenceItem[];
}

const where = (o: Observation, port = o.target.tlsPort ?? o.target.httpPort) => `${o.target.host}:${port}`;
const ev = (path: string, observed: unknown, expected?: unknown, note?: string): EvidenceItem => ({
  path,
  observed,
  ...(expected !== undefined ? { expected } : {}),
  ...(note ? { note } : {}),
  source: 'probe',
});

function notProbed(o: Observation): ProbeVerdict | undefined {
  if (!o.error) return undefined;
  return { status: 'unknown', message: `${where(o)} was not probed: ${o.error}`, evidence: [ev('probe', o.error)] };
}

export const tlsVersions: ProbeRule = {
  id: 'tls-min/probe-tls-versions',
  control: 'tls-min',
  title: 'An endpoint accepts no TLS version below the claimed floor (observed)',
  severity: 'high',
  risk: 'A client or attacker can negotiate an old protocol version the policy promises is not used.',
  remediation: { text: 'Attach a TLS policy whose lowest version is the claimed floor (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06, a GCP SSL policy with minTlsVersion TLS_1_2, CloudFront TLSv1.2_2021).' },
  judge(o, p) {
    if (o.target.tlsPort === null) return undefined;
    const np = notProbed(o);
    if (np) return np;
    const accepted = o.versions.filter((v) => v.outcome === 'accepted').map((v) => v.version);
    const versions = Object.fromEntries(o.versions.map((v) => [`TLS ${v.version}`, v.outcome + (v.reason && v.outcome !== 'accepted' ? ` (${v.reason})` : '')]));
    const evidence: EvidenceItem[] = [ev('tls.versions', versions, `nothing below TLS ${p.tlsMin}`)];
    const below = o.versions.filter((v) => TLS_RANK[v.version] < TLS_RANK[p.tlsMin]);
    const weak = below.filter((v) => v.outcome === 'accepted');
    for (const v of o.versions.filter((x) => x.outcome === 'accepted')) evidence.push(ev(`tls.cipher[TLS ${v.version}]`, v.ciphers ?? v.cipher));
    if (accepted.length) evidence.push(ev('tls.negotiatedFloor', `TLS ${accepted[0]}`, `TLS ${p.tlsMin} or higher`));
    if (weak.length) {
      const ciphers = weak.flatMap((v) => (v.ciphers ?? [v.cipher]).map((c) => `TLS ${v.version} ${c}`));
      evidence.push(ev('tls.ciphersBelowFloor', ciphers));
      return { status: 'fail', message: `${where(o)} accepts ${weak.map((v) => `TLS ${v.version}`).join(' and ')}, below the claimed floor TLS ${p.tlsMin}`, evidence };
    }
    const open = below.filter((v) => v.outcome === 'unknown');
    if (open.length) return { status: 'unknown', message: `${where(o)}: could not tell whether ${open.map((v) => `TLS ${v.version}`).join(', ')} is accepted: ${open[0]!.reason ?? 'no answer'}`, evidence };
    if (!accepted.some((v) => TLS_RANK[v] >= TLS_RANK[p.tlsMin])) {
      const reason = o.versions.find((v) => v.outcome === 'unknown')?.reason;
      return { status: 'unknown', message: `${where(o)}: no TLS handshake succeeded at TLS ${p.tlsMin} or higher${reason ? ` (${reason})` : ''}`, evidence };
    }
    return { status: 'pass', message: `${where(o)} refuses every version below TLS ${p.tlsMin}; lowest accepted TLS ${accepted[0]}`, evidence };
  },
};

export const certificate: ProbeRule = {
  id: 'tls-min/probe-certificate',
  control: 'tls-min',
  title: 'An endpoint presents a valid, unexpired certificate for its name with a strong key (observed)',
  severity: 'high',
  risk: 'An invalid, expired or mismatched certificate trains clients to accept interception; a weak key can be broken.',
  remediation: { text: 'Serve a certificate from a publicly trusted CA (e.g. ACM, Google-managed, Let\'s Encrypt) that names the host, renew it before expiry, with RSA ≥ 2048 bits or ECDSA P-256 or stronger.' },
  judge(o, p) {
    if (o.target.tlsPort === null) return undefined;
    const np = notProbed(o);
    if (np) return np;
    const c = o.certificate;
    if (!c) return { status: 'unknown', message: `${where(o)}: no certificate observed (${o.certificateError ?? 'no handshake'})`, evidence: [ev('certificate', null, 'a certificate', o.certificateError)] };
    const problems: string[] = [];
    const evidence: EvidenceItem[] = [
      ev('certificate.subject', c.subject ?? null),
      ev('certificate.issuer', c.issuer ?? null),
      ev('certificate.subjectAltName', c.subjectAltName ?? null),
      ev('certificate.sha256', c.fingerprint256),
      ev('certificate.chainValid', c.chainValid, true, c.chainError),
      ev('certificate.validTo', c.validTo, 'in the future', `${c.daysLeft} days left`),
      ev('certificate.validFrom', c.validFrom),
    ];
    if (!c.chainValid) problems.push(`chain not trusted (${c.chainError})`);
    if (c.daysLeft < 0) problems.push(`expired ${-c.daysLeft} days ago (${c.validTo})`);
    if (Date.parse(c.validFrom) > Date.now()) problems.push(`not valid before ${c.validFrom}`);
    if (o.target.hostnameMatters) {
      evidence.push(ev('certificate.hostnameMatch', c.hostnameMatch, true, c.hostnameError));
      if (!c.hostnameMatch) problems.push(`does not name ${o.target.host}`);
    } else {
      evidence.push(ev('certificate.hostnameMatch', c.hostnameMatch, undefined, `not judged: ${o.target.host} is a provider-generated name or address clients do not use`));
    }
    const min = c.keyType === 'rsa' || c.keyType === 'rsa-pss' || c.keyType === 'dsa' ? p.minRsaBits : p.minEcBits;
    evidence.push(ev('certificate.key', `${c.keyType ?? 'unknown'}${c.curve ? ' ' + c.curve : ''} ${c.keyBits ?? '?'} bits`, `${min} bits or more`));
    if (c.keyBits === undefined) problems.push(`key size of ${c.keyType ?? 'unknown'} key not known`);
    else if (c.keyBits < min) problems.push(`${c.keyType} key of ${c.keyBits} bits (< ${min})`);
    if (problems.length === 1 && problems[0]!.startsWith('key size of'))
      return { status: 'unknown', message: `${where(o)}: certificate ${problems[0]}`, evidence };
    if (problems.length) return { status: 'fail', message: `${where(o)}: certificate ${problems.join('; ')}`, evidence };
    return { status: 'pass', message: `${where(o)}: trusted certificate${o.target.hostnameMatters ? ' for the host' : ''}, ${c.daysLeft} days left, ${c.keyType} ${c.keyBits} bits`, evidence };
  },
};

function sameHost(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');
}

export const httpRedirect: ProbeRule = {
  id: 'https-redirect/probe-http-redirect',
  control: 'https-redirect',
  title: 'Plain HTTP on the endpoint redirects to HTTPS on the same host (observed)',
  severity: 'medium',
  risk: 'Clients that start on http:// stay on an unencrypted, tamperable connection.',
  remediation: { text: 'Answer port 80 with a 301 or 308 redirect to https:// on the same host (ALB redirect action, CloudFront redirect-to-https, GCP URL map httpsRedirect, DigitalOcean redirect_http_to_https), or do not listen on port 80 at all.' },
  judge(o) {
    const np = notProbed(o);
    if (np) return np;
    const h = o.http;
    if (o.target.httpPort === null || !h) return undefined;
    const port = o.target.httpPort;
    const evidence: EvidenceItem[] = [ev('http.chain', h.hops, `301/308 to https://${o.target.host}/`)];
    if (h.outcome === 'refused') return { status: 'pass', message: `${where(o, port)}: connection refused, no plain HTTP surface`, evidence };
    if (h.outcome === 'unknown') return { status: 'unknown', message: `${where(o, port)}: no HTTP answer (${h.reason ?? 'unknown'})`, evidence };
    const hop = h.hops[0]!;
    const status = hop.status!;
    evidence.push(ev('http.status', status, '301 or 308'));
    if (hop.location !== undefined) evidence.push(ev('http.location', hop.location, `https://${o.target.host}/...`));
    if (status < 300 || status > 399 || status === 304 || status === 300) return { status: 'fail', message: `${where(o, port)}: answered ${status} over plain HTTP, no redirect to HTTPS`, evidence };
    if (hop.location === undefined) return { status: 'fail', message: `${where(o, port)}: ${status} without a Location header`, evidence };
    let target: URL;
    try {
      target = new URL(hop.location, hop.url);
    } catch {
      return { status: 'fail', message: `${where(o, port)}: ${status} to an unparsable Location`, evidence };
    }
    if (target.protocol !== 'https:') return { status: 'fail', message: `${where(o, port)}: redirects to ${target.protocol.replace(':', '')}://${target.host}, not to https://`, evidence };
    if (!sameHost(target.hostname.replace(/^\[|\]$/g, ''), o.target.host))
      return { status: 'fail', message: `${where(o, port)}: redirects off the host, to ${target.host} (recorded, not followed)`, evidence };
    const tport = target.port ? Number(target.port) : 443;
    if (tport !== (o.target.tlsPort ?? 443)) return { status: 'fail', message: `${where(o, port)}: redirects to https port ${tport}, not ${o.target.tlsPort}`, evidence };
    if (status === 301 || status === 308) return { status: 'pass', message: `${where(o, port)}: ${status} to ${target.origin}`, evidence };
    evidence[evidence.length - 2]!.note = `${status} is a temporary redirect: clients and caches do not remember it; 301 or 308 is preferred`;
    return { status: 'pass', message: `${where(o, port)}: ${status} (temporary; 301/308 preferred) to ${target.origin}`, evidence };
  },
};

export function hstsMaxAge(header: string): number | undefined {
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d{1,12})"?\s*(?:;|$)/i.exec(header);
  return m ? Number(m[1]) : undefined;
}

export const hsts: ProbeRule = {
  id: 'https-redirect/probe-hsts',
  control: 'https-redirect',
  title: 'The HTTPS answer carries Strict-Transport-Security with a long max-age (observed)',
  severity: 'low',
  risk: 'Without HSTS a browser may try plain HTTP first, where a network attacker can intercept before any redirect.',
  remediation: { text: 'Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` on every HTTPS response (CloudFront response headers policy, ALB/app middleware).' },
  judge(o, p) {
    if (o.target.tlsPort === null) return undefined;
    const np = notProbed(o);
    if (np) return np;
    const s = o.https;
    if (!s || s.outcome === 'unknown') return { status: 'unknown', message: `${where(o)}: no HTTPS answer to read HSTS from (${s?.reason ?? 'not requested'})`, evidence: [ev('https.status', null, 'an HTTP answer', s?.reason)] };
    const evidence: EvidenceItem[] = [ev('https.status', s.status), ev('https.strictTransportSecurity', s.hsts ?? null, `max-age ≥ ${p.hstsMinAge}`)];
    if (s.hsts === undefined) return { status: 'fail', message: `${where(o)}: no Strict-Transport-Security header`, evidence };
    const age = hstsMaxAge(s.hsts);
    if (age === undefined) return { status: 'fail', message: `${where(o)}: Strict-Transport-Security without a valid max-age`, evidence };
    if (age < p.hstsMinAge) return { status: 'fail', message: `${where(o)}: HSTS max-age ${age} s is below ${p.hstsMinAge} s`, evidence };
    return { status: 'pass', message: `${where(o)}: HSTS max-age ${age} s`, evidence };
  },
};

export const PROBE_RULES: readonly ProbeRule[] = [tlsVersions, certificate, httpRedirect, hsts];
