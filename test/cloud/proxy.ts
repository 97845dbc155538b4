/**
 * A fault-injecting HTTP proxy on 127.0.0.1, between a real SDK client and a
 * local server (moto, or our GCP / DigitalOcean fixture servers). Rules pick
 * requests (by a predicate over method, path, headers and body) and apply a
 * fault: latency, an error response with a real provider error body,
 * a hang (client time-out), a reset connection, or a rewritten response body
 * (e.g. truncated pagination). Provider-specific matchers and error bodies
 * live beside each provider's fixture server; this file knows none of them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'rewrite'; transform: (body: string, req: ProxiedRequest) => string }
  /** Headers at once, then `chunk` every `everyMs`, never ending (slowloris): defeats idle timers. */
  | { kind: 'trickle'; status?: number; headers?: Record<string, string>; chunk?: string; everyMs?: number }
  /** Headers at once, then a body that never ends, as fast as the client reads it. */
  | { kind: 'endless'; status?: number; headers?: Record<string, string>; prefix?: string }
  /** The fault chosen per request (e.g. an error body in the protocol of the call it answers). */
  | { kind: 'per-request'; make: (req: ProxiedRequest) => Exclude<Fault, { kind: 'per-request' }> };

export interface FaultRule {
  match: (req: ProxiedRequest) => boolean;
  fault: Fault;
  /** Apply to at most this many matching requests (then pass through). Default: all. */
  times?: number;
}

export interface ProxyStats {
  requests: number;
  faulted: number;
}

export interface FaultProxy {
  url: string;
  stats: ProxyStats;
  /** Replace the rules (e.g. between test cases). */
  setRules(rules: FaultRule[]): void;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string, rules: FaultRule[] = []): Promise<FaultProxy> {
  const target = new URL(upstream);
  let active = rules.map((r) => ({ ...r, used: 0 }));
  const stats: ProxyStats = { requests: 0, faulted: 0 };
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      stats.requests++;
      const body = Buffer.concat(chunks);
      const pr: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: body.toString('utf8') };
      let rewrite: ((b: string, r: ProxiedRequest) => string) | undefined;
      for (const rule of active) {
        if (rule.times !== undefined && rule.used >= rule.times) continue;
        if (!rule.match(pr)) continue;
        rule.used++;
        stats.faulted++;
        const f = rule.fault.kind === 'per-request' ? rule.fault.make(pr) : rule.fault;
        if (f.kind === 'latency') {
          await new Promise((r) => setTimeout(r, f.ms));
          continue;
        }
        if (f.kind === 'respond') {
          res.writeHead(f.status, { 'content-type': 'application/json', ...f.headers });
          res.end(f.body);
          return;
        }
        if (f.kind === 'hang') {
          hanging.add(res);
          return;
        }
        if (f.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        if (f.kind === 'trickle') {
          res.writeHead(f.status ?? 200, { 'content-type': 'application/json', ...f.headers });
          res.flushHeaders();
          const t = setInterval(() => res.write(f.chunk ?? ' '), f.everyMs ?? 250);
          res.on('close', () => clearInterval(t));
          hanging.add(res);
          return;
        }
        if (f.kind === 'endless') {
          res.writeHead(f.status ?? 200, { 'content-type': 'application/json', ...f.headers });
          const block = Buffer.alloc(64 * 1024, 0x20);
          let open = true;
          res.on('close', () => (open = false));
          const pump = () => {
            while (open && res.write(block));
            if (open) res.once('drain', pump);
          };
          if (f.prefix) res.write(f.prefix);
          pump();
          hanging.add(res);
          return;
        }
        rewrite = f.transform;
      }
      const headers = { ...req.headers, host: target.host };
      delete headers['content-length'];
      const up = http.request(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...headers, 'content-length': String(body.length) } },
        (upRes) => {
          const out: Buffer[] = [];
          upRes.on('data', (c: Buffer) => out.push(c));
          upRes.on('end', () => {
            let payload = Buffer.concat(out);
            const h = { ...upRes.headers };
            if (rewrite) {
              payload = Buffer.from(rewrite(payload.toString('utf8'), pr), 'utf8');
              delete h['content-encoding'];
            }
            h['content-length'] = String(payload.length);
            delete h['transfer-encoding'];
            res.writeHead(upRes.statusCode ?? 502, h);
            res.end(payload);
          });
        },
      );
      up.on('error', (e) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: upstream error: ${e.message}`);
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setRules(next) {
      active = next.map((r) => ({ ...r, used: 0 }));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
