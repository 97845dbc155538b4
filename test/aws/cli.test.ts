/** `vouch scan aws` rejects bad input with one line and exit 2, before any cloud call. */
import { describe, it, expect } from 'vitest';
import { runVouch } from '../helpers/in-process.js';

const ENV = { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', CI: 'true' };

describe('vouch scan aws input errors', () => {
  for (const [args, message] of [
    [['--regions', 'eu-west-1,;rm -rf'], /--regions: ';rm -rf' is not an AWS region/],
    [['--endpoint', 's3=ftp://x'], /--endpoint s3: 'ftp:\/\/x' is not an http\(s\) URL/],
    [['--endpoint', 'eks=http://x'], /unknown AWS service 'eks'/],
    [['--accounts', '12'], /12-digit/],
    [['--role-arn', 'arn:aws:s3:::bucket'], /not an IAM role ARN/],
    [['--external-id', 'x'], /--external-id needs --role-arn or --org-role/],
    [['--concurrency', '0'], /--concurrency/],
    [['--services', 'ec2,nope'], /unknown service 'nope'/],
  ] as const) {
    it(`${args.join(' ')} → exit 2`, async () => {
      const r = await runVouch(['scan', 'aws', ...args, '--out', '/tmp/vouch-never-written'], ENV);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }

  it('unreachable credentials or endpoint: a one-line authentication error, exit 2', async () => {
    const r = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--max-attempts', '1', '--request-timeout', '2', '--out', '/tmp/vouch-never-written'], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vouch: aws: cannot authenticate/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
