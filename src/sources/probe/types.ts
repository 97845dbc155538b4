/**
 * Observed evidence: what a client sees at an endpoint. A target is one
 * host:port the user's inventory or command line named; an observation is
 * what the probe saw there, judged later by ./judge.ts.
 */
import type { FindingResource } from '../../findings/evidence.js';
import type { TlsVersion } from '../../evaluate/claims-profile.js';

export const TLS_VERSIONS: readonly TlsVersion[] = ['1.0', '1.1', '1.2', '1.3'];

export interface ProbeTarget {
  /** Name used for SNI, the Host header and the hostname match (or an IP address). */
  host: string;
  /** HTTPS port (443 unless the inventory or the command line says otherwise); null: the endpoint serves plain HTTP only. */
  tlsPort: number | null;
  /** Plain-HTTP port to check for a redirect (80), or null to skip that check. */
  httpPort: number | null;
  /** Address to connect to instead of resolving `host` (a GCP forwarding rule's IP). */
  connectAddress?: string;
  /**
   * False for provider-generated names (an ELB DNS name, an IP address) that
   * clients do not use: a certificate issued for the custom domain cannot
   * match them, so a mismatch is recorded, not judged.
   */
  hostnameMatters: boolean;
  /** The inventory resource the endpoint came from, if any (the HTTPS listener, distribution, domain). */
  origin?: FindingResource;
  /** The resource that serves plain HTTP on `httpPort`, when another than `origin` (an ALB's HTTP listener). */
  httpOrigin?: FindingResource;
  /** Where the target came from: `command line`, `claims profile`, `aws.elbv2.load-balancer Live.DNSName`. */
  via: string;
}

/** Outcome of one handshake attempt at one TLS version. */
export type AttemptOutcome =
  /** The server completed a handshake at this version. */
  | 'accepted'
  /** The server answered and refused this version (protocol-version or handshake alert, or chose another version). */
  | 'refused'
  /** No definite answer: timeout, reset, not TLS, budget spent, or the local OpenSSL cannot attempt it. */
  | 'unknown';

export interface VersionAttempt {
  version: TlsVersion;
  outcome: AttemptOutcome;
  /** Accepted: the cipher suite the server chose. */
  cipher?: string;
  /** Accepted below the floor: every suite the server agreed to at this version (enumerated, bounded). */
  ciphers?: string[];
  /** Refused/unknown: the error code or reason. */
  reason?: string;
}

export interface CertificateFacts {
  subject?: string;
  issuer?: string;
  subjectAltName?: string;
  validFrom: string;
  validTo: string;
  daysLeft: number;
  /** Chain verified against the system roots (plus --probe-ca). */
  chainValid: boolean;
  /** OpenSSL's verification error when the chain is not valid (e.g. DEPTH_ZERO_SELF_SIGNED_CERT). */
  chainError?: string;
  hostnameMatch: boolean;
  hostnameError?: string;
  keyType?: string;
  keyBits?: number;
  curve?: string;
  fingerprint256: string;
}

export interface HttpHop {
  url: string;
  status?: number;
  location?: string;
  error?: string;
}

export interface HttpObservation {
  /** `answered`: an HTTP status came back; `refused`: the port is closed (connection refused); `unknown`: no definite answer. */
  outcome: 'answered' | 'refused' | 'unknown';
  hops: HttpHop[];
  reason?: string;
}

export interface HttpsObservation {
  outcome: 'answered' | 'unknown';
  status?: number;
  /** The Strict-Transport-Security header as sent (absent: none). */
  hsts?: string;
  reason?: string;
}

export interface Observation {
  target: ProbeTarget;
  /** The address connected to. */
  address?: string;
  /** Set when the target was not probed at all (resolution failed, budget spent). */
  error?: string;
  versions: VersionAttempt[];
  certificate?: CertificateFacts;
  /** Why no certificate facts, when there are none. */
  certificateError?: string;
  http?: HttpObservation;
  https?: HttpsObservation;
  /** TLS handshakes and HTTP requests made for this target. */
  handshakes: number;
  requests: number;
  startedAt: string;
  ms: number;
}
