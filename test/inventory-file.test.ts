import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeValue, encodeValue, loadInventory, mergeInventories, saveInventory } from '../src/sources/inventory-file.js';
import { Branches, NO_VALUE, ResourceRef, Unresolved } from '../src/model/values.js';
import { isDynamicReference } from '../src/model/dynamic-references.js';
import { Inventory } from '../src/model/inventory.js';
import { loadIac } from '../src/sources/iac/load.js';
import { loadRules } from '../src/evaluate/registry.js';
import { runEvaluation } from '../src/evaluate/run.js';
import { defaultProfile } from '../src/evaluate/claims-profile.js';
import { InputError } from '../src/util/errors.js';
import { runInProcess as runVouch } from './helpers/in-process.js';
import type { EvidenceDocument } from '../src/findings/evidence.js';
import { evidenceErrors } from './helpers/evidence-schema.js';

let dir: string;
const put = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const TEMPLATE = `Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  Shared: !Equals [!ImportValue shared-mode, "on"]
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Type: application, Subnets: [subnet-1, subnet-2] }
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTP
      Port: 80
      DefaultActions: [{ Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/x/1 }]
  Tls:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTPS
      Port: 443
      SslPolicy: !If [Shared, ELBSecurityPolicy-2016-08, ELBSecurityPolicy-TLS13-1-2-2021-06]
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "404" } }]
  Data:
    Type: AWS::S3::Bucket
  Vol:
    Type: AWS::EC2::Volume
    Properties: { Size: 1, AvailabilityZone: eu-west-1a, Encrypted: !ImportValue shared-encryption-flag }
  Ssh:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      vouch:
        acknowledge: [{ rule: "bastion-only/*", reason: "lab network, torn down nightly", expires: "2099-01-01" }]
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-inv-'));
  put('app.yaml', TEMPLATE);
});

describe('inventory values round-trip', () => {
  it('markers, nested branches, dates, and plain objects that look like markers', () => {
    const value = {
      a: new Unresolved('Fn::ImportValue x'),
      b: new ResourceRef('Bucket', 'Arn'),
      c: new ResourceRef('Bucket'),
      d: new Branches('Cond', { x: [1, new Unresolved('y')] }, new Branches('Other', 'p', NO_VALUE)),
      e: { $ref: 'a plain key', other: 1 },
      f: [null, true, 'text', 2.5, { $unresolved: 'not a marker' }],
      g: new Date('2026-01-02T03:04:05.000Z'),
    };
    const json = JSON.parse(JSON.stringify(encodeValue(value)));
    const back = decodeValue(json, 'x') as typeof value;
    expect(back.a).toBeInstanceOf(Unresolved);
    expect((back.a as Unresolved).expression).toBe('Fn::ImportValue x');
    expect(back.b).toEqual(new ResourceRef('Bucket', 'Arn'));
    expect(back.c).toEqual(new ResourceRef('Bucket'));
    expect(back.d).toBeInstanceOf(Branches);
    expect(((back.d as Branches).whenTrue as { x: unknown[] }).x[1]).toBeInstanceOf(Unresolved);
    expect(((back.d as Branches).whenFalse as Branches).whenFalse).toBe(NO_VALUE);
    expect(back.e).toEqual({ $ref: 'a plain key', other: 1 });
    expect(back.f).toEqual([null, true, 'text', 2.5, { $unresolved: 'not a marker' }]);
    expect(back.g).toEqual(value.g);
  });
});

describe('dynamic references in a saved IaC inventory', () => {
  it('are saved as written and read back unresolved, judged as the template was', async () => {
    const template = put(
      'dynref.yaml',
      `Resources:
  Ingest:
    Type: AWS::SQS::Queue
    Properties: { KmsMasterKeyId: '{{resolve:ssm:/ingest/queue-key}}' }
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/worker
      Code: { ZipFile: 'exports.handler = async () => 1' }
      Environment: { Variables: { QUEUE_PASSWORD: '{{resolve:ssm:/ingest/queue-password}}', DB_TOKEN: '{{resolve:secretsmanager:ingest/db:SecretString:token}}' } }
