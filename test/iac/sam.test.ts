/**
 * AWS SAM templates (Transform: AWS::Serverless-2016-10-31): each SAM resource
 * is judged as the CloudFormation resources the transform generates, with
 * Globals merged, findings located at the SAM resource, and what vouch cannot
 * expand (policy templates, unknown SAM types) unknown or listed, never pass.
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
import { mergeGlobals } from '../../src/sources/iac/sam.js';
import type { Inventory } from '../../src/model/inventory.js';

let dir: string;
let rules: Awaited<ReturnType<typeof loadRules>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-sam-'));
  rules = await loadRules();
});

const HEAD = `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n`;

function load(name: string, body: string, head = HEAD): Inventory {
  const file = join(dir, name);
  writeFileSync(file, head + body);
  return loadIac([file], { cwd: dir });
}
function judge(inv: Inventory, params = DEFAULT_PARAMETERS) {
  return evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params, inventory: inv } });
}
/** Worst verdict per logical id × control. */
function verdicts(inv: Inventory, params = DEFAULT_PARAMETERS): Record<string, string> {
  const w: Record<string, number> = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };
  const out: Record<string, string> = {};
  for (const f of judge(inv, params)) {
    const k = `${f.resource.logicalId} ${f.control}`;
    if (!out[k] || w[f.status]! > w[out[k]!]!) out[k] = f.status;
  }
  return out;
}
const res = (inv: Inventory, logicalId: string) => [...inv.all()].find((r) => r.location.logicalId === logicalId);

describe('SAM Globals', () => {
  it('merge as SAM does: maps key by key (resource wins), lists concatenated, scalars overridden', () => {
    expect(mergeGlobals({ Variables: { A: '1', B: '2' } }, { Variables: { B: '3' } })).toEqual({ Variables: { A: '1', B: '3' } });
    expect(mergeGlobals(['l1'], ['l2'])).toEqual(['l1', 'l2']);
    expect(mergeGlobals('nodejs18.x', 'python3.12')).toBe('python3.12');
    expect(mergeGlobals({ Ref: 'G' }, { Ref: 'L' })).toEqual({ Ref: 'L' });
    expect(mergeGlobals({ A: 1 }, undefined)).toEqual({ A: 1 });
  });

  it('are applied to every Function, HttpApi and SimpleTable; a plain-text secret from Globals fails at the function', () => {
    const inv = load(
      'globals.yaml',
      `Globals:
  Function:
    Runtime: nodejs20.x
    Tracing: Active
    Layers: [arn:aws:lambda:eu-west-1:111122223333:layer:common:1]
    Environment:
      Variables:
        STAGE: prod
        GITHUB_TOKEN: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
  HttpApi:
    AccessLogSettings: { DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api, Format: $context.requestId }
  SimpleTable:
    SSESpecification: { SSEEnabled: true }
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: s3://b/k.zip
      Runtime: python3.12
      Layers: [arn:aws:lambda:eu-west-1:111122223333:layer:own:2]
      Environment: { Variables: { STAGE: dev } }
  Http:
    Type: AWS::Serverless::HttpApi
  Table:
    Type: AWS::Serverless::SimpleTable
`,
    );
    const fn = res(inv, 'Orders')!;
    expect(fn.type).toBe('aws.lambda.function');
    expect(fn.properties.Runtime).toBe('python3.12');
    expect(fn.properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.properties.Layers).toEqual(['arn:aws:lambda:eu-west-1:111122223333:layer:common:1', 'arn:aws:lambda:eu-west-1:111122223333:layer:own:2']);
    expect(Object.keys(fn.properties.Environment as object)).toEqual(['Variables']);
    expect((fn.properties.Environment as { Variables: Record<string, string> }).Variables.STAGE).toBe('dev');
    expect(fn.location).toMatchObject({ file: 'globals.yaml', logicalId: 'Orders', line: 17 });
    expect(res(inv, 'HttpApiGatewayDefaultStage')!.properties.AccessLogSettings).toMatchObject({ Format: '$context.requestId' });
    expect(res(inv, 'Table')!.properties.SSESpecification).toEqual({ SSEEnabled: true });
    const v = verdicts(inv);
    expect(v['Orders secrets-encrypted']).toBe('fail');
    const secret = judge(inv).find((f) => f.control === 'secrets-encrypted' && f.status === 'fail')!;
    expect(secret.resource).toMatchObject({ logicalId: 'Orders', line: 17 });
  });
});

