/**
 * Templates CloudFormation accepts, in every structural shape vouch has met or
 * could meet: snippets (`Fn::Transform` with `AWS::Include` or a macro) at the
 * Resources level, as a whole resource, as a resource's Properties, inside a
 * value and at the top; modules; Hooks; registry and custom types; nested
 * `Fn::ForEach` with `&{}` identifiers and output maps; Rules; Metadata
 * oddities; YAML anchors and merge keys; comments, a byte-order mark, CRLF.
 * Each must load (never refuse the run), every resource it can read must be
 * judged (a canary queue with encryption off fails in each), and what it
 * cannot read is a coverage gap naming the file. A template that is not one
 * still gets a one-line error naming the file.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { CONTROL_IDS } from '../../src/evaluate/controls.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { InputError } from '../../src/util/errors.js';
import type { Rule } from '../../src/evaluate/rule.js';

const CANARY_YAML = `  Canary:
    Type: AWS::SQS::Queue
    Properties: { SqsManagedSseEnabled: false }
`;

/** name → [template text, the gap (coverage.notCollected `what`) it must report, if any]. */
const VALID: Record<string, [string, RegExp | undefined]> = {
  'include-in-resources.yaml': [
    `Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters: { Location: s3://snippets/alarms.yaml }
${CANARY_YAML}`,
    /Resources Fn::Transform \(AWS::Include \(s3:\/\/snippets\/alarms\.yaml\)\)/,
  ],
  'macro-list-in-resources.yaml': [
    `Resources:
  Fn::Transform:
    - Name: TeamMacro
    - Name: AWS::Include
      Parameters: { Location: s3://snippets/more.yaml }
${CANARY_YAML}`,
    /macro TeamMacro, AWS::Include/,
  ],
  'include-as-resource.yaml': [
    `Resources:
  Reports:
    Fn::Transform:
      Name: AWS::Include
      Parameters: { Location: s3://snippets/reports-bucket.yaml }
${CANARY_YAML}`,
    /: Reports \(AWS::Include/,
  ],
  'include-as-properties.yaml': [
    `Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/bucket-props.yaml } }
${CANARY_YAML}`,
    undefined,
  ],
  'include-in-value.yaml': [
    `Resources:
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/policy.json } }
${CANARY_YAML}`,
    undefined,
  ],
  'include-at-top.yaml': [
    `Transform:
  - Name: AWS::Include
    Parameters: { Location: s3://snippets/whole.yaml }
Resources:
${CANARY_YAML}`,
    /Transform/,
  ],
  'include-at-top-object.yaml': [
    `Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/whole.yaml } }
Resources:
${CANARY_YAML}`,
    /Transform/,
  ],
  'named-macro-and-sam.yaml': [
    `Transform: [TeamMacro, AWS::Serverless-2016-10-31]
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: app.handler, InlineCode: "def handler(e, c): return 1" }
${CANARY_YAML}`,
    /Transform TeamMacro/,
  ],
  'section-includes.yaml': [
    `Parameters:
  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/params.yaml } }
Mappings:
  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/maps.yaml } }
Conditions:
  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/conds.yaml } }
Outputs:
  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/outs.yaml } }
Resources:
${CANARY_YAML}`,
    /Parameters Fn::Transform/,
  ],
  'module.yaml': [
    `Resources:
  Network:
    Type: Acme::Network::Vpc::MODULE
    Properties: { CidrBlock: 10.0.0.0/16 }
${CANARY_YAML}`,
    /Network \(Acme::Network::Vpc::MODULE\)/,
  ],
  'hooks.yaml': [
    `Transform: AWS::CodeDeployBlueGreen
Hooks:
  BlueGreen:
    Type: AWS::CodeDeploy::BlueGreen
    Properties: { TrafficRoutingConfig: { Type: AllAtOnce }, Applications: [] }
Resources:
${CANARY_YAML}`,
    /AWS::CodeDeployBlueGreen/,
  ],
  'registry-and-custom-types.yaml': [
    `Resources:
  Monitor:
    Type: Acme::Monitors::Monitor
    Properties: { Name: latency }
  Setup:
    Type: Custom::Setup
    Properties: { ServiceToken: !Sub "arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:setup" }
  Other:
    Type: AWS::CloudFormation::CustomResource
    Properties: { ServiceToken: arn:aws:lambda:eu-west-1:111122223333:function:other }
${CANARY_YAML}`,
    undefined,
  ],
  'foreach-nested.yaml': [
    `Transform: AWS::LanguageExtensions
Parameters:
  Stages: { Type: CommaDelimitedList, Default: "dev,prod" }
Resources:
  Fn::ForEach::Stage:
    - Stage
    - !Ref Stages
    - Fn::ForEach::Kind:
        - Kind
        - [raw, clean]
        - "\${Stage}\${Kind}Queue":
            Type: AWS::SQS::Queue
            Properties: { SqsManagedSseEnabled: false }
${CANARY_YAML}
Outputs:
  Fn::ForEach::StageOut:
    - Stage
    - !Ref Stages
    - "\${Stage}Url":
        Value: !Ref devrawQueue
`,
    undefined,
  ],
  'foreach-ampersand.yaml': [
    `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Logs:
    - Path
    - [api/gateway, jobs.worker]
    - "&{Path}Queue":
        Type: AWS::SQS::Queue
        Properties: { QueueName: !Sub "q-&{Path}", SqsManagedSseEnabled: false }
${CANARY_YAML}`,
    undefined,
  ],
  'foreach-include-in-loop.yaml': [
    `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Tenants:
    - Tenant
    - [a, b]
    - "\${Tenant}Data":
        Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://snippets/tenant.yaml } }
${CANARY_YAML}`,
    /: aData \(AWS::Include/,
  ],
  'foreach-in-properties.yaml': [
    `Transform: AWS::LanguageExtensions
Resources:
  Canary:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: canary
      Fn::ForEach::Flags:
        - Flag
        - [SqsManagedSseEnabled]
        - "\${Flag}": false
`,
    undefined,
  ],
  'conditions-on-lists.yaml': [
    `Parameters:
  Subnets: { Type: CommaDelimitedList, Default: "" }
Conditions:
  NoSubnets: !Equals [!Join ["", !Ref Subnets], ""]
  SameList: !Equals [!Ref Subnets, [a, b]]
  Both: !And [!Condition NoSubnets, !Not [!Condition SameList]]
Resources:
${CANARY_YAML}  Maybe:
    Type: AWS::SQS::Queue
    Condition: Both
`,
    undefined,
  ],
  'rules-and-metadata.yaml': [
    `Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Rules:
  ProdRegion:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Contains [[eu-west-1], !Ref "AWS::Region"]
        AssertDescription: prod runs in eu-west-1
Metadata:
  AWS::CloudFormation::Interface: { ParameterGroups: [] }
  Odd: [1, null, { a: [] }]
Resources:
${CANARY_YAML}  Quiet:
    Type: AWS::SQS::Queue
    Metadata: null
    DependsOn: []
`,
    undefined,
  ],
  'anchors-and-merge.yaml': [
    `Resources:
  First:
    Type: AWS::SQS::Queue
    Properties: &queueProps
      SqsManagedSseEnabled: false
      Tags: &tags [{ Key: team, Value: core }]
  Canary:
    Type: AWS::SQS::Queue
    Properties:
      <<: *queueProps
      DelaySeconds: 5
`,
    undefined,
  ],
  'comments-bom-crlf.yaml': ['\ufeff# leading comment\r\nResources: # trailing\r\n  Canary: # the canary\r\n    Type: AWS::SQS::Queue\r\n    Properties: { SqsManagedSseEnabled: false } # off\r\n', undefined],
  'bom.json': ['\ufeff{"Resources": {"Canary": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": false}}}}\r\n', undefined],
  'json-includes.json': [
    JSON.stringify({
      Transform: ['AWS::LanguageExtensions'],
      Resources: {
        'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://snippets/x.json' } },
        Data: { Type: 'AWS::S3::Bucket', Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://snippets/p.json' } } } },
        Canary: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false } },
      },
    }),
    /Resources Fn::Transform/,
  ],
  'empty-sections.yaml': [
    `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
Mappings:
Conditions:
Outputs:
Resources:
${CANARY_YAML}  Bare:
    Type: AWS::SQS::Queue
    Properties:
`,
    undefined,
  ],
};

