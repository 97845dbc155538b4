/**
 * The catch-all secrets rule (secrets-encrypted/aws-template-property) as a class: what it
 * never shows, what it leaves to the dedicated rules, and what hostile text costs it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';
import { loadIac } from '../src/sources/iac/load.js';
import { fixturesOf, runFixture } from './helpers/rule-fixtures.js';
import { scanResource, secretName, TEMPLATE_SECRETS } from '../src/sources/iac/template-secrets.js';
import type { Rule } from '../src/evaluate/rule.js';
import { encodeValue, redactForSaving } from '../src/sources/inventory-file.js';
import { Inventory } from '../src/model/inventory.js';
import { fixturesDir } from './helpers/rule-fixtures.js';

const ID = 'secrets-encrypted/aws-template-property';
let rules: Rule[];
let rule: Rule;
let dir: string;
beforeAll(async () => {
  rules = await loadRules();
  rule = rules.find((r) => r.id === ID)!;
  dir = mkdtempSync(join(tmpdir(), 'vouch-template-secrets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(name: string, template: unknown) {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(template));
  return loadIac([file], { region: 'eu-west-1' });
}

/** Every literal credential written into this rule's fixtures. */
const FIXTURE_SECRETS = [
  'Tr0ub4dor-and-3', 'pVq8-wiki-Zr2m', 'seed-Pw-7731', 'b4sic-Auth-Pw-2', 'h0rse-Battery-9', 'AKIAZ7QW3EXAMPLE2Q4R',
  'kq3-Zm8v-Tt1p-Xw4n', 'tunnelOne_k3y_Qm7', 'pay-9f3b2c7d-live', 's1gn-me-Pz82-long', 'redis-auth-token-0123456789',
  'ptk-77c1e0a4-d2', 'Etl-Pw-4410', 'hive-Metastore-55', 'k-51c9e7f2a0b3d4', 'ghp_Q7mW2xR9tY4uI1oP6aS3dF8gH5jK0lZ2cV7b',
  // fail-find-in-map.yaml: credentials in the Mappings
  'tunnelPrimary_Qm7x2', 'dev-not-secret-but-literal-7731', 'prod-live-3b9f2c7d11', 'fallbackTunnel_k3y_9',
  // fail-api-key-value.yaml, fail-api-key-references.yaml: API Gateway API keys written as literals
  'pk-7Hq2Lm9Rt4Vx8Zb1Nc6Wd3', 'Zq8vN3kTb6Wm1Rx4Hc7Ja2Ls5',
  // fail-nested-intrinsic-text.yaml: a literal several Fn::Joins down
  'Qv7-lantern-Rook',
  // fail-elasticache-user-authentication-mode.yaml: RBAC passwords under AuthenticationMode
  'Reports-Writer-Cache-4471', 'Prior-Cycle-Cache-9902',
];