describe('SAM Function', () => {
  it('generates <Fn>Role from Policies: inline wildcard statements fail, managed names become ARNs, a policy template vouch does not know is unknown', () => {
    const inv = load(
      'policies.yaml',
      `Resources:
  Wide:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: s3://b/k.zip
      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
      Policies:
        - AmazonS3ReadOnlyAccess
        - Version: "2012-10-17"
          Statement:
            - { Effect: Allow, Action: "*", Resource: "*" }
  Admin:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: s3://b/k.zip
      Policies: AdministratorAccess
  Templated:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: s3://b/k.zip
      Policies:
        - FutureServiceQueryPolicy: { WorkGroupName: primary }
  Narrow:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: s3://b/k.zip
      Policies:
        - Statement: [{ Effect: Allow, Action: [s3:GetObject], Resource: arn:aws:s3:::reports/* }]
  OwnRole:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: s3://b/k.zip
      Role: arn:aws:iam::111122223333:role/existing
      Policies: [{ Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }]
`,
    );
    const role = res(inv, 'WideRole')!;
    expect(role.type).toBe('aws.iam.role');
    expect(role.location).toMatchObject({ logicalId: 'WideRole', line: 4 });
    expect(role.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ]);
    expect(res(inv, 'Wide')!.properties.Role).toMatchObject({ logicalId: 'WideRole', attribute: 'Arn' });
    // The function's role is not generated when Role is given (SAM then ignores Policies).
    expect(res(inv, 'OwnRoleRole')).toBeUndefined();
    const v = verdicts(inv);
    expect(v['WideRole iam-least-privilege']).toBe('fail');
    expect(v['AdminRole iam-least-privilege']).toBe('fail');
    expect(v['TemplatedRole iam-least-privilege']).toBe('unknown');
    expect(v['NarrowRole iam-least-privilege']).toBe('pass');
    const gaps = inv.coverage.notCollected!.map((n) => `${n.what}: ${n.why}`);
    expect(gaps.some((g) => /Templated Policies\[0\] \(FutureServiceQueryPolicy\).*not one vouch expands/.test(g))).toBe(true);
    expect(gaps.some((g) => /SAM resource/.test(g))).toBe(false);
  });

  it('EventInvokeConfig becomes <Fn>EventInvokeConfig: a destination in another region fails data-residency; one SAM creates in the stack passes', () => {
    const inv = load(
      'async.yaml',
      `Resources:
  Remote:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "x"
      AutoPublishAlias: live
      EventInvokeConfig:
        MaximumRetryAttempts: 0
        DestinationConfig:
          OnFailure: { Type: SNS, Destination: arn:aws:sns:us-east-1:111122223333:failures }
  Local:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "x"
      EventInvokeConfig:
        DestinationConfig:
          OnFailure: { Type: SQS }
          OnSuccess: { Type: SNS }
`,
    );
    expect(res(inv, 'RemoteEventInvokeConfig')!).toMatchObject({
      type: 'aws.lambda.event-invoke-config',
      properties: { Qualifier: 'live', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sns:us-east-1:111122223333:failures' } } },
    });
    expect(res(inv, 'LocalEventInvokeConfigOnFailureQueue')!.type).toBe('aws.sqs.queue');
    expect(res(inv, 'LocalEventInvokeConfigOnSuccessTopic')!.type).toBe('aws.sns.topic');
    const v = verdicts(inv, { ...DEFAULT_PARAMETERS, allowedRegions: ['EU'] });
    expect(v['RemoteEventInvokeConfig data-residency']).toBe('fail');
    expect(v['LocalEventInvokeConfig data-residency']).toBe('pass');
  });

  it('a public function URL (AuthType NONE) fails public-access; AWS_IAM does not', () => {
    const inv = load(
      'url.yaml',
      `Resources:
  Public:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, InlineCode: "x", FunctionUrlConfig: { AuthType: NONE } }
  Private:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, InlineCode: "x", FunctionUrlConfig: { AuthType: AWS_IAM } }
  Maybe:
    Type: AWS::Serverless::Function
    Metadata:
      vouch: { acknowledge: [{ rule: public-access/aws-lambda-permission, reason: public webhook by design }] }
    Properties: { Runtime: nodejs20.x, Handler: index.handler, InlineCode: "x", FunctionUrlConfig: { AuthType: !If [Open, NONE, AWS_IAM] } }
Conditions:
  Open: !Equals [!Ref Mode, open]
Parameters:
  Mode: { Type: String }
`,
    );
    // An AuthType behind an unknown condition: the NONE branch is public; the acknowledgement on the SAM resource covers it.
    const maybe = judge(inv).find((f) => f.resource.logicalId === 'MaybeUrlPublicPermissions' && f.control === 'public-access')!;
    expect(maybe.status).toBe('fail');
    expect(res(inv, 'MaybeUrlPublicPermissions')!.acknowledgements).toMatchObject([{ rule: 'public-access/aws-lambda-permission' }]);
    expect(res(inv, 'PublicUrl')!).toMatchObject({ type: 'aws.lambda.url', properties: { AuthType: 'NONE' } });
    expect(res(inv, 'PrivateUrl')!.properties.AuthType).toBe('AWS_IAM');
    expect(res(inv, 'PrivateUrlPublicPermissions')).toBeUndefined();
    const v = verdicts(inv);
    expect(v['PublicUrlPublicPermissions public-access']).toBe('fail');
    expect(Object.keys(v).filter((k) => k.startsWith('Private') && v[k] === 'fail')).toEqual([]);
    expect(v['MaybeUrlPublicPermissions public-access']).toBe('fail');
    // The URL resource itself is judged the same way as its permission (public-access/aws-lambda-url).
    expect(v['PublicUrl public-access']).toBe('fail');
    expect(v['PrivateUrl public-access']).toBe('pass');
    expect(v['MaybeUrl public-access']).toBe('fail');
  });

  it('Api events: the implicit ServerlessRestApi (edge, TLS 1.0 endpoint) fails tls-min at the function; permissions name API Gateway', () => {
    const inv = load(
      'implicit-api.yaml',
      `Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "x"
      Events:
        Get: { Type: Api, Properties: { Path: /hello, Method: get } }
        Ping: { Type: HttpApi }
        Weird: { Type: SomethingNew }
`,
    );
    expect(res(inv, 'ServerlessRestApi')!.location.line).toBe(4);
    expect(res(inv, 'ServerlessRestApiProdStage')!.properties.StageName).toBe('Prod');
    expect(res(inv, 'ServerlessHttpApiApiGatewayDefaultStage')).toBeDefined();
    expect(res(inv, 'HelloGetPermissionProd')!.properties.Principal).toBe('apigateway.amazonaws.com');
    const v = verdicts(inv);
    expect(v['ServerlessRestApi tls-min']).toBe('fail');
    expect(v['HelloGetPermissionProd public-access']).toBe('pass');
    expect(inv.coverage.notCollected!.some((n) => /event Weird \(SomethingNew\)/.test(n.what))).toBe(true);
  });

  it('state machine Api events: the implicit ServerlessRestApi and its Prod stage are made and judged; a RestApiId event makes none', () => {
    const inv = load(
      'sm-implicit-api.yaml',
      `Resources:
  Approvals:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }
      Events:
        Submit: { Type: Api, Properties: { Path: /approve, Method: post } }
        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
        Odd: { Type: Carrier }
`,
    );
    const api = res(inv, 'ServerlessRestApi');
    expect(api).toBeDefined();
    // Located at (and generated from) the state machine that asked for it.
    expect(api!.location.line).toBe(4);
    expect(api!.properties.EndpointConfiguration).toBeUndefined();
    expect(res(inv, 'ServerlessRestApiProdStage')!.properties.StageName).toBe('Prod');
    const v = verdicts(inv);
    // An edge API with no custom domain keeps the TLS 1.0 default endpoint; the stage writes no access log.
    expect(v['ServerlessRestApi tls-min']).toBe('fail');
    expect(v['ServerlessRestApiProdStage audit-logging']).toBe('fail');
    expect(inv.coverage.notCollected!.some((n) => /Approvals event Odd \(Carrier\)/.test(n.what))).toBe(true);
    expect(inv.coverage.notCollected!.some((n) => /Nightly/.test(n.what))).toBe(false);
    // The role API Gateway starts the execution through: trusts apigateway, may start this machine only.
    const apiRole = res(inv, 'ApprovalsSubmitRole')!;
    expect(apiRole.type).toBe('aws.iam.role');
    expect(apiRole.properties.AssumeRolePolicyDocument).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['apigateway.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] });
    expect(apiRole.properties.Policies).toEqual([{ PolicyName: 'ApprovalsSubmitRoleStartExecutionPolicy', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: expect.anything() }] } }]);
    expect(apiRole.properties.PermissionsBoundary).toBeUndefined();
    expect(v['ApprovalsSubmitRole iam-least-privilege']).toBe('pass');

    const explicit = load(
      'sm-explicit-api.yaml',
      `Resources:
  Gateway:
    Type: AWS::Serverless::Api
    Properties: { StageName: live }
  Approvals:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }
      Events:
        Submit: { Type: Api, Properties: { Path: /approve, Method: post, RestApiId: !Ref Gateway } }
`,
    );
    expect(res(explicit, 'ServerlessRestApi')).toBeUndefined();
    expect(res(explicit, 'ServerlessRestApiProdStage')).toBeUndefined();
    expect(res(explicit, 'GatewayliveStage')).toBeDefined();
  });
});

