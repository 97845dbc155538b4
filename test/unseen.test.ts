/**
 * Breadth run over input nobody here wrote for a rule: a CDK app across many
 * services (L2/L3 constructs with their defaults, nested stack, stage with
 * cross-stack references, env-agnostic and env-specific stacks, custom
 * resources, assets) and hand-written CloudFormation in the styles people
 * use (every short-form tag, SAM, Fn::ForEach, Rules, Outputs/exports,
 * cfn-lint metadata, DependsOn, CreationPolicy), each through the real
 * `vouch check` process.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';
import { runInProcess as runVouch } from './helpers/in-process.js';
import { synthUnseenApp } from './unseen/apps.js';
import { CONTROL_IDS } from '../src/evaluate/controls.js';
import type { Finding } from '../src/findings/evidence.js';

/** Rules this suite may hold to an exact list of failures (rules of other branches are only held to "no crash"). */
const JUDGED = ['iam-least-privilege', 'mfa', 'bastion-only', 'backup-retention', 'data-retention', 'data-residency', 'audit-logging'];

interface Run {
  code: number | null;
  stderr: string;
  doc: { findings: Finding[]; coverage: { inputs: string[]; notCollected: { what: string; why: string; gap?: boolean }[] }; summary: { incomplete: boolean } };
}

let dir: string;
const CFN = join(ROOT, 'test/unseen/cfn');

