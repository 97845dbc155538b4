// Ownership cost: CloudFormation calls and seconds per 100 stacks. Deploys
// STACKS stacks of 3 SQS queues each into moto (CreateStack), then runs the
// real collectors from dist/ with `--services cloudformation` and reports
// the calls per operation and the collection time, per 100 stacks. moto
// answers from this machine, without injected latency: the seconds are
// vouch's work plus moto's, the calls are what a real account would see.
// A second pass goes through a loopback proxy that makes every stack look
// drift-checked (moto has no drift detection): DescribeStacks answers carry
// StackDriftStatus DRIFTED and DescribeStackResourceDrifts is answered with an
// empty page in its wire format, so the extra call per stack is counted.
// Usage: node scripts/bench-aws/stacks.mjs [STACKS] (default 300); prints two lines.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import http from 'node:http';
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
  const { scanAws } = await import(join(root, 'dist/src/sources/providers/aws/collectors/scan.js'));
  const { mapLimit } = await import(join(root, 'dist/src/sources/providers/common/limit.js'));
  const credentials = { accessKeyId: 'AKIABENCHSTACKS00001', secretAccessKey: 'bench' };
  const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint: url, credentials });
  await mapLimit(Array.from({ length: stacks }, (_, i) => i), 8, async (i) => {
    const name = `Bench${i}`;
    const Resources = Object.fromEntries([0, 1, 2].map((k) => [`Q${k}`, { Type: 'AWS::SQS::Queue', Properties: { QueueName: `bench-${i}-${k}` }, Metadata: { 'aws:cdk:path': `${name}/Q${k}/Resource` } }]));
    await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify({ Resources }) }));
  });
  const per100 = (x) => ((x * 100) / stacks).toFixed(1);
  let failed = 0;
  const measure = async (label, endpoint) => {
    const t0 = performance.now();
    const { inventory } = await scanAws({ regions: ['us-east-1'], services: ['cloudformation'], concurrency: 8, endpoints: { default: endpoint }, progress: false, maxAttempts: 2, credentials });
    const ms = performance.now() - t0;
    const calls = Object.entries(inventory.coverage.calls ?? {}).filter(([op]) => op.startsWith('cloudformation:'));
    const total = calls.reduce((n, [, c]) => n + c, 0);
    const failures = (inventory.coverage.failures ?? []).length;
    failed += failures;
    process.stdout.write(
      `${label}: ${stacks} stacks × 3 resources: ${total} calls (${calls.map(([op, c]) => `${op.split(':')[1]} ${c}`).join(', ')}), ${(ms / 1000).toFixed(1)} s → per 100 stacks ${per100(total)} calls, ${(ms / 1000 / (stacks / 100)).toFixed(2)} s; failures ${failures}\n`,
    );
  };
  await measure('ownership (CloudFormation, moto, no injected latency)', url);
  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = new URLSearchParams(body.toString('utf8')).get('Action');
      if (action === 'DescribeStackResourceDrifts') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<DescribeStackResourceDriftsResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStackResourceDriftsResult><StackResourceDrifts></StackResourceDrifts></DescribeStackResourceDriftsResult><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></DescribeStackResourceDriftsResponse>');
        return;
      }
      const up = http.request(`${url}${req.url}`, { method: req.method, headers: { ...req.headers, host: `127.0.0.1:${port}` } }, (r) => {
        const parts = [];
        r.on('data', (c) => parts.push(c));
        r.on('end', () => {
          let out = Buffer.concat(parts);
          if (action === 'DescribeStacks') out = Buffer.from(out.toString('utf8').replace(/(<StackName>[^<]*<\/StackName>)/g, '$1<DriftInformation><StackDriftStatus>DRIFTED</StackDriftStatus></DriftInformation>'));
          const headers = { ...r.headers, 'content-length': String(out.length) };
          delete headers['transfer-encoding'];
          res.writeHead(r.statusCode ?? 502, headers);
          res.end(out);
        });
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  try {
    await measure('ownership with CloudFormation drift detection run on every stack (DescribeStackResourceDrifts)', `http://127.0.0.1:${proxy.address().port}`);
  } finally {
    proxy.close();
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  moto.kill('SIGTERM');
}
