/**
 * Loader cases found by the breadth run and the fuzzer (test/unseen.test.ts,
 * test/fuzz.test.ts), each pinned with the smallest input that showed it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac } from '../../src/sources/iac/load.js';
import { parseTemplateText } from '../../src/sources/iac/parse.js';
import { loadStack } from '../../src/sources/iac/stack.js';
import { Resolver } from '../../src/sources/iac/intrinsics.js';
import { judge } from '../../src/evaluate/evaluate.js';
import { Inventory } from '../../src/model/inventory.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { defineRule } from '../../src/evaluate/rule.js';
import { Unresolved } from '../../src/model/values.js';
import { InputError } from '../../src/util/errors.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { CONTROL_IDS } from '../../src/evaluate/controls.js';

let dir: string;
const write = (rel: string, content: unknown) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
};
const HASH = 'e51fabed56f2f5bb5147d8562fa9381c95d0e034c8d1919d97b94e4574b0c495';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-shapes-'));
});

const load = (text: string, overrides: Record<string, string> = {}) =>
  loadStack({ parsed: parseTemplateText(text, 't.json'), file: 't.json', stackName: 'S', region: 'eu-west-1', parameterOverrides: overrides });

describe('CDK assemblies as the CDK writes them without the CLI', () => {
  function assembly(name: string, templateUrlHash: string, assetFile = 'Ops.assets.json') {
    write(`${name}/manifest.json`, {
      version: '55.0.0',
      artifacts: {
        'Ops.assets': { type: 'cdk:asset-manifest', properties: { file: assetFile } },
        Ops: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111122223333/eu-west-1',
          properties: { templateFile: 'Ops.template.json' },
          additionalMetadataFile: 'Ops.metadata.json',
          displayName: 'Ops',
        },
      },
    });
    write(`${name}/Ops.assets.json`, {
      version: '55.0.0',
      files: { [HASH]: { displayName: 'Inner Nested Stack Template', source: { path: 'OpsInner.nested.template.json', packaging: 'file' } } },
    });
    write(`${name}/Ops.metadata.json`, {
      '/Ops/Topic/Resource': [{ type: 'aws:cdk:logicalId', data: 'Topic1' }],
      '/Ops/Inner/Bucket/Resource': [{ type: 'aws:cdk:logicalId', data: 'Bucket1' }],
    });
    write(`${name}/Ops.template.json`, {
      Resources: {
        Topic1: { Type: 'AWS::SNS::Topic' },
        Inner: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: { 'Fn::Join': ['', ['https://s3.eu-west-1.', { Ref: 'AWS::URLSuffix' }, `/cdk-assets/${templateUrlHash}.json`]] } },
        },
      },
    });
    write(`${name}/OpsInner.nested.template.json`, { Resources: { Bucket1: { Type: 'AWS::S3::Bucket' } } });
    return join(dir, name);
  }

  it('finds a nested stack through the asset manifest, and construct paths in the metadata file', () => {
    const inv = loadIac([assembly('a.out', HASH)], { cwd: dir });
    expect(inv.coverage.inputs).toContain('a.out/OpsInner.nested.template.json');
    const bucket = inv.get('Ops/Inner/Bucket1')!;
    expect(bucket.location).toMatchObject({ region: 'eu-west-1', constructPath: 'Ops/Inner/Bucket/Resource' });
    expect(inv.get('Ops/Topic1')!.location.constructPath).toBe('Ops/Topic/Resource');
    // The pointer resource is not a stack to judge; the nested template is, as a stack of its own.
    expect(inv.get('Ops/Inner')!.type).toBe('aws.cloudformation.nested-stack');
    expect(inv.get('Ops/Inner/(stack)')!.properties.Region).toBe('eu-west-1');
  });

  it('lists a nested stack whose template it cannot find as not collected', () => {
    const inv = loadIac([assembly('b.out', 'f'.repeat(64))], { cwd: dir });
    expect(inv.coverage.notCollected).toEqual([
      { what: 'b.out/Ops.template.json: nested stack Inner', why: expect.stringMatching(/template is not in the assembly/), gap: true },
    ]);
  });

  it('refuses an asset manifest outside the assembly', () => {
    expect(() => loadIac([assembly('c.out', HASH, '../a.out/Ops.assets.json')], { cwd: dir })).toThrow(/outside the assembly/);
  });
});

describe('template shapes the fuzzer found', () => {
  it('Fn::Equals on lists of objects with a `toString` key does not throw', () => {
    const r = new Resolver({ parameters: {}, unknownParameters: new Set(), mappings: {}, conditions: { C: { 'Fn::Equals': ['x', [{ toString: 1 }]] } }, resources: new Set() });
    expect(r.condition('C')).toBe(false);
  });

  it('Fn::Select indexed by AWS::NoValue (or anything not a number) is unresolved, not a crash', () => {
    const s = load(
      JSON.stringify({
        Resources: { T: { Type: 'AWS::SNS::Topic', Properties: { A: { 'Fn::Select': [{ Ref: 'AWS::NoValue' }, ['a']] }, B: { 'Fn::Select': [' ', ['a']] }, C: { 'Fn::Select': ['0', ['a']] } } } },
      }),
    );
    const p = s.resources.find((r) => r.name === 'T')!.properties;
    expect(p.A).toBeInstanceOf(Unresolved);
    expect(p.B).toBeInstanceOf(Unresolved);
    expect(p.C).toBe('a');
  });

  it('a parameter default CloudFormation would refuse is no value', () => {
    const s = load(
      JSON.stringify({
        Parameters: { Obj: { Type: 'String', Default: { toString: 'x' } }, Num: { Type: 'Number', Default: 'abc' }, L: { Type: 'CommaDelimitedList', Default: ['a', 'b'] } },
        Resources: { T: { Type: 'AWS::SNS::Topic', Properties: { A: { Ref: 'Obj' }, B: { Ref: 'Num' }, C: { Ref: 'L' } } } },
      }),
    );
    const p = s.resources.find((r) => r.name === 'T')!.properties;
    expect(p.A).toBeInstanceOf(Unresolved);
    expect(p.B).toBeInstanceOf(Unresolved);
    expect(p.C).toEqual(['a', 'b']);
  });

  it('Fn::ForEach: nested loops expand, `&{}` strips punctuation, a loop that explodes is refused', () => {
    const s = load(
      JSON.stringify({
        Resources: {
          'Fn::ForEach::Outer': ['Env', ['dev', 'prod'], { 'Fn::ForEach::Inner': ['Tier', ['web-1', 'db'], { '${Env}&{Tier}': { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': '${Env}-${Tier}' } } } }] }],
        },
      }),
    );
    const topics = Object.fromEntries(s.resources.filter((r) => r.type === 'aws.sns.topic').map((r) => [r.name, r.properties.TopicName]));
    expect(topics).toEqual({ devweb1: 'dev-web-1', devdb: 'dev-db', prodweb1: 'prod-web-1', proddb: 'prod-db' });
    const many = Array.from({ length: 150 }, (_, i) => `v${i}`);
    const bomb = { Resources: { 'Fn::ForEach::A': ['X', many, { 'Fn::ForEach::B': ['Y', many, { '${X}${Y}': { Type: 'AWS::SNS::Topic' } }] }] } };
    expect(() => load(JSON.stringify(bomb))).toThrow(InputError);
    expect(() => load(JSON.stringify(bomb))).toThrow(/more than 20000 resources/);
    // A large body looped many times is refused by the work it makes, before any resource count.
    const body = { Type: 'AWS::SNS::Topic', Properties: { Big: Array.from({ length: 5000 }, (_, i) => ({ 'Fn::Sub': `\${X}-${i}` })) } };
    const wide = { Resources: { 'Fn::ForEach::A': ['X', many, { '${X}T': body }] } };
    expect(() => load(JSON.stringify(wide))).toThrow(/Fn::ForEach expands to more than 500000 values/);
  });
});

describe('Fn::If variants', () => {
  it('a pass one variant did not give is dropped when that variant failed under another sub-id', () => {
    const rule = defineRule({
      id: 'enc-rest/test-variants',
      control: 'enc-rest',
      title: 't',
      severity: 'low',
      risk: 'r',
      remediation: { text: 'x' },
      types: ['aws.sns.topic'],
      sources: ['iac'],
      check: (r) =>
        r.properties.Open === true
          ? { status: 'fail', subId: 'Open', message: 'open', evidence: [] }
          : { status: 'pass', message: 'closed', evidence: [] },
    });
    const s = load(
      JSON.stringify({
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: { T: { Type: 'AWS::SNS::Topic', Properties: { Open: { 'Fn::If': ['C', true, false] } } } },
      }),
    );
    const inventory = new Inventory(s.resources, { inputs: [], notCollected: [] });
    const verdicts = judge(rule, s.resources.find((r) => r.name === 'T')!, { params: DEFAULT_PARAMETERS, inventory });
    expect(verdicts.map((v) => v.status)).toEqual(['fail']);
    expect(verdicts[0]!.message).toMatch(/^when C=true: open/);
  });
});

describe('template objects with a `toString` or `valueOf` key of their own', () => {
  it('no rule of this branch crashes on them (String() would)', async () => {
    const odd = { toString: 1, valueOf: 'x' };
    const s = load(
      JSON.stringify({
        Resources: {
          Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: odd } },
          Vpc: { Type: 'AWS::EC2::VPC', Properties: {} },
          Log: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: odd } },
          Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, MapPublicIpOnLaunch: odd } },
          Web: { Type: 'AWS::EC2::Instance', Properties: { SubnetId: { Ref: 'Subnet' }, Tags: [{ Key: 'Role', Value: odd }] } },
          Pool: { Type: 'AWS::Cognito::UserPool', Properties: { MfaConfiguration: odd } },
          Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: odd }] } },
          Rep: { Type: 'AWS::S3::Bucket', Properties: { ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled', Destination: { Bucket: odd } }] } } },
        },
      }),
    );
    const inventory = new Inventory(s.resources, { inputs: [], notCollected: [] });
    const mine = (await loadRules()).filter((r) => !/^(enc-rest|tls-min|https-redirect|public-access|secrets-encrypted|cache-no-backup)\//.test(r.id));
    const params = { ...DEFAULT_PARAMETERS, allowedRegions: ['EU'] };
    const findings = evaluate(inventory, mine, { controls: CONTROL_IDS, ctx: { params, inventory } });
    expect(findings.length).toBeGreaterThan(5);
    expect(findings.filter((f) => f.message.startsWith('rule error:')).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});

describe('values whose own keys shadow Object methods', () => {
  it('never crash a rule: { toString: 1 } in Protocol, SSEAlgorithm or an action Type', async () => {
    const rules = await loadRules();
    const file = write(
      'shadow.json',
      {
        Resources: {
          L: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: { toString: 1 }, Port: 443, LoadBalancerArn: 'x', DefaultActions: [{ Type: { toString: 1 } }] } },
          H: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: 'HTTP', Port: 80, LoadBalancerArn: 'x', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: { toString: 1 } } }] } },
          B: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: { toString: 1 } } }] } } },
        },
      },
    );
    const inv = loadIac([file], { cwd: dir, region: 'eu-west-1' });
    const findings = evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
    expect(findings.filter((f) => f.message.startsWith('rule error')).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'enc-rest/aws-s3-bucket')!.status).toBe('fail');
    expect(findings.find((f) => f.ruleId === 'https-redirect/aws-elbv2-listener' && f.resource.logicalId === 'H')!.status).toBe('fail');
  });
});
