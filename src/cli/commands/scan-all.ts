import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { withScanOptions, parseKeyValues, deadlineMs, type ScanArgs } from '../options.js';
import { evaluateAndReport, prepareRun } from '../evaluate-and-report.js';
import { InputError } from '../../engine/errors.js';
import { Inventory } from '../../engine/inventory.js';
import { mergeInventories, saveInventory } from '../../engine/inventory-file.js';
import type { VouchConfig } from '../../engine/config.js';
import { endpointUrl } from './scan-digitalocean.js';
import { aws as awsDecl, gcp as gcpDecl, digitalocean as doDecl, serviceNames, parseServiceList } from '../../providers/index.js';

/**
 * `vouch scan all`: every configured source (AWS, GCP, DigitalOcean, IaC
 * paths) in one run and one evidence file. A source whose credentials or
 * settings are absent is skipped with a one-line reason (recorded in the
 * evidence's coverage.notCollected), never an error unless named in
 * `--require`. Each provider's own scan function does the collecting.
 */

export const SOURCES = ['aws', 'gcp', 'digitalocean', 'iac'] as const;
export type SourceName = (typeof SOURCES)[number];

interface ScanAllArgs extends ScanArgs {
  require?: string;
  'save-inventory'?: string;
  iac?: string[];
  profile?: string;
  regions?: string;
  project?: string[];
  organization?: string;
  folder?: string;
  'token-env'?: string;
  services?: string | string[];
}

type Cloud = 'aws' | 'gcp' | 'digitalocean';

/**
 * `--services` for `scan all`: `cloud:service` items (`aws:s3,gcp:storage`,
 * `do:` for digitalocean) or bare names, which apply to every cloud that has
 * such a service. A cloud no item names is read whole; what a named cloud
 * leaves out is reported not collected, as with the per-cloud commands.
 */
export function servicesPerCloud(v: unknown): Partial<Record<Cloud, string[]>> {
  if (v === undefined || v === null || v === '' || v === 'all') return {};
  const decl = { aws: awsDecl, gcp: gcpDecl, digitalocean: doDecl } as const;
  const picked: Partial<Record<Cloud, string[]>> = {};
  for (const raw of (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','))) {
    const item = raw.trim().toLowerCase();
    if (!item || item === 'all') continue;
    const m = /^(aws|gcp|digitalocean|do):(.+)$/.exec(item);
    const clouds: Cloud[] = m ? [m[1] === 'do' ? 'digitalocean' : (m[1] as Cloud)] : (Object.keys(decl) as Cloud[]).filter((c) => serviceNames(decl[c]).includes(item));
    if (!clouds.length) throw new InputError(`--services: unknown service '${raw.trim()}' (name it as cloud:service, e.g. aws:${serviceNames(awsDecl)[0]}, gcp:${serviceNames(gcpDecl)[0]}, do:${serviceNames(doDecl)[0]})`);
    for (const c of clouds) (picked[c] ??= []).push(m ? m[2]! : item);
  }
  // Each cloud's names are checked as its own command checks them.
  for (const c of Object.keys(picked) as Cloud[]) picked[c] = parseServiceList(decl[c], picked[c]!.join(','));
  return picked;
}

type Env = NodeJS.ProcessEnv;

/**
 * Where the AWS SDK's default chain would find credentials, checked without a
 * network call (the instance metadata service is not probed: on EC2 name the
 * source in vouch.config.yaml `sources.aws`). Undefined when nothing is found.
 */
export function awsCredentialSource(env: Env = process.env, home: string = homedir()): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID';
  if (env.AWS_PROFILE) return 'AWS_PROFILE';
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'AWS_WEB_IDENTITY_TOKEN_FILE';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'container credentials';
  const creds = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  if (existsSync(creds)) return creds;
  const config = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  if (existsSync(config)) return config;
  return undefined;
}

/** Application Default Credentials, found the way google-auth-library looks for them (without the metadata server). */
export function gcpCredentialSource(env: Env = process.env, home: string = homedir()): string | undefined {
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return 'GOOGLE_APPLICATION_CREDENTIALS';
  const dir = env.CLOUDSDK_CONFIG || join(home, '.config', 'gcloud');
  const adc = join(dir, 'application_default_credentials.json');
  return existsSync(adc) ? adc : undefined;
}

const list = (v: unknown): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);

