import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac } from '../../src/sources/iac/load.js';
import { InputError } from '../../src/util/errors.js';
import { Branches, ResourceRef, Unresolved } from '../../src/model/values.js';

let dir: string;
const write = (rel: string, content: unknown) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-iac-'));
});

describe('YAML templates', () => {
  it('reads short-form tags, resolves intrinsics and records lines', () => {
    const file = write(
      'app.yaml',
      `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String, Default: prod }
  Size: { Type: Number, Default: 20 }
  NoDefault: { Type: String }
Mappings:
  Tiers: { prod: { Class: db.r6g.large } }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Unknown: !Equals [!Ref NoDefault, x]
  Loop1: !Condition Loop2
  Loop2: !Condition Loop1
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-\${Env}-data"
      Tags: [{ Key: tier, Value: !FindInMap [Tiers, !Ref Env, Class] }]
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Resource: !Sub "\${Bucket.Arn}/*"
            Principal: "*"
            Action: "s3:*"
            Condition: { Bool: { aws:SecureTransport: false } }
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      AllocatedStorage: !Ref Size
      StorageEncrypted: !If [IsProd, true, false]
      DBInstanceClass: !If [Unknown, a, b]
      Engine: !Join ["", [post, gres]]
      Port: !Select [1, [5432, 5433]]
      Imported: !ImportValue shared-thing
      Missing: !Ref NoDefault
      Looping: !If [Loop1, yes, no]
      Nothing: !Ref AWS::NoValue
  Skipped:
    Type: AWS::S3::Bucket
    Condition: Unknown
  NotDeployed:
    Type: AWS::S3::Bucket
    Condition: NeverProd
`.replace('NeverProd', 'IsNotProd') + '',
    );
    // add the IsNotProd condition (false) by appending to Conditions via a second template below
    const inv = loadIac([file], { region: 'eu-west-1', cwd: dir });
    const bucket = inv.get('app/Bucket')!;
    expect(bucket.type).toBe('aws.s3.bucket');
    expect(bucket.location.line).toBe(14);
    expect(bucket.location.file).toBe('app.yaml');
    // A bare template's stack name is chosen at deploy time (not its file name): any text, known to be one value.
    expect(bucket.properties.BucketName).toBeInstanceOf(Unresolved);
    expect((bucket.properties.BucketName as Unresolved).shape).toBe('\u0002-prod-data');
    expect((bucket.properties.BucketName as Unresolved).slots).toEqual(['text']);
    expect((bucket.properties.Tags as any)[0].Value).toBe('db.r6g.large');
    expect(bucket.relations.policy).toEqual(['app/Policy']);
    const policy = inv.get('app/Policy')!;
    expect(policy.properties.Bucket).toBeInstanceOf(ResourceRef);
    expect((policy.properties as any).PolicyDocument.Statement[0].Resource).toBeInstanceOf(Unresolved);
    const db = inv.get('app/Db')!.properties as Record<string, unknown>;
    expect(db.AllocatedStorage).toBe(20);
    expect(db.StorageEncrypted).toBe(true);
    expect(db.DBInstanceClass).toBeInstanceOf(Branches);
    expect(db.Engine).toBe('postgres');
    expect(db.Port).toBe(5433);
    expect(db.Imported).toBeInstanceOf(Unresolved);
    expect((db.Missing as Unresolved).expression).toMatch(/--parameter NoDefault=/);
    expect(db.Looping).toBeInstanceOf(Branches);
    expect('Nothing' in db).toBe(false);
    expect(inv.get('app/Skipped')?.properties.$Condition).toBe('Unknown');
    // NotDeployed references an undefined condition: unknown, so it is kept and judged.
    expect(inv.get('app/NotDeployed')).toBeDefined();
    const stack = inv.get('app/(stack)')!;
    expect(stack.properties.Region).toBe('eu-west-1');
  });

  it('drops resources whose condition is known false, and --parameter overrides defaults', () => {
    const file = write(
      'cond.yaml',
      `Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  DevOnly:
    Type: AWS::S3::Bucket
    Condition: IsDev
  Always:
    Type: AWS::S3::Bucket
`,
    );
    expect(loadIac([file], { cwd: dir }).get('cond/DevOnly')).toBeUndefined();
    expect(loadIac([file], { cwd: dir, parameters: { Env: 'dev' } }).get('cond/DevOnly')).toBeDefined();
    expect(loadIac([file], { cwd: dir }).coverage.notCollected?.some((n) => /DevOnly/.test(n.why))).toBe(true);
  });
});