async function check(args: string[], out: string): Promise<Run> {
  const r = await runVouch(['check', ...args, '--out', join(dir, out), '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
  let doc: Run['doc'] = { findings: [], coverage: { inputs: [], notCollected: [] }, summary: { incomplete: false } };
  if (r.code !== 2) doc = JSON.parse(readFileSync(join(dir, out, 'evidence.json'), 'utf8'));
  return { code: r.code, stderr: r.stderr, doc };
}

/** The sanity every run must show, whatever the input. */
function sane(run: Run): void {
  expect(run.code, run.stderr).not.toBe(2);
  expect([0, 1, 3]).toContain(run.code);
  for (const f of run.doc.findings) {
    expect(f.message, `${f.ruleId} ${f.resource.id}`).not.toMatch(/^rule error:/);
    if (f.status === 'unknown') {
      // An unknown names why: a sentence, not a bare word.
      expect(f.message.length, `${f.ruleId} ${f.resource.id}`).toBeGreaterThan(20);
    }
  }
  for (const n of run.doc.coverage.notCollected) expect(n.why.length).toBeGreaterThan(10);
}

const failsOf = (run: Run, controls = JUDGED) =>
  run.doc.findings
    .filter((f) => f.status === 'fail' && controls.includes(f.control))
    .map((f) => `${f.ruleId} ${f.resource.constructPath ?? f.resource.id}`)
    .sort();

let app: { plain: Run; eu: Run };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-unseen-'));
  mkdirSync(join(dir, 'site'));
  writeFileSync(join(dir, 'site', 'index.html'), '<h1>hello</h1>\n');
  synthUnseenApp(join(dir, 'cdk.out'), join(dir, 'site'));
  writeFileSync(
    join(dir, 'eu.yaml'),
    `version: 1
name: EU company
claims:
  - id: all
    text: Everything the policy promises, data kept in the EU.
    controls: [${CONTROL_IDS.join(', ')}]
    parameters: { allowedRegions: [EU] }
`,
  );
  const [plain, eu] = await Promise.all([check(['cdk.out'], 'plain'), check(['cdk.out', '--claims', 'eu.yaml'], 'eu')]);
  app = { plain, eu };
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a CDK app across many services, as synthesized with defaults', () => {
  it('loads every stack, the stage’s stacks and the nested stack, and nothing crashes', () => {
    sane(app.plain);
    sane(app.eu);
    const inputs = app.plain.doc.coverage.inputs.join('\n');
    for (const t of ['Web.template.json', 'Api.template.json', 'Site.template.json', 'Ops.template.json', 'assembly-Prod/ProdData', 'assembly-Prod/ProdConsumer'])
      expect(inputs).toContain(t);
    // The nested stack is found through the asset manifest (no aws:asset:path metadata without the CDK CLI).
    expect(inputs).toMatch(/OpsInner[0-9A-F]+\.nested\.template\.json/);
    // Nothing is left out; the only notes say which imports came from another stack's export (src/sources/iac/exports.ts).
    const notes = app.plain.doc.coverage.notCollected as { what: string; why: string; gap?: boolean }[];
    expect(notes.filter((n) => !/^resolved from the export of stack /.test(n.why))).toEqual([]);
    expect(notes.filter((n) => n.gap)).toEqual([]);
  });

  it('judges the nested stack’s resources, with construct paths from the metadata file', () => {
    const inner = app.plain.doc.findings.filter((f) => f.resource.constructPath === 'Ops/Inner/InnerBucket/Resource');
    expect(inner.map((f) => f.ruleId)).toContain('audit-logging/aws-s3-bucket-access-logging');
    // Construct paths come from <stack>.metadata.json (additionalMetadataFile) when the template has none.
    expect(app.plain.doc.findings.every((f) => f.resource.id.endsWith('(stack)') || f.resource.constructPath)).toBe(true);
  });

  it('fails only what the defaults really leave open (rules of this branch)', () => {
    expect(failsOf(app.plain)).toEqual(
      [
        // ec2.Vpc has no flow log unless asked.
        'audit-logging/aws-ec2-vpc-flow-logs Web/Vpc/Resource',
        // RestApi's deployment stage and HttpApi's $default stage write no access logs unless a destination is given.
        'audit-logging/aws-apigateway-stage-access-logs Api/Rest/DeploymentStage.prod/Resource',
        'audit-logging/aws-apigatewayv2-stage-access-logs Api/Http/DefaultStage/Resource',
        // cloudfront.Distribution writes no access logs unless enableLogging; opensearch.Domain publishes no logs unless logging is set.
        'audit-logging/aws-cloudfront-distribution-logging Site/Cdn/Resource',
        'audit-logging/aws-opensearch-domain-logging Web/Search/Resource',
        // The ALB of ApplicationLoadBalancedFargateService logs no access.
        'audit-logging/aws-elbv2-load-balancer-access-logs Web/Web/LB/Resource',
        // s3.Bucket has no server access logging by default.
        'audit-logging/aws-s3-bucket-access-logging Ops/Inner/InnerBucket/Resource',
        'audit-logging/aws-s3-bucket-access-logging Site/Site/Resource',
        // dynamodb.Table: no point-in-time recovery, no backup plan.
        'backup-retention/aws-dynamodb-table Api/Items/Resource',
        'backup-retention/aws-dynamodb-table Prod/Data/Orders/Resource',
        // efs.FileSystem: enableAutomaticBackups defaults to false, and no backup plan selects it.
        'backup-retention/aws-efs-file-system Web/Files/Resource',
        // cognito.UserPool: MFA OFF by default.
        'mfa/aws-cognito-user-pool Api/Users/Resource',
        // AwsCustomResourcePolicy.ANY_RESOURCE: ssm:GetParameter on every parameter of the account (Checkov CKV_AWS_108).
        'iam-least-privilege/aws-iam-policy Ops/Lookup/CustomResourcePolicy/Resource',
      ].sort(),
    );
  });

  it('residency: the us-east-1 stack fails, the env-agnostic one is unknown with the reason, a nested stack resource is not a stack', () => {
    const res = app.eu.doc.findings.filter((f) => f.control === 'data-residency' && f.ruleId === 'data-residency/aws-cloudformation-stack');
    const by = (id: string) => res.find((f) => f.resource.id === id);
    expect(by('Site/(stack)')?.status).toBe('fail');
    expect(by('Web/(stack)')?.status).toBe('pass');
    expect(by('Prod/Data/(stack)')?.status).toBe('pass');
    expect(by('Api/(stack)')?.status).toBe('unknown');
    expect(by('Api/(stack)')?.message).toMatch(/region is not known/);
    // The nested stack is judged as a stack of its own (its parent's region), and its
    // AWS::CloudFormation::Stack resource is not judged as a stack without a region.
    expect(res.filter((f) => f.resource.id.startsWith('Ops/')).map((f) => [f.resource.id, f.status])).toEqual(
      expect.arrayContaining([
        ['Ops/(stack)', 'pass'],
        ['Ops/InnerNestedStackInnerNestedStackResource745E041B/(stack)', 'pass'],
      ]),
    );
    expect(res.some((f) => f.resource.type !== 'aws.cloudformation.stack')).toBe(false);
    expect(failsOf(app.eu, ['data-residency'])).toEqual(['data-residency/aws-cloudformation-stack Site/(stack)']);
  });
});