describe('SAM policy templates', () => {
  const FN = `    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
`;
  const ROLE = (policy: string) => `    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: [lambda.amazonaws.com] }, Action: [sts:AssumeRole] }] }
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
      Policies: [{ PolicyName: P0, PolicyDocument: ${policy} }]
`;
  const TABLE = `    Type: AWS::DynamoDB::Table
    Properties: { BillingMode: PAY_PER_REQUEST, KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }], PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }
`;

  it('expand into the statements the transform writes: actions and ARN shapes with the given parameters', () => {
    const inv = load(
      'tpl-shape.yaml',
      `Resources:
  Orders:
${TABLE}  Jobs:
    Type: AWS::SQS::Queue
  Fn:
${FN}      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref Orders }
        - SQSPollerPolicy: { QueueName: !GetAtt Jobs.QueueName }
        - CloudWatchPutMetricPolicy: {}
`,
    );
    const role = res(inv, 'FnRole')!;
    const policies = role.properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[];
    expect(policies).toHaveLength(3);
    const [crud, poll, metric] = policies.map((p) => p.PolicyDocument.Statement);
    expect(crud![0]!.Action).toContain('dynamodb:PutItem');
    expect(crud![0]!.Action).not.toContain('dynamodb:DeleteTable');
    // The table and its indexes, nothing wider.
    expect(JSON.stringify(crud![0]!.Resource)).toMatch(/:table\/\$\{TableName\}\\">",".*:table\/\$\{TableName\}\/index\/\*\\">"\]$/);
    expect(poll![0]!.Action).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    expect(metric![0]).toMatchObject({ Action: ['cloudwatch:PutMetricData'], Resource: '*' });
    // Expanded templates leave nothing uncollected, and the role is judged: a specific table
    // and queue pass, and PutMetricData on * (it has no resource-level permission) is no false alarm.
    expect(inv.coverage.notCollected ?? []).toEqual([]);
    expect(verdicts(inv)['FnRole iam-least-privilege']).toBe('pass');
  });

  it('a SAM role with templates is judged as its hand-written CloudFormation twin', () => {
    const sam = verdicts(
      load(
        'tpl-eq-sam.yaml',
        `Resources:
  Reports:
    Type: AWS::S3::Bucket
  Fn:
${FN}      Policies:
        - S3CrudPolicy: { BucketName: !Ref Reports }
        - SNSPublishMessagePolicy: { TopicName: alerts }
        - Statement: [{ Effect: Allow, Action: "dynamodb:*", Resource: "*" }]
`,
      ),
    );
    const cfn = verdicts(
      load(
        'tpl-eq-cfn.yaml',
        `Resources:
  Reports:
    Type: AWS::S3::Bucket
  FnRole:
${ROLE(`{ Statement: [
        { Effect: Allow, Action: [s3:GetObject, s3:ListBucket, s3:GetBucketLocation, s3:GetObjectVersion, s3:PutObject, s3:PutObjectAcl, s3:GetLifecycleConfiguration, s3:PutLifecycleConfiguration, s3:DeleteObject],
          Resource: [!Sub "arn:\${AWS::Partition}:s3:::\${Reports}", !Sub "arn:\${AWS::Partition}:s3:::\${Reports}/*"] },
        { Effect: Allow, Action: sns:Publish, Resource: !Sub "arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:alerts" },
        { Effect: Allow, Action: "dynamodb:*", Resource: "*" } ] }`)}  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: !GetAtt FnRole.Arn
`,
        'AWSTemplateFormatVersion: "2010-09-09"\n',
      ),
    );
    expect(sam['FnRole iam-least-privilege']).toBe('fail');
    expect(sam).toEqual(cfn);
  });

  it('a parameter under Fn::If is judged per branch; a missing parameter or an unknown template is unknown and listed', () => {
    const inv = load(
      'tpl-branches.yaml',
      `Parameters:
  Env: { Type: String, AllowedValues: [prod, dev] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Live:
${TABLE}  Scratch:
${TABLE}  Either:
${FN}      Policies:
        - DynamoDBReadPolicy: { TableName: !If [IsProd, !Ref Live, !Ref Scratch] }
  NoTable:
${FN}      Policies:
        - DynamoDBWritePolicy: {}
  Exotic:
${FN}      Policies:
        - FutureServiceReadPolicy: { CollectionId: faces }
  Tagged:
${FN}      Policies:
        - !SQSSendMessagePolicy { QueueName: outbound }
  Conditional:
${FN}      Policies:
        - !If [IsProd, { DynamoDBCrudPolicy: { TableName: !Ref Live } }, !Ref AWS::NoValue]
        - !If [IsProd, { SQSPollerPolicy: { QueueName: jobs } }, { Statement: [{ Effect: Allow, Action: "sqs:*", Resource: "*" }] }]
  ConditionalSafe:
${FN}      Policies:
        - !If [IsProd, { S3ReadPolicy: { BucketName: reports } }, { S3ReadPolicy: { BucketName: reports-dev } }]
`,
    );
    const v = verdicts(inv);
    expect(v['EitherRole iam-least-privilege']).toBe('pass');
    expect(v['NoTableRole iam-least-privilege']).toBe('unknown');
    expect(v['ExoticRole iam-least-privilege']).toBe('unknown');
    expect(v['TaggedRole iam-least-privilege']).toBe('pass');
    // Templates under Fn::If: each branch expanded; the dev branch's sqs:* on * fails, both S3 buckets pass.
    expect(v['ConditionalRole iam-least-privilege']).toBe('fail');
    expect(v['ConditionalSafeRole iam-least-privilege']).toBe('pass');
    const gaps = inv.coverage.notCollected!.map((n) => `${n.what}: ${n.why}`);
    expect(gaps).toEqual([
      expect.stringMatching(/NoTable Policies\[0\] \(DynamoDBWritePolicy\).*without TableName/),
      expect.stringMatching(/Exotic Policies\[0\] \(FutureServiceReadPolicy\).*not one vouch expands/),
    ]);
  });
});

describe('SAM Api, HttpApi, SimpleTable, StateMachine', () => {
  it('HttpApi with and without access logs: the generated stage carries AccessLogSettings only where given', () => {
    const inv = load(
      'http.yaml',
      `Parameters:
  Stage: { Type: String, Default: v1 }
Resources:
  Logged:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !Ref Stage
      AccessLogSettings: { DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:http, Format: $context.requestId }
      Domain: { DomainName: api.example.com, CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/x, SecurityPolicy: TLS_1_0 }
  Silent:
    Type: AWS::Serverless::HttpApi
`,
    );
    expect(res(inv, 'Loggedv1Stage')!).toMatchObject({ type: 'aws.apigatewayv2.stage', properties: { StageName: 'v1', AccessLogSettings: { Format: '$context.requestId' } } });
    const silent = res(inv, 'SilentApiGatewayDefaultStage')!;
    expect(silent.properties.StageName).toBe('$default');
    expect(silent.properties.AccessLogSettings).toBeUndefined();
    const domain = [...inv.all()].find((r) => r.type === 'aws.apigatewayv2.domain-name')!;
    expect(domain.location.logicalId).toMatch(/^ApiGatewayDomainNameV2[0-9a-f]{10}$/);
    expect(verdicts(inv)[`${domain.location.logicalId} tls-min`]).toBe('fail');
  });

  it('Api: REGIONAL endpoint, stage MethodSettings and custom domain are judged', () => {
    const inv = load(
      'rest.yaml',
      `Globals:
  Api:
    EndpointConfiguration: REGIONAL
Resources:
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DisableExecuteApiEndpoint: true
      MethodSettings: [{ HttpMethod: "*", ResourcePath: "/*", LoggingLevel: INFO }]
      AccessLogSetting: { DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:rest, Format: $context.requestId }
      Domain: { DomainName: rest.example.com, CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/x, SecurityPolicy: TLS_1_2 }
`,
    );
    expect(res(inv, 'Rest')!.properties).toMatchObject({ EndpointConfiguration: { Types: ['REGIONAL'] }, DisableExecuteApiEndpoint: true });
    expect(res(inv, 'RestprodStage')!.properties.MethodSettings).toHaveLength(1);
    expect(res(inv, 'RestprodStage')!.properties.AccessLogSetting).toBeDefined();
    const v = verdicts(inv);
    expect(v['Rest tls-min']).not.toBe('fail');
    expect(Object.entries(v).filter(([, s]) => s === 'fail')).toEqual([]);
  });

  it('SimpleTable without SSE is judged as the DynamoDB table SAM makes (AWS owned key: fails only a customer-managed-key claim)', () => {
    const inv = load(
      'table.yaml',
      `Resources:
  Plain:
    Type: AWS::Serverless::SimpleTable
    Properties: { PrimaryKey: { Name: pk, Type: String } }
  Keyed:
    Type: AWS::Serverless::SimpleTable
    Properties: { SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: arn:aws:kms:eu-west-1:111122223333:key/k } }
`,
    );
    expect(res(inv, 'Plain')!).toMatchObject({ type: 'aws.dynamodb.table', properties: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' } });
    const cmk = verdicts(inv, { ...DEFAULT_PARAMETERS, requireCustomerManagedKeys: true });
    expect(cmk['Plain enc-rest']).toBe('fail');
    expect(cmk['Keyed enc-rest']).toBe('pass');
    expect(verdicts(inv)['Plain enc-rest']).toBe('pass');
    // SimpleTable has no point-in-time recovery: no backups.
    expect(verdicts(inv)['Plain backup-retention']).toBe('fail');
  });

  it('StateMachine: its generated role is judged from Policies', () => {
    const inv = load(
      'sfn.yaml',
      `Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Policies: [{ Statement: [{ Effect: Allow, Action: "lambda:*", Resource: "*" }] }]
`,
    );
    expect(res(inv, 'Flow')!.type).toBe('aws.stepfunctions.state-machine');
    const role = res(inv, 'FlowRole')!;
    expect(role.properties.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Principal: { Service: ['states.amazonaws.com'] } }] });
    expect(verdicts(inv)['FlowRole iam-least-privilege']).toBe('fail');
  });
});

