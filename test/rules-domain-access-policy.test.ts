import { describe, it, expect } from 'vitest';
import { policyOfCall } from '../rules/public-access/_domain-access-policy.js';
import { Resolver } from '../src/sources/iac/intrinsics.js';
import { Unresolved, SHAPE_UNKNOWN, isUnresolved } from '../src/model/values.js';

// aws-cdk-lib's Custom::OpenSearchAccessPolicy: the SDK call is JSON text joined around the domain's Ref and Arn.
const resolver = new Resolver({ parameters: {}, unknownParameters: new Set(['Trusted']), mappings: {}, conditions: {}, resources: new Set(['Domain']) });
const esc = (s: string) => s.replace(/"/g, '\\"');
const call = (...policy: unknown[]) =>
  resolver.resolve({
    'Fn::Join': ['', ['{"action":"updateDomainConfig","parameters":{"DomainName":"', { Ref: 'Domain' }, '","AccessPolicies":"', ...policy, '"}}']],
  });
const what = "Policy's SDK call";

describe('policyOfCall: the access policy inside an SDK call built with Fn::Join', () => {
  it('reads the inner policy JSON, its computed pieces unresolved with the slots of the outer call', () => {
    const v = call(esc('{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::'), { Ref: 'AWS::AccountId' }, esc(':root"},"Action":"es:*","Resource":"'), { 'Fn::GetAtt': ['Domain', 'Arn'] }, esc('/*"}]}'));
    const got = policyOfCall(v, what) as { policy: { Statement: Record<string, any>[] } };
    expect('policy' in got).toBe(true);
    const st = got.policy.Statement[0]!;
    expect(st.Effect).toBe('Allow');
    expect(st.Action).toBe('es:*');
    const principal = st.Principal.AWS as Unresolved;
    expect(principal.slots).toEqual(['account']);
    expect(principal.expression).toBe(`a value in ${what} that the template computes (arn:aws:iam::\${…}:root)`);
    expect(isUnresolved(st.Resource)).toBe(true);
    expect((st.Resource as Unresolved).slots).toEqual(['text']);
  });

  it('keeps a literal principal literal: "*" is read as everyone', () => {
    const v = call(esc('{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"'), { 'Fn::GetAtt': ['Domain', 'Arn'] }, esc('/*"}]}'));
    expect((policyOfCall(v, what) as { policy: any }).policy.Statement[0].Principal).toEqual({ AWS: '*' });
  });

  it('gives each unreadable call its own reason (never a policy)', () => {
    expect(policyOfCall('{"action":', what)).toEqual({ problem: `${what} is not JSON once its computed pieces are set aside` });
    expect(policyOfCall(call('{not json'), what)).toEqual({ problem: `${what}: its AccessPolicies text is not JSON once its computed pieces are set aside` });
    expect(policyOfCall('x'.repeat(200_001), what)).toEqual({ problem: `${what} is longer than 200000 characters` });
    expect(policyOfCall(new Unresolved('Ref Param'), what)).toEqual({ problem: `${what} depends on Ref Param` });
    expect(policyOfCall('{"action":"deleteDomain"}', what)).toEqual({ problem: `${what} calls "deleteDomain", not updateDomainConfig` });
    expect(policyOfCall('{"action":"updateDomainConfig","parameters":{}}', what)).toEqual({ problem: `${what} sets no AccessPolicies` });
  });

  it('refuses a condition key the template computes, and hostile nesting, as unknown', () => {
    // `aws:${Trusted}` could be aws:PrincipalOrgID: refused. (`${Trusted}:x` names a key of one family, read as any policy's.)
    const key = call(esc('{"Statement":[{"Effect":"Allow","Principal":"*","Condition":{"StringEquals":{"aws:'), { Ref: 'Trusted' }, esc('":"y"}}}]}'));
    expect((policyOfCall(key, what) as { problem: string }).problem).toMatch(/^Policy's SDK call: its AccessPolicies text has a key that the template computes/);
    const family = call(esc('{"Statement":[{"Effect":"Allow","Principal":"*","Condition":{"StringEquals":{"'), { Ref: 'Trusted' }, esc(':x":"y"}}}]}'));
    expect(Object.keys((policyOfCall(family, what) as { policy: any }).policy.Statement[0].Condition.StringEquals)).toEqual([`${SHAPE_UNKNOWN}:x`]);
    const deep = new Unresolved('Fn::Join', `{"action":"updateDomainConfig","parameters":{"DomainName":"${SHAPE_UNKNOWN}","AccessPolicies":${'['.repeat(100)}1${']'.repeat(100)}}}`);
    expect((policyOfCall(deep, what) as { problem: string }).problem).toMatch(/^Policy's SDK call is nested too deeply to read/);
  });
});
