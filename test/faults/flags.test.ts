/** Scan flags through the real CLI: ranges checked, repeats accepted, passwords never echoed. */
import { describe, it, expect } from 'vitest';
import { runVouch } from '../helpers/in-process.js';

// Credentials that reach nothing: a closed loopback port, one attempt.
const ENV = { AWS_ACCESS_KEY_ID: 'AKIAVOUCHFLAGSTEST01', AWS_SECRET_ACCESS_KEY: 'flags-secret', AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: undefined, CI: 'true' };
const NOWHERE = ['--endpoint', 'default=http://127.0.0.1:9', '--max-attempts', '1', '--out', '/tmp/vouch-flags-never-written', '--quiet'];

describe('scan flags', () => {
  it('--request-timeout 1e10 is an input error naming the range, not a 1 ms timer', async () => {
    for (const cmd of [['scan', 'aws'], ['scan', 'digitalocean'], ['scan', 'gcp', '--project', 'shop-prod']]) {
      const r = await runVouch([...cmd, '--request-timeout', '1e10', '--out', '/tmp/vouch-flags-never-written', '--quiet'], { ...ENV, DIGITALOCEAN_TOKEN: 'dop_v1_x' });
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stderr, cmd.join(' ')).toMatch(/--request-timeout: expected a number of seconds from 0\.1 to \d+ s, got '10000000000'/);
    }
  });

  it('--deadline takes 90s / 15m / 2h and refuses nonsense', async () => {
    const r = await runVouch(['scan', 'aws', '--deadline', 'soon', ...NOWHERE], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--deadline: expected a duration such as 300, 90s, 15m or 2h/);
  });

  it('--regions given twice is joined, not a crash ("v.split is not a function")', async () => {
    const r = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--regions', 'eu-west-1,eu-central-1', '--request-timeout', '1', ...NOWHERE], ENV);
    expect(r.stderr).not.toMatch(/split is not a function/);
    // It got as far as authenticating against the closed port: the flags were understood.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot authenticate/);
    const bad = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--regions', 'mars-1', ...NOWHERE], ENV);
    expect(bad.stderr).toMatch(/--regions: 'mars-1' is not an AWS region name/);
  });

  it('a single-value flag given twice is an input error', async () => {
    const r = await runVouch(['scan', 'aws', '--profile', 'a', '--profile', 'b', ...NOWHERE], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profile was given 2 times/);
  });

  it('an --endpoint URL with a password is refused and never echoed, on every scan and merge', async () => {
    for (const cmd of [['scan', 'aws'], ['scan', 'gcp', '--project', 'shop-prod'], ['scan', 'digitalocean'], ['merge', 's3://b/p']]) {
      const name = cmd[1] === 'gcp' ? 'storage' : cmd[1] === 'digitalocean' ? 'api' : 's3';
      const r = await runVouch([...cmd, '--endpoint', `${name}=https://admin:Sup3rS3cretPassw0rd@127.0.0.1:9000`, '--quiet'], { ...ENV, DIGITALOCEAN_TOKEN: 'dop_v1_x' });
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stderr + r.stdout, cmd.join(' ')).not.toMatch(/Sup3rS3cretPassw0rd|admin:/);
      expect(r.stderr, cmd.join(' ')).toMatch(/credentials in the URL are not accepted/);
    }
  });
});
