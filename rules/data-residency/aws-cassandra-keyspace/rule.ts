import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, get, ev, pass, unknown, text } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import type { Parameters } from '../../../src/evaluate/claims-profile.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';
import { judgeRegion, noAllowedRegions, offendersOrPass } from '../_region.js';

/**
 * The regions an Amazon Keyspaces keyspace replicates to: with `ReplicationStrategy: MULTI_REGION`
 * every Region in `RegionList` holds a full copy of every table of the keyspace; SINGLE_REGION (the
 * default) keeps the data in the stack's own Region (judged by the stack's region).
 */
function keyspaceRegions(ks: Resource, params: Parameters, via: string): Verdict[] {
  const rawStrategy = known(ks, 'ReplicationSpecification.ReplicationStrategy');
  const strategy = rawStrategy === undefined ? 'SINGLE_REGION' : text(rawStrategy).toUpperCase();
  if (strategy === 'SINGLE_REGION')
    return [pass(`${via}single-Region: the data stays in the stack's own Region (the stack's region is judged on its own)`, ev('ReplicationSpecification.ReplicationStrategy', rawStrategy ?? null, 'SINGLE_REGION or MULTI_REGION within the allowed regions', rawStrategy === undefined ? 'omitted: Keyspaces uses SINGLE_REGION' : undefined))];
  if (strategy !== 'MULTI_REGION') return [unknown(`${via}replication strategy ${text(rawStrategy)} is not one Keyspaces defines (SINGLE_REGION, MULTI_REGION)`, ev('ReplicationSpecification.ReplicationStrategy', text(rawStrategy)))];
  const regions = asArray(known(ks, 'ReplicationSpecification.RegionList'));
  if (regions.length === 0) return [unknown(`${via}MULTI_REGION replication with no readable RegionList`, ev('ReplicationSpecification.RegionList', null))];
  const out: Verdict[] = regions.map((region, i) => {
    const path = `ReplicationSpecification.RegionList[${i}]`;
    if (isUnresolved(region)) return { ...unknown(`${via}replica Region ${i} depends on ${region.expression}, which cannot be resolved`, ev(path, region.expression)), subId: `RegionList[${i}]` };
    if (typeof region !== 'string') return { ...unknown(`${via}replica Region ${i} is not readable`, ev(path, text(region))), subId: `RegionList[${i}]` };
    return { ...judgeRegion('aws', region, params, path, `${via}replica`), subId: `Replica:${region}` };
  });
  const fails = out.filter((v) => v.status === 'fail');
  return fails.length ? fails : offendersOrPass(out);
}

/** The keyspace a table names (`KeyspaceName`: a Ref to a keyspace of the same template, or its name). */
function keyspaceOf(table: Resource, inventory: Inventory): Resource | Verdict {
  const v = get(table.properties, 'KeyspaceName');
  const same = (o: Resource) => o.location.stack === table.location.stack && o.location.file === table.location.file;
  const keyspaces = inventory.ofType('aws.cassandra.keyspace').filter(same);
  if (isRef(v)) {
    const ks = keyspaces.find((k) => k.location.logicalId === v.logicalId);
    return ks ?? unknown(`the table's keyspace ${v.logicalId} is not a keyspace of this template: its replication is not known`, ev('KeyspaceName', `Ref ${v.logicalId}`));
  }
  if (typeof v === 'string') {
    const ks = keyspaces.find((k) => get(k.properties, 'KeyspaceName') === v);
    return ks ?? unknown(`keyspace ${v} is not defined in this template: its replication is not known`, ev('KeyspaceName', v));
  }
  if (isUnresolved(v)) return unknown(`the table's keyspace depends on ${v.expression}, which cannot be resolved`, ev('KeyspaceName', v.expression));
  return unknown('the table names no readable keyspace', ev('KeyspaceName', text(v)));
}

export default defineRule({
  id: 'data-residency/aws-cassandra-keyspace',
  control: 'data-residency',
  title: 'Amazon Keyspaces keyspaces, and their tables, replicate only to allowed regions',
  severity: 'high',
  risk: 'A multi-Region keyspace keeps a full copy of every table in each Region of its RegionList; one Region outside the allowed set stores customer data outside the promised jurisdictions.',
  remediation: {
    text: 'List only allowed Regions in ReplicationSpecification.RegionList (or keep the keyspace SINGLE_REGION).',
    cloudformation: 'Type: AWS::Cassandra::Keyspace\nProperties:\n  ReplicationSpecification:\n    ReplicationStrategy: MULTI_REGION\n    RegionList: [eu-west-1, eu-central-1]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cassandra-keyspace-replicationspecification.html',
    'https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication.html',
  ],
  types: ['aws.cassandra.keyspace', 'aws.cassandra.table'],
  // No live collector reads Amazon Keyspaces: judged in templates only.
  sources: ['iac'],
  check(r, { params, inventory }) {
    const na = noAllowedRegions(params);
    if (na) return na;
    if (r.type === 'aws.cassandra.keyspace') return keyspaceRegions(r, params, 'keyspace ');
    const ks = keyspaceOf(r, inventory);
    if (!('type' in ks)) return ks;
    return keyspaceRegions(ks, params, `keyspace ${ks.location.logicalId ?? ''} (this table's) `.replace('  ', ' '));
  },
});