describe('JSON templates and cdk.out', () => {
  it('reads a cloud assembly with environments, construct paths, nested stacks and stage assemblies', () => {
    const asm = join(dir, 'cdk.out');
    write('cdk.out/manifest.json', {
      version: '38.0.0',
      artifacts: {
        Api: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111122223333/eu-central-1',
          properties: { templateFile: 'Api.template.json' },
          metadata: { '/Api/Queue/Resource': [{ type: 'aws:cdk:logicalId', data: 'Queue1' }] },
        },
        Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
        Prod: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } },
      },
    });
    write('cdk.out/Api.template.json', {
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'Api/Bucket/Resource' } },
        Queue1: { Type: 'AWS::SQS::Queue' },
        Nested: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'ApiNested.nested.template.json' } },
      },
    });
    write('cdk.out/ApiNested.nested.template.json', { Resources: { Inner: { Type: 'AWS::SNS::Topic' } } });
    write('cdk.out/assembly-Prod/manifest.json', {
      version: '38.0.0',
      artifacts: { 'ProdApi': { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', displayName: 'Prod/Api', properties: { templateFile: 'ProdApi.template.json' } } },
    });
    write('cdk.out/assembly-Prod/ProdApi.template.json', { Resources: { Vol: { Type: 'AWS::EC2::Volume', Properties: { Size: 1 } } } });
    const inv = loadIac([asm], { cwd: dir });
    const bucket = inv.get('Api/Bucket')!;
    expect(bucket.location).toMatchObject({ constructPath: 'Api/Bucket/Resource', region: 'eu-central-1', account: '111122223333', file: 'cdk.out/Api.template.json', line: 3 });
    expect(inv.get('Api/Queue1')!.location.constructPath).toBe('Api/Queue/Resource');
    expect(inv.get('Api/Nested/Inner')!.location.region).toBe('eu-central-1');
    expect(inv.get('Prod/Api/Vol')!.location.region).toBeUndefined();
    expect(inv.get('Prod/Api/(stack)')!.properties.Region).toBeInstanceOf(Unresolved);
  });

  it('refuses a manifest that points outside the assembly, directly or through a link', () => {
    write('evil.out/manifest.json', { artifacts: { X: { type: 'aws:cloudformation:stack', properties: { templateFile: '../app.yaml' } } } });
    expect(() => loadIac([join(dir, 'evil.out')], { cwd: dir })).toThrow(/artifact 'X' points at \.\.\/app\.yaml, outside the assembly/);
    write('link.out/manifest.json', { artifacts: { X: { type: 'aws:cloudformation:stack', properties: { templateFile: 't.json' } } } });
    symlinkSync(join(dir, 'app.yaml'), join(dir, 'link.out/t.json'));
    expect(() => loadIac([join(dir, 'link.out')], { cwd: dir })).toThrow(/links outside the assembly/);
  });

  it('says so when an assembly has no stacks', () => {
    write('empty.out/manifest.json', { version: '38.0.0', artifacts: {} });
    expect(() => loadIac([join(dir, 'empty.out')], { cwd: dir })).toThrow(InputError);
    expect(() => loadIac([join(dir, 'empty.out')], { cwd: dir })).toThrow(/the assembly has no stacks/);
  });

  it('finds the line of each logical id in JSON, not of a Ref to it', () => {
    const file = write('refs.json', '{\n  "Resources": {\n    "A": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": { "Ref": "B" } } },\n    "B": {\n      "Type": "AWS::S3::Bucket"\n    }\n  }\n}\n');
    const inv = loadIac([file], { cwd: dir });
    expect(inv.get('refs/A')!.location.line).toBe(3);
    expect(inv.get('refs/B')!.location.line).toBe(4);
  });

  it('reads a directory of templates, passing over JSON that is not a template and saying so', () => {
    write('mixed/a.yaml', 'Resources:\n  X: { Type: AWS::S3::Bucket }\n');
    write('mixed/package.json', { name: 'x' });
    const inv = loadIac([join(dir, 'mixed')], { cwd: dir });
    expect(inv.get('a/X')).toBeDefined();
    expect(inv.coverage.notCollected?.map((n) => n.what)).toContain('mixed/package.json');
  });
});
