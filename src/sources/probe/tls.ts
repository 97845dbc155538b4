/**
 * TLS observations: one handshake per protocol version (minVersion =
 * maxVersion = that version), the cipher suites a server agrees to below
 * the floor, and the certificate it presents.
 *
 * Node's OpenSSL refuses TLS 1.0/1.1 at its default security level, so
 * attempts at those versions (and only those) run with `@SECLEVEL=0` and the
 * full cipher list. Whether the local OpenSSL can negotiate a version at all
 * is checked once per process against a loopback server of its own (anonymous
 * suites, no certificate needed); a version it cannot negotiate is `unknown`,
 * never a refusal and never a pass.
 */
import tls from 'node:tls';
import { isIP } from 'node:net';
import type { X509Certificate } from 'node:crypto';
import type { TlsVersion } from '../../evaluate/claims-profile.js';
import type { AttemptOutcome, CertificateFacts } from './types.js';

const NODE_VERSION: Record<TlsVersion, tls.SecureVersion> = { '1.0': 'TLSv1', '1.1': 'TLSv1.1', '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' };
const LEGACY_CIPHERS = 'ALL:@SECLEVEL=0';

export interface ConnectSpec {
  address: string;
  port: number;
  /** SNI and hostname to verify (omitted for IP addresses). */
  host: string;
  /** Trust anchors: the system roots plus any --probe-ca. */
  ca?: string[];
}

export interface HandshakeResult {
  outcome: AttemptOutcome;
  /** `connect` when the TCP connection itself failed or timed out: later attempts are pointless. */
  failedAt?: 'connect' | 'handshake';
  timedOut?: boolean;
  protocol?: string;
  cipher?: string;
  reason?: string;
  cert?: X509Certificate;
  authorized?: boolean;
  authorizationError?: string;
}

/** Alerts and errors that mean the server answered and would not speak this version or these suites. */
const REFUSAL = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY',
  'ERR_SSL_VERSION_TOO_LOW',
  'ERR_SSL_NO_SHARED_CIPHER',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
]);

export function isRefusal(code: string | undefined): boolean {
  return code !== undefined && REFUSAL.has(code);
}

/** One handshake at exactly `version`; `ciphers` overrides the suite list (TLS ≤ 1.2 suites). */
export function handshake(spec: ConnectSpec, version: TlsVersion, timeoutMs: number, ciphers?: string): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    let done = false;
    let phase: 'connect' | 'handshake' = 'connect';
    let socket: tls.TLSSocket | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: HandshakeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(r);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ outcome: 'unknown', failedAt: phase, timedOut: true, reason: `${phase} timed out after ${timeoutMs} ms` }), timeoutMs);
    };
    const legacy = version === '1.0' || version === '1.1';
    try {
      arm();
      socket = tls.connect({
        host: spec.address,
        port: spec.port,
        ...(isIP(spec.host) === 0 ? { servername: spec.host } : {}),
        minVersion: NODE_VERSION[version],
        maxVersion: NODE_VERSION[version],
        ...(ciphers ? { ciphers } : legacy ? { ciphers: LEGACY_CIPHERS } : {}),
        ...(spec.ca ? { ca: spec.ca } : {}),
        rejectUnauthorized: false,
        // The chain is judged from `authorized`; the hostname separately (checkHost), so both are recorded.
        checkServerIdentity: () => undefined,
      });
    } catch (e) {
      finish({ outcome: 'unknown', reason: `the local TLS library cannot attempt TLS ${version}: ${(e as Error).message}` });
      return;
    }
    socket.once('connect', () => {
      phase = 'handshake';
      arm();
    });
    socket.once('secureConnect', () => {
      const s = socket!;
      const cipher = s.getCipher();
      const protocol = s.getProtocol() ?? undefined;
      if (protocol !== NODE_VERSION[version]) {
        finish({ outcome: 'unknown', reason: `asked for TLS ${version}, negotiated ${protocol}` });
        return;
      }
      finish({
        outcome: 'accepted',
        protocol,
        cipher: cipher?.name,
        cert: s.getPeerX509Certificate(),
        authorized: s.authorized,
        authorizationError: s.authorizationError ? String(s.authorizationError) : undefined,
      });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.message;
      if (phase === 'connect') finish({ outcome: 'unknown', failedAt: 'connect', reason: code === 'ECONNREFUSED' ? 'connection refused' : code });
      else if (isRefusal(e.code)) finish({ outcome: 'refused', failedAt: 'handshake', reason: code });
      else finish({ outcome: 'unknown', failedAt: 'handshake', reason: code === 'ECONNRESET' ? 'connection reset during the handshake' : code });
    });
    socket.once('close', () => finish({ outcome: 'unknown', failedAt: phase, reason: `connection closed during the ${phase}` }));
  });
}

