/**
 * Live Lambda and ECS mappings: environment values are classified at
 * collection time and never stored; the secrets-encrypted rules judge the
 * classes exactly as they judge template values.
 */
import { describe, it, expect } from 'vitest';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { lambdaProperties } from '../../src/sources/providers/aws/collectors/lambda.js';
import { taskDefinitionProperties, withheldTaskDefinition, newestPerFamily } from '../../src/sources/providers/aws/collectors/ecs.js';
import { liveResource, rawRecord } from '../../src/sources/providers/aws/collectors/context.js';
import { judge } from '../../src/evaluate/evaluate.js';
import { Inventory } from '../../src/model/inventory.js';
import { encodeValue, decodeValue } from '../../src/sources/inventory-file.js';
import type { Resource } from '../../src/model/resource.js';
import lambdaRule from '../../rules/secrets-encrypted/aws-lambda-function/rule.js';
import ecsRule from '../../rules/secrets-encrypted/aws-ecs-task-definition/rule.js';

const GH = 'ghp_' + 'Zx81Qw'.repeat(6) + 'ab';
const PASSWORD = 'literal-Pw-9vT2kLq';
const DSN = 'postgres://app:' + 'hunter-Vx92@db.internal:5432/app';
const scope = { account: '111122223333', partition: 'aws' } as never;

function verdicts(rule: typeof lambdaRule, r: Resource) {
  return judge(rule, r, { params: {}, inventory: new Inventory([r]) } as never)
    .map((v) => `${v.subId ?? '-'}:${v.status}`)
    .sort();
}

