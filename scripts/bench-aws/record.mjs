// Record real AWS wire responses from moto once, as templates for the AWS
// benchmark's lean server (scripts/bench-aws/server.mjs). Seeds one of each
// thing through the AWS APIs, runs `vouch scan aws` through a recording proxy,
// and stores each operation's response with the seeded names replaced by
// placeholders. Run: npm run build && node scripts/bench-aws/record.mjs
import http from 'node:http';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client, CreateBucketCommand, PutBucketEncryptionCommand, PutPublicAccessBlockCommand, PutBucketVersioningCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { IAMClient, CreateUserCommand, CreateLoginProfileCommand, CreateAccessKeyCommand, PutUserPolicyCommand, CreateGroupCommand, AddUserToGroupCommand, CreateRoleCommand, CreatePolicyCommand, AttachRolePolicyCommand } from '@aws-sdk/client-iam';
import { EC2Client, CreateSecurityGroupCommand, AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { opKey } from './keys.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The proxy lives in this process: the scan must run asynchronously.
function runAsync(cmd, args, opts) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}
process.on('uncaughtException', (e) => {
  moto?.kill('SIGTERM');
  throw e;
});
let moto;
const freePort = () => new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });


const python = process.env.VOUCH_PYTHON ?? 'python3';
if (spawnSync(python, ['-c', 'import moto']).status !== 0) throw new Error(`moto is not importable with ${python}`);
const motoPort = await freePort();
moto = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(motoPort)], { stdio: 'ignore', env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' } });
const motoUrl = `http://127.0.0.1:${motoPort}`;
for (let i = 0; ; i++) {
  try { if ((await fetch(`${motoUrl}/moto-api/`)).ok) break; } catch {}
  if (i > 300) throw new Error('moto did not start');
  await new Promise((r) => setTimeout(r, 200));
}

const base = { endpoint: motoUrl, region: 'us-east-1', credentials: { accessKeyId: 'rec', secretAccessKey: 'rec' } };
const s3 = new S3Client({ ...base, forcePathStyle: true });
await s3.send(new CreateBucketCommand({ Bucket: 'benchrec-bucket' }));
await s3.send(new PutBucketEncryptionCommand({ Bucket: 'benchrec-bucket', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'benchrec-bucket', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
await s3.send(new PutBucketVersioningCommand({ Bucket: 'benchrec-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
await s3.send(new PutBucketPolicyCommand({ Bucket: 'benchrec-bucket', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::benchrec-bucket/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) }));
const iam = new IAMClient(base);
await iam.send(new CreateGroupCommand({ GroupName: 'benchrec-group' }));
await iam.send(new CreateUserCommand({ UserName: 'benchrec-user' }));
await iam.send(new CreateLoginProfileCommand({ UserName: 'benchrec-user', Password: 'Rec-Only-Pw-1!' }));
await iam.send(new CreateAccessKeyCommand({ UserName: 'benchrec-user' }));
await iam.send(new AddUserToGroupCommand({ UserName: 'benchrec-user', GroupName: 'benchrec-group' }));
await iam.send(new PutUserPolicyCommand({ UserName: 'benchrec-user', PolicyName: 'inline', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }) }));
await iam.send(new CreateRoleCommand({ RoleName: 'benchrec-role', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
const pol = await iam.send(new CreatePolicyCommand({ PolicyName: 'benchrec-policy', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }] }) }));
await iam.send(new AttachRolePolicyCommand({ RoleName: 'benchrec-role', PolicyArn: pol.Policy.Arn }));
const ec2 = new EC2Client(base);
const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'benchrec-sg', Description: 'benchrec-sg' }));
await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));

// The recording proxy: the first response per operation (per-bucket ones for the seeded bucket).
const recorded = {};
const proxy = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const key = opKey(req, body.toString());
    const up = http.request({ hostname: '127.0.0.1', port: motoPort, method: req.method, path: req.url, headers: req.headers }, (r) => {
      const out = [];
      r.on('data', (c) => out.push(c));
      r.on('end', () => {
        const payload = Buffer.concat(out);
        if (!recorded[key]) recorded[key] = { status: r.statusCode, contentType: r.headers['content-type'] ?? '', body: payload.toString('utf8') };
        res.writeHead(r.statusCode, r.headers);
        res.end(payload);
      });
    });
    up.end(body);
  });
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
const scan = await runAsync(process.execPath, [join(root, 'bin', 'vouch'), 'scan', 'aws', '--services', 's3,iam,ec2', '--regions', 'us-east-1', '--endpoint', `default=${proxyUrl}`, '--out', join(root, 'reports', 'bench-aws-record'), '--quiet'], {
  encoding: 'utf8',
  env: { ...process.env, AWS_ACCESS_KEY_ID: 'rec', AWS_SECRET_ACCESS_KEY: 'rec', AWS_REGION: 'us-east-1', CI: 'true' },
});
if (![0, 1, 3].includes(scan.status)) {
  moto.kill('SIGTERM');
  throw new Error(`scan failed: ${scan.stderr}`);
}
// Let the proxy flush asynchronous records, then stop everything we started.
await new Promise((r) => setTimeout(r, 200));
proxy.close();
moto.kill('SIGTERM');

const placeholders = [
  [/benchrec-bucket/g, '{{bucket}}'],
  [new RegExp(sg.GroupId, 'g'), '{{sgid}}'],
  [/benchrec-sg/g, '{{sgname}}'],
  [/benchrec-user/g, '{{user}}'],
  [/benchrec-group/g, '{{group}}'],
  [/benchrec-role/g, '{{role}}'],
];
for (const r of Object.values(recorded)) for (const [re, ph] of placeholders) r.body = r.body.replace(re, ph);
// The credential report is base64 CSV: placeholder its user name inside.
const cr = recorded['iam:GetCredentialReport'];
if (cr) {
  const m = /<Content>([^<]+)<\/Content>/.exec(cr.body);
  const csv = Buffer.from(m[1], 'base64').toString('utf8').replace(/benchrec-user/g, '{{user}}');
  cr.body = cr.body.replace(m[1], '{{content}}');
  cr.csv = csv;
}
const file = join(here, 'recorded.json');
writeFileSync(file, JSON.stringify({ recordedFrom: `moto ${spawnSync(python, ['-c', 'import moto;print(moto.__version__)'], { encoding: 'utf8' }).stdout.trim()}`, operations: recorded }, null, 1) + '\n');
process.stdout.write(`recorded ${Object.keys(recorded).length} operations into ${file}\n`);
