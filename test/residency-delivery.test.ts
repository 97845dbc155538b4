/**
 * data-residency/aws-cross-region-delivery on whole templates read as `vouch check` reads them: a
 * target in the stack's own region (`AWS::Region`) is unknown while the stack's region is not known
 * and judged once it is; a resource of the same stack adds no region; Aurora global database members
 * are found across the scanned stacks.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-residency-delivery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function judge(templates: Record<string, object>, region?: string): Promise<Record<string, { status: string; message: string }>> {
  const sub = mkdtempSync(join(dir, 'case-'));
  for (const [name, t] of Object.entries(templates)) writeFileSync(join(sub, `${name}.json`), JSON.stringify(t));
  const rules = (await loadRules()).filter((r) => r.id === 'data-residency/aws-cross-region-delivery');
  const inventory = loadIac([sub], region ? { region, account: '111122223333' } : {});
  const got: Record<string, { status: string; message: string }> = {};
  const rank: Record<string, number> = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };
  for (const f of evaluate(inventory, rules, { controls: ['data-residency'], ctx: { params: { ...DEFAULT_PARAMETERS, allowedRegions: ['EU'] }, inventory } })) {
    const id = f.resource.id.split('/').pop()!;
    if (!got[id] || rank[f.status]! > rank[got[id]!.status]!) got[id] = { status: f.status, message: f.message };
  }
  return got;
}

const stackRegionTargets = {
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic' },
    Queue: { Type: 'AWS::SQS::Queue' },
    SubByArn: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs' } },
    },
    SubByGetAtt: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
    RuleToDefaultBus: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(5 minutes)',
        Targets: [{ Id: 'b', Arn: { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'events', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'event-bus/default']] } }],
      },
    },
  },
};

describe('data-residency: targets in the stack’s own region', () => {
  it('a bare template: an ARN in AWS::Region is unknown (the stack has no region), a same-stack GetAtt passes', async () => {
    const got = await judge({ bare: stackRegionTargets });
    expect(got.SubByArn?.status).toBe('unknown');
    expect(got.SubByArn?.message).toMatch(/stack's own region/);
    // A delivery destination (a rule target) in AWS::Region is where the rule is: the stack's unknown region is
    // reported on the stack alone (session 13: labels pass such destinations 40+ : 0).
    expect(got.RuleToDefaultBus?.status).toBe('pass');
    expect(got.RuleToDefaultBus?.message).toMatch(/own region \(AWS::Region\)/);
    expect(got.SubByGetAtt?.status).toBe('pass');
  });

  it('with --region inside the allowed regions, the same ARNs pass; outside them they fail', async () => {
    const eu = await judge({ eu: stackRegionTargets }, 'eu-west-1');
    expect([eu.SubByArn?.status, eu.RuleToDefaultBus?.status, eu.SubByGetAtt?.status]).toEqual(['pass', 'pass', 'pass']);
    const us = await judge({ us: stackRegionTargets }, 'us-east-1');
    expect([us.SubByArn?.status, us.RuleToDefaultBus?.status]).toEqual(['fail', 'fail']);
  });
});

describe('data-residency: Aurora global databases', () => {
  const member = (id: unknown) => ({ Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-mysql', StorageEncrypted: true, GlobalClusterIdentifier: id } });
  it('a member joining (by Ref) a global cluster whose primary is a us-east-1 ARN fails', async () => {
    const got = await judge({
      secondary: {
        Resources: {
          Global: { Type: 'AWS::RDS::GlobalCluster', Properties: { GlobalClusterIdentifier: 'pay-global', SourceDBClusterIdentifier: 'arn:aws:rds:us-east-1:111122223333:cluster:pay' } },
          Member: member({ Ref: 'Global' }),
        },
      },
    });
    expect(got.Member?.status).toBe('fail');
    expect(got.Global?.status).toBe('fail');
  });

  it('members found in other scanned stacks are judged by their stacks’ regions; none found is unknown', async () => {
    const both = await judge({ a: { Resources: { A: member('ledger') } }, b: { Resources: { B: member('ledger') } } }, 'eu-central-1');
    expect([both.A?.status, both.B?.status]).toEqual(['pass', 'pass']);
    const bare = await judge({ a: { Resources: { A: member('ledger') } }, b: { Resources: { B: member('ledger') } } });
    expect(bare.A?.status).toBe('unknown');
    const alone = await judge({ a: { Resources: { A: member('ledger') } } }, 'eu-central-1');
    expect(alone.A?.status).toBe('unknown');
    expect(alone.A?.message).toMatch(/no other member/);
  });
});
