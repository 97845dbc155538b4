/**
 * The Dockerfile at the repository root, performed outside Docker (there is no
 * Docker engine here): each stage gets a temporary directory as its root
 * filesystem; COPY copies from the build context (honouring .dockerignore) or
 * from an earlier stage, WORKDIR and ENV apply, and each RUN runs with `sh`
 * with the stage's absolute paths moved under its root. Then the ENTRYPOINT is
 * run, as `docker run IMAGE --version` and `docker run IMAGE check FILE` would.
 * What cannot be done outside Docker (the base image, switching user) is
 * asserted on the file instead.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { ROOT } from './pack.js';

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  steps: Instruction[];
}

/** FROM/COPY/RUN/... with comments dropped and `\` continuations joined. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: Stage[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Z]+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`Dockerfile: cannot read '${line}'`);
    const [, op, args] = m as unknown as [string, string, string];
    if (op === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args.trim());
      stages.push({ from: f![1]!, name: f![2], steps: [] });
    } else {
      if (!stages.length) throw new Error(`Dockerfile: ${op} before FROM`);
      stages.at(-1)!.steps.push({ op, args: args.trim() });
    }
  }
  return stages;
}

/** .dockerignore as a predicate on context-relative paths (the forms this repository uses: names, `**` prefixes, `*` globs). */
function ignoredBy(text: string): (rel: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const toRe = (p: string) => {
    const anyDepth = p.startsWith('**/');
    const body = (anyDepth ? p.slice(3) : p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
    return new RegExp(`^${anyDepth ? '(?:.*/)?' : ''}${body}(?:/.*)?$`);
  };
  const res = patterns.map(toRe);
  return (rel) => res.some((re) => re.test(rel));
}

const work = mkdtempSync(join(tmpdir(), 'vouch-dockerfile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }), 600_000);

describe('the Dockerfile, performed outside Docker', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = parseDockerfile(dockerfile);
  const ignored = ignoredBy(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));

  it('has two Node stages, runs as a non-root user, and `vouch` is the entrypoint', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', undefined]);
    for (const s of stages) expect(s.from).toMatch(/^node:\d+(-[\w.-]+)?$/);
    const runtime = stages[1]!;
    const user = runtime.steps.filter((s) => s.op === 'USER').at(-1)?.args;
    expect(user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(runtime.steps.find((s) => s.op === 'ENTRYPOINT')?.args).toBe('["vouch"]');
    // The context leaves out what would bloat or leak into it.
    for (const p of ['node_modules', 'dist', '.git', 'reports', 'test/aws/x.ts', 'cdk/example/cdk.out/manifest.json', '.env']) expect(ignored(p), p).toBe(true);
    for (const p of ['src/index.ts', 'package.json', 'rules/enc-rest/aws-s3-bucket/rule.ts', 'scripts/build.mjs']) expect(ignored(p), p).toBe(false);
  });

  it('builds, packs and installs as its steps say; the entrypoint answers --version and checks a template', () => {
    const roots = new Map<string, string>();
    let entrypoint: string[] = [];
    let env: Record<string, string> = {};
    let root = '';
    stages.forEach((stage, i) => {
      root = join(work, `stage-${i}`);
      for (const d of ['tmp', 'usr/local/bin']) mkdirSync(join(root, d), { recursive: true });
      if (stage.name) roots.set(stage.name, root);
      let cwd = root;
      env = {};
      const inRoot = (p: string) => (p.startsWith('/') ? join(root, p) : join(cwd, p));
      // Absolute paths of the image, moved under this stage's root.
      const rewrite = (cmd: string) => cmd.replace(/(^|[\s=])\/(?=(?:app|src|tmp|usr)\b)/g, `$1${root}/`);
      for (const step of stage.steps) {
        if (step.op === 'WORKDIR') {
          cwd = inRoot(step.args);
          mkdirSync(cwd, { recursive: true });
        } else if (step.op === 'ENV') {
          for (const kv of step.args.split(/\s+/)) {
            const [k, ...v] = kv.split('=');
            env[k!] = v.join('=');
          }
        } else if (step.op === 'COPY') {
          const parts = step.args.split(/\s+/);
          const from = parts[0]!.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
          const dest = parts.pop()!;
          for (const src of parts) {
            const source = from ? join(roots.get(from)!, src) : join(ROOT, src);
            expect(existsSync(source), `COPY ${src}`).toBe(true);
            const target = dest.endsWith('/') || parts.length > 1 ? join(inRoot(dest), basename(src)) : inRoot(dest);
            if (statSync(source).isDirectory()) {
              cpSync(source, target, { recursive: true, filter: (p) => from !== undefined || !ignored(relative(ROOT, p)) });
            } else {
              mkdirSync(join(target, '..'), { recursive: true });
              copyFileSync(source, target);
            }
          }
        } else if (step.op === 'RUN') {
          const cmd = rewrite(step.args).replaceAll('npm ci ', 'npm ci --prefer-offline ');
          const r = spawnSync('sh', ['-c', cmd], {
            cwd,
            encoding: 'utf8',
            timeout: 900_000,
            env: { ...process.env, ...env, PATH: `${join(root, 'usr/local/bin')}:${process.env.PATH}`, npm_config_update_notifier: 'false', CI: 'true' },
          });
          expect(r.status, `RUN ${step.args}\n${r.stderr.slice(-2000)}`).toBe(0);
        } else if (step.op === 'ENTRYPOINT') {
          entrypoint = JSON.parse(step.args) as string[];
        }
      }
    });
    // The build stage's context held no node_modules or dist of this checkout.
    const build = roots.get('build')!;
    expect(existsSync(join(build, 'src', 'vouch.tgz'))).toBe(true);
    // The runtime stage: production dependencies and the optional cloud SDKs; no CDK, no dev tools.
    const app = join(root, 'app');
    expect(existsSync(join(app, 'node_modules', '@aws-sdk', 'client-s3'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'google-auth-library'))).toBe(true);
    for (const absent of ['aws-cdk-lib', 'vitest', 'typescript', 'esbuild']) expect(existsSync(join(app, 'node_modules', absent)), absent).toBe(false);
    expect(existsSync(join(app, 'src')), 'sources are not in the image').toBe(false);

    const run = (args: string[], cwd: string) =>
      spawnSync(entrypoint[0]!, [...entrypoint.slice(1), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env, PATH: `${join(root, 'usr/local/bin')}:${process.env.PATH}` } });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = run(['--version'], work);
    expect(v.stderr).toBe('');
    expect(v.stdout.trim()).toBe(pkg.version);

    const project = join(work, 'project');
    mkdirSync(project);
    copyFileSync(join(ROOT, 'rules/enc-rest/aws-dynamodb-table/fixtures/fail.yaml'), join(project, 'template.yaml'));
    const check = run(['check', 'template.yaml', '--out', join(work, 'reports'), '--format', 'json', '--quiet'], project);
    expect(check.status, check.stderr).toBe(1);
    // The fixture fails a rule (a table without point-in-time recovery); the report names the template.
    const evidence = JSON.parse(readFileSync(join(work, 'reports', 'evidence.json'), 'utf8')) as { findings: { ruleId: string; status: string; resource: { file?: string } }[] };
    const failed = evidence.findings.filter((f) => f.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((f) => f.resource.file === 'template.yaml')).toBe(true);
  }, 1_500_000);
});
