/**
 * Hostile input against readers added in session 15 (fixP5): Elastic Beanstalk Classic listener TLS policies
 * (`aws:elb:policies:<name>`), the regions a stack's DynamoDB global tables allow, MediaTailor URLs.
 *
 * Measured (fixP5, 2 cores, `node bin/vouch check`, /usr/bin/time):
 * - Beanstalk: every Classic TLS listener scanned every policy namespace: 8,000 listeners and 8,000 policies
 *   (16,001 option settings, 0.6 MB) took 102 s, 15,000 of each 420 s. The policies are now indexed by port once:
 *   15,000 in 1.9 s / 200 MB. (Past about 50,000 option settings the resolver's budget makes the environment unknown.)
 * - Global tables: the replica lists were intersected with Array.includes for every stack and every Backup
 *   selection: 100 tables × 5,000 replicas (12 MB) spent 3.3 s there; now sets, once per inventory. The run is
 *   then the per-replica rules' (about 10 s of CPU for 500,000 replicas, linear).
 * - MediaTailor: 1 MB URLs (`http` + 1 MB of `:`, `htttt…`, `https://aaa…`) and 100,000 segment delivery
 *   configurations: 0.7 s / 157 MB; the 1 MB values are now cut in evidence, and text that is no URL is unknown.
 * - Held without change (measured): Beanstalk option values nested 300 deep are unknown (the resolver cannot
 *   read a Join of them, and a LoadBalancerPorts that is not text is now unknown rather than "no port"); 3,000
 *   deep stops the load with one line naming the 512-level nesting limit (exit 2).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { defaultProfile } from '../../src/evaluate/claims-profile.js';
import { globalTableRegions, soleGlobalTableRegion } from '../../rules/data-residency/_global-tables.js';
import type { Inventory } from '../../src/model/inventory.js';

async function judge(template: unknown, ruleId: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-s15-'));
  const file = join(dir, 't.json');
  writeFileSync(file, JSON.stringify(template));
  const inventory = loadIac([file], {});
  const profile = defaultProfile();
  return evaluate(inventory, await loadRules(), { controls: profile.controls, ctx: { params: profile.parameters, inventory } }).filter((f) => f.ruleId === ruleId);
}

describe('Beanstalk Classic listeners and their TLS policies', () => {
  it('3,000 listeners beside 3,000 policy namespaces are judged at once, each listener by its own policy (was about 14 s)', async () => {
    const n = 3_000;
    const settings: unknown[] = [{ Namespace: 'aws:elasticbeanstalk:environment', OptionName: 'LoadBalancerType', Value: 'classic' }];
    for (let i = 0; i < n; i++) {
      settings.push({ Namespace: `aws:elb:listener:${10_000 + i}`, OptionName: 'ListenerProtocol', Value: 'HTTPS' });
      // Policy i names a port no listener has, except the last, which names listener 10,000 + n - 1 among others.
      settings.push({ Namespace: `aws:elb:policies:p${i}`, OptionName: 'LoadBalancerPorts', Value: i === n - 1 ? `1, ${10_000 + n - 1}, 2` : `${50_000 + i}` });
      settings.push({ Namespace: `aws:elb:policies:p${i}`, OptionName: 'SSLReferencePolicy', Value: 'ELBSecurityPolicy-TLS-1-2-2017-01' });
    }
    const template = { Resources: { Env: { Type: 'AWS::ElasticBeanstalk::Environment', Properties: { ApplicationName: 'a', SolutionStackName: 's', OptionSettings: settings } } } };
    const started = performance.now();
    const [f] = await judge(template, 'tls-min/aws-elasticbeanstalk-environment');
    const spent = performance.now() - started;
    expect(f?.status).toBe('fail');
    // The other 2,999 are on ELB's default policy (TLS 1.0); the message names ten and counts the rest.
    expect(f?.message).toMatch(/^listener 10000 \(ELBSecurityPolicy-2016-08: TLS 1\.0\), .* and 2989 more accept TLS below/);
    expect(f?.message).not.toContain(`${10_000 + n - 1} (`);
    expect(f?.evidence.find((e) => e.path.startsWith('OptionSettings[') && e.observed === 'ELBSecurityPolicy-TLS-1-2-2017-01')).toBeDefined();
    // Loading and judging 9,000 settings takes a few seconds on 2 shared cores; the quadratic scan was 14 s more.
    expect(spent).toBeLessThan(10_000);
  }, 60_000);
});

describe('the regions a stack\'s global tables allow', () => {
  const inventoryOf = (tables: { id: string; stack: string; regions: string[] }[]): Inventory =>
    ({
      ofType: (type: string) =>
        type === 'aws.dynamodb.global-table'
          ? tables.map((t) => ({ id: t.id, source: 'iac', type, properties: { Replicas: t.regions.map((Region) => ({ Region })) }, location: { stack: t.stack, logicalId: t.id } }))
          : [],
    }) as unknown as Inventory;

  it('200 tables of 5,000 replicas each are intersected in linear time (Array.includes: about 5 billion comparisons)', () => {
    const regions = Array.from({ length: 5_000 }, (_, i) => `xx-r${i}-1`);
    const tables = Array.from({ length: 200 }, (_, i) => ({ id: `T${i}`, stack: 'big', regions: i === 199 ? [...regions.slice(0, 2_500).reverse(), 'eu-west-1'] : regions }));
    const inventory = inventoryOf(tables);
    const started = performance.now();
    const g = globalTableRegions('big', inventory);
    for (let i = 0; i < 1_000; i++) soleGlobalTableRegion('big', inventory); // once per Backup selection
    expect(performance.now() - started).toBeLessThan(2_000);
    // The common regions, in the first table's order; every table named.
    expect(g?.regions).toHaveLength(2_500);
    expect(g?.regions.slice(0, 2)).toEqual(['xx-r0-1', 'xx-r1-1']);
    expect(g?.tables).toHaveLength(200);
  });

  it('stacks are kept apart, and a caller changing the answer does not change the next', () => {
    const inventory = inventoryOf([
      { id: 'A1', stack: 'a', regions: ['eu-west-1', 'us-east-1'] },
      { id: 'A2', stack: 'a', regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
      { id: 'B1', stack: 'b', regions: ['eu-central-1'] },
    ]);
    const a = globalTableRegions('a', inventory)!;
    expect(a).toEqual({ regions: ['eu-west-1', 'us-east-1'], tables: ['A1', 'A2'] });
    a.regions.pop();
    expect(globalTableRegions('a', inventory)?.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(soleGlobalTableRegion('b', inventory)).toBe('eu-central-1');
    expect(soleGlobalTableRegion('a', inventory)).toBeUndefined();
    expect(globalTableRegions('c', inventory)).toBeUndefined();
    expect(globalTableRegions(undefined, inventory)).toBeUndefined();
  });
});

describe('MediaTailor URLs of a megabyte', () => {
  it('are judged, unknown when no URL, and quoted cut in evidence', async () => {
    const mb = 1 << 20;
    const findings = await judge(
      {
        Resources: {
          P: { Type: 'AWS::MediaTailor::PlaybackConfiguration', Properties: { Name: 'p', VideoContentSourceUrl: `https://${'a'.repeat(mb)}`, AdDecisionServerUrl: `http${':'.repeat(mb)}` } },
          S: { Type: 'AWS::MediaTailor::SourceLocation', Properties: { SourceLocationName: 's', HttpConfiguration: { BaseUrl: `http://${'/'.repeat(mb)}` } } },
        },
      },
      'tls-min/aws-mediatailor-urls',
    );
    const byId = new Map(findings.map((f) => [f.resource.logicalId, f]));
    // The ad server text is no URL: before, it was skipped and the https origin passed the configuration.
    expect(byId.get('P')?.status).toBe('unknown');
    expect(byId.get('S')?.status).toBe('fail');
    expect(JSON.stringify(findings).length).toBeLessThan(20_000);
  }, 60_000);
});
