/**
 * The SAM policy template table (src/sources/iac/sam-policy-templates.ts): it
 * holds every template the SAM translator publishes, each entry is internally
 * consistent (placeholders ↔ parameters, actions ↔ ARN services), and a SAM
 * function using the templates is judged on the statements SAM writes, with
 * no `unknown` left for a template in the table.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { CONTROL_IDS } from '../../src/evaluate/controls.js';
import { POLICY_TEMPLATES, expandPolicyTemplate } from '../../src/sources/iac/sam-policy-templates.js';
import type { Inventory } from '../../src/model/inventory.js';

/** The templates of the SAM translator's policy_templates.json (current release), by name. */
const SAM_PUBLISHED = `
  AMIDescribePolicy AWSSecretsManagerGetSecretValuePolicy AWSSecretsManagerRotationPolicy AcmGetCertificatePolicy AthenaQueryPolicy
  CloudFormationDescribeStacksPolicy CloudWatchDashboardPolicy CloudWatchDescribeAlarmHistoryPolicy CloudWatchPutMetricPolicy
  CodeCommitCrudPolicy CodeCommitReadPolicy CodePipelineLambdaExecutionPolicy CodePipelineReadOnlyPolicy ComprehendBasicAccessPolicy
  CostExplorerReadOnlyPolicy DynamoDBBackupFullAccessPolicy DynamoDBCrudPolicy DynamoDBReadPolicy DynamoDBReconfigurePolicy
  DynamoDBRestoreFromBackupPolicy DynamoDBStreamReadPolicy DynamoDBWritePolicy EC2CopyImagePolicy EC2DescribePolicy EFSWriteAccessPolicy
  EKSDescribePolicy EcsRunTaskPolicy ElasticMapReduceAddJobFlowStepsPolicy ElasticMapReduceCancelStepsPolicy
  ElasticMapReduceModifyInstanceFleetPolicy ElasticMapReduceModifyInstanceGroupsPolicy ElasticMapReduceSetTerminationProtectionPolicy
  ElasticMapReduceTerminateJobFlowsPolicy ElasticsearchHttpPostPolicy EventBridgePutEventsPolicy FilterLogEventsPolicy FirehoseCrudPolicy
  FirehoseWritePolicy KMSDecryptPolicy KMSEncryptPolicy KMSEncryptPolicy_v2 KinesisCrudPolicy KinesisStreamReadPolicy LambdaInvokePolicy
  MobileAnalyticsWriteOnlyAccessPolicy OrganizationsListAccountsPolicy PinpointEndpointAccessPolicy PollyFullAccessPolicy
  RekognitionDetectOnlyPolicy RekognitionFacesManagementPolicy RekognitionFacesPolicy RekognitionLabelsPolicy RekognitionNoDataAccessPolicy
  RekognitionReadPolicy RekognitionWriteOnlyAccessPolicy Route53ChangeResourceRecordSetsPolicy S3CrudPolicy S3FullAccessPolicy S3ReadPolicy
  S3WritePolicy SESBulkTemplatedCrudPolicy SESBulkTemplatedCrudPolicy_v2 SESCrudPolicy SESEmailTemplateCrudPolicy SESSendBouncePolicy
  SNSCrudPolicy SNSPublishMessagePolicy SQSPollerPolicy SQSSendMessagePolicy SSMParameterReadPolicy SSMParameterWithSlashPrefixReadPolicy
  SageMakerCreateEndpointConfigPolicy SageMakerCreateEndpointPolicy ServerlessRepoReadWriteAccessPolicy StepFunctionsCallbackPolicy
  StepFunctionsExecutionPolicy StepFunctionsExecutionPolicy_v2 TextractDetectAnalyzePolicy TextractGetResultPolicy TextractPolicy
  VPCAccessPolicy
`.trim().split(/\s+/);

const PSEUDO = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId']);
const placeholders = (shape: string) => [...shape.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]!);
const shapesOf = (name: string) =>
  POLICY_TEMPLATES[name]!.statements.flatMap((s) => [...s.resources, ...Object.values(s.condition ?? {}).flatMap((keys) => Object.values(keys))]);