/** `--endpoint PROVIDER:NAME=URL` flags over `sources.<provider>.endpoints` in the config, as NAME=URL lists per provider. */
export function endpointsByProvider(flags: unknown, config: VouchConfig | undefined): Record<'aws' | 'gcp' | 'digitalocean', string[]> {
  const out: Record<'aws' | 'gcp' | 'digitalocean', Record<string, string>> = {
    aws: { ...(config?.sources.aws?.endpoints ?? {}) },
    gcp: { ...(config?.sources.gcp?.endpoints ?? {}) },
    digitalocean: { ...(config?.sources.digitalocean?.endpoints ?? {}) },
  };
  for (const [key, url] of Object.entries(parseKeyValues('endpoint', flags))) {
    const m = /^(aws|gcp|digitalocean):(.+)$/.exec(key);
    if (!m) throw new InputError(`--endpoint ${key}=...: scan all needs PROVIDER:NAME=URL (aws:s3=..., gcp:storage=..., digitalocean:api=...)`);
    out[m[1] as 'aws'][m[2]!] = url;
  }
  const asList = (r: Record<string, string>) => Object.entries(r).map(([k, v]) => `${k}=${v}`);
  return { aws: asList(out.aws), gcp: asList(out.gcp), digitalocean: asList(out.digitalocean) };
}

interface Plan {
  name: SourceName;
  /** Why it is skipped; undefined when it runs. */
  skip?: string;
  run?: () => Promise<{ inventory: Inventory; inputs: string[] }>;
}

const GCP_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const GCP_NUMERIC = /^(organizations\/|folders\/)?\d{1,20}$/;

