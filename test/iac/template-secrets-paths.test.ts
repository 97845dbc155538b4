/**
 * The paths template-secrets records for its sites. The walk keeps a node's path as a stack of
 * steps and writes it out only on a hit: each path must still name exactly where the site is,
 * including after siblings, list entries, Fn::Sub variable maps and Fn::If branches were read.
 */
import { describe, it, expect } from 'vitest';
import { scanResource } from '../../src/sources/iac/template-secrets.js';

const ctx = { parameters: new Set(['DbPassword']), noEcho: new Set(['DbPassword']), condition: () => undefined };
const paths = (decl: Record<string, unknown>) => scanResource(decl, ctx).map((s) => `${s.path}#${s.name}=${s.value.kind}`);

describe('template-secrets site paths', () => {
  it('names nested keys, list indexes and name/value entries, also after siblings', () => {
    expect(
      paths({
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Family: 'app',
          ContainerDefinitions: [
            { Name: 'web', Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }, { Name: 'DB_PASSWORD', Value: 'hunter2hunter2' }] },
            { Name: 'worker', Options: { Deep: [['x', { ApiToken: 'tok-abcdefgh1234' }]] } },
          ],
          Tail: { Password: { Ref: 'DbPassword' } },
        },
      }),
    ).toEqual([
      'Properties.ContainerDefinitions[0].Environment[1].Value#DB_PASSWORD=secret',
      'Properties.ContainerDefinitions[1].Options.Deep[0][1].ApiToken#ApiToken=secret',
      'Properties.Tail.Password#Password=parameter',
    ]);
  });

  it('names Fn::Sub variables and reads both Fn::If branches at the same path', () => {
    expect(
      paths({
        Type: 'AWS::Lambda::Function',
        Properties: {
          Env: { 'Fn::Sub': ['${Pw}', { Pw: 'plain-literal-pw' }] },
          Other: { 'Fn::If': ['C', { Secret: 'literal-one-value' }, { Nested: [{ Token: 'literal-two-value' }] }] },
        },
      }),
    ).toEqual([
      'Properties.Env.Pw#Pw=secret',
      'Properties.Other.Secret#Secret=secret',
      'Properties.Other.Nested[0].Token#Token=secret',
    ]);
  });

  it('roots cfn-init metadata and credential properties at their own paths', () => {
    expect(
      paths({
        Type: 'AWS::ApiGateway::ApiKey',
        Properties: { Value: 'a-literal-api-key-value' },
        Metadata: { 'AWS::CloudFormation::Init': { config: { files: { '/etc/app.env': { content: 'DB_PASSWORD=hunter2hunter2\n' } } } } },
      }),
    ).toEqual([
      'Properties.Value#ApiKey=secret',
      'Metadata.AWS::CloudFormation::Init.config.files./etc/app.env.content#DB_PASSWORD=secret',
    ]);
  });
});