describe('SAM policy template table', () => {
  it('holds every template the SAM translator publishes, and nothing it does not', () => {
    expect(SAM_PUBLISHED).toHaveLength(81);
    expect(Object.keys(POLICY_TEMPLATES).sort()).toEqual([...SAM_PUBLISHED].sort());
  });

  it("every ${X} in a shape is a declared parameter or a pseudo parameter, and every declared parameter is used", () => {
    const problems: string[] = [];
    for (const [name, t] of Object.entries(POLICY_TEMPLATES)) {
      const used = new Set(shapesOf(name).flatMap(placeholders));
      for (const p of used) if (!PSEUDO.has(p) && !t.params.includes(p)) problems.push(`${name}: \${${p}} is not a parameter`);
      for (const p of t.params) if (!used.has(p)) problems.push(`${name}: parameter ${p} is never used`);
      if (new Set(t.params).size !== t.params.length) problems.push(`${name}: a parameter is declared twice`);
    }
    expect(problems).toEqual([]);
  });

  it('every statement grants named actions, once each, on ARNs of the actions\' own service (or *, or a whole ARN given as a parameter)', () => {
    const problems: string[] = [];
    for (const [name, t] of Object.entries(POLICY_TEMPLATES)) {
      if (t.statements.length === 0) problems.push(`${name}: no statement`);
      t.statements.forEach((s, i) => {
        const at = `${name} Statement[${i}]`;
        if (s.actions.length === 0 || s.resources.length === 0) problems.push(`${at}: no action or no resource`);
        for (const a of s.actions) if (!/^[a-z0-9-]+:[A-Za-z0-9]*\*?$/.test(a) || a.endsWith(':')) problems.push(`${at}: action ${a} is not service:Name`);
        if (new Set(s.actions).size !== s.actions.length) problems.push(`${at}: an action is listed twice`);
        const services = new Set(s.actions.map((a) => a.split(':')[0]));
        if (services.size !== 1) problems.push(`${at}: actions of ${services.size} services`);
        for (const r of s.resources) {
          if (r === '*' || /^\$\{[A-Za-z]+\}$/.test(r)) continue;
          const m = /^arn:\$\{AWS::Partition\}:([a-z0-9-]+):/.exec(r);
          if (!m) problems.push(`${at}: resource ${r} is not an ARN shape`);
          else if (!services.has(m[1]!)) problems.push(`${at}: resource ${r} is not of service ${[...services].join()}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('expandPolicyTemplate', () => {
  it('writes a condition as SAM does: its value an Fn::Sub of the parameters it names', () => {
    const r = expandPolicyTemplate('EFSWriteAccessPolicy', { FileSystem: { Ref: 'Files' }, AccessPoint: { Ref: 'Ap' } });
    expect('document' in r).toBe(true);
    const [s] = (r as { document: { Statement: Record<string, unknown>[] } }).document.Statement;
    expect(s).toEqual({
      Effect: 'Allow',
      Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${FileSystem}', { FileSystem: { Ref: 'Files' } }] },
      Condition: {
        StringEquals: {
          'elasticfilesystem:AccessPointArn': {
            'Fn::Sub': ['arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AccessPoint}', { AccessPoint: { Ref: 'Ap' } }],
          },
        },
      },
    });
  });

  it('a statement without a condition gets none; a parameterless shape is a plain Fn::Sub', () => {
    const r = expandPolicyTemplate('CloudFormationDescribeStacksPolicy', {}) as { document: { Statement: Record<string, unknown>[] } };
    expect(r.document.Statement).toEqual([
      { Effect: 'Allow', Action: ['cloudformation:DescribeStacks'], Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*' } },
    ]);
  });

  it('a missing parameter of a two-parameter template, or a name that is no template (prototype names included), is why-not, never a document', () => {
    const missing = expandPolicyTemplate('SESBulkTemplatedCrudPolicy_v2', { IdentityName: 'example.com' });
    expect(missing).toEqual({ why: expect.stringMatching(/SESBulkTemplatedCrudPolicy_v2 without TemplateName/) });
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'FutureServiceReadPolicy']) {
      expect(expandPolicyTemplate(name, {})).toEqual({ why: expect.stringMatching(/not one vouch expands/) });
    }
  });
});

describe('SAM functions with the templates added to the table', () => {
  let dir: string;
  let rules: Awaited<ReturnType<typeof loadRules>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-samtpl-'));
    rules = await loadRules();
  });
  const load = (name: string, body: string): Inventory => {
    const file = join(dir, name);
    writeFileSync(file, `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n${body}`);
    return loadIac([file], { cwd: dir });
  };
  const judge = (inv: Inventory) => evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
  /** Worst iam-least-privilege verdict per generated role. */
  const roleVerdicts = (inv: Inventory) => {
    const w: Record<string, number> = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };
    const out: Record<string, string> = {};
    for (const f of judge(inv).filter((x) => x.control === 'iam-least-privilege')) {
      const k = f.resource.logicalId!;
      if (!out[k] || w[f.status]! > w[out[k]!]!) out[k] = f.status;
    }
    return out;
  };
  const FN = `    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
`;

  it('scoped templates (values from Refs to resources and parameters, literals, a YAML tag) pass, and none is left unknown or uncollected', () => {
    const inv = load(
      'scoped.yaml',
      `Parameters:
  WorkGroup: { Type: String, Default: primary }
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties: { BillingMode: PAY_PER_REQUEST, KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }], PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }
  Files:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
  FilesAp:
    Type: AWS::EFS::AccessPoint
    Properties: { FileSystemId: !Ref Files }
  Zone:
    Type: AWS::Route53::HostedZone
    Properties: { Name: example.com }
  Analyst:
${FN}      Policies:
        - AthenaQueryPolicy: { WorkGroupName: !Ref WorkGroup }
        - CostExplorerReadOnlyPolicy: {}
        - OrganizationsListAccountsPolicy: {}
  Faces:
${FN}      Policies:
        - RekognitionDetectOnlyPolicy: {}
        - RekognitionFacesManagementPolicy: { CollectionId: staff }
        - !RekognitionWriteOnlyAccessPolicy { CollectionId: staff }
        - PollyFullAccessPolicy: { LexiconName: names }
  Backups:
${FN}      Policies:
        - DynamoDBBackupFullAccessPolicy: { TableName: !Ref Orders }
        - DynamoDBRestoreFromBackupPolicy: { TableName: !Ref Orders }
  Mounter:
${FN}      Policies:
        - EFSWriteAccessPolicy: { FileSystem: !Ref Files, AccessPoint: !Ref FilesAp }
  Rotator:
${FN}      Policies:
        - AWSSecretsManagerRotationPolicy: { FunctionName: rotate-db }
  Ops:
${FN}      Policies:
        - ElasticMapReduceAddJobFlowStepsPolicy: { ClusterId: j-2AXXXXXXGAPLF }
        - ElasticMapReduceTerminateJobFlowsPolicy: { ClusterId: j-2AXXXXXXGAPLF }
        - Route53ChangeResourceRecordSetsPolicy: { HostedZoneId: !Ref Zone }
        - EcsRunTaskPolicy: { TaskDefinition: "report:3" }
        - StepFunctionsCallbackPolicy: { StateMachineName: checkout }
        - StepFunctionsExecutionPolicy_v2: { StateMachineName: checkout }
        - EKSDescribePolicy: {}
  Mailer:
${FN}      Policies:
        - SESBulkTemplatedCrudPolicy_v2: { IdentityName: example.com, TemplateName: welcome }
        - KMSEncryptPolicy_v2: { KeyId: 1234abcd-12ab-34cd-56ef-1234567890ab }
        - AcmGetCertificatePolicy: { CertificateArn: "arn:aws:acm:eu-west-1:111122223333:certificate/abc" }
  Dev:
${FN}      Policies:
        - CodeCommitCrudPolicy: { RepositoryName: app }
        - CodePipelineReadOnlyPolicy: { PipelineName: app-pipeline }
        - ServerlessRepoReadWriteAccessPolicy: {}
        - SageMakerCreateEndpointPolicy: { EndpointName: scorer }
`,
    );
    expect(inv.coverage.notCollected ?? []).toEqual([]);
    const v = roleVerdicts(inv);
    for (const fn of ['Analyst', 'Faces', 'Backups', 'Mounter', 'Rotator', 'Ops', 'Mailer', 'Dev']) expect([fn, v[`${fn}Role`]]).toEqual([fn, 'pass']);
    // The statements are the template's, not a placeholder: the rotation grant carries SAM's condition.
    const rotator = [...inv.all()].find((r) => r.location.logicalId === 'RotatorRole')!;
    const doc = (rotator.properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Condition?: unknown }[] } }[])[0]!.PolicyDocument;
    expect(doc.Statement[0]!.Action).toContain('secretsmanager:PutSecretValue');
    expect(doc.Statement[0]!.Condition).toEqual({ StringEquals: { 'secretsmanager:resource/AllowRotationLambdaArn': expect.anything() } });
  });

  it('every template in the table, given its parameters, yields a role that is judged: never unknown, and failing only where it grants on *', () => {
    const names = Object.keys(POLICY_TEMPLATES);
    const body = names
      .map((n, i) => {
        const params = Object.fromEntries(POLICY_TEMPLATES[n]!.params.map((p) => [p, p.endsWith('Arn') ? `arn:aws:svc:eu-west-1:111122223333:thing/t${i}` : `v${i}`]));
        return `  Fn${i}:\n${FN}      Policies:\n        - ${n}: ${JSON.stringify(params)}\n`;
      })
      .join('');
    const inv = load('every.yaml', `Resources:\n${body}`);
    expect(inv.coverage.notCollected ?? []).toEqual([]);
    const v = roleVerdicts(inv);
    const unknown = names.filter((_, i) => v[`Fn${i}Role`] !== 'pass' && v[`Fn${i}Role`] !== 'fail');
    expect(unknown).toEqual([]);
    const failingScoped = names.filter((n, i) => v[`Fn${i}Role`] === 'fail' && !POLICY_TEMPLATES[n]!.statements.some((s) => s.resources.includes('*')));
    expect(failingScoped).toEqual([]);
  });

  it('a template that grants a write on * keeps it and fails: every textract action, a dashboard write', () => {
    const inv = load(
      'wide.yaml',
      `Resources:
  Ocr:
${FN}      Policies:
        - TextractPolicy: {}
  Dash:
${FN}      Policies:
        - CloudWatchDashboardPolicy: {}
  Reader:
${FN}      Policies:
        - TextractGetResultPolicy: {}
        - ComprehendBasicAccessPolicy: {}
`,
    );
    expect(inv.coverage.notCollected ?? []).toEqual([]);
    const findings = judge(inv).filter((f) => f.control === 'iam-least-privilege' && f.status === 'fail');
    const failing = (id: string) => findings.filter((f) => f.resource.logicalId === id).map((f) => f.message);
    expect(failing('OcrRole')).toEqual([expect.stringMatching(/every textract action \(textract:\*\)/)]);
    expect(failing('DashRole')).toEqual([expect.stringMatching(/write action cloudwatch:PutDashboard on all resources/)]);
    // Reads and detections on * (APIs with no resource to name) are no finding.
    expect(roleVerdicts(inv).ReaderRole).toBe('pass');
  });

  it('a SAM role with a conditional template is judged as its hand-written CloudFormation twin', () => {
    const sam = load(
      'twin-sam.yaml',
      `Resources:
  Files:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
  Fn:
${FN}      Policies:
        - EFSWriteAccessPolicy: { FileSystem: !Ref Files, AccessPoint: fsap-0123456789abcdef0 }
        - SESEmailTemplateCrudPolicy: {}
`,
    );
    const cfnFile = join(dir, 'twin-cfn.yaml');
    writeFileSync(
      cfnFile,
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Files:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: [lambda.amazonaws.com] }, Action: [sts:AssumeRole] }] }
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
      Policies:
        - PolicyName: P0
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite]
                Resource: !Sub "arn:\${AWS::Partition}:elasticfilesystem:\${AWS::Region}:\${AWS::AccountId}:file-system/\${Files}"
                Condition: { StringEquals: { elasticfilesystem:AccessPointArn: !Sub "arn:\${AWS::Partition}:elasticfilesystem:\${AWS::Region}:\${AWS::AccountId}:access-point/fsap-0123456789abcdef0" } }
        - PolicyName: P1
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: [ses:CreateTemplate, ses:GetTemplate, ses:ListTemplates, ses:UpdateTemplate, ses:DeleteTemplate, ses:TestRenderTemplate], Resource: "*" }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Code: { ZipFile: x }
      Role: !GetAtt FnRole.Arn
`,
    );
    const cfn = loadIac([cfnFile], { cwd: dir });
    const key = (inv: Inventory) =>
      judge(inv)
        .filter((f) => f.resource.logicalId === 'FnRole')
        .map((f) => `${f.ruleId} ${f.status}`)
        .sort();
    expect(key(sam)).toEqual(key(cfn));
    // SES (v1) template writes take no resource (Service Authorization Reference: no resource type for
    // ses:CreateTemplate/UpdateTemplate/DeleteTemplate), so "*" is all a policy can say: both pass.
    expect(roleVerdicts(sam).FnRole).toBe('pass');
  });
});