describe(`${ID}: evidence and inventory never carry the credential`, () => {
  it('no finding of any fixture holds a credential or an 8-character run of one', () => {
    let failures = 0;
    for (const fx of fixturesOf(rule)) {
      const { findings } = runFixture(rule, fx.file);
      failures += findings.filter((f) => f.status === 'fail').length;
      const text = JSON.stringify(findings);
      for (const s of FIXTURE_SECRETS) for (let i = 0; i + 8 <= s.length; i += 4) expect(text.includes(s.slice(i, i + 8)), `${s} leaked in ${fx.file}`).toBe(false);
      expect(text).toMatch(/<redacted: \d+ characters>|\{\{resolve:\.\.\.\}\} reference|<Fn::GetAtt|^\[/);
    }
    expect(failures).toBeGreaterThanOrEqual(20);
  });

  it('the loader records where and why, never the value', () => {
    const inv = loadIac([join(import.meta.dirname, '../rules', ID, 'fixtures/fail-user-data.yaml')], { region: 'eu-west-1' });
    const sites = [...inv.all()].flatMap((r) => (r.properties[TEMPLATE_SECRETS] as unknown[] | undefined) ?? []);
    expect(sites.length).toBe(3);
    const text = JSON.stringify(sites);
    for (const s of ['h0rse-Battery-9', 'AKIAZ7QW3EXAMPLE2Q4R', 'kq3-Zm8v-Tt1p-Xw4n']) expect(text).not.toContain(s);
  });
});

describe(`${ID}: a saved inventory`, () => {
  it('holds none of the credentials the loader found, and judges them as the template did', () => {
    for (const fx of fixturesOf(rule).filter((f) => f.kind === 'fail')) {
      const inv = loadIac([fx.file], { region: 'eu-west-1' });
      const saved = [...inv.all()].map((r) => redactForSaving(r));
      const text = JSON.stringify(saved.map((r) => encodeValue(r)));
      for (const s of FIXTURE_SECRETS) expect(text.includes(s), `${s} written to the inventory of ${fx.file}`).toBe(false);
      const judge = (i: Inventory) =>
        evaluate(i, [rule], { controls: ['secrets-encrypted'], ctx: { params: DEFAULT_PARAMETERS, inventory: i } }).map((f) => `${f.resource.id} ${f.status} ${f.subId ?? ''}`).sort();
      expect(judge(new Inventory(saved)), fx.file).toEqual(judge(inv));
    }
    expect(fixturesDir(rule)).toContain('aws-template-property');
  });

  it('keeps values under names that only look like credentials, so every rule judges it as the template', () => {
    const file = join(import.meta.dirname, '../rules/iam-least-privilege/aws-iam-role-trust/fixtures/pass-web-identity.yaml');
    const inv = loadIac([file], { region: 'eu-west-1' });
    const all = (i: Inventory) =>
      evaluate(i, rules, { controls: ['iam-least-privilege', 'public-access', 'mfa'], ctx: { params: DEFAULT_PARAMETERS, inventory: i } }).map((f) => `${f.resource.id} ${f.ruleId} ${f.status} ${f.subId ?? ''}`).sort();
    const saved = new Inventory([...inv.all()].map((r) => redactForSaving(r)));
    expect(JSON.stringify([...saved.all()].map((r) => encodeValue(r)))).toContain('repo:');
    expect(all(saved)).toEqual(all(inv));
  });
});

describe(`${ID}: one secret, one failure`, () => {
  it('sites a dedicated rule reads are left to it; a parameter default fails on the stack only', () => {
    const inv = load('mixed.json', {
      Parameters: { LegacyPassword: { Type: 'String', Default: 'Legacy-Default-Pw-1' } },
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'nodejs20.x', Handler: 'i.h', Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: 'x' }, Environment: { Variables: { DB_PASSWORD: 'fn-Literal-Pw-1' } } },
        },
        Broker: {
          Type: 'AWS::AmazonMQ::Broker',
          Properties: { BrokerName: 'b', EngineType: 'ACTIVEMQ', EngineVersion: '5.18', HostInstanceType: 'mq.t3.micro', DeploymentMode: 'SINGLE_INSTANCE', PubliclyAccessible: false, Users: [{ Username: 'app', Password: 'mq-Literal-Pw-1' }] },
        },
        Build: {
          Type: 'AWS::CodeBuild::Project',
          Properties: {
            ServiceRole: 'arn:aws:iam::111122223333:role/b', Artifacts: { Type: 'NO_ARTIFACTS' }, Source: { Type: 'NO_SOURCE', BuildSpec: 'version: 0.2' },
            Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', EnvironmentVariables: [{ Name: 'NPM_TOKEN', Type: 'PLAINTEXT', Value: 'npm-Literal-Token-1' }] },
          },
        },
        Legacy: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: { Ref: 'LegacyPassword' } } },
        Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { Type: 'ipsec.1', VpnTunnelOptionsSpecifications: [{ PreSharedKey: 'vpn_Literal_Psk_1' }, { PreSharedKey: 'vpn_Literal_Psk_2' }] } },
      },
    });
    const findings = evaluate(inv, rules.filter((r) => r.control === 'secrets-encrypted'), { controls: ['secrets-encrypted'], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
    const fails = findings.filter((f) => f.status === 'fail').map((f) => `${f.resource.logicalId ?? '(stack)'} ${f.ruleId}`).sort();
    expect(fails).toEqual([
      '(stack) secrets-encrypted/aws-cloudformation-stack',
      'Broker secrets-encrypted/aws-amazonmq-broker',
      'Build secrets-encrypted/aws-codebuild-project',
      'Fn secrets-encrypted/aws-lambda-function',
      // Two tunnels, two keys: two failures, keyed by path.
      `Vpn ${ID}`,
      `Vpn ${ID}`,
    ]);
    const vpn = findings.filter((f) => f.resource.logicalId === 'Vpn').map((f) => f.subId);
    expect(new Set(vpn).size).toBe(2);
    expect(findings.find((f) => f.resource.logicalId === 'Legacy' && f.ruleId === ID)?.status).toBe('pass');
  });
});

