/**
 * HTTP observations: `GET /` over plain HTTP (status and Location, never
 * followed) and `GET /` over HTTPS (status and Strict-Transport-Security).
 * No request body; the response body is never read (the socket is closed
 * once the headers are in); one hard deadline covers connect and headers,
 * so a server that hangs or trickles gives `unknown` in bounded time.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { HttpObservation, HttpsObservation } from './types.js';

export interface RequestSpec {
  address: string;
  port: number;
  /** Host header and SNI name. */
  host: string;
  /** Port the Host header names (the endpoint's public port, which may differ from a --probe-resolve port). */
  publicPort: number;
  timeoutMs: number;
}

interface Answer {
  status?: number;
  headers?: http.IncomingHttpHeaders;
  error?: string;
  refused?: boolean;
}

const MAX_HEADER_BYTES = 16 * 1024;

function hostHeader(host: string, port: number, defaultPort: number): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  return port === defaultPort ? h : `${h}:${port}`;
}

function get(spec: RequestSpec, secure: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(a);
    };
    const options: https.RequestOptions = {
      host: spec.address,
      port: spec.port,
      method: 'GET',
      path: '/',
      agent: false,
      maxHeaderSize: MAX_HEADER_BYTES,
      headers: { Host: hostHeader(spec.host, spec.publicPort, secure ? 443 : 80), 'User-Agent': 'vouch-probe', Accept: '*/*', Connection: 'close' },
    };
    if (secure) {
      Object.assign(options, {
        ...(isIP(spec.host) === 0 ? { servername: spec.host } : {}),
        rejectUnauthorized: false,
        minVersion: 'TLSv1',
        ciphers: 'ALL:@SECLEVEL=0',
      });
    }
    const req = (secure ? https : http).request(options, (res) => {
      finish({ status: res.statusCode, headers: res.headers });
    });
    const timer = setTimeout(() => finish({ error: `no complete response headers within ${spec.timeoutMs} ms` }), spec.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.message;
      finish({
        error: code === 'ECONNREFUSED' ? 'connection refused' : code === 'ECONNRESET' ? 'connection reset' : code === 'HPE_HEADER_OVERFLOW' ? 'response headers over 16 KiB' : code,
        refused: code === 'ECONNREFUSED',
      });
    });
    req.end();
  });
}

/** Plain HTTP `GET /`: the status and Location, recorded and not followed. */
export async function observeHttp(spec: RequestSpec): Promise<HttpObservation> {
  const url = `http://${hostHeader(spec.host, spec.publicPort, 80)}/`;
  const a = await get(spec, false);
  if (a.refused) return { outcome: 'refused', hops: [{ url, error: a.error }], reason: `port ${spec.publicPort} refused the connection: no plain HTTP is served` };
  if (a.status === undefined) return { outcome: 'unknown', hops: [{ url, error: a.error }], reason: a.error };
  const raw = single(a.headers?.location);
  const location = raw === undefined ? undefined : recordedLocation(raw);
  return { outcome: 'answered', hops: [{ url, status: a.status, ...(location !== undefined ? { location } : {}) }] };
}

/** HTTPS `GET /`: the status and the Strict-Transport-Security header. */
export async function observeHttps(spec: RequestSpec): Promise<HttpsObservation> {
  const a = await get(spec, true);
  if (a.status === undefined) return { outcome: 'unknown', reason: a.error };
  const hsts = single(a.headers?.['strict-transport-security']);
  return { outcome: 'answered', status: a.status, ...(hsts !== undefined ? { hsts } : {}) };
}

/**
 * A Location as it may be recorded: scheme, host, port and path are kept (they
 * are what is judged); a query, a fragment and user:password@ are not, since
 * a redirect may carry a session token or credentials.
 */
export function recordedLocation(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw, 'http://relative.invalid');
  } catch {
    return raw.replace(/[?#].*$/s, '').replace(/\/\/[^/@]*@/, '//<userinfo redacted>@').slice(0, 512);
  }
  const relative = u.host === 'relative.invalid' && !/^[a-z][a-z0-9+.-]*:/i.test(raw) && !raw.startsWith('//');
  const userinfo = u.username || u.password ? '<userinfo redacted>@' : '';
  const rest = `${u.pathname}${u.search ? '?<query not recorded>' : ''}${u.hash ? '#<fragment not recorded>' : ''}`;
  return (relative ? rest : `${u.protocol}//${userinfo}${u.host}${rest}`).slice(0, 512);
}

function single(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s.slice(0, 2048);
}
