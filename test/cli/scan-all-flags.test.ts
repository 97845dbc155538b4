/**
 * `scan all` takes each cloud's flags from the cloud's own definitions and
 * checks them with the cloud's own checks (no copy that can drift): every
 * flag of `scan aws|gcp|digitalocean` is on `scan all`, and a bad value gets
 * the same answer from both, before anything is scanned.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { capturedContext } from '../../src/cli/context.js';
import { PROVIDER_CLIS } from '../../src/cli/commands/providers.js';
import { cloudFlagNames } from '../../src/cli/commands/scan-all.js';
import { PROVIDERS } from '../../src/sources/providers/index.js';

const home = mkdtempSync(join(tmpdir(), 'vouch-scan-all-flags-'));
/** No credentials anywhere but what a test names; HOME empty so no ~/.aws or gcloud files are found. */
const ENV = { HOME: home, CI: 'true' };

async function vouch(args: string[], env: Record<string, string> = {}) {
  const ctx = capturedContext({ env: { ...ENV, ...env } });
  const code = await run([...args, '--no-config', '--out', join(home, 'out')], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

describe('scan all derives its per-cloud flags', () => {
  it('every cloud of the registry has its scan and plan commands, and every one of its flags is on scan all', async () => {
    expect(PROVIDER_CLIS.map((p) => p.name)).toEqual(Object.keys(PROVIDERS));
    const help = (await vouch(['scan', 'all', '--help'])).out;
    const names = cloudFlagNames();
    for (const p of PROVIDER_CLIS) {
      expect(Object.keys(p.flags).length, p.name).toBeGreaterThan(0);
      for (const flag of Object.keys(p.flags)) {
        const as = names.find((n) => n.cloud === p.name && n.flag === flag)!.as;
        expect(help, `--${as}`).toContain(`--${as} `);
      }
    }
    // The flags scan all lacked before it derived them.
    for (const f of ['--external-id', '--role-arn', '--max-attempts', '--spaces-regions', '--max-rate-limit-wait', '--aws-services', '--gcp-services', '--digitalocean-request-timeout']) expect(help).toContain(f);
  });

  it('a flag two clouds share is prefixed; one only a single cloud has keeps its name', () => {
    const names = cloudFlagNames();
    expect(names.find((n) => n.cloud === 'aws' && n.flag === 'services')!.as).toBe('aws-services');
    expect(names.find((n) => n.cloud === 'gcp' && n.flag === 'request-timeout')!.as).toBe('gcp-request-timeout');
    expect(names.find((n) => n.cloud === 'aws' && n.flag === 'external-id')!.as).toBe('external-id');
    expect(names.find((n) => n.cloud === 'digitalocean' && n.flag === 'token-env')!.as).toBe('token-env');
    expect(new Set(names.map((n) => n.as)).size).toBe(names.length);
  });

  it('--external-id without a role: the same check as scan aws, exit 2 before anything runs', async () => {
    const creds = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' };
    const own = await vouch(['scan', 'aws', '--external-id', 'x'], creds);
    const all = await vouch(['scan', 'all', '--external-id', 'x'], creds);
    expect(own.code).toBe(2);
    expect(own.err).toMatch(/^vouch: --external-id needs --role-arn or --org-role$/m);
    expect(all.code).toBe(2);
    expect(all.err).toMatch(/^vouch: aws: --external-id needs --role-arn or --org-role$/m);
    expect(all.err).not.toMatch(/scanning/);
  });

  it('DigitalOcean: the request time-out is the flag definition of scan digitalocean (range and default), not a number kept in scan all', async () => {
    const token = { DIGITALOCEAN_TOKEN: 'dop_v1_example' };
    const own = await vouch(['scan', 'digitalocean', '--request-timeout', '601'], token);
    const all = await vouch(['scan', 'all', '--digitalocean-request-timeout', '601'], token);
    expect(own.code).toBe(2);
    expect(own.err).toMatch(/--request-timeout: expected a number of seconds from 0\.1 to 600 s, got '601'/);
    expect(all.code).toBe(2);
    expect(all.err).toMatch(/^vouch: digitalocean: --request-timeout: expected a number of seconds from 0\.1 to 600 s, got '601'/m);
  });

  it('one --concurrency check for every scan', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', DIGITALOCEAN_TOKEN: 'dop_v1_example' };
    for (const args of [['scan', 'aws'], ['scan', 'gcp', '--project', 'my-project-1'], ['scan', 'all']]) {
      const r = await vouch([...args, '--concurrency', '1.5'], env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/--concurrency: expected an integer from 1 to 256/);
    }
    const d = await vouch(['scan', 'digitalocean', '--concurrency', '65'], env);
    expect(d.err).toMatch(/--concurrency: expected an integer from 1 to 64/);
  });

  it('a value from sources.<cloud> in the config is used when the flag is absent (the token variable of DigitalOcean)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-scan-all-config-'));
    const { writeFileSync } = await import('node:fs');
    const cfg = join(dir, 'vouch.config.yaml');
    writeFileSync(cfg, 'version: 1\nsources:\n  digitalocean:\n    tokenEnv: DO_READONLY\n');
    const ctx = capturedContext({ env: { ...ENV } });
    const code = await run(['scan', 'all', '--config', cfg, '--out', join(dir, 'out')], ctx);
    expect(code).toBe(2);
    expect(ctx.err()).toMatch(/^digitalocean: not configured \(no token: DO_READONLY is not set/m);
  });
});

describe('scan all --services: the clouds and their aliases come from the registry', () => {
  it('takes a cloud by its name or its scan command alias, and names an unknown cloud', async () => {
    const { servicesPerCloud } = await import('../../src/cli/commands/scan-all.js');
    expect(servicesPerCloud('digitalocean:spaces,do:databases')).toEqual({ digitalocean: ['spaces', 'databases'] });
    expect(servicesPerCloud('gcp:storage')).toEqual({ gcp: ['storage'] });
    expect(() => servicesPerCloud('azure:blob')).toThrow(/--services: unknown cloud 'azure' in 'azure:blob' \(clouds: aws, gcp, digitalocean, do\)/);
    expect(() => servicesPerCloud('nosuch')).toThrow(/e\.g\. aws:iam, gcp:storage, do:compute\)/);
  });
});

describe('repeat rules cover every cloud flag', () => {
  it('each flag a cloud declares is either a list flag (repeats joined) or a single flag (a repeat is exit 2)', async () => {
    const { LIST_FLAGS, SINGLE_FLAGS } = await import('../../src/cli/options.js');
    const unclassified = PROVIDER_CLIS.flatMap((p) => Object.keys(p.flags).map((f) => `${p.name}: --${f}`)).filter((x) => {
      const f = x.split(': --')[1]!;
      return LIST_FLAGS.includes(f) === SINGLE_FLAGS.includes(f); // neither, or (wrongly) both
    });
    expect(unclassified).toEqual([]);
  });
});
