/**
 * The GitHub Action, run the way the runner runs it: action.yml's composite
 * step, with its `${{ inputs.* }}` expressions replaced by the inputs (or
 * their defaults), executed by `bash -eo pipefail` with GITHUB_WORKSPACE,
 * GITHUB_ACTION_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set; the
 * assertions read what it wrote to those files.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './pack.js';

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs: Record<string, { value: string; description: string }>;
  runs: { using: string; steps: { id: string; shell: string; run: string; env: Record<string, string> }[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parse $GITHUB_OUTPUT: `name=value` lines and `name<<DELIM ... DELIM` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      expect(end, `unterminated output ${heredoc[1]}`).toBeGreaterThan(i);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      const eq = line.indexOf('=');
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

function runAction(workspace: string, inputs: Record<string, string>): Run {
  for (const k of Object.keys(inputs)) expect(action.inputs, `input ${k}`).toHaveProperty(k);
  const step = action.runs.steps[0]!;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.env)) {
    env[k] = v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '');
  }
  const runnerTemp = mkdtempSync(join(tmpdir(), 'vouch-runner-'));
  const outputFile = join(runnerTemp, 'output');
  const summaryFile = join(runnerTemp, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const script = join(runnerTemp, 'step.sh');
  writeFileSync(script, step.run);
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_'))) as Record<string, string>;
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...base, ...env, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: runnerTemp },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') };
}

let ws: string;
beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'vouch-workspace-'));
  mkdirSync(join(ws, 'infra'));
  writeFileSync(join(ws, 'infra', 'storage.yaml'), 'Resources:\n  Scratch:\n    Type: AWS::EFS::FileSystem\n    Properties: { Encrypted: false }\n  Records:\n    Type: AWS::EFS::FileSystem\n    Properties: { Encrypted: true }\n');
  writeFileSync(join(ws, 'claims.yaml'), 'version: 1\nname: action test\nclaims:\n  - id: at-rest\n    text: Data is encrypted at rest.\n    controls: [enc-rest]\n');
  writeFileSync(join(ws, 'suppressions.yaml'), 'suppressions:\n  - rule: enc-rest/*\n    resource: Scratch\n    reason: scratch space without customer data\n    expires: 2999-12-31\n');
});

describe('action.yml', () => {
  it('hands every input to the entry point and maps every output to what it writes', () => {
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps[0]!;
    expect(step.id).toBe('vouch');
    for (const name of Object.keys(action.inputs)) expect(step.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], name).toBe(`\${{ inputs.${name} }}`);
    for (const [name, o] of Object.entries(action.outputs)) expect(o.value, name).toBe(`\${{ steps.vouch.outputs.${name} }}`);
    for (const name of ['command', 'paths', 'claims', 'suppressions', 'fail-on', 'formats', 'baseline']) expect(action.inputs).toHaveProperty(name);
  });
});

describe('deploy/github-actions', () => {
  it('use the vouch Action with inputs it declares, and upload its SARIF', () => {
    const dir = join(ROOT, 'deploy', 'github-actions');
    let uses = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
      const wf = parse(readFileSync(join(dir, file), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string>; id?: string }[] }> };
      for (const job of Object.values(wf.jobs)) {
        for (const [i, step] of job.steps.entries()) {
          if (!/\/vouch@v\d+$/.test(step.uses ?? '')) continue;
          uses++;
          for (const k of Object.keys(step.with ?? {})) expect(action.inputs, `${file}: input ${k}`).toHaveProperty(k);
          expect(step.with?.formats ?? action.inputs.formats!.default, file).toMatch(/\bsarif\b/);
          expect(job.steps.slice(i + 1).some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')), `${file}: SARIF upload after vouch`).toBe(true);
        }
      }
    }
    expect(uses).toBeGreaterThanOrEqual(2);
  });
});

describe('the action run as the runner runs it', () => {
  it('checks templates, fails the step on a failure, sets every output, writes the job summary and leaves SARIF', () => {
    const r = runAction(ws, { paths: 'infra', claims: 'claims.yaml' });
    expect(r.status).toBe(1);
    expect(Object.keys(r.outputs).sort()).toEqual(Object.keys(action.outputs).sort());
    expect(r.outputs).toMatchObject({ 'exit-code': '1', result: 'fail', failed: '1', 'gating-failures': '1', passed: '1', unknown: '0', suppressed: '0', total: '2' });
    expect(r.outputs['report-dir']).toBe(join(ws, 'reports'));
    expect(r.outputs.evidence).toBe(join(ws, 'reports', 'evidence.json'));
    const sarif = JSON.parse(readFileSync(r.outputs.sarif!, 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.some((x) => x.ruleId === 'enc-rest/aws-efs-file-system')).toBe(true);
    expect(r.summary.startsWith('## vouch: fail\n')).toBe(true);
    expect(r.summary).toContain('| 1 | 1 | 0 | 1 | 0 | 0 |');
    // vouch's own summary.md follows the heading.
    expect(r.summary).toContain(readFileSync(r.outputs.summary!, 'utf8'));
    // vouch's output (which quotes the templates) runs with workflow commands stopped, and they are resumed after.
    const stop = /^::stop-commands::([0-9a-f]{32})$/m.exec(r.stdout);
    expect(stop).not.toBeNull();
    expect(r.stdout).toContain(`\n::${stop![1]}::\n`);
    expect(r.stdout.indexOf('enc-rest/aws-efs-file-system')).toBeGreaterThan(r.stdout.indexOf('::stop-commands::'));
  });

  it('passes with suppressions and fail-on, writing only the formats asked for', () => {
    const r = runAction(ws, { paths: 'infra/storage.yaml', claims: 'claims.yaml', suppressions: 'suppressions.yaml', 'fail-on': 'high', formats: 'json', out: 'out/vouch' });
    expect(r.status).toBe(0);
    expect(r.outputs).toMatchObject({ 'exit-code': '0', result: 'pass', suppressed: '1', 'gating-failures': '0', sarif: '', summary: '' });
    expect(r.outputs.evidence).toBe(join(ws, 'out', 'vouch', 'evidence.json'));
    expect(JSON.parse(readFileSync(r.outputs.evidence!, 'utf8')).run.failOn).toBe('high');
    expect(r.summary).toMatch(/^## vouch: pass\n/);
  });

  it('compares with a baseline: the summary lists what is new', () => {
    const base = runAction(ws, { paths: 'infra', claims: 'claims.yaml', suppressions: 'suppressions.yaml', out: 'base' });
    expect(base.status).toBe(0);
    const r = runAction(ws, { paths: 'infra', claims: 'claims.yaml', baseline: 'base/evidence.json', out: 'head' });
    expect(r.status).toBe(1);
    const baseRun = JSON.parse(readFileSync(join(ws, 'base', 'evidence.json'), 'utf8')).run.id as string;
    // The suppressed failure of the baseline run is unsuppressed now: one new failure.
    expect(r.summary).toContain(`### New failures since run \`${baseRun}\` (1)`);
  });

  it('refuses a command it does not run, as a one-line error annotation and exit 2', () => {
    const r = runAction(ws, { command: 'rules; rm -rf /' });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error title=vouch::input 'command': 'rules; rm -rf \/' is not one of check, evaluate, scan aws/m);
    expect(r.outputs).toEqual({ 'exit-code': '2', result: 'error' });
    expect(r.summary).toMatch(/^## vouch: error/);
    const scanWithPaths = runAction(ws, { command: 'scan aws', paths: 'infra' });
    expect(scanWithPaths.status).toBe(2);
    expect(scanWithPaths.stdout).toContain("input 'paths': 'scan aws' takes no paths");
    const badSeverity = runAction(ws, { paths: 'infra', 'fail-on': 'urgent' });
    expect(badSeverity.status).toBe(2);
    expect(badSeverity.stdout).toContain("input 'fail-on': 'urgent' is not one of critical");
  });

  it("runs the workspace's own vouch (node_modules/vouch) when the project installed one", () => {
    const project = mkdtempSync(join(tmpdir(), 'vouch-project-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules', 'vouch'), 'dir');
    writeFileSync(join(project, 'template.yaml'), 'Resources:\n  Sealed:\n    Type: AWS::EFS::FileSystem\n    Properties: { Encrypted: true }\n');
    const r = runAction(project, { paths: 'template.yaml', claims: join(ws, 'claims.yaml') });
    expect(r.stdout).toContain('(from node_modules/vouch)');
    expect(r.status).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'pass', passed: '1', failed: '0' });
  });

  it('checks cdk.out when no paths are given', () => {
    const r = runAction(ws, { claims: 'claims.yaml' });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^vouch check cdk\.out --claims claims\.yaml /m);
    expect(r.stdout).toMatch(/::error title=vouch::vouch: .*cdk\.out/);
  });

  it('reports a vouch input error (a missing template) as result error with the reason, and no stale evidence', () => {
    const r = runAction(ws, { paths: 'infra/missing.yaml', claims: 'claims.yaml' });
    expect(r.status).toBe(2);
    expect(r.outputs).toMatchObject({ 'exit-code': '2', result: 'error', evidence: '', sarif: '', failed: '' });
    expect(r.stdout).toMatch(/^::error title=vouch::vouch: .*missing\.yaml/m);
    expect(r.summary).toContain('No evidence was written');
    expect(r.summary).toContain('missing.yaml');
    // reports/evidence.json from the first test is still there, and was not reported as this run's.
    expect(existsSync(join(ws, 'reports', 'evidence.json'))).toBe(true);
  });
});

describe('the Action reference', () => {
  /** Files that show a workflow using the Action. */
  function workflowTexts(): [string, string][] {
    const files = ['README.md', 'action.yml', ...readdirSync(join(ROOT, 'deploy/github-actions')).map((f) => `deploy/github-actions/${f}`), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    return files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]);
  }

  it("names one repository everywhere: package.json's `repository`, no placeholder owner", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository?: { url?: string } };
    const m = /github\.com\/([\w.-]+\/[\w.-]+?)(\.git)?$/.exec(pkg.repository?.url ?? '');
    expect(m, 'package.json repository.url names a GitHub repository').not.toBeNull();
    const repo = m![1]!;
    let uses = 0;
    for (const [file, text] of workflowTexts()) {
      for (const hit of text.matchAll(/uses:\s*([^\s@#]+\/vouch)@/g)) {
        uses++;
        expect(hit[1], file).toBe(repo);
      }
      expect(text, file).not.toMatch(/<owner>\/vouch|OWNER\/vouch/);
    }
    // README and both deploy workflows show it.
    expect(uses).toBeGreaterThanOrEqual(3);
  });
});
