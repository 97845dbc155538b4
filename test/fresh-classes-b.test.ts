/**
 * Classes the fresh held-out set showed (session 6), each tested on shapes of its own: global-table
 * replicas judged one by one; trust pinned by a Ref to a resource of the template; same-region read
 * replicas following their source; service principals built with Fn::Sub from pseudo parameters.
 * Templates are read bare (no --region), as `vouch check` reads them.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';
import type { Rule } from '../src/evaluate/rule.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-fresh-b-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function judge(name: string, template: object, control: Rule['control'], params: object = {}): Promise<Record<string, string>> {
  const sub = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(sub, `${name}.json`), JSON.stringify(template));
  const rules = (await loadRules()).filter((r) => r.control === control);
  const inventory = loadIac([sub], {});
  const got: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: [control], ctx: { params: { ...DEFAULT_PARAMETERS, ...params }, inventory } })) {
    got[f.resource.id.split('/').pop()!] = f.status;
  }
  return got;
}

const table = (replicas: unknown[]) => ({
  Type: 'AWS::DynamoDB::GlobalTable',
  Properties: { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], Replicas: replicas },
});

describe('data-residency: a global-table replica in AWS::Region does not mask another outside the allowed regions', () => {
  it('a known replica outside fails; all known inside with one unresolved is unknown; all known inside passes', async () => {
    const got = await judge(
      'tables',
      {
        Parameters: { Other: { Type: 'String' } },
        Resources: {
          HereAndOregon: table([{ Region: { Ref: 'AWS::Region' } }, { Region: 'us-west-2' }]),
          SydneyFirst: table([{ Region: 'ap-southeast-2' }, { Region: { Ref: 'Other' } }, { Region: 'eu-west-1' }]),
          HereAndFrankfurt: table([{ Region: { Ref: 'AWS::Region' } }, { Region: 'eu-central-1' }]),
          EuOnly: table([{ Region: 'eu-west-1' }, { Region: 'eu-north-1' }]),
        },
      },
      'data-residency',
      { allowedRegions: ['EU'] },
    );
    expect(got).toMatchObject({ HereAndOregon: 'fail', SydneyFirst: 'fail', HereAndFrankfurt: 'unknown', EuOnly: 'pass' });
  });
});

const poolRole = (aud: unknown) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            ...(aud === undefined ? {} : { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud } }),
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
          },
        },
      ],
    },
  },
});

describe('iam-least-privilege: a web-identity trust pinned by a Ref to a resource of the template', () => {
  it('Ref/GetAtt of the template pool pins; a Sub of pseudo parameters pins; a parameter is unknown; * or no aud fails', async () => {
    const got = await judge(
      'pool',
      {
        Parameters: { PoolId: { Type: 'String' } },
        Resources: {
          Pool: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: false } },
          ByRef: poolRole({ Ref: 'Pool' }),
          ByList: poolRole([{ Ref: 'Pool' }, { 'Fn::GetAtt': ['Pool', 'Name'] }]),
          BySub: poolRole({ 'Fn::Sub': '${AWS::Region}:0f1e2d3c-aaaa-bbbb-cccc-123456789012' }),
          ByParam: poolRole({ Ref: 'PoolId' }),
          ByParamSub: poolRole({ 'Fn::Sub': '${AWS::Region}:${PoolId}' }),
          Star: poolRole('*'),
          RefAndStar: poolRole([{ Ref: 'Pool' }, '*']),
          NoAud: poolRole(undefined),
        },
      },
      'iam-least-privilege',
    );
    expect(got).toMatchObject({
      ByRef: 'pass',
      ByList: 'pass',
      BySub: 'pass',
      ByParam: 'unknown',
      ByParamSub: 'unknown',
      Star: 'fail',
      RefAndStar: 'fail',
      NoAud: 'fail',
    });
  });
});

const serviceRole = (service: unknown) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] },
  },
});

describe('iam-least-privilege: service principals built with Fn::Sub from pseudo parameters', () => {
  it('<service>.${AWS::Region}.amazonaws.com and <service>.${AWS::URLSuffix} are services; a parameter in the name is unknown', async () => {
    const got = await judge(
      'services',
      {
        Parameters: { Svc: { Type: 'String' } },
        Resources: {
          States: serviceRole({ 'Fn::Sub': 'states.${AWS::Region}.amazonaws.com' }),
          LogsJoin: serviceRole({ 'Fn::Join': ['.', ['logs', { Ref: 'AWS::Region' }, 'amazonaws.com']] }),
          Ec2Suffix: serviceRole({ 'Fn::Sub': 'ec2.${AWS::URLSuffix}' }),
          Both: serviceRole(['lambda.amazonaws.com', { 'Fn::Sub': 'states.${AWS::Region}.amazonaws.com' }]),
          ByParam: serviceRole({ 'Fn::Sub': '${Svc}.${AWS::Region}.amazonaws.com' }),
          AccountInName: serviceRole({ 'Fn::Sub': 'states.${AWS::AccountId}.amazonaws.com' }),
          Elsewhere: serviceRole({ 'Fn::Sub': 'states.${AWS::Region}.example.com' }),
        },
      },
      'iam-least-privilege',
    );
    expect(got).toMatchObject({ States: 'pass', LogsJoin: 'pass', Ec2Suffix: 'pass', Both: 'pass', ByParam: 'unknown', AccountInName: 'unknown', Elsewhere: 'unknown' });
  });
});

const openTrust = (condition: unknown) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: condition }] } },
});

// An open trust is judged under public-access since fixAL (iam-least-privilege labels: pass 4 : fail 0).
describe('public-access: Principal * pinned by a condition whose value is a Ref', () => {
  it('a pseudo parameter or a template resource pins; a parameter is unknown; * fails', async () => {
    const got = await judge(
      'open-trust',
      {
        Parameters: { TrustedAccount: { Type: 'String' } },
        Resources: {
          Deployer: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
          OwnAccount: openTrust({ StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } }),
          ByRoleArn: openTrust({ ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': ['Deployer', 'Arn'] } } }),
          ByParam: openTrust({ StringEquals: { 'aws:PrincipalAccount': { Ref: 'TrustedAccount' } } }),
          ByParamSub: openTrust({ ArnLike: { 'aws:PrincipalArn': { 'Fn::Sub': 'arn:aws:iam::${TrustedAccount}:role/deploy' } } }),
          ParamAndOrg: openTrust({ StringEquals: { 'aws:PrincipalAccount': { Ref: 'TrustedAccount' }, 'aws:PrincipalOrgID': 'o-abc123def4' } }),
          AnyAccount: openTrust({ StringLike: { 'aws:PrincipalAccount': '*' } }),
        },
      },
      'public-access',
    );
    expect(got).toMatchObject({ OwnAccount: 'pass', ByRoleArn: 'pass', ByParam: 'unknown', ByParamSub: 'unknown', ParamAndOrg: 'pass', AnyAccount: 'fail' });
  });
});