let dir: string;
let rules: Rule[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-valid-'));
  for (const [name, [text]] of Object.entries(VALID)) writeFileSync(join(dir, name), text);
  rules = await loadRules();
});

describe('valid templates of every structural shape load and are judged', () => {
  for (const [name, [, gap]] of Object.entries(VALID)) {
    it(`${name}: loads, the canary queue fails enc-rest${gap ? ', the unread part is a coverage gap' : ''}`, () => {
      const inv = loadIac([join(dir, name)]);
      const findings = evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
      const canary = findings.filter((f) => f.resource.name === 'Canary' && f.ruleId === 'enc-rest/aws-sqs-queue');
      expect(canary.map((f) => f.status)).toEqual(['fail']);
      // Every resource vouch read with a type a rule covers got a verdict.
      for (const r of inv.ofType('aws.sqs.queue'))
        expect(findings.some((f) => f.resource.id === r.id && f.ruleId === 'enc-rest/aws-sqs-queue'), `${r.id} judged`).toBe(true);
      const gaps = (inv.coverage.notCollected ?? []).filter((n) => n.gap);
      if (gap) expect(gaps.map((g) => g.what).join('\n')).toMatch(gap);
      for (const g of gaps) expect(g.what).toContain(name);
    });
  }

  it('a bucket whose Properties are a snippet is unknown, never a pass', () => {
    const inv = loadIac([join(dir, 'include-as-properties.yaml')]);
    const findings = evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
    const data = findings.filter((f) => f.resource.name === 'Data' && f.status !== 'not-applicable');
    expect(data.length).toBeGreaterThan(0);
    for (const f of data) expect(f.status, `${f.ruleId}: ${f.message}`).toBe('unknown');
  });

  it('Fn::ForEach loops, nested and with &{} identifiers, expand into judged resources', () => {
    const nested = [...loadIac([join(dir, 'foreach-nested.yaml')]).all()].map((r) => r.name);
    expect(nested).toEqual(expect.arrayContaining(['devrawQueue', 'devcleanQueue', 'prodrawQueue', 'prodcleanQueue']));
    const amp = [...loadIac([join(dir, 'foreach-ampersand.yaml')]).all()].map((r) => r.name);
    expect(amp).toEqual(expect.arrayContaining(['apigatewayQueue', 'jobsworkerQueue']));
  });

  it('an Fn::ForEach in Properties over a collection vouch cannot read makes what it sets unknown, never omitted', () => {
    const p = join(dir, 'foreach-props-unknown.yaml');
    writeFileSync(
      p,
      `Transform: AWS::LanguageExtensions
Parameters:
  Flags: { Type: CommaDelimitedList }
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      Fn::ForEach::Flags:
        - Flag
        - !Ref Flags
        - "\${Flag}": false
`,
    );
    const inv = loadIac([p]);
    const findings = evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
    expect(findings.find((f) => f.resource.name === 'Jobs' && f.ruleId === 'enc-rest/aws-sqs-queue')?.status).toBe('unknown');
  });

  it('a merge key brings the anchored properties (encryption off) into the mapping that uses it', () => {
    const inv = loadIac([join(dir, 'anchors-and-merge.yaml')]);
    const canary = [...inv.all()].find((r) => r.name === 'Canary')!;
    expect(canary.properties).toMatchObject({ SqsManagedSseEnabled: false, DelaySeconds: 5 });
    expect(canary.properties).not.toHaveProperty('<<');
  });

  it('a directory of all of them loads in one run', () => {
    const inv = loadIac([dir]);
    expect(inv.coverage.inputs?.length).toBe(Object.keys(VALID).length + 1);
  });
});

describe('a template that is not one still gets a one-line error naming the file', () => {
  const INVALID: Record<string, [string, RegExp]> = {
    'not-yaml.yaml': ['Resources: [unclosed\n  - {', /invalid YAML/],
    'not-json.json': ['{"Resources": {', /invalid JSON/],
    'no-resources.yaml': ['AWSTemplateFormatVersion: "2010-09-09"\nDescription: nothing\n', /no Resources section/],
    'typeless.yaml': ['Resources:\n  Thing:\n    Properties: { A: 1 }\n', /resource Thing has no Type/],
    'scalar.yaml': ['just text\n', /not a CloudFormation template/],
  };
  for (const [name, [text, message]] of Object.entries(INVALID)) {
    it(name, () => {
      const d = mkdtempSync(join(tmpdir(), 'vouch-invalid-'));
      const p = join(d, name);
      writeFileSync(p, text);
      let err: unknown;
      try {
        loadIac([p]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      const msg = (err as Error).message;
      expect(msg).toContain(name);
      expect(msg).toMatch(message);
      expect(msg).not.toContain('\n');
    });
  }
});
