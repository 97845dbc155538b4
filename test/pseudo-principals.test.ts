/**
 * Principals and pins built from pseudo parameters name the stack's own account (or one of its roles):
 * not `*`, and not unknown. Templates are read bare (no --region, no account), as `vouch check` reads
 * them, so `AWS::AccountId` stays unresolved; a parameter or import stays unknown.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-pseudo-principals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function judge(template: object, ruleId: string): Promise<Record<string, string>> {
  const sub = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(sub, 't.json'), JSON.stringify(template));
  const rules = (await loadRules()).filter((r) => r.id === ruleId);
  const inventory = loadIac([sub], {});
  const got: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: ['public-access'], ctx: { params: DEFAULT_PARAMETERS, inventory } })) got[f.resource.id.split('/').pop()!] = f.status;
  return got;
}

const permission = (props: object) => ({ Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: 'worker', ...props } });

describe('Lambda permissions with principals built from pseudo parameters', () => {
  it('the account by Ref or Sub, its root ARN and a role ARN of it are the stack’s own account: pass', async () => {
    const got = await judge(
      {
        Resources: {
          AccountRef: permission({ Principal: { Ref: 'AWS::AccountId' } }),
          AccountSub: permission({ Principal: { 'Fn::Sub': '${AWS::AccountId}' } }),
          RootArn: permission({ Principal: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }),
          RoleArn: permission({ Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'AWS_IAM', Principal: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/report-readers' } }),
          JoinedRoot: permission({ Principal: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } }),
          StarOwnAccount: permission({ Principal: '*', SourceAccount: { Ref: 'AWS::AccountId' } }),
        },
      },
      'public-access/aws-lambda-permission',
    );
    expect(got).toEqual({ AccountRef: 'pass', AccountSub: 'pass', RootArn: 'pass', RoleArn: 'pass', JoinedRoot: 'pass', StarOwnAccount: 'pass' });
  });

  it('a principal or pin from a parameter as a whole stays unknown; "*" with nothing stays a failure', async () => {
    const got = await judge(
      {
        Parameters: { Caller: { Type: 'String' }, Partner: { Type: 'String' } },
        Resources: {
          ParamPrincipal: permission({ Principal: { Ref: 'Caller' } }),
          ParamInArn: permission({ Principal: { 'Fn::Sub': 'arn:aws:iam::${Partner}:root' } }),
          StarParamAccount: permission({ Principal: '*', SourceAccount: { Ref: 'Partner' } }),
          StarAlone: permission({ Principal: '*' }),
        },
      },
      'public-access/aws-lambda-permission',
    );
    // An IAM ARN whose account is a parameter still names one principal, never "*" (the resource-policy
    // rules' reading, principalCouldBeEveryone): not public.
    expect(got).toEqual({ ParamPrincipal: 'unknown', ParamInArn: 'pass', StarParamAccount: 'unknown', StarAlone: 'fail' });
  });

  it('a service principal built from the region (logs.${AWS::Region}.amazonaws.com) is that service, not the public: pass', async () => {
    const got = await judge(
      {
        Parameters: { Service: { Type: 'String' } },
        Resources: {
          RegionalLogs: permission({ Principal: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' }, SourceAccount: { Ref: 'AWS::AccountId' } }),
          RegionalJoin: permission({ Principal: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] } }),
          // A service name from a parameter could be anything, "*" included.
          ServiceFromParameter: permission({ Principal: { 'Fn::Sub': '${Service}.amazonaws.com' } }),
        },
      },
      'public-access/aws-lambda-permission',
    );
    expect(got).toEqual({ RegionalLogs: 'pass', RegionalJoin: 'pass', ServiceFromParameter: 'unknown' });
  });
});

describe('layer permissions and event bus policies take the same principals', () => {
  it('a layer shared with the stack’s own account passes; with "*" it fails; with a parameter it is unknown', async () => {
    const share = (principal: unknown) => ({ Type: 'AWS::Lambda::LayerVersionPermission', Properties: { Action: 'lambda:GetLayerVersion', LayerVersionArn: 'arn:aws:lambda:eu-west-1:111122223333:layer:common:3', Principal: principal } });
    const got = await judge(
      { Parameters: { Who: { Type: 'String' } }, Resources: { Own: share({ Ref: 'AWS::AccountId' }), Anyone: share('*'), Param: share({ Ref: 'Who' }) } },
      'public-access/aws-lambda-layer-permission',
    );
    expect(got).toEqual({ Own: 'pass', Anyone: 'fail', Param: 'unknown' });
  });

  it('a bus policy (older Principal form) for the stack’s own account passes', async () => {
    const got = await judge(
      { Resources: { Own: { Type: 'AWS::Events::EventBusPolicy', Properties: { StatementId: 'own', Action: 'events:PutEvents', Principal: { 'Fn::Sub': '${AWS::AccountId}' } } } } },
      'public-access/aws-events-event-bus-policy',
    );
    expect(got).toEqual({ Own: 'pass' });
  });
});