function fn(env: Record<string, string> | undefined, extra: Partial<FunctionConfiguration> = {}): Resource {
  const item: FunctionConfiguration = { FunctionName: 'f', FunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:f', Runtime: 'nodejs20.x', ...(env ? { Environment: { Variables: env } } : {}), ...extra };
  const { properties, gaps } = lambdaProperties(item);
  const r = liveResource(scope, 'aws.lambda.function', item.FunctionArn!, 'eu-west-1', properties, rawRecord('lambda:ListFunctions', 'eu-west-1', 'req'), item, 'f');
  for (const [p, why] of Object.entries(gaps)) (r.gaps ??= {})[p] = why;
  return r;
}

const TD: TaskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7',
  family: 'web',
  revision: 7,
  status: 'ACTIVE',
  containerDefinitions: [
    {
      name: 'app',
      image: 'nginx',
      environment: [
        { name: 'PORT', value: '8080' },
        { name: 'DB_PASSWORD', value: PASSWORD },
        { name: 'DB_SECRET_ARN', value: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf' },
      ],
      secrets: [{ name: 'API_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/prod/api-key' }],
      command: ['--token', GH],
      logConfiguration: { logDriver: 'splunk', options: { 'splunk-token': 'tok-' + PASSWORD } },
    },
    { name: 'sidecar', image: 'envoy', environment: [{ name: 'UPSTREAM', value: DSN }, { name: 'DB_PASSWORD_PARAM', value: '/prod/db/password' }] },
  ],
};

function task(td: TaskDefinition): Resource {
  const { properties } = taskDefinitionProperties(td, 2);
  return liveResource(scope, 'aws.ecs.task-definition', td.taskDefinitionArn!, 'eu-west-1', properties, rawRecord('ecs:DescribeTaskDefinition', 'eu-west-1', 'req'), withheldTaskDefinition(td), td.family);
}

describe('live Lambda functions', () => {
  it('a literal secret in the environment fails; references and plain settings pass; no value is stored', () => {
    const r = fn({ GITHUB: GH, DB_PASSWORD: PASSWORD, LOG_LEVEL: 'info', DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf', DB_PASSWORD_PARAM: '/prod/db/password', TOKEN_TTL: '3600' });
    expect(verdicts(lambdaRule, r)).toEqual(['DB_PASSWORD:fail', 'GITHUB:fail']);
    expect(r.properties.Environment).toEqual({ Variables: Object.fromEntries(['GITHUB', 'DB_PASSWORD', 'LOG_LEVEL', 'DB_SECRET_ARN', 'DB_PASSWORD_PARAM', 'TOKEN_TTL'].map((n) => [n, '<redacted>'])) });
    const text = JSON.stringify(r) + JSON.stringify(judge(lambdaRule, r, { params: {} } as never));
    for (const v of [GH, PASSWORD, 'info', '/prod/db/password', 'secret:db-AbCdEf']) expect(text.includes(v), v).toBe(false);
    expect(text).toContain('value looks like a GitHub token');
  });

  it('references alone pass, with the variable names as evidence', () => {
    const r = fn({ DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf', DB_PASSWORD: '/prod/db/password' });
    expect(verdicts(lambdaRule, r)).toEqual(['-:pass']);
  });

  it('no environment passes; an environment Lambda could not decrypt is unknown, not a pass', () => {
    expect(verdicts(lambdaRule, fn(undefined))).toEqual(['-:pass']);
    const broken = fn(undefined, { Environment: { Error: { ErrorCode: 'KMSAccessDeniedException', Message: 'Lambda was unable to decrypt the environment variables' } } });
    expect(verdicts(lambdaRule, broken)).toEqual(['-:unknown']);
  });

  it('a withheld value without a class, or with a class vouch does not know, is unknown', () => {
    const r = fn({ DB_PASSWORD: PASSWORD });
    delete (r.properties.Live as Record<string, unknown>).WithheldValues;
    expect(verdicts(lambdaRule, r)).toEqual(['DB_PASSWORD:unknown']);
    const odd = fn({ DB_PASSWORD: PASSWORD });
    ((odd.properties.Live as Record<string, unknown>).WithheldValues as Record<string, unknown>)['Environment.Variables.DB_PASSWORD'] = { kind: 'fine-trust-me' };
    expect(verdicts(lambdaRule, odd)).toEqual(['DB_PASSWORD:unknown']);
  });

  it('the classes survive an inventory file round trip, so `vouch evaluate` judges the same', () => {
    const r = fn({ DB_PASSWORD: PASSWORD, MODE: 'prod' });
    const back = { ...r, properties: decodeValue(JSON.parse(JSON.stringify(encodeValue(r.properties))), 'properties') as Record<string, unknown> };
    expect(verdicts(lambdaRule, back)).toEqual(verdicts(lambdaRule, r));
  });
});

describe('live ECS task definitions', () => {
  it('a literal secret in a container environment fails; Secrets[].ValueFrom and ARNs pass; no value is stored', () => {
    const r = task(TD);
    expect(verdicts(ecsRule, r)).toEqual(['app/DB_PASSWORD:fail', 'sidecar/UPSTREAM:fail']);
    const c0 = (r.properties.ContainerDefinitions as Record<string, unknown>[])[0]!;
    expect(c0.Environment).toEqual([
      { Name: 'PORT', Value: '<redacted>' },
      { Name: 'DB_PASSWORD', Value: '<redacted>' },
      { Name: 'DB_SECRET_ARN', Value: '<redacted>' },
    ]);
    expect(c0.Secrets).toEqual([{ Name: 'API_KEY', ValueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/prod/api-key' }]);
    expect((r.properties.Live as Record<string, unknown>).OlderActiveRevisions).toBe(2);
    const text = JSON.stringify(r) + JSON.stringify(judge(ecsRule, r, { params: {} } as never));
    for (const v of [PASSWORD, GH, DSN, 'hunter-Vx92', '8080', '/prod/db/password']) expect(text.includes(v), v).toBe(false);
  });

  it('a definition whose environment holds only references passes', () => {
    const td: TaskDefinition = {
      ...TD,
      containerDefinitions: [{ name: 'app', environment: [{ name: 'DB_SECRET_ARN', value: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db' }, { name: 'PORT', value: '80' }], secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db' }] }],
    };
    expect(verdicts(ecsRule, task(td))).toEqual(['-:pass']);
  });

  it('describes only the newest active revision of each family', () => {
    const a = (f: string, n: number) => `arn:aws:ecs:eu-west-1:111122223333:task-definition/${f}:${n}`;
    expect(newestPerFamily([a('web', 1), a('web', 10), a('web', 9), a('webapp', 2), a('api', 3), 'arn:odd'])).toEqual([
      { arn: a('api', 3), older: 0 },
      { arn: a('web', 10), older: 2 },
      { arn: a('webapp', 2), older: 0 },
      { arn: 'arn:odd', older: 0 },
    ]);
  });
});