function plan(argv: ScanAllArgs): Plan[] {
  const config = argv.vouchConfig;
  const sources = config?.sources ?? {};
  const endpoints = endpointsByProvider(argv.endpoint, config);
  const concurrency = (argv.concurrency as number | undefined) ?? config?.concurrency ?? 8;
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) throw new InputError('--concurrency: expected an integer from 1 to 256');
  const quiet = Boolean(argv.quiet);
  const services = servicesPerCloud(argv.services);
  const plans: Plan[] = [];

  // AWS
  {
    const a = sources.aws;
    const found = awsCredentialSource();
    if (!a && !argv.profile && !found)
      plans.push({ name: 'aws', skip: 'no credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or name sources.aws in vouch.config.yaml' });
    else
      plans.push({
        name: 'aws',
        run: async () => {
          process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
          const { scanAws, parseRegions } = await import('../../collectors/aws/scan.js');
          const { parseEndpoints } = await import('../../collectors/aws/clients.js');
          let eps: Record<string, string>;
          try {
            eps = parseEndpoints(endpoints.aws);
          } catch (e) {
            throw new InputError((e as Error).message);
          }
          const regionList = a?.regions ?? config?.regions;
          const regions = argv.regions ? parseRegions(argv.regions) : regionList ? parseRegions(regionList.join(',')) : 'all';
          const { inventory, accounts } = await scanAws({
            ...(services.aws ? { services: services.aws } : {}),
            profile: argv.profile ?? a?.profile,
            regions,
            roleArn: a?.roleArn,
            orgRole: a?.orgRole,
            accounts: a?.accounts,
            concurrency,
            endpoints: eps,
            progress: !quiet,
          });
          return { inventory, inputs: accounts.map((x) => `aws:${x}`) };
        },
      });
  }

  // GCP
  {
    const g = sources.gcp;
    const projects = argv.project?.length ? list(argv.project) : (g?.projects ?? list(process.env.GOOGLE_CLOUD_PROJECT));
    const organization = argv.organization ?? g?.organization;
    const folder = argv.folder ?? g?.folder;
    const found = gcpCredentialSource();
    const hasTargets = projects.length > 0 || Boolean(organization) || Boolean(folder);
    if (!g && !found && !argv.project?.length)
      plans.push({ name: 'gcp', skip: 'no Application Default Credentials found: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS, and name sources.gcp.projects in vouch.config.yaml' });
    else if (!hasTargets)
      plans.push({ name: 'gcp', skip: 'nothing to scan: name sources.gcp.projects, organization or folder in vouch.config.yaml (or set GOOGLE_CLOUD_PROJECT)' });
    else {
      for (const p of projects) if (!GCP_ID.test(p)) throw new InputError(`gcp: '${p}' is not a project id (6-30 lowercase letters, digits, hyphens)`);
      for (const [what, v] of [['organization', organization], ['folder', folder]] as const)
        if (v !== undefined && !GCP_NUMERIC.test(String(v))) throw new InputError(`gcp: ${what} '${v}' is not a numeric ${what} id`);
      plans.push({
        name: 'gcp',
        run: async () => {
          const { parseEndpoints } = await import('../../collectors/gcp/transport.js');
          const { scanGcp } = await import('../../collectors/gcp/index.js');
          const { Progress } = await import('../../collectors/common/progress.js');
          const { inventory, projects: scanned } = await scanGcp({
            ...(services.gcp ? { services: services.gcp } : {}),
            endpoints: parseEndpoints(endpoints.gcp),
            concurrency,
            progress: new Progress('gcp', process.stderr, !quiet),
            targets: { projects, organization, folder },
          });
          if (scanned.length === 0)
            (inventory.coverage.failures ??= []).push({ operation: 'cloudresourcemanager.projects.list', code: 'NO_PROJECTS', message: 'no active project found under the given organization/folder' });
          return { inventory, inputs: scanned.map((p) => `gcp:projects/${p}`) };
        },
      });
    }
  }

  // DigitalOcean
  {
    const varName = argv['token-env'] ?? sources.digitalocean?.tokenEnv ?? 'DIGITALOCEAN_TOKEN';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(varName)) throw new InputError(`--token-env: '${varName}' is not an environment variable name`);
    const token = process.env[varName]?.trim();
    if (!token) plans.push({ name: 'digitalocean', skip: `no token: ${varName} is not set (a read-only API token is enough; name another variable with sources.digitalocean.tokenEnv)` });
    else {
      if (/\s/.test(token)) throw new InputError(`${varName}: the token contains whitespace`);
      const eps: Record<string, string> = {};
      for (const [k, v] of Object.entries(parseKeyValues('endpoint', endpoints.digitalocean))) {
        if (k !== 'api' && k !== 'spaces') throw new InputError(`digitalocean endpoint ${k}: unknown endpoint name (expected api or spaces)`);
        eps[k] = endpointUrl(k, v);
      }
      plans.push({
        name: 'digitalocean',
        run: async () => {
          const { collectDigitalOcean, TokenRejected } = await import('../../collectors/digitalocean/index.js');
          const { Progress } = await import('../../collectors/common/progress.js');
          const inventory = await collectDigitalOcean({
            ...(services.digitalocean ? { services: services.digitalocean } : {}),
            token,
            apiUrl: eps.api,
            spaces: {
              accessKeyId: process.env.SPACES_ACCESS_KEY_ID?.trim() || undefined,
              secretAccessKey: process.env.SPACES_SECRET_ACCESS_KEY?.trim() || undefined,
              endpoint: eps.spaces,
            },
            concurrency: Math.min(concurrency, 64),
            timeoutMs: 30_000,
            maxRateLimitWaitMs: 60_000,
            progress: new Progress('digitalocean', process.stderr, !quiet),
          }).catch((e: unknown) => {
            throw e instanceof TokenRejected ? new Error(`${varName}: ${e.message}`) : e;
          });
          return { inventory, inputs: [`digitalocean:${eps.api ?? 'https://api.digitalocean.com'}`] };
        },
      });
    }
  }

  // IaC
  {
    const iac = sources.iac;
    const paths = argv.iac?.length ? list(argv.iac) : (iac?.paths ?? []);
    if (!paths.length) plans.push({ name: 'iac', skip: 'no paths: name sources.iac in vouch.config.yaml (or --iac PATH)' });
    else
      plans.push({
        name: 'iac',
        run: async () => {
          const { loadIac } = await import('../../iac/load.js');
          const inventory = loadIac(paths, { parameters: iac?.parameters ?? {}, region: iac?.region, account: iac?.account });
          return { inventory, inputs: inventory.coverage.inputs ?? paths };
        },
      });
  }
  return plans;
}

export function parseRequire(v: string | undefined): SourceName[] {
  const names = list(v);
  for (const n of names) if (!(SOURCES as readonly string[]).includes(n)) throw new InputError(`--require: unknown source '${n}' (expected ${SOURCES.join(', ')})`);
  return names as SourceName[];
}