/** The suites a server agrees to at `version`: re-handshake excluding each suite it chose, up to `max` suites. */
export async function enumerateCiphers(
  spec: ConnectSpec,
  version: TlsVersion,
  first: string,
  max: number,
  attempt: (ciphers: string) => Promise<HandshakeResult>,
): Promise<{ ciphers: string[]; complete: boolean }> {
  const found = [first];
  while (found.length < max) {
    const r = await attempt(`${LEGACY_CIPHERS}:${found.map((c) => '!' + c).join(':')}`);
    if (r.outcome === 'accepted' && r.cipher && !found.includes(r.cipher)) found.push(r.cipher);
    else return { ciphers: found, complete: r.outcome === 'refused' };
  }
  return { ciphers: found, complete: false };
}

let capability: Promise<Record<TlsVersion, string | true>> | undefined;

/**
 * Can the local OpenSSL negotiate each version? `true`, or why not. TLS 1.0
 * and 1.1 are checked against a loopback server of our own (anonymous suites
 * at security level 0); 1.2 and 1.3 are always available in Node ≥ 20.
 */
export function localCapabilities(): Promise<Record<TlsVersion, string | true>> {
  capability ??= (async () => {
    const out: Record<TlsVersion, string | true> = { '1.0': true, '1.1': true, '1.2': true, '1.3': true };
    for (const v of ['1.0', '1.1'] as const) {
      const r = await selfTest(v).catch((e: Error) => e.message);
      if (r !== true) out[v] = `the local OpenSSL ${process.versions.openssl} cannot negotiate TLS ${v} even with itself at security level 0 (${r})`;
    }
    return out;
  })();
  return capability;
}

function selfTest(v: TlsVersion): Promise<true | string> {
  return new Promise((resolve) => {
    const opts = { minVersion: NODE_VERSION[v], maxVersion: NODE_VERSION[v], ciphers: 'aNULL:@SECLEVEL=0' };
    const server = tls.createServer(opts, (s) => s.end());
    server.on('tlsClientError', () => {});
    const done = (r: true | string) => {
      clearTimeout(t);
      server.close();
      resolve(r);
    };
    const t = setTimeout(() => done('self-test timed out'), 3000);
    server.on('error', (e) => done(e.message));
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      const c = tls.connect({ host: '127.0.0.1', port, ...opts, rejectUnauthorized: false }, () => {
        c.destroy();
        done(true);
      });
      c.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
    });
  });
}

/** Facts about the leaf certificate of an accepted handshake. */
export function certificateFacts(r: HandshakeResult, host: string, now: Date): CertificateFacts | undefined {
  const c = r.cert;
  if (!c) return undefined;
  const validTo = new Date(c.validTo);
  const validFrom = new Date(c.validFrom);
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / 86_400_000);
  const family = isIP(host);
  const matched = family ? c.checkIP(host) : c.checkHost(host);
  const key = c.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const facts: CertificateFacts = {
    subject: c.subject?.replace(/\n/g, ', '),
    issuer: c.issuer?.replace(/\n/g, ', '),
    subjectAltName: c.subjectAltName,
    validFrom: isNaN(validFrom.getTime()) ? c.validFrom : validFrom.toISOString(),
    validTo: isNaN(validTo.getTime()) ? c.validTo : validTo.toISOString(),
    daysLeft,
    chainValid: r.authorized === true,
    hostnameMatch: matched !== undefined,
    fingerprint256: c.fingerprint256,
  };
  if (!facts.chainValid) facts.chainError = r.authorizationError ?? 'not verified';
  if (!facts.hostnameMatch) facts.hostnameError = `${host} is not among the certificate's names (${c.subjectAltName ?? c.subject?.replace(/\n/g, ', ') ?? 'none'})`;
  if (key.asymmetricKeyType) facts.keyType = key.asymmetricKeyType;
  if (details.modulusLength) facts.keyBits = details.modulusLength;
  if (details.namedCurve) facts.curve = details.namedCurve;
  if (!facts.keyBits && details.namedCurve) facts.keyBits = CURVE_BITS[details.namedCurve];
  if (!facts.keyBits && key.asymmetricKeyType === 'ed25519') facts.keyBits = 256;
  if (!facts.keyBits && key.asymmetricKeyType === 'ed448') facts.keyBits = 448;
  return facts;
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, 'P-256': 256, secp384r1: 384, 'P-384': 384, secp521r1: 521, 'P-521': 521, secp256k1: 256 };

/** Trust anchors for verification: the bundled roots plus extra CA certificates (PEM). */
export function trustAnchors(extra: readonly string[]): string[] {
  return [...tls.rootCertificates, ...extra];
}
