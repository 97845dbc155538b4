// The AWS benchmark's lean server: answers the read calls of `vouch scan aws
// --services s3,iam,ec2` with responses generated from wire responses
// recorded from moto (recorded.json, made by record.mjs): list responses
// repeat the recorded item with new names, per-bucket responses substitute
// the bucket. Paginates like AWS (max-buckets/continuation-token, MaxItems/
// Marker, MaxResults/NextToken) and waits `latencyMs` before each answer.
// Run as a child process: it prints {"port": N} and serves until killed.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { opKey } from './keys.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ops = JSON.parse(readFileSync(join(here, 'recorded.json'), 'utf8')).operations;
const world = JSON.parse(process.argv[2] ?? '{}');
const N = { buckets: world.buckets ?? 10000, users: world.users ?? 1000, groups: world.groups ?? 200, roles: world.roles ?? 800, sgsPerRegion: world.sgsPerRegion ?? 1250 };
let latencyMs = world.latencyMs ?? 20;

/** Top-level `<tag>…</tag>` children of an XML fragment (same-name nesting balanced). */
function splitTop(xml, tag) {
  const out = [];
  const re = new RegExp(`<${tag}>|</${tag}>|<${tag}/>`, 'g');
  let depth = 0, start = -1, m;
  while ((m = re.exec(xml))) {
    if (m[0] === `<${tag}/>`) continue;
    if (m[0] === `<${tag}>`) { if (depth++ === 0) start = m.index; }
    else if (--depth === 0) out.push(xml.slice(start, m.index + m[0].length));
  }
  return out;
}
/** Split a response around the content of `<container>`: [before, inner, after]. */
function around(xml, container) {
  const open = xml.indexOf(`<${container}>`), close = xml.lastIndexOf(`</${container}>`);
  if (open < 0 || close < 0) throw new Error(`recorded response has no <${container}>`);
  return [xml.slice(0, open + container.length + 2), xml.slice(open + container.length + 2, close), xml.slice(close)];
}
const pick = (items, marker) => items.find((i) => i.includes(marker)) ?? items[0];

