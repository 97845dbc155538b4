/**
 * The hostile-input suite: for every input path (templates, cloud
 * assemblies, claims, suppressions, config, inventory, evidence, manifests,
 * keys) a hostile case runs the real CLI and is judged on its exit code,
 * wall time, peak memory and whether a secret planted in the input shows up
 * in what vouch prints. The figures are printed as a table.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { runHostile } from './run.js';

const SECRET = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';
let dir: string;
const put = (rel: string, content: string | Buffer) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return rel;
};

interface Case {
  input: string;
  attack: string;
  args: () => string[];
  codes: number[];
  /** Line the error must match (exit 2 cases). */
  error?: RegExp;
  /** What the evidence written must hold (cases that finish with verdicts). */
  evidence?: (findings: { ruleId: string; status: string; message: string }[]) => void;
}

const rows: string[] = [];

const CASES: Case[] = [
  {
    input: 'template',
    attack: 'duplicate key hiding an insecure value, secret in the other copy',
    args: () => ['check', put('dup.json', `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "${SECRET}"}},\n"B": {"Type": "AWS::S3::Bucket"}}}`)],
    codes: [2],
    error: /dup\.json:2: duplicate key "B" \(first at line 1\)/,
  },
  {
    input: 'template',
    attack: 'YAML alias bomb (9 levels × 9)',
    args: () => {
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
      return ['check', put('bomb.yaml', `${lines.join('\n')}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { Tags: *a9 }\n`)];
    },
    codes: [2],
    error: /alias/,
  },
  {
    input: 'template',
    attack: '30 MB template (over the 20 MB limit)',
    args: () => ['check', put('huge.json', `{"Resources": {}, "Pad": "${'x'.repeat(30 * 1024 * 1024)}"}`)],
    codes: [2],
    error: /over the 20 MB limit/,
  },
  {
    input: 'template',
    attack: 'self-referring Fn::FindInMap with fan-out',
    args: () => [
      'check',
      put('map.json', JSON.stringify({ Mappings: { M: { K: { V: [{ 'Fn::FindInMap': ['M', 'K', 'V'] }, { 'Fn::FindInMap': ['M', 'K', 'V'] }] } } }, Resources: { B: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'a', Encrypted: { 'Fn::Select': [0, { 'Fn::FindInMap': ['M', 'K', 'V'] }] } } } } })),
    ],
    // Not a pass: the encryption flag is unresolved (unknown, exit 3) or judged failing (1).
    codes: [1, 3],
  },
  {
    input: 'template',
    attack: '20,000-link condition chain',
    args: () => {
      const c: Record<string, unknown> = {};
      for (let i = 0; i < 20_000; i++) c[`C${i}`] = { Condition: `C${i + 1}` };
      c.C20000 = { 'Fn::Equals': ['a', 'a'] };
      return ['check', put('chain.json', JSON.stringify({ Conditions: c, Resources: { V: { Type: 'AWS::EC2::Volume', Condition: 'C0', Properties: { AvailabilityZone: 'a', Encrypted: false } } } }))];
    },
    codes: [1],
  },
  {
    input: 'template',
    attack: '200,000 unclosed {{resolve: openings in one value (2.8 MB)',
    // Each opening used to scan to the end of the text for its `}}`: quadratic, a hang at this size.
    args: () => ['check', put('resolve-open.json', JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: '{{resolve:ssm:'.repeat(200_000) } } } }))],
    codes: [1],
  },
  {
    input: 'template',
    attack: 'Fn::Sub variables nested 600 deep in a policy',
    args: () => {
      let v: unknown = { Ref: 'X' };
      for (let i = 0; i < 600; i++) v = { 'Fn::Sub': ['${V}', { V: v }] };
      return ['check', put('sub-deep.json', JSON.stringify({ Parameters: { X: { Type: 'String' } }, Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { 'Fn::Sub': ['{"Statement":[{"Effect":"Allow","Action":"${A}","Resource":"*"}]}', { A: v }] } } } } }))];
    },
    codes: [2],
    // One short line: the 512-level path keeps its start and end.
    error: /sub-deep\.json: nesting deeper than 512 levels at Resources\.P\.Properties\.PolicyDocument\.Fn::Sub\[1\]\.A\..*…/,
  },
  {
    input: 'template',
    attack: 'policy text built with Fn::Sub listing 40,000 resources, all placeholders',
    args: () => {
      const doc = `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":[${Array(40_000).fill('"${X}"').join(',')}]}]}`;
      return ['check', put('sub-many.json', JSON.stringify({ Parameters: { X: { Type: 'String' } }, Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { 'Fn::Sub': doc } } } } }))];
    },
    codes: [1],
    // The finding names a few resources and counts the rest (it listed all 40,000: a 640 kB message).
    evidence: (findings) => {
      const f = findings.find((x) => x.ruleId === 'iam-least-privilege/aws-iam-policy');
      expect(f?.status).toBe('fail');
      expect(f?.message).toMatch(/ and 39995 more; list the s3 actions/);
      expect(f!.message.length).toBeLessThan(1000);
    },
  },
  {
    input: 'templates',
    attack: '60 stacks each exporting its import joined to itself (2^60 characters at the end)',
    // The text doubled at each link: a RangeError ("Invalid string length") after 1.4 GB; then the
    // unresolved shape doubled past the cap (a hang). Past 1,000,000 characters an import stays unresolved.
    args: () => {
      put('double/s0.json', JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } }, Outputs: { O: { Value: 'ab', Export: { Name: 'D0' } } } }));
      for (let i = 1; i < 60; i++) {
        const imp = { 'Fn::ImportValue': `D${i - 1}` };
        put(`double/s${i}.json`, JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: imp } } }, Outputs: { O: { Value: { 'Fn::Join': ['', [imp, imp]] }, Export: { Name: `D${i}` } } } }));
      }
      return ['check', 'double'];
    },
    codes: [1, 3],
  },
  {
    input: 'template',
    attack: '300 OpenSearch Serverless collections × 300 network policies of 400 patterns each',
    // Every collection re-read every policy's JSON text and matched every pattern: 36 million matches, minutes.
    // Each policy is read once, and one collection is compared with at most 10,000 entries (then unknown).
    args: () => {
      const policy = JSON.stringify([{ Rules: [{ ResourceType: 'collection', Resource: Array.from({ length: 400 }, (_, j) => `collection/team${j}-*`) }], AllowFromPublic: false }]);
      const res: Record<string, unknown> = {};
      for (let i = 0; i < 300; i++) {
        res[`Col${i}`] = { Type: 'AWS::OpenSearchServerless::Collection', Properties: { Name: `col${i}` } };
        res[`Net${i}`] = { Type: 'AWS::OpenSearchServerless::SecurityPolicy', Properties: { Name: `net${i}`, Type: 'network', Policy: policy } };
      }
      return ['check', put('aoss-cross.json', JSON.stringify({ Resources: res }))];
    },
    codes: [3],
    evidence: (findings) => {
      const col = findings.find((x) => x.ruleId === 'public-access/aws-opensearchserverless-network-policy' && /collection col7 /.test(x.message));
      expect(col?.status).toBe('unknown');
      expect(col?.message).toMatch(/over 10000 collection entries/);
      expect(col!.message.length).toBeLessThan(1000);
    },
  },
  {
    input: 'template',
    attack: 'OpenSearch Serverless network policy built with Fn::Sub to 900 kB',
    // Built text escaped the 64 kB bound literal text has; it was parsed once per collection.
    args: () => {
      const res: Record<string, unknown> = {};
      for (let i = 0; i < 50; i++) res[`Col${i}`] = { Type: 'AWS::OpenSearchServerless::Collection', Properties: { Name: `col${i}` } };
      const text = JSON.stringify([{ Rules: [{ ResourceType: 'collection', Resource: Array.from({ length: 40_000 }, (_, j) => `collection/\${P}${j}`) }], AllowFromPublic: true }]);
      for (let i = 0; i < 10; i++) res[`Net${i}`] = { Type: 'AWS::OpenSearchServerless::SecurityPolicy', Properties: { Name: `n${i}`, Type: 'network', Policy: { 'Fn::Sub': text } } };
      return ['check', put('aoss-sub.json', JSON.stringify({ Parameters: { P: { Type: 'String' } }, Resources: res }))];
    },
    codes: [3],
    evidence: (findings) => {
      const net = findings.find((x) => x.ruleId === 'public-access/aws-opensearchserverless-network-policy' && x.status !== 'not-applicable' && /over 65536 characters/.test(x.message));
      expect(net?.status).toBe('unknown');
    },
  },
  {
    input: 'template',
    attack: 'Bedrock models and S3 Express zones named by 1 MB texts, a region written __proto__',
    // Each text was repeated whole in its message (1 MB per finding); `__proto__` looked up a jurisdiction
    // on the object's prototype and failed as "in __proto__ ([object Object])".
    args: () => {
      const res = {
        Zone: { Type: 'AWS::S3Express::DirectoryBucket', Properties: { DataRedundancy: 'SingleAvailabilityZone', LocationName: `${'a'.repeat(500_000)}1-az1x` } },
        Geo: { Type: 'AWS::Bedrock::Agent', Properties: { AgentName: 'g', FoundationModel: `arn:aws:bedrock:eu-west-1:1:inference-profile/global.${'m:'.repeat(300_000)}` } },
        Proto: { Type: 'AWS::Bedrock::Agent', Properties: { AgentName: 'p', FoundationModel: 'arn:aws:bedrock:__proto__::foundation-model/m' } },
      };
      put('eu.yaml', 'version: 1\nname: eu\nclaims:\n  - id: eu\n    text: EU only.\n    controls: [data-residency]\n    parameters: { allowedRegions: [EU] }\n');
      return ['check', put('residency-long.json', JSON.stringify({ Resources: res })), '--claims', 'eu.yaml'];
    },
    codes: [1],
    evidence: (findings) => {
      const mine = findings.filter((x) => x.ruleId === 'data-residency/aws-cross-region-delivery');
      expect(mine.length).toBe(3);
      for (const f of mine) expect(f.message.length).toBeLessThan(1000);
      expect(mine.find((f) => /__proto__/.test(f.message))?.status).toBe('unknown');
    },
  },
  {
    input: 'cloud assembly',
    attack: 'nested stack listed 10× at 8 levels (10^8 templates)',
    args: () => {
      for (let l = 0; l < 8; l++)
        put(`fan.out/L${l}.json`, JSON.stringify({ Resources: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`N${i}`, { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': `L${l + 1}.json` }, Properties: { TemplateURL: 'x' } }])) }));
      put('fan.out/L8.json', '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}');
      put('fan.out/manifest.json', JSON.stringify({ version: '38.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'L0.json' } } } }));
      return ['check', 'fan.out'];
    },
    codes: [2],
    error: /more than 2000 templates/,
  },
  {
    input: 'template',
    attack: 'StackSet TemplateBody: an alias bomb with a token in it',
    args: () => {
      const lines = [`Description: "${SECRET}"`, 'a0: &a0 [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
      lines.push('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties: { Tags: *a9 }');
      return ['check', put('stackset-bomb.json', JSON.stringify({ Resources: { S: { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: 's', TemplateBody: lines.join('\n') } } } }))];
    },
    // The body is not judged (coverage lists it); the token written in it fails secrets-encrypted on the StackSet.
    codes: [1],
  },
  {
    input: 'template',
    attack: 'StackSets nested in their bodies, 10 at each of 4 levels (11,110 bodies)',
    args: () => {
      let body = JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
      for (let l = 0; l < 4; l++)
        body = JSON.stringify({ Resources: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`S${i}`, { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: `s${i}`, TemplateBody: body } }])) });
      return ['check', put('stackset-fan.json', body)];
    },
    codes: [2],
    error: /more than 2000 templates/,
  },
  {
    input: 'cloud assembly',
    attack: 'stage assembly containing itself',
    args: () => {
      put('self.out/manifest.json', JSON.stringify({ version: '38.0.0', artifacts: { A: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } } }));
      return ['check', 'self.out'];
    },
    codes: [2],
    error: /refers back to/,
  },
  {
    input: 'claims',
    attack: 'invalid YAML with a token in it',
    args: () => ['check', 'ok.yaml', '--claims', put('claims.yaml', `version: 1\nname: x\nclaims:\n  - id: c\n    text: "${SECRET}\n   controls: [tls-min\n`)],
    codes: [2],
    error: /claims\.yaml/,
  },
  {
    input: 'suppressions',
    attack: 'wrong shape, token in the reason',
    args: () => ['check', 'ok.yaml', '--suppressions', put('supp.yaml', `suppressions:\n  - rule: 42\n    reason: "${SECRET}"\n`)],
    codes: [2],
    error: /supp\.yaml/,
  },
  {
    input: 'config',
    attack: 'config with an unknown key and a token',
    args: () => ['check', 'ok.yaml', '--config', put('cfg.yaml', `token: ${SECRET}\n`)],
    codes: [2],
    error: /cfg\.yaml/,
  },
  {
    input: 'inventory',
    attack: 'deeply nested JSON',
    args: () => ['evaluate', put('inv.json', '['.repeat(200_000) + ']'.repeat(200_000))],
    codes: [2],
    error: /inv\.json/,
  },
  {
    input: 'evidence',
    attack: 'evidence that is not a vouch document, token inside',
    args: () => ['report', put('ev.json', JSON.stringify({ schemaVersion: '1.0', token: SECRET }))],
    codes: [2],
    error: /ev\.json: not a vouch evidence document/,
  },
  {
    input: 'manifest',
    attack: 'manifest listing ../ paths',
    args: () => {
      put('mdir/manifest.json', JSON.stringify({ manifestVersion: 1, files: [{ name: '../ok.yaml', sha256: '0'.repeat(64), bytes: 1 }] }));
      return ['verify', 'mdir'];
    },
    codes: [2],
    error: /not a vouch manifest/,
  },
  {
    input: 'key',
    attack: '--sign-key holding text with a token (not PEM)',
    args: () => ['check', 'ok.yaml', '--sign-key', put('key.pem', `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----\n`)],
    codes: [2],
    error: /--sign-key key\.pem: not a PEM private key/,
  },
  {
    input: 'key',
    attack: '--public-key an RSA key',
    args: () => {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
      put('rdir/manifest.json', JSON.stringify({ manifestVersion: 1, files: [] }));
      return ['verify', 'rdir', '--public-key', put('rsa.pub', publicKey.export({ type: 'spki', format: 'pem' }) as string)];
    },
    codes: [2],
    error: /a rsa key; vouch signs with Ed25519 only/,
  },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-inputs-'));
  put('ok.yaml', 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
});

afterAll(() => {
  process.stdout.write(['', '| input | attack | exit | ms | peak MB |', '|---|---|---:|---:|---:|', ...rows, ''].join('\n'));
});

describe('hostile input: exit code, bounded time and memory, no secret in output', () => {
  for (const c of CASES) {
    it(`${c.input}: ${c.attack}`, async () => {
      const args = c.args();
      const r = await runHostile(args[0] === 'verify' ? args : [...args, '--out', join(dir, 'out')], { cwd: dir, timeoutMs: 60_000 });
      rows.push(`| ${c.input} | ${c.attack} | ${r.code} | ${r.ms} | ${r.peakMb ?? '?'} |`);
      expect(r.killed, 'killed after 60 s').toBe(false);
      expect(c.codes, r.stderr.slice(0, 500)).toContain(r.code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (c.error) {
        const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('vouch: using config'));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(c.error);
        expect(lines[0]!.length).toBeLessThan(400);
      }
      if (c.evidence) c.evidence(JSON.parse(readFileSync(join(dir, 'out', 'evidence.json'), 'utf8')).findings);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.ms).toBeLessThan(30_000);
      expect(r.peakMb ?? 0).toBeLessThan(600);
    }, 90_000);
  }
});

