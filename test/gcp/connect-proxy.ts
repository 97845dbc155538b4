/**
 * A forward proxy on 127.0.0.1 for the GCP transport tests: it answers
 * `CONNECT host:port` by piping to that address (loopback targets only) and
 * records each tunnel it opened and the Proxy-Authorization it was sent. A
 * plain (non-CONNECT) request is refused with 405 and recorded, so a client
 * that sent the request itself to the proxy would show.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
  url: string;
  /** `host:port` of each CONNECT, in order. */
  tunnels: string[];
  /** Proxy-Authorization headers received (one per CONNECT, '-' when absent). */
  auth: string[];
  /** Requests sent to the proxy as plain HTTP (never expected). */
  plain: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const auth: string[] = [];
  const plain: string[] = [];
  const sockets = new Set<net.Socket>();
  const srv = http.createServer((req, res) => {
    plain.push(`${req.method} ${req.url}`);
    res.writeHead(405).end();
  });
  srv.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = String(req.url);
    tunnels.push(target);
    auth.push(String(req.headers['proxy-authorization'] ?? '-'));
    const m = /^(127\.\d+\.\d+\.\d+|localhost):(\d+)$/.exec(target);
    if (!m) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(m[2]), m[1]!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    tunnels,
    auth,
    plain,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}
