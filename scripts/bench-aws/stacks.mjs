// Ownership cost: CloudFormation calls and seconds per 100 stacks. Deploys
// STACKS stacks of 3 SQS queues each into moto (CreateStack), then runs the
// real collectors from dist/ with `--services cloudformation` and reports
// the calls per operation and the collection time, per 100 stacks. moto
// answers from this machine, without injected latency: the seconds are
// vouch's work plus moto's, the calls are what a real account would see.
// Usage: node scripts/bench-aws/stacks.mjs [STACKS] (default 300); prints one line.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stacks = Number(process.argv[2] ?? 300);
const python = process.env.VOUCH_PYTHON || 'python3';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
if (spawnSync(python, ['-c', 'import moto, flask'], { stdio: 'ignore' }).status !== 0) {
  process.stdout.write(`ownership (CloudFormation): not measured: moto is not importable with '${python}'\n`);
  process.exit(1);
}
const port = await new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const moto = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
const url = `http://127.0.0.1:${port}`;
try {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('moto did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const { CloudFormationClient, CreateStackCommand } = await import(join(root, 'node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js'));
  const { scanAws } = await import(join(root, 'dist/src/collectors/aws/scan.js'));
  const { mapLimit } = await import(join(root, 'dist/src/collectors/common/limit.js'));
  const credentials = { accessKeyId: 'AKIABENCHSTACKS00001', secretAccessKey: 'bench' };
  const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint: url, credentials });
  await mapLimit(Array.from({ length: stacks }, (_, i) => i), 8, async (i) => {
    const name = `Bench${i}`;
    const Resources = Object.fromEntries([0, 1, 2].map((k) => [`Q${k}`, { Type: 'AWS::SQS::Queue', Properties: { QueueName: `bench-${i}-${k}` }, Metadata: { 'aws:cdk:path': `${name}/Q${k}/Resource` } }]));
    await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify({ Resources }) }));
  });
  const t0 = performance.now();
  const { inventory } = await scanAws({ regions: ['us-east-1'], services: ['cloudformation'], concurrency: 8, endpoints: { default: url }, progress: false, maxAttempts: 2, credentials });
  const ms = performance.now() - t0;
  const calls = Object.entries(inventory.coverage.calls ?? {}).filter(([op]) => op.startsWith('cloudformation:'));
  const total = calls.reduce((n, [, c]) => n + c, 0);
  const per100 = (x) => ((x * 100) / stacks).toFixed(1);
  const failures = (inventory.coverage.failures ?? []).length;
  process.stdout.write(
    `ownership (CloudFormation, moto, no injected latency): ${stacks} stacks × 3 resources: ${total} calls (${calls.map(([op, c]) => `${op.split(':')[1]} ${c}`).join(', ')}), ${(ms / 1000).toFixed(1)} s → per 100 stacks ${per100(total)} calls, ${(ms / 1000 / (stacks / 100)).toFixed(2)} s; failures ${failures}\n`,
  );
  process.exitCode = failures ? 1 : 0;
} finally {
  moto.kill('SIGTERM');
}