describe('hostile SAM event names and dead-letter queue ids (fixP2)', () => {
  it('a generated id that names a declared resource, another SAM resource\'s, or __proto__ replaces nothing: a gap each, the declared resource judged as written', async () => {
    const fn = (events: Record<string, unknown>) => ({ Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'i.h', InlineCode: 'x', Events: events } });
    const template = {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Open: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: { BlockPublicAcls: false, BlockPublicPolicy: false, IgnorePublicAcls: false, RestrictPublicBuckets: false } } },
        Fn: fn({
          Hide: { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)', DeadLetterConfig: { Type: 'SQS', QueueLogicalId: 'Open' } } },
          Proto: { Type: 'EventBridgeRule', Properties: { Pattern: { source: ['x'] }, DeadLetterConfig: { Type: 'SQS', QueueLogicalId: '__proto__' } } },
          ['L'.repeat(100_000)]: { Type: 'EventBridgeRule', Properties: { Pattern: { source: ['x'] }, DeadLetterConfig: { Type: 'SQS', QueueLogicalId: 'toString' } } },
          'ünïcødé😀': { Type: 'ScheduleV2', Properties: { ScheduleExpression: 'rate(1 day)', DeadLetterConfig: 'SQS' } },
          Odd: { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)', DeadLetterConfig: [{ Type: 'SQS' }] } },
          Nothing: null,
        }),
        Gn: fn({ Steal: { Type: 'ScheduleV2', Properties: { ScheduleExpression: 'rate(1 day)', DeadLetterConfig: { Type: 'SQS', QueueLogicalId: 'FnRole' } } } }),
      },
    };
    put('sam-collide.json', JSON.stringify(template));
    const r = await runHostile(['check', 'sam-collide.json', '--out', join(dir, 'out-collide')], { cwd: dir, timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect([1, 3], r.stderr.slice(0, 500)).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const evidence = JSON.parse(readFileSync(join(dir, 'out-collide', 'evidence.json'), 'utf8'));
    const findings = evidence.findings as { ruleId: string; status: string; resource: { id: string; type: string } }[];
    // Before: the bucket became the dead-letter queue (an SQS queue) and its public-access failure was gone.
    expect(findings.filter((f) => f.resource.id.endsWith('/Open')).every((f) => f.resource.type === 'aws.s3.bucket')).toBe(true);
    expect(findings.find((f) => f.resource.id.endsWith('/Open') && f.ruleId === 'public-access/aws-s3-bucket')?.status).toBe('fail');
    // FnRole stays the function's role (trusting lambda), not Gn's queue.
    expect(findings.find((f) => f.resource.id.endsWith('/FnRole'))?.resource.type).toBe('aws.iam.role');
    const gaps = (evidence.coverage.notCollected as { what: string }[]).map((g) => g.what);
    for (const id of ['Open', '__proto__', 'FnRole']) expect(gaps.some((w) => w.endsWith(` generates ${id}`)), id).toBe(true);
    expect(Math.max(...gaps.map((w) => w.length))).toBeLessThan(400);
  }, 90_000);
});

