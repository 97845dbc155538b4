/**
 * Spaces for tests: Spaces speaks the S3 API, so the local stand-in is moto
 * in server mode (an S3 emulator), seeded through the S3 API itself. When
 * moto is missing the start fails with the reason, so the tests fail loudly
 * rather than skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { prereq } from '../../prereqs.js';

export interface SpacesBucketSpec {
  name: string;
  /** Spaces region slug (the bucket's LocationConstraint). */
  region: string;
  /** Canned ACL. */
  acl?: 'private' | 'public-read';
  /** A bucket policy document. */
  policy?: unknown;
}

export interface LocalSpaces {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Create more buckets through the S3 API. */
  seed(buckets: SpacesBucketSpec[]): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function startSpaces(buckets: SpacesBucketSpec[]): Promise<LocalSpaces> {
  const port = await freePort();
  const child: ChildProcess = spawn(prereq('python'), ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const done = await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 200))]);
    if (done) throw new Error(`moto (python3 -m moto.server) is needed for the Spaces tests and did not start: ${stderr.trim().split('\n').at(-1) ?? 'exited'}`);
    try {
      if ((await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) })).status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('moto did not answer within 60 s');
    }
  }
  const keys = { accessKeyId: 'DO00SPACESTESTKEY000', secretAccessKey: 'spaces-test-secret-not-real' };
  const s3 = await import('@aws-sdk/client-s3');
  const client = new s3.S3Client({ endpoint: url, region: 'us-east-1', forcePathStyle: true, credentials: keys });
  const seed = async (list: SpacesBucketSpec[]) => {
    for (const b of list) {
      await client.send(new s3.CreateBucketCommand({ Bucket: b.name, CreateBucketConfiguration: { LocationConstraint: b.region as never } }));
      if (b.acl) await client.send(new s3.PutBucketAclCommand({ Bucket: b.name, ACL: b.acl }));
      if (b.policy) await client.send(new s3.PutBucketPolicyCommand({ Bucket: b.name, Policy: JSON.stringify(b.policy) }));
    }
  };
  await seed(buckets);
  return {
    url,
    ...keys,
    seed,
    close: async () => {
      client.destroy();
      child.kill();
      await exited;
    },
  };
}
