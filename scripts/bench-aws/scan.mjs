// One benchmark scan in its own process (so its peak RSS is its own): the
// real collectors from dist/ against the lean server, then the evaluation.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [url, concurrency, regions] = process.argv.slice(2);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIABENCHMARK0000001', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1' });
delete process.env.AWS_PROFILE;
const { scanAws } = await import(join(root, 'dist/src/sources/providers/aws/collectors/scan.js'));
const { loadRules } = await import(join(root, 'dist/src/evaluate/registry.js'));
const { runEvaluation } = await import(join(root, 'dist/src/evaluate/run.js'));
const { defaultProfile } = await import(join(root, 'dist/src/evaluate/claims-profile.js'));
const { loadFramework } = await import(join(root, 'dist/src/evaluate/frameworks/profile.js'));
const { benchmarkCountsLine } = await import(join(root, 'dist/src/evaluate/frameworks/verdicts.js'));

const t0 = performance.now();
const { inventory } = await scanAws({ regions: regions.split(','), services: ['s3', 'iam', 'ec2'], concurrency: Number(concurrency), endpoints: { default: url }, progress: false, maxAttempts: 4, requestTimeoutMs: 30_000 });
const collectMs = performance.now() - t0;
const cpu = process.cpuUsage();
const rules = await loadRules();
const t1 = performance.now();
const doc = runEvaluation({ inventory, rules, profile: defaultProfile(), command: 'bench', inputs: [], benchmarks: ['cis-aws', 'aws-fsbp'].map((id) => loadFramework(id)) });
const evaluateMs = performance.now() - t1;
const c = inventory.coverage;
process.stdout.write(
  JSON.stringify({ collectMs, collectCpuMs: (cpu.user + cpu.system) / 1000, evaluateMs, calls: c.calls, resources: c.resources, failures: c.failures, throttles: c.throttles, findings: doc.findings.length, benchmarks: doc.benchmarks.map((b) => ({ id: b.id, line: benchmarkCountsLine(b) })), maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
