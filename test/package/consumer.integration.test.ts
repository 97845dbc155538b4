/**
 * The package as a user gets it. Pack the tarball, then:
 * 1. a TypeScript CDK app installs it beside aws-cdk-lib, imports `vouch/cdk`
 *    and `vouch` with their types (strict compile, wrong props rejected),
 *    synthesizes with `VouchChecks` registered through
 *    `Validations.of(app).addPlugins`, and runs the installed
 *    `npx vouch check cdk.out`;
 * 2. a template checker installs it with `--omit=optional`: no cloud SDK, no
 *    aws-cdk-lib, small; `vouch check` works and `vouch scan aws` says what
 *    is missing in one line.
 * Any failing step fails the test. Sizes are printed for the release notes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { packTarball, ROOT } from './pack.js';
import { installProject, repoVersion, du, type Project } from './consumer.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

const APP = `import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureBucket, VouchChecks, type VouchChecksProps } from 'vouch/cdk';
import { check, type Evidence, type Finding } from 'vouch';

const app = new App({ outdir: 'cdk.out' });
const stack = new Stack(app, 'Consumer', { env: { account: '111122223333', region: 'eu-west-1' } });
new SecureBucket(stack, 'Records');
new s3.Bucket(stack, 'Loose');

const props: VouchChecksProps = { failOn: 'critical', reportOnly: true };
// @ts-expect-error failOn is a severity, and the declarations say so
const wrong: VouchChecksProps = { failOn: 'urgent' };
void wrong;
const plugin = new VouchChecks(props);
Validations.of(app).addPlugins(plugin);
app.synth();

const evidence: Evidence | undefined = plugin.lastEvidence;
const failed: Finding[] = evidence?.findings.filter((f) => f.status === 'fail') ?? [];
console.log('plugin-failed=' + failed.map((f) => f.ruleId + '@' + (f.resource.logicalId ?? '')).join(','));
const doc = await check('cdk.out');
console.log('api-exit=' + doc.summary.exitCode + ' api-findings=' + doc.findings.length);
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    noEmitOnError: true,
    outDir: 'build',
    types: ['node'],
  },
  include: ['app.ts'],
};

let tarball: string;
/** Every directory this file creates (the tarball's, each project's: ~370 MB with aws-cdk-lib), removed at the end. */
const scratch: string[] = [];
beforeAll(() => {
  tarball = packTarball();
  scratch.push(dirname(tarball));
}, 300_000);
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
}, 120_000);