describe('hostile IPv6 routes (fixP2)', () => {
  /** A VPC whose one route table holds `routes` IPv6 routes (none to the internet) and then `last`, with `hosts` instances behind it. */
  function network(routes: number, hosts: number, last: string, counts: unknown[]): Record<string, unknown> {
    const r: Record<string, unknown> = {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', AssignIpv6AddressOnCreation: true } },
      Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
      Last: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationIpv6CidrBlock: last, GatewayId: { Ref: 'Igw' } } },
    };
    for (let i = 0; i < routes; i++) r[`Route${i}`] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationIpv6CidrBlock: `2001:db8:${i.toString(16)}::/48`, ...(i % 2 ? { EgressOnlyInternetGatewayId: 'eigw-0abc' } : { GatewayId: 'vgw-0abc' }) } };
    for (let i = 0; i < hosts; i++) r[`Host${i}`] = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Sub' }, Ipv6AddressCount: counts[i % counts.length] } };
    return { Resources: r };
  }

  it('a 1 MB route destination behind 2,000 hosts is quoted cut, not once per host (before: 2 GB of evidence, 45 s, 3.6 GB)', async () => {
    put('v6-long.json', JSON.stringify(network(0, 2000, `::/0${':'.repeat(1_000_000)}`, [1])));
    const r = await runHostile(['check', 'v6-long.json', '--out', join(dir, 'out-v6')], { cwd: dir, timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code, r.stderr.slice(0, 500)).toBe(1);
    const text = readFileSync(join(dir, 'out-v6', 'evidence.json'), 'utf8');
    expect(text.length).toBeLessThan(30_000_000);
    const findings = JSON.parse(text).findings as { ruleId: string; status: string; message: string; evidence: { note?: string }[] }[];
    const hosts = findings.filter((f) => f.ruleId === 'bastion-only/aws-ec2-instance-public-ip');
    expect(hosts).toHaveLength(2000);
    expect(hosts.every((f) => f.status === 'fail' && /characters\)/.test(f.message) && f.message.length < 4_100)).toBe(true);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.peakMb ?? 0).toBeLessThan(600);
  }, 90_000);

  it('20,000 routes in the table of 2,000 hosts whose Ipv6AddressCount is odd text: each subnet read once (before: 10-16 s)', async () => {
    put('v6-routes.json', JSON.stringify(network(20_000, 2000, '::/0', ['1', -1, '-0', '1e309', '0x10', 'x'])));
    const r = await runHostile(['check', 'v6-routes.json', '--out', join(dir, 'out-v6r')], { cwd: dir, timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect([1, 3], r.stderr.slice(0, 500)).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.ms).toBeLessThan(8_000);
  }, 90_000);
});

