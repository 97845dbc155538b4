#!/usr/bin/env node
// The GitHub Action's entry point (action.yml runs it as a composite step).
// Plain JavaScript with no dependencies, so the action runs from a checkout of
// this repository without a build. It reads the inputs the way the runner
// hands them over (INPUT_<NAME> variables), runs the vouch CLI, and writes:
//   - the step outputs to $GITHUB_OUTPUT (exit code, counts, report paths);
//   - a Markdown job summary to $GITHUB_STEP_SUMMARY;
//   - nothing else: the SARIF file stays in the output directory for
//     github/codeql-action/upload-sarif.
// Its exit code is vouch's: 0 clean, 1 failures at or above fail-on, 2 usage
// or input error, 3 incomplete (unknown verdicts).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTION_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Commands the action runs; anything else is refused before vouch starts. */
const COMMANDS = ['check', 'evaluate', 'scan aws', 'scan gcp', 'scan digitalocean', 'scan do', 'scan all'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** GitHub refuses a step summary above 1 MiB; stay below it. */
const MAX_SUMMARY_BYTES = 900 * 1024;

/**
 * An input as the runner passes it: INPUT_ + the name upper-cased, spaces as
 * underscores (a JavaScript action keeps hyphens: INPUT_FAIL-ON; action.yml's
 * composite step sets INPUT_FAIL_ON, a name every shell accepts); trimmed.
 */
export function input(name, env = process.env) {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim();
}

class ActionError extends Error {}

/** Workflow command data: %, CR and LF are escaped so a message cannot start a second command. */
const escapeCommand = (s) => String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** The vouch argument list for the inputs. Paths and extra arguments split on whitespace; no shell is involved. */
export function vouchArgs(env = process.env) {
  const command = input('command', env).replace(/\s+/g, ' ') || 'check';
  if (!COMMANDS.includes(command)) throw new ActionError(`input 'command': '${command}' is not one of ${COMMANDS.join(', ')}`);
  const args = command.split(' ');
  const paths = input('paths', env).split(/\s+/).filter(Boolean);
  const config = existsSync(join(process.cwd(), 'vouch.config.yaml'));
  // check without paths: the config's sources.iac, else the CDK app's assembly.
  if (command === 'check' && paths.length === 0 && !config) paths.push('cdk.out');
  if (command === 'evaluate' && paths.length === 0 && !config) throw new ActionError(`input 'paths': 'evaluate' needs an inventory file`);
  if (command.startsWith('scan') && paths.length) throw new ActionError(`input 'paths': '${command}' takes no paths (use 'args' for its flags)`);
  args.push(...paths);
  const failOn = input('fail-on', env);
  if (failOn && !SEVERITIES.includes(failOn)) throw new ActionError(`input 'fail-on': '${failOn}' is not one of ${SEVERITIES.join(', ')}`);
  for (const [name, flag] of [['claims', '--claims'], ['suppressions', '--suppressions'], ['fail-on', '--fail-on'], ['formats', '--format'], ['baseline', '--baseline']]) {
    const v = input(name, env);
    if (v) args.push(flag, v);
  }
  args.push('--out', outDir(env));
  args.push(...input('args', env).split(/\s+/).filter(Boolean));
  return args;
}

export function outDir(env = process.env) {
  return input('out', env) || 'reports';
}

/** How to start vouch: the project's own install, this checkout's build, or the registry (pinned to this action's version). */
export function vouchCommand(env = process.env) {
  const local = join(process.cwd(), 'node_modules', 'vouch', 'bin', 'vouch');
  if (existsSync(local)) return { cmd: process.execPath, pre: [local], from: 'node_modules/vouch' };
  if (existsSync(join(ACTION_ROOT, 'dist', 'cli', 'vouch.mjs'))) return { cmd: process.execPath, pre: [join(ACTION_ROOT, 'bin', 'vouch')], from: ACTION_ROOT };
  const version = input('version', env) || JSON.parse(readFileSync(join(ACTION_ROOT, 'package.json'), 'utf8')).version;
  if (!/^[0-9A-Za-z.^~<>=-]+$/.test(version)) throw new ActionError(`input 'version': '${version}' is not a version or range`);
  return { cmd: 'npx', pre: ['--yes', `vouch@${version}`], from: `npm vouch@${version}` };
}

/** Append `name=value` to $GITHUB_OUTPUT, with a random delimiter for values that span lines. */
function setOutput(file, name, value) {
  const v = String(value);
  if (!v.includes('\n')) return appendFileSync(file, `${name}=${v}\n`);
  let delim;
  do delim = `ghadelimiter_${randomBytes(12).toString('hex')}`;
  while (v.includes(delim));
  appendFileSync(file, `${name}<<${delim}\n${v}\n${delim}\n`);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const RESULT = { 0: 'pass', 1: 'fail', 3: 'incomplete' };

/** The job summary: a heading with the verdict and counts, then vouch's summary.md (when written). */
export function jobSummary(commandLine, code, doc, out, stderr) {
  const lines = [`## vouch: ${RESULT[code] ?? 'error'}`, '', `\`vouch ${commandLine}\` exited with ${code}.`, ''];
  if (doc) {
    const s = doc.summary;
    lines.push(
      '| failed | at or above fail-on | unknown | passed | suppressed | n/a |',
      '|---:|---:|---:|---:|---:|---:|',
      `| ${s.byStatus.fail} | ${s.gatingFailures} | ${s.byStatus.unknown} | ${s.byStatus.pass} | ${s.byStatus.suppressed} | ${s.byStatus['not-applicable']} |`,
      '',
    );
  } else {
    const why = stderr.trim().split('\n').filter(Boolean).slice(-3).map((l) => `    ${l}`);
    lines.push('No evidence was written:', '', ...why, '');
  }
  let text = lines.join('\n');
  const md = join(out, 'summary.md');
  if (existsSync(md)) {
    const body = readFileSync(md, 'utf8');
    const room = MAX_SUMMARY_BYTES - Buffer.byteLength(text);
    text += Buffer.byteLength(body) <= room ? body : `${body.slice(0, Math.max(0, room - 200))}\n\n… cut to fit GitHub's summary limit: the whole report is ${md}\n`;
  }
  return text.endsWith('\n') ? text : text + '\n';
}

export function run(env = process.env) {
  const cwdInput = input('working-directory', env);
  if (cwdInput) process.chdir(isAbsolute(cwdInput) ? cwdInput : resolve(env.GITHUB_WORKSPACE ?? process.cwd(), cwdInput));
  else if (env.GITHUB_WORKSPACE && existsSync(env.GITHUB_WORKSPACE)) process.chdir(env.GITHUB_WORKSPACE);
  let args;
  let vouch;
  try {
    args = vouchArgs(env);
    vouch = vouchCommand(env);
  } catch (e) {
    if (!(e instanceof ActionError)) throw e;
    process.stdout.write(`::error title=vouch::${escapeCommand(e.message)}\n`);
    if (env.GITHUB_OUTPUT) {
      setOutput(env.GITHUB_OUTPUT, 'exit-code', 2);
      setOutput(env.GITHUB_OUTPUT, 'result', 'error');
    }
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `## vouch: error\n\nThe action's inputs were refused: ${e.message}\n`);
    return 2;
  }
  const out = resolve(outDir(env));
  const evidencePath = join(out, 'evidence.json');
  // A stale evidence.json from an earlier step must not be reported as this run's.
  const before = readJson(evidencePath)?.run?.id;
  process.stdout.write(`vouch ${args.join(' ')}  (from ${vouch.from})\n`);
  // vouch prints names and values taken from the scanned templates: a line of them must not be read as a workflow command.
  const stop = randomBytes(16).toString('hex');
  process.stdout.write(`::stop-commands::${stop}\n`);
  const r = spawnSync(vouch.cmd, [...vouch.pre, ...args], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
  if (r.stderr) process.stderr.write(r.stderr);
  process.stdout.write(`::${stop}::\n`);
  const code = r.status ?? 2;
  const after = readJson(evidencePath);
  const doc = after?.run?.id && after.run.id !== before ? after : undefined;
  if (code === 2) for (const l of (r.stderr || r.error?.message || 'vouch did not run').trim().split('\n').slice(0, 3)) process.stdout.write(`::error title=vouch::${escapeCommand(l)}\n`);

  if (env.GITHUB_OUTPUT) {
    const o = env.GITHUB_OUTPUT;
    setOutput(o, 'exit-code', code);
    setOutput(o, 'result', RESULT[code] ?? 'error');
    const s = doc?.summary;
    setOutput(o, 'failed', s?.byStatus.fail ?? '');
    setOutput(o, 'gating-failures', s?.gatingFailures ?? '');
    setOutput(o, 'unknown', s?.byStatus.unknown ?? '');
    setOutput(o, 'passed', s?.byStatus.pass ?? '');
    setOutput(o, 'suppressed', s?.byStatus.suppressed ?? '');
    setOutput(o, 'total', s?.total ?? '');
    setOutput(o, 'report-dir', out);
    setOutput(o, 'evidence', doc ? evidencePath : '');
    const sarif = join(out, 'vouch.sarif');
    setOutput(o, 'sarif', doc && existsSync(sarif) ? sarif : '');
    const md = join(out, 'summary.md');
    setOutput(o, 'summary', doc && existsSync(md) ? md : '');
  }
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, jobSummary(args.join(' '), code, doc, out, r.stderr ?? ''));
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = run();