describe('a TypeScript CDK app that installs the packed tarball', () => {
  let app: Project;
  beforeAll(() => {
    app = installProject([tarball, `aws-cdk-lib@${repoVersion('aws-cdk-lib')}`, `constructs@${repoVersion('constructs')}`, `@types/node@${repoVersion('@types/node')}`], { name: 'cdk-app' });
    scratch.push(app.dir);
    writeFileSync(join(app.dir, 'app.ts'), APP);
    writeFileSync(join(app.dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  }, 600_000);

  it('compiles against the shipped declarations of vouch and vouch/cdk (strict, lib check on)', () => {
    const r = app.run(process.execPath, [tsc, '-p', 'tsconfig.json']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(app.dir, 'build/app.js'))).toBe(true);
  });

  it('synthesizes with VouchChecks through Validations.of(app).addPlugins, running the shipped rules', () => {
    const r = app.run(process.execPath, ['build/app.js']);
    expect(r.stderr).not.toMatch(/Error \[|TypeError|Cannot find/);
    expect(r.status).toBe(0);
    expect(existsSync(join(app.dir, 'cdk.out/manifest.json'))).toBe(true);
    // The plugin judged the synthesized template: the plain bucket fails the TLS rule, the secure one does not.
    const failed = /plugin-failed=(.*)/.exec(r.stdout)?.[1]?.split(',') ?? [];
    expect(failed.some((f) => f.startsWith('tls-min/aws-s3-bucket@Loose'))).toBe(true);
    expect(failed.some((f) => f.includes('@Records'))).toBe(false);
    // The programmatic API of the installed package judged the same assembly.
    expect(r.stdout).toMatch(/api-exit=1 api-findings=[1-9]/);
  });

  it('runs the installed `npx vouch check cdk.out` and writes SARIF', () => {
    const v = app.run('npx', ['--no-install', 'vouch', '--version']);
    expect(v.stdout.trim()).toBe(version);
    const r = app.run('npx', ['--no-install', 'vouch', 'check', 'cdk.out', '--format', 'json,sarif', '--out', 'reports', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const doc = JSON.parse(readFileSync(join(app.dir, 'reports/evidence.json'), 'utf8')) as { tool: { version: string; rulesHash: string }; findings: { ruleId: string; status: string; resource: { logicalId?: string; constructPath?: string } }[] };
    expect(doc.tool.version).toBe(version);
    // The rules hash the installed CLI records is the one this checkout's build records (dist/rules-hash.json ships).
    const here = spawnSync(process.execPath, [join(ROOT, 'bin', 'vouch'), 'check', join(app.dir, 'cdk.out'), '--format', 'json', '--out', join(app.dir, 'reports-repo'), '--quiet'], { encoding: 'utf8' });
    expect(here.status).toBe(1);
    expect(doc.tool.rulesHash).toBe(JSON.parse(readFileSync(join(app.dir, 'reports-repo/evidence.json'), 'utf8')).tool.rulesHash);
    const loose = doc.findings.find((f) => f.ruleId === 'tls-min/aws-s3-bucket' && f.resource.constructPath?.startsWith('Consumer/Loose'));
    expect(loose?.status).toBe('fail');
    expect(existsSync(join(app.dir, 'reports/vouch.sarif'))).toBe(true);
  });
});

describe('a template-checking install (--omit=optional)', () => {
  let checker: Project;
  beforeAll(() => {
    checker = installProject([tarball], { name: 'template-checker', omitOptional: true });
    scratch.push(checker.dir);
  }, 600_000);

  it('installs no cloud SDK and no aws-cdk-lib, and stays small', () => {
    const nm = join(checker.dir, 'node_modules');
    for (const absent of ['@aws-sdk', '@smithy', '@google-cloud', 'google-auth-library', 'aws-cdk-lib', 'constructs']) expect(existsSync(join(nm, absent)), absent).toBe(false);
    const size = du(nm);
    process.stdout.write(`template-checking install of vouch ${version}: ${(size.bytes / 1048576).toFixed(1)} MB, ${size.files} files in node_modules\n`);
    expect(size.bytes).toBeLessThan(40 * 1048576);
  });

  it('checks a template with the installed CLI, and a live scan names the missing optional SDK in one line', () => {
    writeFileSync(
      join(checker.dir, 'template.yaml'),
      'Resources:\n  Scratch:\n    Type: AWS::EFS::FileSystem\n    Properties: { Encrypted: false }\n',
    );
    const r = checker.run('npx', ['--no-install', 'vouch', 'check', 'template.yaml', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(readFileSync(join(checker.dir, 'reports/evidence.json'), 'utf8')).findings.some((f: { ruleId: string; status: string }) => f.ruleId === 'enc-rest/aws-efs-file-system' && f.status === 'fail')).toBe(true);
    // The benchmark profiles (frameworks/*.yaml) ship with the CLI.
    const bench = checker.run('npx', ['--no-install', 'vouch', 'check', 'template.yaml', '--benchmark', 'cis-aws', '--out', 'bench', '--quiet']);
    expect(bench.stderr).toBe('');
    expect([0, 1, 3]).toContain(bench.status);
    expect(JSON.parse(readFileSync(join(checker.dir, 'bench/evidence.json'), 'utf8')).benchmarks?.[0]?.id).toBe('cis-aws');
    const scan = checker.run('npx', ['--no-install', 'vouch', 'scan', 'aws', '--regions', 'us-east-1'], { env: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });
    expect(scan.status).toBe(2);
    expect(scan.stderr.trim().split('\n')).toHaveLength(1);
    expect(scan.stderr).toMatch(/needs @aws-sdk\/[a-z0-9-]+, an optional dependency of vouch that is not installed/);
  });
});