describe(`${ID}: names and values`, () => {
  it('credential names, and names that only contain a credential word', () => {
    for (const n of ['MasterUserPassword', 'PreSharedKey', 'AuthToken', 'ClientSecret', 'SecretAccessKey', 'DB_PASSWORD', 'x-api-key', 'javax.jdo.option.ConnectionPassword', 'partner-api-token'])
      expect(secretName(n), n).toBe(true);
    for (const n of ['HttpTokens', 'ClientToken', 'ServiceToken', 'TokenValidityUnits', 'PasswordPolicy', 'SecretArn', 'SecretId', 'KmsKeyId', 'EncryptionKey', 'ApiKeySourceType', 'token.actions.githubusercontent.com:sub', 'PasswordLength', 'ManageMasterUserPassword'])
      expect(secretName(n), n).toBe(false);
  });

  const ctx = { parameters: new Set(['P']), condition: () => undefined };
  const kinds = (Properties: unknown, Metadata?: unknown) => scanResource({ Properties, Metadata }, ctx).map((s) => `${s.path}#${s.name}=${s.value.kind}`);

  it('a Fn::Sub hole never completes a secret, a literal next to one does', () => {
    expect(kinds({ Url: { 'Fn::Sub': 'postgres://app:${P}@db.example.com/app' } })).toEqual([]);
    expect(kinds({ Url: { 'Fn::Sub': 'postgres://app:Literal-Pw-1@${Host}/app' } })).toEqual(['Properties.Url#Url=secret']);
    expect(kinds({ Script: { 'Fn::Sub': 'export DB_PASSWORD=${P}\nexport REGION=${AWS::Region}' } })).toEqual([]);
    expect(kinds({ Script: { 'Fn::Join': ['', ['export DB_PASSWORD=', { Ref: 'P' }, '\n']] } })).toEqual([]);
    expect(kinds({ Password: { 'Fn::Sub': '${P}' } })).toEqual(['Properties.Password#Password=computed']);
    expect(kinds({ Password: { Ref: 'P' } })).toEqual(['Properties.Password#Password=parameter']);
  });

  it('placeholders, expansions and code are not literals; a plausible default is', () => {
    for (const v of ['', '<password>', '****', '$DB_PASSWORD', '${DB_PASSWORD}', '$(aws secretsmanager get-secret-value --secret-id x)', '/prod/db/password', 'alias/aws/rds', 'true', '16'])
      expect(kinds({ Password: v }), v).toEqual([]);
    expect(kinds({ Password: 'changeme' })).toEqual(['Properties.Password#Password=secret']);
    expect(kinds({ ZipFile: "import os\npassword = os.environ['DB_PASSWORD']\ntoken = getenv('T')\n" })).toEqual([]);
    expect(kinds({ Description: 'Rotates the admin password: see the runbook' })).toEqual([]);
  });

  it('both branches of an undecided Fn::If are read; a decided one only its branch', () => {
    const ifs = { Password: { 'Fn::If': ['C', 'branch-Literal-1', { Ref: 'AWS::NoValue' }] } };
    expect(scanResource({ Properties: ifs }, { parameters: new Set(), condition: () => undefined }).map((s) => s.value.kind)).toEqual(['secret']);
    expect(scanResource({ Properties: ifs }, { parameters: new Set(), condition: () => false }).map((s) => s.value.kind)).toEqual(['computed']);
  });

  it('cfn-init metadata is read; other metadata (CDK paths, nag suppressions) is not', () => {
    expect(kinds({}, { 'aws:cdk:path': 'App/Db/password=x', cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-SMG4', reason: 'token: none' }] } })).toEqual([]);
    expect(kinds({}, { 'AWS::CloudFormation::Init': { config: { files: { '/etc/x': { content: 'API_TOKEN=tok-Literal-9f3' } } } } })).toEqual([
      'Metadata.AWS::CloudFormation::Init.config.files./etc/x.content#API_TOKEN=secret',
    ]);
  });
});

describe(`${ID}: API Gateway API key values`, () => {
  it('a secret-store reference passes, a plain SSM parameter fails as it does for any credential, a literal fails unshown', () => {
    const file = join(import.meta.dirname, '../rules', ID, 'fixtures/fail-api-key-references.yaml');
    const { findings } = runFixture(rule, file);
    const byId = new Map(findings.map((f) => [f.resource.id.split('/').pop(), f]));
    expect(byId.get('FromSecretsManager')?.status).toBe('pass');
    expect(byId.get('FromSecretsManager')?.message).toContain('secretsmanager dynamic reference');
    expect(byId.get('FromSecureString')?.status).toBe('pass');
    expect(byId.get('FromPlainParameter')?.status).toBe('fail');
    expect(byId.get('FromPlainParameter')?.message).toMatch(/plain String SSM parameter/);
    expect(byId.get('Written')?.status).toBe('fail');
    expect(JSON.stringify(byId.get('Written'))).toMatch(/<redacted: 25 characters>/);

    // The same plain-SSM verdict a dedicated secrets rule gives a broker user's password.
    const mq = rules.find((r) => r.id === 'secrets-encrypted/aws-amazonmq-broker')!;
    const inv = load('mq.json', {
      Resources: {
        Broker: {
          Type: 'AWS::AmazonMQ::Broker',
          Properties: { BrokerName: 'b', EngineType: 'ACTIVEMQ', DeploymentMode: 'SINGLE_INSTANCE', Users: [{ Username: 'admin', Password: '{{resolve:ssm:/mq/admin}}' }] },
        },
      },
    });
    const broker = evaluate(inv, [mq], { controls: ['secrets-encrypted'], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
    expect(broker.map((f) => f.status)).toEqual(['fail']);
    expect(broker[0]!.message).toMatch(/plain String SSM parameter/);
  });
});

describe(`${ID}: hostile text is bounded`, () => {
  it('megabytes of assignments and deep nesting load without error and list at most 50 sites', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 400; i++) deep = { Nested: deep };
    const inv = load('hostile.json', {
      Resources: {
        Big: { Type: 'AWS::EC2::Instance', Properties: { UserData: 'A_PASSWORD=Literal-Pw-0001\n'.repeat(200_000) } },
        Many: { Type: 'AWS::SQS::Queue', Properties: { Tags: Array.from({ length: 500 }, (_, i) => ({ Key: `api_token_${i}`, Value: `tok-Literal-${i}-x` })) } },
        Deep: { Type: 'AWS::SQS::Queue', Properties: { Deep: deep } },
      },
    });
    const sites = (id: string) => (inv.get(`hostile/${id}`)?.properties[TEMPLATE_SECRETS] as { value: { kind: string } }[] | undefined) ?? [];
    const kinds = (id: string) => sites(id).map((s) => s.value.kind);
    // What was read is listed (at most 50 sites); what was not is one `not-read` site more, so it is never passed.
    expect(kinds('Big')).toEqual(['secret', 'not-read']);
    expect(sites('Many').length).toBe(51);
    expect(kinds('Many').at(-1)).toBe('not-read');
    expect(kinds('Deep')).toEqual(['not-read']);
  });
});

describe(`${ID}: code and build specs`, () => {
  const ctx = { parameters: new Set<string>(), condition: () => undefined };
  const kinds = (Properties: unknown) => scanResource({ Properties }, ctx).map((s) => `${s.name}=${s.value.kind}`);

  it('code that reads a credential is not one; a credential literal in code is', () => {
    const code = [
      'const apiKey = await fetchKey();',
      'const password = req.body.password;',
      "password = os.environ['DB_PASSWORD']",
      'token = get_token()',
      'let secret = undefined',
    ].join('\n');
    expect(kinds({ Code: { ZipFile: code } })).toEqual([]);
    expect(kinds({ Code: { ZipFile: `${code}\nconst API_KEY = "k-Literal-77aa";\n` } })).toEqual(['API_KEY=secret']);
  });

  it("a buildspec's secrets-manager and parameter-store blocks name secrets; a plain env variable holds one", () => {
    const spec = (extra: string) =>
      `version: 0.2\nenv:\n  secrets-manager:\n    DB_PASSWORD: prod/db:password\n    API_TOKEN: arn:aws:secretsmanager:eu-west-1:111122223333:secret:tok:token\n  parameter-store:\n    NPM_TOKEN: /ci/npm-token\n${extra}phases:\n  build:\n    commands: [make]\n`;
    expect(kinds({ Source: { BuildSpec: spec('') } })).toEqual([]);
    expect(kinds({ Source: { BuildSpec: spec('  variables:\n    DEPLOY_PASSWORD: dep-Literal-Pw-3\n') } })).toEqual(['DEPLOY_PASSWORD=secret']);
  });
});

describe('NoEcho parameters substituted into text', () => {
  const params = new Set(['DbPassword', 'Region2']);
  const ctx = { parameters: params, noEcho: new Set(['DbPassword']), condition: () => undefined };
  const kinds = (props: unknown) => scanResource({ Type: 'AWS::EC2::Instance', Properties: props }, ctx).map((s) => s.value.kind);
  it('records a NoEcho parameter in a Sub or Join text', () => {
    expect(kinds({ UserData: { 'Fn::Base64': { 'Fn::Sub': 'mysql -p${DbPassword} app' } } })).toEqual(['noecho-in-text']);
    expect(kinds({ UserData: { 'Fn::Join': ['', ['pw=', { Ref: 'DbPassword' }, '\n']] } })).toEqual(['noecho-in-text']);
  });
  it('does not record a Sub variable that redefines the name, an ordinary parameter, or a property that is only the parameter', () => {
    expect(kinds({ UserData: { 'Fn::Sub': ['run --file ${DbPassword}', { DbPassword: '/run/secrets/db' }] } })).toEqual([]);
    expect(kinds({ UserData: { 'Fn::Sub': 'run --region ${Region2}' } })).toEqual([]);
    expect(kinds({ MasterUserPassword: { 'Fn::Sub': '${DbPassword}' } })).toEqual(['computed']);
  });
  it('never records the value', () => {
    const sites = scanResource({ Type: 'AWS::EC2::Instance', Properties: { UserData: { 'Fn::Sub': 'pw=${DbPassword}' } } }, ctx);
    expect(JSON.stringify(sites)).not.toContain('pw=');
  });
});

describe(`${ID}: credentials pulled from the Mappings with Fn::FindInMap`, () => {
  it('finds one behind a parameter key among thousands of entries, in bounded time, and records no value', () => {
    const entries: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) entries[`env${i}`] = { Password: i === 4999 ? 'z9-Mapped-Pw-4471' : 'minutes' };
    const decl = { Type: 'AWS::EC2::VPNConnection', Properties: { VpnTunnelOptionsSpecifications: [{ PreSharedKey: { 'Fn::FindInMap': ['Envs', { Ref: 'Env' }, 'Password'] } }] } };
    const started = performance.now();
    const sites = scanResource(decl, { parameters: new Set(['Env']), condition: () => undefined, mappings: { Envs: { ...entries, env0: { Password: 'y8-First-Pw-2210' } } } });
    expect(performance.now() - started).toBeLessThan(2000);
    // At most 256 values are read per lookup: the first entry's credential is found, the 5000th is past the bound,
    // and that the rest was not read is recorded (the resource fails on what was found either way).
    expect(sites.map((x) => x.value.kind)).toEqual(['secret', 'not-read']);
    expect(JSON.stringify(sites)).not.toContain('First-Pw');
  });

  it('a lookup with no such entry and no DefaultValue stays a value computed elsewhere', () => {
    const decl = { Type: 'AWS::EC2::VPNConnection', Properties: { VpnTunnelOptionsSpecifications: [{ PreSharedKey: { 'Fn::FindInMap': ['Envs', 'prod', 'Password'] } }] } };
    const sites = scanResource(decl, { parameters: new Set(), condition: () => undefined, mappings: { Envs: { dev: { Password: 'x7-Dev-Pw-9090' } } } });
    expect(sites.map((x) => x.value)).toEqual([{ kind: 'computed', expression: 'Fn::FindInMap' }]);
  });
});

describe(`${ID}: what the loader did not read is never a pass`, () => {
  const judge = (template: unknown, name: string) => {
    const inv = load(name, template);
    return evaluate(inv, [rule], { controls: ['secrets-encrypted'], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } }).filter((f) => f.resource.id.endsWith('/Job'));
  };
  const sfn = (definition: unknown, extra: Record<string, unknown> = {}) => ({
    Parameters: { ApiHost: { Type: 'String' } },
    Resources: { Job: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::111122223333:role/sfn', DefinitionString: definition, ...extra } } },
  });
  const filler = 'x'.repeat(70 * 1024);

  it('a credential past the first 64 KB of a written text: unknown, naming the text, never the value', () => {
    const findings = judge(sfn(`{"Comment":"${filler}","Pw":"api_password=Past-The-Cut-Pw-7"}`), 'long-literal.json');
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
    expect(findings[0]!.message).toMatch(/Properties\.DefinitionString is longer than 65,536 characters/);
    expect(JSON.stringify(findings)).not.toContain('Past-The-Cut');
  });

  it('a Fn::Sub text cut at 64 KB: unknown; a short one with the same credential fails, a short clean one gives no verdict', () => {
    const long = judge(sfn({ 'Fn::Sub': `{"Comment":"${filler}","Host":"\${ApiHost}","Pw":"api_password=Past-The-Cut-Pw-7"}` }), 'long-sub.json');
    expect(long.map((f) => f.status)).toEqual(['unknown']);
    const short = judge(sfn({ 'Fn::Sub': '{"Host":"${ApiHost}","Pw":"api_password=Past-The-Cut-Pw-7"}' }), 'short-sub.json');
    expect(short.map((f) => f.status)).toEqual(['fail']);
    expect(judge(sfn({ 'Fn::Sub': '{"Host":"${ApiHost}"}' }), 'clean-sub.json')).toEqual([]);
  });

  it('a fail found before the cut stays a fail, with the unread part beside it', () => {
    const statuses = judge(sfn(`{"Pw":"api_password=Before-The-Cut-Pw-7","Comment":"${filler}"}`), 'fail-then-long.json').map((f) => f.status).sort();
    expect(statuses).toEqual(['fail', 'unknown']);
  });

  it('nesting deeper than the walk reads: unknown; the same value shallower is read', () => {
    let deep: unknown = { Password: 'Deep-Literal-Pw-7' };
    for (let i = 0; i < 45; i++) deep = { Level: deep };
    const deepFindings = judge({ Resources: { Job: { Type: 'AWS::EMR::Cluster', Properties: { Name: 'c', Instances: {}, JobFlowRole: 'r', ServiceRole: 's', ReleaseLabel: 'emr-7.0.0', Tags: [{ Key: 'k', Value: 'v' }], Applications: [deep] } } } }, 'deep.json');
    expect(deepFindings.map((f) => f.status)).toEqual(['unknown']);
    expect(deepFindings[0]!.message).toMatch(/nested more than 40 levels/);
    const shallow = judge({ Resources: { Job: { Type: 'AWS::EMR::Cluster', Properties: { Name: 'c', Instances: {}, JobFlowRole: 'r', ServiceRole: 's', ReleaseLabel: 'emr-7.0.0', Applications: [{ Level: { Password: 'Deep-Literal-Pw-7' } }] } } } }, 'shallow.json');
    expect(shallow.map((f) => f.status)).toEqual(['fail']);
  });

  it('more credential-named places than are listed: the ones past the cap are not passed', () => {
    const settings: Record<string, unknown> = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`DB_PASSWORD_${i}`, { 'Fn::ImportValue': `shared-token-arn-${i}` }]));
    settings['DB_PASSWORD_99'] = 'Literal-Token-Past-Cap-7';
    const findings = judge(sfn('{}', { DefinitionSubstitutions: settings }), 'many.json');
    expect(findings.some((f) => f.status === 'unknown' && /more than 50 credential-named places/.test(f.message))).toBe(true);
    expect(findings.some((f) => f.status === 'pass')).toBe(false);
  });
});

