/**
 * A parameter without a value whose AllowedPattern refuses wildcards is one specific value: an account
 * id, a bucket or identity name. Where a rule reads a value's shape (principals, resource ARNs) it is
 * specific, not anything; read as a whole value it stays unknown.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patternRefusesWildcards } from '../../src/sources/iac/intrinsics.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import type { ControlId } from '../../src/evaluate/controls.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-allowed-pattern-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function judge(template: object, ruleId: string, control: ControlId): Promise<Record<string, string>> {
  const sub = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(sub, 't.json'), JSON.stringify(template));
  const rules = (await loadRules()).filter((r) => r.id === ruleId);
  const inventory = loadIac([sub], {});
  const got: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: [control], ctx: { params: DEFAULT_PARAMETERS, inventory } })) got[f.resource.id.split('/').pop()!] = f.status;
  return got;
}

describe('patternRefusesWildcards', () => {
  it('accepts patterns whose values cannot hold * or ?', () => {
    for (const p of ['^\\d{12}$', '\\d{12}', '[a-zA-Z0-9-]+', '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', '[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-z]{2,}', '(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})'])
      expect(patternRefusesWildcards(p), p).toBe(true);
  });
  it('reads a pattern without running it: a pattern that would backtrack for ever answers at once', () => {
    const t0 = Date.now();
    expect(patternRefusesWildcards('(a+)+$'), '(a+)+$').toBe(true);
    expect(patternRefusesWildcards('((a|b)*)*c'), '((a|b)*)*c').toBe(true);
    expect(patternRefusesWildcards('(.*)*b'), '(.*)*b').toBe(false);
    expect(patternRefusesWildcards('(a)\\1'), 'a backreference').toBe(false);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('refuses patterns that admit a wildcard, are not valid, or are not given', () => {
    for (const p of ['.*', '.+', '[^/]+', '[\\w*]+', 'arn:aws:iam::\\d{12}:role/.*', '[a-z]+\\??', '[!-~]+', '[ -z]+', '\\S+', '\\p{Alnum}+', '[a-z', '', undefined, 42])
      expect(patternRefusesWildcards(p), String(p)).toBe(false);
  });
});

describe('a parameter with a wildcard-free AllowedPattern is a specific value where shapes are read', () => {
  it('a Lambda permission principal from an account-id parameter is one account; without the pattern it could be "*"', async () => {
    const permission = (principal: object) => ({ Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: 'worker', Principal: principal } });
    const got = await judge(
      {
        Parameters: {
          PartnerAccount: { Type: 'String', AllowedPattern: '^\\d{12}$' },
          AnyCaller: { Type: 'String' },
          LooseCaller: { Type: 'String', AllowedPattern: '.+' },
        },
        Resources: { Patterned: permission({ Ref: 'PartnerAccount' }), Free: permission({ Ref: 'AnyCaller' }), Loose: permission({ Ref: 'LooseCaller' }) },
      },
      'public-access/aws-lambda-permission',
      'public-access',
    );
    expect(got).toEqual({ Patterned: 'pass', Free: 'unknown', Loose: 'unknown' });
  });

  it('a write on an ARN built from a patterned name, or from a free parameter in its resource part, is on one resource', async () => {
    const policy = (resource: object) => ({
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ses:SendEmail', Resource: resource }] } },
    });
    const got = await judge(
      {
        Parameters: { IdentityName: { Type: 'String', AllowedPattern: '[a-zA-Z0-9.@-]+' }, FreeIdentity: { Type: 'String' } },
        Resources: {
          Patterned: policy({ 'Fn::Sub': 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${IdentityName}' }),
          Free: policy({ 'Fn::Sub': 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${FreeIdentity}' }),
        },
      },
      'iam-least-privilege/aws-iam-policy',
      'iam-least-privilege',
    );
    // The free parameter sits in the resource part of an ARN whose service, region and account are known:
    // it names the identity the stack is given (src/lib/iam/actions.ts parameterNamedResource).
    expect(got).toEqual({ Patterned: 'pass', Free: 'pass' });
  });
});
