/**
 * IAM Access Analyzer is not emulated by moto 5.2.1: a loopback server that
 * answers ListAnalyzers in the service's REST-JSON wire format (GET
 * /analyzer, `analyzers` + `nextToken`), paging `pageSize` analyzers at a
 * time, or refusing with AccessDeniedException. Only the server is ours; the
 * real SDK client and collector run against it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnalyzerSeed {
  name: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS';
  status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
}

export interface AccessAnalyzerServer {
  url: string;
  /** Analyzers per region (the region is read from the request signature). */
  analyzers: Map<string, AnalyzerSeed[]>;
  deny: boolean;
  pageSize: number;
  /** `region path?query` of every request. */
  requests: string[];
  close(): Promise<void>;
}

export async function startAccessAnalyzerServer(account = '123456789012'): Promise<AccessAnalyzerServer> {
  const state = { analyzers: new Map<string, AnalyzerSeed[]>(), deny: false, pageSize: 2, requests: [] as string[] };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'us-east-1';
      const u = new URL(req.url ?? '/', 'http://x');
      state.requests.push(`${region} ${req.method} ${u.pathname}${u.search}`);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'aa-fake', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'GET' || u.pathname !== '/analyzer') return send(404, { message: `not served: ${req.method} ${u.pathname}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
      if (state.deny) return send(403, { message: 'User is not authorized to perform: access-analyzer:ListAnalyzers' }, { 'x-amzn-errortype': 'AccessDeniedException' });
      const all = state.analyzers.get(region) ?? [];
      const start = Number(u.searchParams.get('nextToken') ?? '0');
      const page = all.slice(start, start + state.pageSize).map((a) => ({
        arn: `arn:aws:access-analyzer:${region}:${account}:analyzer/${a.name}`,
        name: a.name,
        type: a.type,
        status: a.status,
        createdAt: '2026-01-05T10:00:00Z',
      }));
      const next = start + state.pageSize < all.length ? String(start + state.pageSize) : undefined;
      send(200, { analyzers: page, ...(next ? { nextToken: next } : {}) });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, { url, close: () => new Promise<void>((r) => server.close(() => r())) });
}