`,
    );
    const inv = loadIac([template], { cwd: dir });
    const file = join(dir, 'dynref-inv.json');
    saveInventory(inv, file, { command: 'test' });
    expect(readFileSync(file, 'utf8')).toContain('{{resolve:ssm:/ingest/queue-key}}');
    const back = loadInventory(file);
    const queue = [...back.all()].find((r) => r.name === 'Ingest')!;
    expect(isDynamicReference(queue.properties.KmsMasterKeyId)).toBe(true);
    const rules = await loadRules();
    const run = (i: Inventory) =>
      runEvaluation({ inventory: i, rules, profile: defaultProfile(), command: 'x', inputs: [], now: new Date('2026-06-01') })
        .findings.filter((f) => f.resource.name === 'Worker' || f.resource.name === 'Ingest')
        .map((f) => `${f.ruleId} ${f.resource.name} ${f.subId ?? ''} ${f.status}`)
        .sort();
    const before = run(inv);
    // The plain-SSM credential still fails on the function after the round trip (read as written, not "cannot resolve").
    expect(before.some((l) => l.startsWith('secrets-encrypted/aws-lambda-function Worker') && l.endsWith(' fail'))).toBe(true);
    expect(run(back)).toEqual(before);
  });
});

describe('saveInventory / loadInventory', () => {
  it('an IaC inventory saved and loaded back gives the same findings', async () => {
    const inv = loadIac([join(dir, 'app.yaml')], { cwd: dir });
    const file = join(dir, 'inv.json');
    saveInventory(inv, file, { command: 'test' });
    const back = loadInventory(file);
    expect(back.size).toBe(inv.size);
    expect(back.coverage).toEqual(JSON.parse(JSON.stringify(inv.coverage)));
    const rules = await loadRules();
    const run = (i: Inventory) =>
      runEvaluation({ inventory: i, rules, profile: defaultProfile(), command: 'x', inputs: [], now: new Date('2026-06-01') })
        .findings.map((f) => `${f.fingerprint} ${f.status} ${f.suppression ? 'suppressed' : ''} ${f.message}`)
        .sort();
    const before = run(inv);
    expect(before.some((l) => / unknown /.test(l))).toBe(true);
    expect(before.some((l) => / fail /.test(l))).toBe(true);
    expect(before.some((l) => /suppressed/.test(l))).toBe(true);
    expect(run(back)).toEqual(before);
  });

  it('writes one resource per line', () => {
    const file = join(dir, 'lines.json');
    saveInventory(loadIac([join(dir, 'app.yaml')], { cwd: dir }), file);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBe(2 + 7); // 6 resources and the stack itself
    expect(JSON.parse(readFileSync(file, 'utf8')).inventoryVersion).toBe(1);
  });

  it('merges inventories and refuses colliding ids', () => {
    const a = new Inventory([{ type: 't', provider: 'aws', source: 'live', id: 'a', properties: {}, location: {}, relations: {} }], { regions: ['eu-west-1'], calls: { 'x:Y': 2 } });
    const b = new Inventory([{ type: 't', provider: 'gcp', source: 'live', id: 'b', properties: {}, location: {}, relations: {} }], { regions: ['europe-west1'], calls: { 'x:Y': 1 } });
    const m = mergeInventories([
      { inventory: a, file: 'a.json' },
      { inventory: b, file: 'b.json' },
    ]);
    expect(m.size).toBe(2);
    expect(m.coverage).toMatchObject({ regions: ['eu-west-1', 'europe-west1'], calls: { 'x:Y': 3 } });
    expect(() => mergeInventories([{ inventory: a, file: 'a.json' }, { inventory: a, file: 'again.json' }])).toThrow(/again\.json: resource 'a'/);
  });

  const head = '{"inventoryVersion":1,"collectedAt":"2026-01-01T00:00:00Z","coverage":{},"resources":';
  const good = '{"type":"aws.s3.bucket","provider":"aws","source":"live","id":"arn:aws:s3:::b","properties":{},"location":{},"relations":{}}';
  it.each([
    ['not-json.json', '{"inventoryVersion":1,', /not-json\.json: not an inventory file: invalid JSON/],
    ['array.json', '[]', /array\.json: not an inventory file \(no inventoryVersion/],
    ['version.json', '{"inventoryVersion":2,"resources":[]}', /version\.json: inventoryVersion 2 is not supported/],
    ['provider.json', `${head}[${good.replace('"aws","source"', '"azure","source"')}]}`, /provider\.json: resources\[0\]\.provider: /],
    ['props.json', `${head}[${good.replace('"properties":{}', '"properties":[]')}]}`, /props\.json: resources\[0\]\.properties: /],
    ['dup.json', `${head}[${good},${good}]}`, /dup\.json: resources\[1\]\.id: duplicate resource id/],
    ['marker.json', `${head}[${good.replace('"properties":{}', '"properties":{"A":{"$unresolved":5}}')}]}`, /marker\.json: resources\[0\]\.properties\.A\.\$unresolved: expected a string/],
    ['proto.json', `${head}[${good.replace('"properties":{}', '"properties":{"__proto__":{"x":1}}')}]}`, /proto\.json: key "__proto__" is not allowed/],
  ])('%s is refused with a one-line error naming the file and where', (name, content, message) => {
    const p = put(name, content);
    expect(() => loadInventory(p)).toThrow(InputError);
    expect(() => loadInventory(p)).toThrow(message);
  });

  it('a missing file and an oversized file', () => {
    expect(() => loadInventory(join(dir, 'nope.json'))).toThrow(/nope\.json: no such file/);
    const p = put('big.json', `${head}[]}`);
    expect(() => loadInventory(p, 10)).toThrow(/over the 0 MB limit/);
  });
});

describe('vouch check --save-inventory → vouch evaluate', () => {
  it('evaluating the saved inventory gives the same findings as the original run', async () => {
    const inv = join(dir, 'saved.json');
    const a = await runVouch(['check', join(dir, 'app.yaml'), '--save-inventory', inv, '--out', join(dir, 'r1'), '--quiet']);
    expect(a.code, a.stderr).toBe(1);
    const b = await runVouch(['evaluate', inv, '--out', join(dir, 'r2'), '--quiet']);
    expect(b.code, b.stderr).toBe(1);
    const read = (d: string) => JSON.parse(readFileSync(join(dir, d, 'evidence.json'), 'utf8')) as EvidenceDocument;
    const key = (doc: EvidenceDocument) => doc.findings.map((f) => `${f.fingerprint} ${f.status} ${f.suppression?.reason ?? ''}`).sort();
    const first = read('r1');
    const second = read('r2');
    expect(key(second)).toEqual(key(first));
    expect(evidenceErrors(second)).toEqual([]);
    expect(second.summary.byStatus).toEqual(first.summary.byStatus);
    expect(second.run.command).toBe(`evaluate ${inv}`);
    expect(second.coverage.inputs).toEqual(first.coverage.inputs);
  });

  it('a bad inventory file: one line, exit 2', async () => {
    const r = await runVouch(['evaluate', put('bad.json', '{"inventoryVersion":1,"resources":"x"}')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.json: collectedAt: /);
  });
});
