/**
 * A credential word in a name is not enough where the value's shape or use says it is an identifier
 * (a role, an ARN, a host name, a plain URL): scout17's SecretAccessRole / FlowSecretsRole parameters
 * and a WorkSpaces alias's ConnectionString. Real credentials under the same names still fail. And
 * credentials in the rarer name/value pairs of the CloudFormation schema (Data Pipeline fields, origin
 * headers, Firehose attributes) are read under the entry's name.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';
import { isIdentifierValue, secretReason } from '../src/lib/secrets.js';
import { parametersUsedAsIdentifiers } from '../src/sources/iac/secret-name-parameters.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-secret-identifiers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const all = await loadRules();
const STACK_RULE = all.filter((r) => r.id === 'secrets-encrypted/aws-cloudformation-stack');
const PROPERTY_RULE = all.filter((r) => r.id === 'secrets-encrypted/aws-template-property');

// Values are assembled here so no scanner mistakes this file for a leak.
const literal = (n: number) => 'Rk8q2Zw7Lm'.repeat(Math.ceil(n / 10)).slice(0, n);

function verdicts(file: string, template: unknown, rules = STACK_RULE) {
  writeFileSync(join(dir, file), JSON.stringify(template));
  const inventory = loadIac([join(dir, file)]);
  const out: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: ['secrets-encrypted'], ctx: { params: DEFAULT_PARAMETERS, inventory } }))
    out[`${f.resource.logicalId ?? '(stack)'}${f.subId ? `#${f.subId}` : ''}`] = f.status;
  return out;
}

describe('template parameters named like a secret that hold an identifier', () => {
  const template = {
    Parameters: {
      SecretAccessRole: { Type: 'String' },
      FlowSecretsRole: { Type: 'String' },
      PartnerSecret: { Type: 'String' },
      SigningSecret: { Type: 'String', AllowedPattern: '^arn:aws:secretsmanager:.*' },
      LdapPassword: { Type: 'String', Default: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ldap-bind' },
      DirectoryConnectionString: { Type: 'String', Default: 'desktops.branch.example.com' },
      BastionSecretKey: { Type: 'AWS::EC2::KeyPair::KeyName' },
      ApiToken: { Type: 'String' },
      WebhookSecret: { Type: 'String' },
      DbPassword: { Type: 'String' },
    },
    Resources: {
      Project: {
        Type: 'AWS::DMS::MigrationProject',
        Properties: {
          SourceDataProviderDescriptors: [{ DataProviderIdentifier: 'src', SecretsManagerSecretId: { Ref: 'PartnerSecret' }, SecretsManagerAccessRoleArn: { Ref: 'SecretAccessRole' } }],
          SchemaConversionApplicationAttributes: { S3BucketRoleArn: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/${PartnerSecret}' } },
        },
      },
      Flow: { Type: 'AWS::MediaConnect::Flow', Properties: { Name: 'f', Source: { Name: 's', Decryption: { RoleArn: { Ref: 'FlowSecretsRole' }, SecretArn: { Ref: 'SigningSecret' } } } } },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' },
          Environment: { Variables: { TOKEN_SECRET_ID: { Ref: 'ApiToken' }, PARTNER_TOKEN: { Ref: 'ApiToken' } } },
        },
      },
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: { Ref: 'DbPassword' } } },
    },
  };

  it('the loader lists parameters whose every use is a property taking an ARN, id or name', () => {
    const names = new Set(Object.keys(template.Parameters));
    expect([...parametersUsedAsIdentifiers(template.Resources, names)].sort()).toEqual(['FlowSecretsRole', 'PartnerSecret', 'SecretAccessRole', 'SigningSecret']);
  });

  it('no finding for a role, an ARN pattern or default, a host-name default, an AWS-specific type or an identifier-only use', () => {
    const out = verdicts('identifiers.json', template);
    for (const p of ['SecretAccessRole', 'FlowSecretsRole', 'PartnerSecret', 'SigningSecret', 'LdapPassword', 'DirectoryConnectionString', 'BastionSecretKey'])
      expect(out[`(stack)#${p}`], p).toBeUndefined();
  });

  it('still fails a credential-named parameter used once as a value, never used, or taken as a password', () => {
    const out = verdicts('identifiers.json', template);
    expect(out['(stack)#ApiToken']).toBe('fail');
    expect(out['(stack)#WebhookSecret']).toBe('fail');
    expect(out['(stack)#DbPassword']).toBe('fail');
  });

  it('a secret-looking default is never cleared by the pattern: the token shape wins', () => {
    const out = verdicts('token-default.json', { Parameters: { GithubToken: { Type: 'String', AllowedPattern: '^arn:.*', Default: `ghp_${literal(36)}` } }, Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    expect(out['(stack)#GithubToken']).toBe('fail');
  });
});

describe('values shaped as identifiers', () => {
  it('host names and plain URLs are identifiers; capability URLs, userinfo, queries and passwords are not', () => {
    for (const v of ['desktops.branch-lyon.example.com', 'billing-ora.dc.example.internal', 'ldap.corp', 'https://idp.partner.net/oauth2/token', 'jdbc:mysql://orders.cluster.internal:3306/orders'])
      expect(isIdentifierValue(v), v).toBe(true);
    for (const v of ['summer.fun', 'Corp.Example.Com1', `https://hooks.partner.net/catch/${literal(24)}1`, 'https://app:pw@db.internal/x', 'https://api.partner.net/v1?key=abc', literal(20), 'p4ss.w0rd'])
      expect(isIdentifierValue(v), v).toBe(false);
  });

  it('a ConnectionString that is a domain name passes; one with Password= or user:pass@ fails', () => {
    const out = verdicts(
      'connection-strings.json',
      {
        Resources: {
          Alias: { Type: 'AWS::WorkSpaces::ConnectionAlias', Properties: { ConnectionString: 'desktops.branch.example.com' } },
          WithPassword: { Type: 'AWS::DMS::Endpoint', Properties: { EndpointType: 'source', EngineName: 'sqlserver', ConnectionString: `Server=db;User Id=app;Password=${literal(14)};` } },
          WithUserInfo: { Type: 'AWS::AppFlow::ConnectorProfile', Properties: { ConnectionString: `postgres://app:${literal(12)}@db.internal:5432/app` } },
        },
      },
      PROPERTY_RULE,
    );
    expect(Object.keys(out).filter((k) => k.startsWith('Alias'))).toEqual([]);
    expect(Object.entries(out).filter(([k]) => k.startsWith('WithPassword')).map(([, s]) => s)).toEqual(['fail']);
    expect(Object.entries(out).filter(([k]) => k.startsWith('WithUserInfo')).map(([, s]) => s)).toEqual(['fail']);
  });

  it('environment values: a host under a token name is clear, a literal token is not', () => {
    expect(secretReason('API_TOKEN', 'api.partner.example.com')).toBeUndefined();
    expect(secretReason('API_TOKEN', literal(32))).toMatch(/literal/);
    expect(secretReason('SECRETS_ROLE', 'pipeline-secrets-reader')).toBeUndefined();
    // A password field holds no host name: a dotted literal there is the password.
    expect(secretReason('DB_PASSWORD', 'summer2024.corp')).toMatch(/literal/);
    expect(secretReason('ADMIN_PASSWORD', 'https://vault.example.com/x')).toMatch(/literal/);
  });
});

describe('credentials in the rarer name/value pairs', () => {
  const out = verdicts(
    'pairs.json',
    {
      Resources: {
        Pipeline: {
          Type: 'AWS::DataPipeline::Pipeline',
          Properties: {
            Name: 'p',
            PipelineObjects: [
              { Id: 'Db', Name: 'Db', Fields: [{ Key: 'type', StringValue: 'RdsDatabase' }, { Key: 'username', StringValue: 'exporter' }, { Key: '*password', StringValue: literal(16) }] },
            ],
          },
        },
        ParameterisedPipeline: {
          Type: 'AWS::DataPipeline::Pipeline',
          Properties: {
            Name: 'q',
            PipelineObjects: [{ Id: 'Db', Name: 'Db', Fields: [{ Key: '*password', StringValue: '#{*myRdsPassword}' }] }],
            ParameterObjects: [{ Id: '*myRdsPassword', Attributes: [{ Key: 'type', StringValue: 'String' }] }],
            ParameterValues: [{ Id: '*myRdsPassword', StringValue: literal(18) }],
          },
        },
        SecretRefPipeline: {
          Type: 'AWS::DataPipeline::Pipeline',
          Properties: { Name: 'r', PipelineObjects: [{ Id: 'Db', Name: 'Db', Fields: [{ Key: '*password', StringValue: '{{resolve:secretsmanager:rds/export:SecretString:password}}' }] }] },
        },
        Cdn: {
          Type: 'AWS::CloudFront::Distribution',
          Properties: { DistributionConfig: { Enabled: true, Origins: [{ Id: 'o', DomainName: 'api.example.com', OriginCustomHeaders: [{ HeaderName: 'X-Api-Key', HeaderValue: literal(30) }, { HeaderName: 'X-Origin', HeaderValue: 'cdn' }] }] } },
        },
        Stream: {
          Type: 'AWS::KinesisFirehose::DeliveryStream',
          Properties: { HttpEndpointDestinationConfiguration: { RequestConfiguration: { CommonAttributes: [{ AttributeName: 'api_token', AttributeValue: literal(26) }] } } },
        },
      },
    },
    PROPERTY_RULE,
  );
  const of = (id: string) => Object.entries(out).filter(([k]) => k.split('#')[0] === id).map(([k, s]) => `${k.slice(id.length)} ${s}`);

  it('a literal "*password" field of a Data Pipeline object fails; the user name does not', () => {
    expect(of('Pipeline')).toEqual(['#Properties.PipelineObjects[0].Fields[2].StringValue#*password fail']);
  });

  it('a pipeline parameter expression defers to the parameter value, where the literal fails', () => {
    expect(of('ParameterisedPipeline')).toEqual(['#Properties.ParameterValues[0].StringValue#*myRdsPassword fail']);
  });

  it('a field filled from Secrets Manager is read as any resolved variable: the definition stores the resolved value ("*" encrypts in transit only)', () => {
    expect(of('SecretRefPipeline')).toEqual(['#Properties.PipelineObjects[0].Fields[0].StringValue#*password fail']);
  });

  it('an origin custom header and a Firehose request attribute carrying a key fail under their names', () => {
    expect(of('Cdn')).toEqual(['#Properties.DistributionConfig.Origins[0].OriginCustomHeaders[0].HeaderValue#X-Api-Key fail']);
    expect(of('Stream')).toEqual(['#Properties.HttpEndpointDestinationConfiguration.RequestConfiguration.CommonAttributes[0].AttributeValue#api_token fail']);
  });
});

describe('the key/value shapes one mechanism reads (maps by key, lists by their name field)', () => {
  it('a literal credential fails in each, under the entry name', () => {
    const lit = literal(18);
    const out = verdicts(
      'shapes.json',
      {
        Resources: {
          Trigger: { Type: 'AWS::Glue::Trigger', Properties: { Type: 'ON_DEMAND', Actions: [{ JobName: 'j', Arguments: { '--db_password': lit } }] } },
          Assoc: { Type: 'AWS::SSM::Association', Properties: { Name: 'AWS-RunShellScript', Parameters: { apiToken: [lit] } } },
          OpsApp: { Type: 'AWS::OpsWorks::App', Properties: { StackId: 's', Name: 'a', Type: 'other', Environment: [{ Key: 'DB_PASSWORD', Value: lit, Secure: true }] } },
          Product: { Type: 'AWS::ServiceCatalog::CloudFormationProvisionedProduct', Properties: { ProductName: 'p', ProvisioningParameters: [{ Key: 'AdminPassword', Value: lit }] } },
          Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'API_KEY', AuthParameters: { InvocationHttpParameters: { HeaderParameters: [{ Key: 'X-Partner-Token', Value: lit, IsValueSecret: true }] } } } },
          Step: { Type: 'AWS::EMR::Step', Properties: { ActionOnFailure: 'CONTINUE', JobFlowId: 'j', Name: 's', HadoopJarStep: { Jar: 'command-runner.jar', StepProperties: [{ Key: 'secret.key', Value: lit }] } } },
          Pipe: { Type: 'AWS::Pipes::Pipe', Properties: { RoleArn: 'r', Source: 's', Target: 't', TargetParameters: { HttpParameters: { HeaderParameters: { 'X-Api-Key': lit } } } } },
          StackSet: { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: 'x', PermissionModel: 'SELF_MANAGED', Parameters: [{ ParameterKey: 'DbPassword', ParameterValue: lit }] } },
        },
      },
      PROPERTY_RULE,
    );
    const failed = new Set(Object.entries(out).filter(([, s]) => s === 'fail').map(([k]) => k.split('#')[0]));
    expect([...failed].sort()).toEqual(['Assoc', 'Conn', 'OpsApp', 'Pipe', 'Product', 'StackSet', 'Step', 'Trigger']);
  });
});