export const scanAllCommand: CommandModule<object, ScanAllArgs> = {
  command: 'all',
  describe: 'Scan every configured source (AWS, GCP, DigitalOcean, IaC paths) into one evidence file',
  builder: (y) =>
    withScanOptions(y)
      .option('concurrency', { type: 'number', describe: 'API calls in flight per service (default: concurrency in vouch.config.yaml, else 8)' })
      .option('require', { type: 'string', describe: 'Comma list of sources that must be configured (aws,gcp,digitalocean,iac): exit 2 if one is not' })
      .option('save-inventory', { type: 'string', describe: 'Also write the merged inventory to this file, to judge again later with `vouch evaluate`' })
      .option('iac', { type: 'string', array: true, describe: 'Template files, directories or cdk.out folders (default: sources.iac in vouch.config.yaml)' })
      .option('profile', { type: 'string', describe: 'AWS profile (default: sources.aws.profile, else the SDK credential chain)' })
      .option('regions', { type: 'string', describe: 'AWS regions, a comma list or all (default: sources.aws.regions, else regions, else all)' })
      .option('project', { type: 'string', array: true, describe: 'GCP project id (default: sources.gcp.projects, else GOOGLE_CLOUD_PROJECT)' })
      .option('organization', { type: 'string', describe: 'GCP organization id (default: sources.gcp.organization)' })
      .option('folder', { type: 'string', describe: 'GCP folder id (default: sources.gcp.folder)' })
      .option('token-env', { type: 'string', describe: 'Environment variable holding the DigitalOcean token (default: sources.digitalocean.tokenEnv, else DIGITALOCEAN_TOKEN)' })
      .option('services', {
        type: 'string',
        describe: 'Comma list of services to read: cloud:service (aws:s3, gcp:storage, do:spaces) or a bare name for every cloud that has it; a cloud not named is read whole. Rules on what is left out are reported not collected (exit 3)',
      })
      .example('$0 scan all --services aws:iam,aws:s3,gcp:storage', 'read only IAM and S3 on AWS and Cloud Storage on GCP (DigitalOcean whole)')
      .example('$0 scan all --config vouch.config.yaml', 'the nightly job: every configured source, one evidence file')
      .example('$0 scan all --require aws,gcp --format json,md,sarif', 'fail (exit 2) when AWS or GCP credentials are missing')
      .example('$0 scan all --endpoint gcp:storage=http://127.0.0.1:4443', 'route one provider API to a local server (PROVIDER:NAME=URL)') as never,
  handler: async (argv) => {
    const startedAt = new Date();
    const required = parseRequire(argv.require);
    const prepared = prepareRun(argv);
    const plans = plan(argv);
    const say = (line: string) => process.stderr.write(`${line}\n`);
    for (const p of plans) if (p.skip) say(`${p.name}: not configured (${p.skip})`);
    const missing = required.filter((r) => plans.find((p) => p.name === r)?.skip);
    if (missing.length) throw new InputError(`--require: ${missing.join(', ')} not configured (see the lines above)`);
    const running = plans.filter((p) => p.run);
    if (!running.length) throw new InputError('scan all: no source is configured (see the lines above); nothing was scanned');

    const parts: { inventory: Inventory; file: string }[] = [];
    const inputs: string[] = [];
    const failures: NonNullable<Inventory['coverage']['failures']> = [];
    // One --deadline for the whole run: each source gets what is left of it.
    const { startRunDeadline, endRunDeadline, withinDeadline } = await import('../../collectors/common/deadline.js');
    startRunDeadline(deadlineMs(argv));
    try {
    for (const p of running) {
      if (!argv.quiet) say(`${p.name}: scanning`);
      try {
        const r = await withinDeadline(`scan ${p.name}`, p.run!());
        parts.push({ inventory: r.inventory, file: p.name });
        inputs.push(...r.inputs);
      } catch (e) {
        // One source failing does not lose the others: the run is incomplete (exit 3) and says why.
        if (e instanceof InputError && required.includes(p.name)) throw e;
        const message = (e as Error)?.message?.split('\n')[0] ?? String(e);
        say(`${p.name}: scan failed: ${message}`);
        failures.push({ operation: `scan ${p.name}`, code: 'SOURCE_FAILED', message });
      }
    }
    } finally {
      endRunDeadline();
    }
    const notCollected = plans.filter((p) => p.skip).map((p) => ({ what: p.name, why: `not configured: ${p.skip}` }));
    parts.push({ inventory: new Inventory([], { ...(failures.length ? { failures } : {}), ...(notCollected.length ? { notCollected } : {}) }), file: 'scan all' });
    const inventory = mergeInventories(parts);
    const command = `scan all (${running.map((p) => p.name).join(', ')})`;
    if (argv['save-inventory']) saveInventory(inventory, argv['save-inventory'], { command, collectedAt: startedAt });
    await evaluateAndReport(argv, prepared, inventory, command, inputs, startedAt);
  },
};