describe('hand-written CloudFormation in the styles people write', () => {
  it('every short-form tag, Rules, Outputs with exports, cfn-lint metadata, DependsOn, CreationPolicy', async () => {
    const r = await check(
      [
        join(CFN, 'short-forms.yaml'),
        '--region', 'eu-west-1',
        '--parameter', 'VpcId=vpc-1', '--parameter', 'Subnets=subnet-1,subnet-2',
        '--parameter', 'CertArn=arn:aws:acm:eu-west-1:111122223333:certificate/x',
      ],
      'short',
    );
    sane(r);
    const st = (rule: string, id: string) => r.doc.findings.filter((f) => f.ruleId.startsWith(rule) && f.resource.logicalId === id).map((f) => f.status);
    // !Select/!Split/!Join resolve to 0.0.0.0/0: port 22 open to the internet.
    expect(st('bastion-only/aws-security-group-ingress', 'AdminSsh')).toEqual(['fail']);
    // !ImportValue in the logging destination: logging is on whatever bucket the import names (S3 logs
    // only to an existing bucket), so the rule passes; an unresolved LoggingConfiguration stays unknown (fuzz.test.ts).
    expect(st('audit-logging/aws-s3-bucket-access-logging', 'Data')).toEqual(['pass']);
    // The Web instance is deployed (Both = IsProd ∧ (IsProd ∨ IsDev) with Env=prod) and judged.
    expect(r.doc.findings.some((f) => f.resource.logicalId === 'Web')).toBe(true);
    expect(failsOf(r)).toEqual(
      [
        'audit-logging/aws-elbv2-load-balancer-access-logs short-forms/Alb',
        'bastion-only/aws-security-group-ingress short-forms/AdminSsh',
        // (WebSg: SSH from the AdminCidr parameter, default one office /24; with no admin CIDRs in the profile a
        // narrow range is the admins' network on any host since session 13, so it passes.)
      ].sort(),
    );
  });

  it('a SAM template: plain resources and what the SAM resources become are judged, a policy template included', async () => {
    const r = await check([join(CFN, 'sam.yaml'), '--region', 'eu-west-1'], 'sam');
    sane(r);
    // The policy template (written as a YAML tag) is expanded into the statements SAM writes: nothing is left uncollected.
    expect(r.doc.coverage.notCollected ?? []).toEqual([]);
    expect(r.doc.findings.some((f) => f.resource.type.startsWith('aws.serverless.'))).toBe(false);
    expect(failsOf(r)).toEqual([
      // The stage SAM generates for an Api without AccessLogSetting writes no access logs.
      'audit-logging/aws-apigateway-stage-access-logs sam/ApiprodStage',
      'audit-logging/aws-s3-bucket-access-logging sam/Uploads',
      // A SimpleTable is a DynamoDB table without point-in-time recovery.
      'backup-retention/aws-dynamodb-table sam/Items',
      'iam-least-privilege/aws-iam-inline-policy sam/Worker',
    ]);
    // DynamoDBReadPolicy reads one table: the generated role is judged, and passes.
    const role = r.doc.findings.filter((f) => f.resource.id === 'sam/GetItemsRole' && f.control === 'iam-least-privilege');
    expect(role.length).toBeGreaterThan(0);
    expect(role.map((f) => f.status).filter((s) => s !== 'pass')).toEqual([]);
    // The edge-optimized default endpoint SAM gives the API accepts TLS 1.0.
    expect(r.doc.findings.find((f) => f.resource.id === 'sam/Api' && f.ruleId === 'tls-min/aws-apigateway-rest-api')?.status).toBe('fail');
  });

  it('Fn::ForEach loops are expanded over literal and parameter collections', async () => {
    const r = await check([join(CFN, 'foreach.yaml'), '--region', 'eu-west-1'], 'foreach');
    sane(r);
    const ids = new Set(r.doc.findings.map((f) => f.resource.logicalId));
    for (const id of ['RawBucket', 'CuratedBucket', 'ordersGroup', 'invoicesGroup']) expect(ids).toContain(id);
    expect(failsOf(r, ['bastion-only'])).toEqual(['bastion-only/aws-security-group foreach/invoicesGroup', 'bastion-only/aws-security-group foreach/ordersGroup']);
  });

  it('a loop over an unknown collection is listed as not collected, not passed', async () => {
    writeFileSync(
      join(dir, 'loop-unknown.yaml'),
      `Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Groups:
    - N
    - !Ref Names
    - "\${N}Sg":
        Type: AWS::EC2::SecurityGroup
        Properties: { GroupDescription: x, SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }] }
  Topic: { Type: AWS::SNS::Topic }
`,
    );
    const r = await check(['loop-unknown.yaml'], 'loop-unknown');
    sane(r);
    expect(r.doc.coverage.notCollected).toEqual([
      { what: 'loop-unknown.yaml: Fn::ForEach::Groups', why: expect.stringMatching(/collection is not known.*Ref Names/), gap: true },
    ]);
    // Resources that exist but could not be judged make the run incomplete.
    expect(r.doc.summary.incomplete).toBe(true);
    expect(r.doc.findings.filter((f) => f.ruleId.startsWith('bastion-only/')).length).toBe(0);
  });
});
