/**
 * Local endpoints for probe tests, all on 127.0.0.1: certificates generated
 * per run with the `openssl` CLI (a CA, leaves for given names, expired,
 * self-signed, small keys), TLS servers limited to given versions, plain
 * HTTP servers with each redirect behaviour, and misbehaving servers that
 * hang, reset or trickle.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type tls from 'node:tls';

export interface KeyPair {
  key: string;
  cert: string;
}

export class Pki {
  readonly dir = mkdtempSync(join(tmpdir(), 'vouch-probe-'));
  readonly ca: KeyPair;
  private n = 0;

  constructor() {
    this.ssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', this.path('ca.key'), '-out', this.path('ca.crt'), '-days', '30', '-subj', '/CN=vouch probe test CA']);
    this.ca = { key: readFileSync(this.path('ca.key'), 'utf8'), cert: readFileSync(this.path('ca.crt'), 'utf8') };
  }

  private path(f: string) {
    return join(this.dir, f);
  }

  private ssl(args: string[]) {
    execFileSync('openssl', args, { stdio: 'ignore' });
  }

  /** A leaf for `names`, signed by the CA (or self-signed); `days: -1` makes it expired. */
  leaf(names: string[], o: { days?: number; selfSigned?: boolean; rsaBits?: number } = {}): KeyPair {
    const id = `leaf${++this.n}`;
    const key = this.path(`${id}.key`);
    const ext = this.path(`${id}.ext`);
    writeFileSync(ext, `subjectAltName=${names.map((n) => (net.isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',')}\n`);
    const newkey = o.rsaBits ? ['-newkey', `rsa:${o.rsaBits}`] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    const days = String(o.days ?? 10);
    if (o.selfSigned) {
      this.ssl(['req', '-x509', ...newkey, '-nodes', '-keyout', key, '-out', this.path(`${id}.crt`), '-days', days, '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`]);
    } else {
      this.ssl(['req', ...newkey, '-nodes', '-keyout', key, '-out', this.path(`${id}.csr`), '-subj', `/CN=${names[0]}`]);
      this.ssl(['x509', '-req', '-in', this.path(`${id}.csr`), '-CA', this.path('ca.crt'), '-CAkey', this.path('ca.key'), '-CAcreateserial', '-days', days, '-extfile', ext, '-out', this.path(`${id}.crt`)]);
    }
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(this.path(`${id}.crt`), 'utf8') };
  }

  dispose() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Running {
  port: number;
  close(): Promise<void>;
  /** Count TCP connections (to show nothing was probed). */
  onConnection(f: () => void): void;
}

function listen(server: net.Server): Promise<Running> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        onConnection: (f) => server.on('connection', f),
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }),
    ),
  );
}

const V: Record<string, tls.SecureVersion> = { '1.0': 'TLSv1', '1.1': 'TLSv1.1', '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' };

/** An HTTPS server accepting TLS `min`..`max`, answering `GET /` 200 with an optional HSTS header. */
export function httpsServer(pair: KeyPair, min: string, max: string, hsts?: string): Promise<Running> {
  const server = https.createServer({ ...pair, minVersion: V[min], maxVersion: V[max], ciphers: 'DEFAULT:@SECLEVEL=0' }, (req, res) => {
    if (hsts) res.setHeader('Strict-Transport-Security', hsts);
    res.end('ok');
  });
  server.on('tlsClientError', () => {});
  return listen(server);
}

/** A plain HTTP server answering every request with `status` and `location`. */
export function httpServer(status: number, location?: string): Promise<Running> {
  const server = http.createServer((req, res) => {
    res.statusCode = status;
    if (location) res.setHeader('Location', location);
    res.end();
  });
  return listen(server);
}

/** A TCP server that accepts and then never sends a byte. */
export function hangServer(): Promise<Running> {
  return listen(net.createServer(() => {}));
}

/** A TCP server that resets every connection as soon as it has read something. */
export function resetServer(): Promise<Running> {
  return listen(net.createServer((s) => s.once('data', () => s.resetAndDestroy())));
}

/** A TCP server that answers HTTP one byte every `everyMs`, never finishing the headers in time. */
export function trickleServer(everyMs = 200): Promise<Running> {
  return listen(
    net.createServer((s) => {
      const text = 'HTTP/1.1 301 Moved Permanently\r\nLocation: https://slow.example/\r\nX-Padding: ' + 'x'.repeat(4000) + '\r\n\r\n';
      let i = 0;
      const t = setInterval(() => {
        if (s.destroyed || i >= text.length) return clearInterval(t);
        s.write(text[i++]!);
      }, everyMs);
      s.on('close', () => clearInterval(t));
      s.on('error', () => clearInterval(t));
    }),
  );
}

/** A port with nothing listening (bound, then closed). */
export async function closedPort(): Promise<number> {
  const r = await listen(net.createServer());
  await r.close();
  return r.port;
}