// Templates.
const lb = around(ops['s3:ListBuckets'].body, 'Buckets');
const bucketItem = pick(splitTop(lb[1], 'Bucket'), '{{bucket}}').replace('</Name>', '</Name><BucketRegion>{{region}}</BucketRegion>');
const sgT = around(ops['ec2:DescribeSecurityGroups'].body, 'securityGroupInfo');
const sgItem = pick(splitTop(sgT[1], 'item'), '{{sgid}}');
const auth = ops['iam:GetAccountAuthorizationDetails'].body;
const lists = Object.fromEntries(['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].map((c) => [c, pick(splitTop(around(auth, c)[1], 'member'), '{{')]));
const authHead = auth.slice(0, auth.indexOf('<UserDetailList>'));
const authTail = auth.slice(auth.indexOf('<IsTruncated>'));
const csv = ops['iam:GetCredentialReport'].csv.split('\n');
const regions = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1'];

const entities = [
  ...Array.from({ length: N.users }, (_, i) => ['UserDetailList', lists.UserDetailList.replaceAll('{{user}}', `user-${i}`).replaceAll('{{group}}', `group-${i % N.groups}`)]),
  ...Array.from({ length: N.groups }, (_, i) => ['GroupDetailList', lists.GroupDetailList.replaceAll('{{group}}', `group-${i}`)]),
  ...Array.from({ length: N.roles }, (_, i) => ['RoleDetailList', lists.RoleDetailList.replaceAll('{{role}}', `role-${i}`)]),
  ['Policies', lists.Policies],
];
const report = Buffer.from([csv[0], ...Array.from({ length: N.users }, (_, i) => csv[1].replaceAll('{{user}}', `user-${i}`))].join('\n')).toString('base64');

function authPage(marker, max) {
  const from = Number(marker ?? 0), to = Math.min(entities.length, from + max);
  const by = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  for (const [c, x] of entities.slice(from, to)) by[c].push(x);
  const body = Object.entries(by).map(([c, xs]) => `<${c}>${xs.join('')}</${c}>`).join('');
  const trunc = to < entities.length ? `<IsTruncated>true</IsTruncated><Marker>${to}</Marker>` : '<IsTruncated>false</IsTruncated>';
  return authHead + body + trunc + authTail.replace('<IsTruncated>false</IsTruncated>', '');
}

// An organization for the shard benchmark (world.accounts > 0): ListAccounts
// and AssumeRole answer; every member account then serves the same world.
const orgAccounts = Array.from({ length: world.accounts ?? 0 }, (_, i) => String(100000000000 + i));
function orgCall(req, key) {
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target.endsWith('.ListAccounts'))
    return { status: 200, type: 'application/x-amz-json-1.1', body: JSON.stringify({ Accounts: orgAccounts.map((Id) => ({ Id, Arn: `arn:aws:organizations::${orgAccounts[0]}:account/o-bench/${Id}`, Name: `bench-${Id}`, Status: 'ACTIVE', State: 'ACTIVE' })) }) };
  if (key === 'sts:AssumeRole') {
    const exp = new Date(Date.now() + 3600_000).toISOString();
    return { status: 200, type: 'text/xml', body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIABENCHMARK0000002</AccessKeyId><SecretAccessKey>bench</SecretAccessKey><SessionToken>bench</SessionToken><Expiration>${exp}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROABENCH:vouch-scan</AssumedRoleId><Arn>arn:aws:sts::${orgAccounts[0]}:assumed-role/VouchAudit/vouch-scan</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></AssumeRoleResponse>` };
  }
  return undefined;
}

const EC2_EMPTY = {
  'ec2:DescribeVpcs': ['DescribeVpcs', 'vpcSet'],
  'ec2:DescribeFlowLogs': ['DescribeFlowLogs', 'flowLogSet'],
  'ec2:DescribeLaunchTemplates': ['DescribeLaunchTemplates', 'launchTemplates'],
  'ec2:DescribeLaunchTemplateVersions': ['DescribeLaunchTemplateVersions', 'launchTemplateVersionSet'],
};

function respond(req, body) {
  const u = new URL(req.url, 'http://x');
  const key = opKey(req, body);
  const org = orgAccounts.length ? orgCall(req, key) : undefined;
  if (org) return org;
  const form = new URLSearchParams(body);
  const param = (k) => form.get(k) ?? u.searchParams.get(k);
  const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'us-east-1';
  if (key === 's3:ListBuckets') {
    const from = Number(u.searchParams.get('continuation-token') ?? 0), max = Number(u.searchParams.get('max-buckets') ?? 10000);
    const to = Math.min(N.buckets, from + max);
    let items = '';
    for (let i = from; i < to; i++) items += bucketItem.replaceAll('{{bucket}}', `bench-${i}`).replace('{{region}}', regions[i % regions.length]);
    const tail = to < N.buckets ? lb[2].replace('</ListAllMyBucketsResult>', `<ContinuationToken>${to}</ContinuationToken></ListAllMyBucketsResult>`) : lb[2];
    return { status: 200, type: 'application/xml', body: lb[0] + items + tail };
  }
  if (key === 'ec2:DescribeSecurityGroups') {
    const from = Number(param('NextToken') ?? 0), max = Number(param('MaxResults') ?? 1000);
    const to = Math.min(N.sgsPerRegion, from + max);
    let items = '';
    for (let i = from; i < to; i++) items += sgItem.replaceAll('{{sgid}}', `sg-${region.replace(/-/g, '')}${String(i).padStart(6, '0')}`).replaceAll('{{sgname}}', `sg-${i}`).replaceAll('us-east-1', region);
    const tail = to < N.sgsPerRegion ? sgT[2].replace('</DescribeSecurityGroupsResponse>', `<nextToken>${to}</nextToken></DescribeSecurityGroupsResponse>`) : sgT[2];
    return { status: 200, type: 'text/xml', body: sgT[0] + items + tail };
  }
  if (key === 'iam:GetAccountAuthorizationDetails') return { status: 200, type: 'text/xml', body: authPage(param('Marker'), Number(param('MaxItems') ?? 100)) };
  if (key === 'iam:GetCredentialReport') return { status: 200, type: 'text/xml', body: ops[key].body.replace('{{content}}', report) };
  // A nightly scan finds last night's report: generation is complete.
  if (key === 'iam:GenerateCredentialReport') return { status: 200, type: 'text/xml', body: ops[key].body.replace('STARTED', 'COMPLETE') };
  // Reads the ec2 service makes besides security groups (VPCs, flow logs, launch templates): none in this world.
  const empty = EC2_EMPTY[key];
  if (empty) return { status: 200, type: 'text/xml', body: `<${empty[0]}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>bench</requestId><${empty[1]}/></${empty[0]}Response>` };
  const rec = ops[key];
  if (!rec) return { status: 400, type: 'text/xml', body: `<ErrorResponse><Error><Code>NotRecorded</Code><Message>${key} was not recorded</Message></Error></ErrorResponse>` };
  const bucket = u.pathname.split('/').filter(Boolean)[0] ?? '';
  return { status: rec.status, type: rec.contentType, body: key.startsWith('s3:') ? rec.body.replaceAll('{{bucket}}', bucket) : rec.body };
}

let served = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/__stats') return res.end(JSON.stringify({ served }));
  if (req.url?.startsWith('/__latency')) {
    latencyMs = Number(new URL(req.url, 'http://x').searchParams.get('ms'));
    return res.end('ok');
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const r = respond(req, Buffer.concat(chunks).toString('utf8'));
    served++;
    const send = () => {
      res.writeHead(r.status, { 'content-type': r.type, 'x-amzn-requestid': `bench-${served}`, 'content-length': Buffer.byteLength(r.body) });
      res.end(r.body);
    };
    if (latencyMs > 0) setTimeout(send, latencyMs);
    else send();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.on('SIGTERM', () => process.exit(0));
