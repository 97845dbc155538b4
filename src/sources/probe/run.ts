/**
 * Probe a list of targets within the safety bounds: allow/deny lists checked
 * against the name and the very address connected to, a per-host pace, a
 * timeout per step and a total budget. Targets naming the same endpoint are
 * probed once and share the observation.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { TlsVersion } from '../../evaluate/claims-profile.js';
import { TLS_RANK } from '../../lib/tls.js';
import { Budget, BudgetSpent, HostPacer } from './pace.js';
import { HostList, lookupOverride, refusal, type ResolveOverride } from './targets.js';
import { certificateFacts, enumerateCiphers, handshake, localCapabilities, type ConnectSpec, type HandshakeResult } from './tls.js';
import { observeHttp, observeHttps } from './http.js';
import type { Observation, ProbeTarget, VersionAttempt } from './types.js';

export type Resolver = (host: string) => Promise<string[]>;

export interface ProbeOptions {
  /** Lowest TLS version claimed: suites accepted below it are enumerated. */
  tlsMin: TlsVersion;
  /** Timeout of each step: connect, handshake, response headers. */
  timeoutMs: number;
  /** Total time for the whole run. */
  budgetMs: number;
  /** Least time between two connections to the same host name. */
  perHostIntervalMs: number;
  /** Targets probed at the same time. */
  concurrency: number;
  allow: HostList;
  deny: HostList;
  resolve: ReadonlyMap<string, ResolveOverride>;
  /** Name → addresses (default: the system resolver). */
  resolver?: Resolver;
  /** Extra trust anchors (PEM), added to the bundled roots. */
  ca?: string[];
  /** Most suites enumerated per version below the floor. */
  maxCiphers?: number;
  /** Test hook: pretend the local OpenSSL can or cannot attempt a version. */
  capabilities?: Partial<Record<TlsVersion, string | true>>;
  now?: () => Date;
  /** The run's signal: once it fires no new step starts and what is left is unknown ("the run was interrupted"). */
  signal?: AbortSignal;
}

export interface ProbeRun {
  observations: Observation[];
  /** Targets not probed, and why (denied, not allowed). */
  skipped: { target: ProbeTarget; why: string }[];
  handshakes: number;
  requests: number;
  ms: number;
}

const ORDER: TlsVersion[] = ['1.3', '1.2', '1.1', '1.0'];

const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(t));
}

class Skip extends Error {}