describe('hostile destination lists (fixP2)', () => {
  it('thousands of replica regions on one resource are listed up to 99 verdicts, the rest one (before: 150,000 findings, 157 MB of evidence)', async () => {
    const regions = Array.from({ length: 3000 }, (_, j) => ['us-east-1', 'eu-west-1', `nowhere-${j}`, 'ap-southeast-2'][j % 4]);
    const bots = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`Bot${i}`, { Type: 'AWS::Lex::Bot', Properties: { Name: `b${i}`, RoleArn: 'arn:aws:iam::123456789012:role/r', DataPrivacy: { ChildDirected: false }, IdleSessionTTLInSeconds: 300, Replication: { ReplicaRegions: regions } } }]),
    );
    put('replicas.json', JSON.stringify({ Resources: bots }));
    const claims = join(process.cwd(), 'examples', 'claims', 'fantesty.yaml');
    const r = await runHostile(['check', 'replicas.json', '--claims', claims, '--region', 'eu-west-1', '--out', join(dir, 'out-replicas')], { cwd: dir, timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code, r.stderr.slice(0, 500)).toBe(1);
    const findings = JSON.parse(readFileSync(join(dir, 'out-replicas', 'evidence.json'), 'utf8')).findings as { ruleId: string; status: string; message: string; resource: { id: string }; subId?: string }[];
    const bot0 = findings.filter((f) => f.ruleId === 'data-residency/aws-cross-region-delivery' && f.resource.id.endsWith('/Bot0'));
    expect(bot0).toHaveLength(100);
    // 750 Sydney replicas fail, 750 unplaceable ones are unknown: the fails are listed first, the fold is a fail.
    expect(bot0.slice(0, 99).every((f) => f.status === 'fail')).toBe(true);
    expect(bot0[99]).toMatchObject({ status: 'fail', subId: '(more targets)' });
    expect(bot0[99]!.message).toMatch(/^and 1401 more targets \(651 outside the allowed regions\)/);
  }, 90_000);
});