describe(`${ID}: values a template may pick, past the bounds`, () => {
  const ctx = (mappings?: Record<string, unknown>) => ({ parameters: new Set(['Pick', 'Env']), condition: () => undefined, ...(mappings ? { mappings } : {}) });
  const kinds = (Properties: unknown, mappings?: Record<string, unknown>) => scanResource({ Type: 'AWS::StepFunctions::StateMachine', Properties }, ctx(mappings)).map((s) => s.value.kind);

  it('a Select by a parameter over more than 64 items: the items past 64 are not read, and that is recorded', () => {
    const list = [...Array.from({ length: 70 }, (_, i) => `plain-${i}`), 'Select-Literal-Pw-7'];
    expect(kinds({ DefinitionSubstitutions: { DB_PASSWORD: { 'Fn::Select': [{ Ref: 'Pick' }, list] } } })).toContain('not-read');
    // Inside the bound the literal is found.
    expect(kinds({ DefinitionSubstitutions: { DB_PASSWORD: { 'Fn::Select': [{ Ref: 'Pick' }, ['plain-0', 'Select-Literal-Pw-7']] } } })).toEqual(['secret']);
  });

  it('a FindInMap by a parameter over more than 256 entries: recorded as not read', () => {
    const big = { Pw: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`env${i}`, { Value: `plain-${i}` }])) };
    expect(kinds({ DefinitionSubstitutions: { DB_PASSWORD: { 'Fn::FindInMap': ['Pw', { Ref: 'Env' }, 'Value'] } } }, big)).toContain('not-read');
    const small = { Pw: { dev: { Value: 'plain-0' }, prod: { Value: 'Map-Literal-Pw-7' } } };
    expect(kinds({ DefinitionSubstitutions: { DB_PASSWORD: { 'Fn::FindInMap': ['Pw', { Ref: 'Env' }, 'Value'] } } }, small)).toEqual(['secret']);
  });
});