export async function probeTargets(targets: readonly ProbeTarget[], o: ProbeOptions): Promise<ProbeRun> {
  const started = Date.now();
  const budget = new Budget(o.budgetMs, Date.now(), o.signal);
  const pacer = new HostPacer(o.perHostIntervalMs);
  const caps = { ...(await localCapabilities()), ...(o.capabilities ?? {}) };
  const resolver = o.resolver ?? systemResolver;
  const shared = new Map<string, Promise<Observation | Skip>>();
  const results: (Observation | Skip)[] = new Array(targets.length);
  let next = 0;

  const probeOne = async (t: ProbeTarget): Promise<Observation | Skip> => {
    const obs: Observation = { target: t, versions: [], handshakes: 0, requests: 0, startedAt: new Date().toISOString(), ms: 0 };
    const t0 = Date.now();
    const address = async (port: number): Promise<{ address: string; port: number }> => {
      const ov = lookupOverride(o.resolve, t.host, port);
      let addr = ov?.address ?? t.connectAddress ?? (isIP(t.host) ? t.host : undefined);
      if (!addr) {
        const list = await withTimeout(resolver(t.host), budget.step(o.timeoutMs), `resolving ${t.host}`);
        if (!list.length) throw new Error(`${t.host} resolved to no address`);
        addr = list[0]!;
      }
      const why = refusal(t.host, addr, o.allow, o.deny);
      if (why) throw new Skip(why);
      return { address: addr, port: ov?.port ?? port };
    };
    try {
      const tlsPort = t.tlsPort;
      if (tlsPort !== null) {
        const tlsAt = await address(tlsPort);
        obs.address = tlsAt.address;
        const spec: ConnectSpec = { address: tlsAt.address, port: tlsAt.port, host: t.host, ...(o.ca ? { ca: o.ca } : {}) };
        const attempt = async (v: TlsVersion, ciphers?: string): Promise<HandshakeResult> => {
          await pacer.turn(t.host, budget);
          obs.handshakes++;
          return handshake(spec, v, budget.step(o.timeoutMs), ciphers);
        };
        let stop: string | undefined;
        let certFrom: HandshakeResult | undefined;
        for (const v of ORDER) {
          const can = caps[v];
          if (can !== true) {
            obs.versions.push({ version: v, outcome: 'unknown', reason: can ?? 'cannot be attempted here' });
            continue;
          }
          if (stop) {
            obs.versions.push({ version: v, outcome: 'unknown', reason: stop });
            continue;
          }
          let r: HandshakeResult;
          try {
            r = await attempt(v);
          } catch (e) {
            if (!(e instanceof BudgetSpent)) throw e;
            stop = `not attempted: ${e.message}`;
            obs.versions.push({ version: v, outcome: 'unknown', reason: stop });
            continue;
          }
          const a: VersionAttempt = { version: v, outcome: r.outcome };
          if (r.cipher) a.cipher = r.cipher;
          if (r.reason) a.reason = r.reason;
          obs.versions.push(a);
          if (r.outcome === 'accepted' && !certFrom) certFrom = r;
          if (r.failedAt === 'connect' || r.timedOut) stop = `not attempted after the ${v} attempt failed (${r.reason})`;
          if (r.outcome === 'accepted' && TLS_RANK[v] < TLS_RANK[o.tlsMin] && r.cipher) {
            try {
              const e = await enumerateCiphers(spec, v, r.cipher, o.maxCiphers ?? 8, (c) => attempt(v, c));
              a.ciphers = e.ciphers;
            } catch (err) {
              if (!(err instanceof BudgetSpent)) throw err;
              a.ciphers = [r.cipher];
            }
          }
        }
        obs.versions.sort((x, y) => TLS_RANK[x.version] - TLS_RANK[y.version]);
        const now = o.now?.() ?? new Date();
        if (certFrom) obs.certificate = certificateFacts(certFrom, t.host, now);
        if (!obs.certificate) obs.certificateError = certFrom ? 'the server sent no certificate' : 'no TLS handshake succeeded';

        if (certFrom) {
          try {
            await pacer.turn(t.host, budget);
            obs.requests++;
            obs.https = await observeHttps({ ...spec, publicPort: tlsPort, timeoutMs: budget.step(o.timeoutMs) });
          } catch (e) {
            if (!(e instanceof BudgetSpent)) throw e;
            obs.https = { outcome: 'unknown', reason: `not requested: ${e.message}` };
          }
        } else {
          obs.https = { outcome: 'unknown', reason: `no HTTPS answer: ${obs.certificateError}` };
        }
      }
      if (t.httpPort !== null) {
        try {
          const httpAt = await address(t.httpPort);
          await pacer.turn(t.host, budget);
          obs.requests++;
          obs.http = await observeHttp({ address: httpAt.address, port: httpAt.port, host: t.host, publicPort: t.httpPort, timeoutMs: budget.step(o.timeoutMs) });
        } catch (e) {
          // With nothing else probed, a refused target is skipped whole; after a TLS probe, only the plain-HTTP check is left out.
          if (e instanceof Skip && t.tlsPort === null) throw e;
          const why = e instanceof BudgetSpent || e instanceof Skip ? `not requested: ${e.message}` : (e as Error).message;
          obs.http = { outcome: 'unknown', hops: [], reason: why };
        }
      }
    } catch (e) {
      if (e instanceof Skip) return e;
      obs.error = e instanceof BudgetSpent ? `not probed: ${e.message}` : (e as Error).message;
    }
    obs.ms = Date.now() - t0;
    return obs;
  };

  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const t = targets[i]!;
      const key = `${t.host}\u0000${t.tlsPort}\u0000${t.httpPort}\u0000${t.connectAddress ?? ''}\u0000${t.hostnameMatters}`;
      let p = shared.get(key);
      if (!p) shared.set(key, (p = probeOne(t)));
      const r = await p;
      results[i] = r instanceof Skip ? r : r.target === t ? r : { ...r, target: t };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, targets.length)) }, worker));

  const out: ProbeRun = { observations: [], skipped: [], handshakes: 0, requests: 0, ms: 0 };
  const counted = new Set<Observation>();
  for (let i = 0; i < targets.length; i++) {
    const r = results[i]!;
    if (r instanceof Skip) out.skipped.push({ target: targets[i]!, why: r.message });
    else out.observations.push(r);
  }
  for (const p of shared.values()) {
    const r = await p;
    if (!(r instanceof Skip) && !counted.has(r)) {
      counted.add(r);
      out.handshakes += r.handshakes;
      out.requests += r.requests;
    }
  }
  out.ms = Date.now() - started;
  return out;
}