describe('hostile per-entry lists (fixP2)', () => {
  it('a rule gives one resource at most 100 verdicts, the rest one as bad as the worst (before: 20 groups × 20,000 CIDRs made 240,000 findings, 232 MB)', async () => {
    const rules = Array.from({ length: 4000 }, (_, j) => ({ Cidr: ['10.0.0.0/8', { Ref: 'Range' }, '0.0.0.0/0', '::/0'][j % 4] }));
    const groups = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`Inputs${i}`, { Type: 'AWS::MediaLive::InputSecurityGroup', Properties: { WhitelistRules: rules } }]));
    put('medialive.json', JSON.stringify({ Parameters: { Range: { Type: 'String' } }, Resources: groups }));
    const r = await runHostile(['check', 'medialive.json', '--out', join(dir, 'out-medialive')], { cwd: dir, timeoutMs: 60_000 });
    expect(r.killed).toBe(false);
    expect(r.code, r.stderr.slice(0, 500)).toBe(1);
    const findings = JSON.parse(readFileSync(join(dir, 'out-medialive', 'evidence.json'), 'utf8')).findings as { ruleId: string; status: string; message: string; resource: { id: string }; subId?: string }[];
    const one = findings.filter((f) => f.ruleId === 'public-access/aws-medialive-input-security-group' && f.resource.id.endsWith('/Inputs0'));
    expect(one).toHaveLength(100);
    // The first 99 as the rule gave them (unknown, fail, fail, unknown...), then the fold: fails remain, so it fails.
    expect(one[0]).toMatchObject({ status: 'unknown', subId: 'WhitelistRules[1].Cidr' });
    expect(one[99]).toMatchObject({ status: 'fail', subId: '(more)' });
    expect(one[99]!.message).toMatch(/^and 2901 more verdicts on this resource \(1934 fail, 967 unknown\)/);
  }, 90_000);
});