describe('coverage', () => {
  it('lists only what is not expanded; a SAM resource without the transform is still listed', () => {
    const inv = load(
      'mixed.yaml',
      `Resources:
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: s3://b/layer.zip }
  App:
    Type: AWS::Serverless::Application
    Properties: { Location: { ApplicationId: arn:aws:serverlessrepo:us-east-1:111122223333:applications/x, SemanticVersion: 1.0.0 } }
  Gated:
    Type: AWS::Serverless::Function
    Condition: Never
    Properties: { Runtime: nodejs20.x, Handler: i.h, InlineCode: x }
Conditions:
  Never: !Equals [a, b]
`,
    );
    expect(res(inv, 'Layer')!.type).toBe('aws.lambda.layer-version');
    expect(res(inv, 'Gated')).toBeUndefined();
    expect(res(inv, 'GatedRole')).toBeUndefined();
    const what = inv.coverage.notCollected!.map((n) => n.what);
    // A SAR application becomes the nested stack SAM makes of it; its template is not read (a gap of its own).
    expect(what.filter((w) => /\(AWS::Serverless::/.test(w))).toEqual([]);
    expect(res(inv, 'App')!.type).toBe('aws.cloudformation.nested-stack');
    expect(what).toContain('mixed.yaml: nested stack App');

    const bare = load('bare.yaml', `Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: nodejs20.x }\n`, 'AWSTemplateFormatVersion: "2010-09-09"\n');
    expect(res(bare, 'F')).toBeUndefined();
    expect(bare.coverage.notCollected!.some((n) => /without the AWS::Serverless-2016-10-31 transform/.test(n.why))).toBe(true);
  });

  it('the generated resources are judged as their hand-written CloudFormation equivalent', () => {
    const sam = verdicts(
      load(
        'eq-sam.yaml',
        `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Environment: { Variables: { DB_PASSWORD: "hunter2-Secret-Value-99" } }
      Policies: [{ Statement: [{ Effect: Allow, Action: "s3:*", Resource: "*" }] }]
`,
      ),
    );
    const cfn = verdicts(
      load(
        'eq-cfn.yaml',
        `Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: [lambda.amazonaws.com] }, Action: [sts:AssumeRole] }] }
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
      Policies: [{ PolicyName: FnRolePolicy0, PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:*", Resource: "*" }] } }]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: !GetAtt FnRole.Arn
      Environment: { Variables: { DB_PASSWORD: "hunter2-Secret-Value-99" } }
`,
        'AWSTemplateFormatVersion: "2010-09-09"\n',
      ),
    );
    expect(sam).toEqual(cfn);
    expect(sam['FnRole iam-least-privilege']).toBe('fail');
  });
});

describe('generated properties exist in the CloudFormation registry schema', () => {
  it('every property the expansion writes is one its CloudFormation type has (a typo would read as "omitted")', async () => {
    const { CfnSpec } = await import('../spec/cfn-spec.js');
    const spec = new CfnSpec();
    const inv = load(
      'all.yaml',
      `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: i.h
      CodeUri: s3://b/k.zip
      Tracing: Active
      KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/k
      DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:eu-west-1:111122223333:dlq }
      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
      PermissionsBoundary: arn:aws:iam::111122223333:policy/b
      RolePath: /app/
      Policies: [AmazonS3ReadOnlyAccess, { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "*" }] }]
      FunctionUrlConfig: { AuthType: NONE, InvokeMode: BUFFERED }
      EventInvokeConfig:
        MaximumEventAgeInSeconds: 600
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnSuccess: { Type: EventBridge, Destination: arn:aws:events:eu-west-1:111122223333:event-bus/default }
          OnFailure: { Type: SQS }
      Events:
        A: { Type: Api, Properties: { RestApiId: !Ref Rest, Path: /, Method: get } }
        H: { Type: HttpApi, Properties: { ApiId: !Ref Http } }
        T: { Type: SNS, Properties: { Topic: arn:aws:sns:eu-west-1:111122223333:t } }
        S: { Type: Schedule, Properties: { Schedule: rate(1 hour) } }
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: { Type: PRIVATE, VPCEndpointIds: [vpce-1] }
      DefinitionUri: s3://b/api.yaml
      MethodSettings: [{ HttpMethod: "*", ResourcePath: "/*", LoggingLevel: INFO }]
      AccessLogSetting: { DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:a, Format: x }
      CacheClusterEnabled: true
      TracingEnabled: true
      Variables: { a: b }
      Domain: { DomainName: a.example.com, CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/x, EndpointConfiguration: REGIONAL, SecurityPolicy: TLS_1_2 }
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: v1
      DefinitionBody: { openapi: 3.0.1 }
      AccessLogSettings: { DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:h, Format: x }
      DefaultRouteSettings: { DetailedMetricsEnabled: true }
      StageVariables: { a: b }
      Domain: { DomainName: h.example.com, CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/x, SecurityPolicy: TLS_1_2 }
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties: { TableName: t, SSESpecification: { SSEEnabled: true } }
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: s3://b/flow.json
      Logging: { Level: ALL, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: arn:aws:logs:eu-west-1:111122223333:log-group:f } }] }
      Tracing: { Enabled: true }
      Type: EXPRESS
      Name: flow
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: { LayerName: l, ContentUri: s3://b/l.zip, CompatibleRuntimes: [nodejs20.x] }
`,
    );
    const bad: string[] = [];
    let generated = 0;
    for (const r of inv.all()) {
      if (!(r.raw?.[0]?.data as { GeneratedFrom?: unknown } | undefined)?.GeneratedFrom) continue;
      generated++;
      for (const key of Object.keys(r.properties)) {
        if (key.startsWith('$') || key === 'DeletionPolicy' || key === 'UpdateReplacePolicy') continue;
        const got = spec.lookup(r.type, key);
        if (!got.ok) bad.push(`${r.location.logicalId}: ${got.why}`);
      }
    }
    expect(generated).toBeGreaterThanOrEqual(15);
    expect(bad).toEqual([]);
  });
});

describe('SAM rule and schedule events (fixT)', () => {
  const SM = (events: string, extra = '') => `Resources:
  Billing:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }${extra}
      Events:
${events}`;

  it('a state machine Schedule becomes the rule <SM><Event> and the role it starts the machine through', () => {
    const inv = load('sm-schedule.yaml', SM('        Nightly: { Type: Schedule, Properties: { Schedule: cron(0 3 * * ? *), Enabled: false, Input: "{}" } }\n', '\n      PermissionsBoundary: arn:aws:iam::111122223333:policy/edge'));
    const rule = res(inv, 'BillingNightly')!;
    expect(rule.type).toBe('aws.events.rule');
    expect(rule.properties.ScheduleExpression).toBe('cron(0 3 * * ? *)');
    expect(rule.properties.State).toBe('DISABLED');
    const [target] = rule.properties.Targets as Record<string, unknown>[];
    expect(target!.Id).toBe('BillingNightlyStepFunctionsTarget');
    expect(target!.Input).toBe('{}');
    const role = res(inv, 'BillingNightlyRole')!;
    expect(role.type).toBe('aws.iam.role');
    expect(JSON.stringify(role.properties.AssumeRolePolicyDocument)).toContain('events.amazonaws.com');
    expect(JSON.stringify(role.properties.Policies)).toContain('states:StartExecution');
    expect(role.properties.PermissionsBoundary).toBe('arn:aws:iam::111122223333:policy/edge');
    // Located at the SAM resource it came from.
    expect(role.location.line).toBe(rule.location.line);
    const v = verdicts(inv);
    expect(v['BillingNightlyRole iam-least-privilege']).toBe('pass');
    expect(v['BillingNightlyRole public-access']).toBe('pass');
  });

  it('EventBridgeRule / CloudWatchEvent: pattern, bus and rule name carried; a Type SQS dead-letter queue and its policy are made', () => {
    const inv = load(
      'sm-rule.yaml',
      SM(`        Paid:
          Type: EventBridgeRule
          Properties:
            EventBusName: payments
            RuleName: paid-to-billing
            Pattern: { source: [payments] }
            InputPath: $.detail
            DeadLetterConfig: { Type: SQS }
            RetryPolicy: { MaximumRetryAttempts: 2 }
        Legacy:
          Type: CloudWatchEvent
          Properties:
            Pattern: { source: [aws.ec2] }
            RoleArn: arn:aws:iam::111122223333:role/given
            DeadLetterConfig: { Type: SQS, QueueLogicalId: LegacyDlq }
`),
    );
    const paid = res(inv, 'BillingPaid')!;
    expect(paid.properties.EventBusName).toBe('payments');
    expect(paid.properties.Name).toBe('paid-to-billing');
    expect(paid.properties.EventPattern).toEqual({ source: ['payments'] });
    const [t] = paid.properties.Targets as Record<string, unknown>[];
    expect(t!.InputPath).toBe('$.detail');
    expect(t!.RetryPolicy).toEqual({ MaximumRetryAttempts: 2 });
    expect(res(inv, 'BillingPaidQueue')!.type).toBe('aws.sqs.queue');
    expect(res(inv, 'BillingPaidQueuePolicy')!.type).toBe('aws.sqs.queue-policy');
    expect(res(inv, 'BillingPaidRole')).toBeDefined();
    // A role named by the event: none is made; a queue id given is the one made.
    expect(res(inv, 'BillingLegacyRole')).toBeUndefined();
    expect(((res(inv, 'BillingLegacy')!.properties.Targets as Record<string, unknown>[])[0]!.RoleArn)).toBe('arn:aws:iam::111122223333:role/given');
    expect(res(inv, 'LegacyDlq')!.type).toBe('aws.sqs.queue');
    expect(inv.coverage.notCollected!.some((n) => /Billing event/.test(n.what))).toBe(false);
    // The queue policy admits only EventBridge for this rule: not public.
    expect(verdicts(inv)['BillingPaidQueuePolicy public-access']).toBe('pass');
  });

  it('ScheduleV2 on a state machine and a function: the schedule and its scheduler role; a customer-key claim fails a schedule without KmsKeyArn', () => {
    const inv = load(
      'schedulev2.yaml',
      SM(`        Hourly: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 hour), DeadLetterConfig: { Type: SQS } } }
        Keyed: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 day), OmitName: true, KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/k1, RoleArn: arn:aws:iam::111122223333:role/sched } }
`) +
        `  Sweeper:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Events:
        Tick: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(5 minutes), Name: sweep } }
        Cron: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
`,
    );
    const hourly = res(inv, 'BillingHourly')!;
    expect(hourly.type).toBe('aws.scheduler.schedule');
    expect(hourly.properties.Name).toBe('BillingHourly');
    expect(hourly.properties.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    const role = res(inv, 'BillingHourlyRole')!;
    expect(JSON.stringify(role.properties.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    expect(JSON.stringify(role.properties.Policies)).toContain('sqs:SendMessage');
    expect(res(inv, 'BillingHourlyQueue')!.type).toBe('aws.sqs.queue');
    expect(res(inv, 'BillingHourlyQueuePolicy')).toBeUndefined();
    expect(res(inv, 'BillingKeyed')!.properties.Name).toBeUndefined();
    expect(res(inv, 'BillingKeyedRole')).toBeUndefined();
    expect(JSON.stringify(res(inv, 'SweeperTickRole')!.properties.Policies)).toContain('lambda:InvokeFunction');
    expect(res(inv, 'SweeperTick')!.properties.Name).toBe('sweep');
    // A function's rule invokes it through its permission: a rule, no role.
    expect(res(inv, 'SweeperCron')!.type).toBe('aws.events.rule');
    expect(res(inv, 'SweeperCronRole')).toBeUndefined();
    const cmk = verdicts(inv, { ...DEFAULT_PARAMETERS, requireCustomerManagedKeys: true });
    expect(cmk['BillingHourly enc-rest']).toBe('fail');
    expect(cmk['BillingKeyed enc-rest']).toBe('pass');
    expect(cmk['SweeperTickRole iam-least-privilege']).toBe('pass');
  });
});
