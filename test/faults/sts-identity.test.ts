/**
 * An STS answer that parses but names no account is not an identity: the scan
 * stops with one line (exit 2) instead of scanning as account `undefined`.
 * The "STS" here is a loopback server of the test's own: no emulator needed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runVouch } from '../helpers/cli.js';

let server: http.Server;
let url = '';
let body = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const env = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret-0123456789', AWS_REGION: 'us-east-1', AWS_PROFILE: undefined, AWS_SESSION_TOKEN: undefined };
const identity = (inner: string) =>
  `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>${inner}</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

describe('scan aws: who the caller is', () => {
  for (const [name, inner] of [
    ['no Account element', '<Arn>arn:aws:iam::123456789012:user/auditor</Arn><UserId>AIDA0000</UserId>'],
    ['an Account that is not 12 digits', '<Account>undefined</Account><Arn>arn:aws:iam::x:user/a</Arn><UserId>AIDA0000</UserId>'],
  ] as const) {
    it(`an identity answer with ${name} is an input error, exit 2, never a scan of account undefined`, async () => {
      body = identity(inner);
      const r = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--services', 's3', '--endpoint', `default=${url}`, '--max-attempts', '1', '--format', 'json', '--quiet'], { env, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/cannot authenticate .*names no 12-digit account/);
      expect(r.stdout + r.stderr).not.toContain('not-a-real-secret');
      expect(r.stdout + r.stderr).not.toMatch(/account undefined|aws:undefined/);
    });
  }
});
