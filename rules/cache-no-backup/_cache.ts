/**
 * The cache promise on one ElastiCache resource: no snapshots (automatic,
 * seeded or final), encrypted at rest and in transit, not selected by an AWS
 * Backup selection. One verdict per part, each with a sub-id.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict, EvidenceItem } from '../../src/evaluate/rule.js';
import type { Inventory } from '../../src/model/inventory.js';
import { NeedsValue, known, get, ev, pass, fail, unknown, asBool, asNumber, text } from '../../src/evaluate/facts.js';
import { backupSelectionOf, tagView, unlessEvidence, type ArnFacts } from '../backup-retention/_selection.js';

export interface CacheShape {
  /** ARN resource part, e.g. `replicationgroup`, `cluster`, `serverlesscache`. */
  arnKind: string;
  /** Property holding the cache's name in its ARN. */
  nameProp: string;
  /** Properties whose presence means the cache was seeded from, or will leave, a snapshot. */
  snapshotProps: string[];
  /** At rest: property to read, or 'always' (serverless), or 'impossible' (standalone node clusters). */
  atRest: string | 'always' | 'impossible';
  /** In transit: true = always TLS (serverless). */
  transitAlways?: boolean;
  /** ARN service and the separator between kind and name (ElastiCache `replicationgroup:name`, MemoryDB `cluster/name`). */
  arnService?: string;
  arnSeparator?: ':' | '/';
  /** In transit read from a flag whose omission means TLS on (MemoryDB `TLSEnabled`), instead of ElastiCache's TransitEncryptionEnabled. */
  tlsFlagDefaultOn?: string;
  /** Who says at-rest encryption is always on, for the evidence ('ElastiCache ... serverless caches' by default). */
  atRestAlwaysNote?: string;
}

function snapshots(r: Resource, shape: CacheShape): Verdict {
  const evidence: EvidenceItem[] = [];
  const problems: string[] = [];
  const rawLimit = known(r, 'SnapshotRetentionLimit');
  const limit = asNumber(rawLimit);
  evidence.push(ev('SnapshotRetentionLimit', rawLimit ?? null, 0, rawLimit === undefined ? 'omitted: 0, automatic backups off' : undefined));
  if (limit !== undefined && limit > 0) problems.push(`automatic snapshots kept ${limit} days`);
  else if (rawLimit !== undefined && limit === undefined) problems.push(`SnapshotRetentionLimit ${String(rawLimit)} is not a number`);
  for (const p of shape.snapshotProps) {
    const v = known(r, p);
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    evidence.push(ev(p, v, null));
    problems.push(/^Final/.test(p) ? `a final snapshot is taken on deletion (${p})` : `seeded from a snapshot (${p}), so one exists`);
  }
  for (const attr of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const v = get(r.properties, attr);
    if (v === 'Snapshot') {
      evidence.push(ev(attr, v, 'Delete | Retain'));
      problems.push(`${attr}: Snapshot takes a snapshot when the cache is ${attr === 'DeletionPolicy' ? 'deleted' : 'replaced'}`);
    }
  }
  return problems.length ? fail(`the cache keeps backups: ${problems.join('; ')}`, ...evidence) : pass('no automatic, seeded or final snapshots', ...evidence);
}

function atRest(r: Resource, shape: CacheShape): Verdict {
  if (shape.atRest === 'always')
    return pass(
      shape.atRestAlwaysNote ? 'always encrypted at rest' : 'serverless caches are always encrypted at rest',
      ev('(platform)', 'always encrypted', undefined, `platform-attested: ${shape.atRestAlwaysNote ?? 'ElastiCache documents at-rest encryption as always on for serverless caches'}`),
    );
  if (shape.atRest === 'impossible') {
    const engine = text(known(r, 'Engine') ?? '').toLowerCase();
    if (engine === 'memcached')
      return pass('Memcached keeps data only in memory: no snapshots, backups or persistence write it to disk', ev('Engine', engine, undefined, 'node-based Memcached has no persistence or backup feature, so no cached data rests on disk'));
    return fail('a standalone cache cluster cannot encrypt data at rest (only replication groups and serverless caches can)', ev('(resource type)', 'AWS::ElastiCache::CacheCluster', 'ReplicationGroup with AtRestEncryptionEnabled, or ServerlessCache'));
  }
  const raw = known(r, shape.atRest);
  if (raw === undefined && shape.atRest === 'AtRestEncryptionEnabled') {
    const d = replicationGroupAtRestDefault(r);
    const e = ev(shape.atRest, null, true, d.note);
    return d.on ? pass('encrypted at rest (the engine default)', e) : fail('not encrypted at rest', e);
  }
  const e = ev(shape.atRest, raw ?? null, true, raw === undefined ? 'omitted: not encrypted at rest' : undefined);
  return asBool(raw) === true ? pass('encrypted at rest', e) : fail('not encrypted at rest', e);
}

/**
 * A replication group whose template omits AtRestEncryptionEnabled: the ElastiCache API reference
 * (CreateReplicationGroup, AtRestEncryptionEnabled) gives "Default: true when using Valkey, false when
 * using Redis OSS" (the default changed with Valkey; older references say false for every engine). Engine
 * omitted is redis (CloudFormation); an Engine the template does not settle throws NeedsValue (unknown).
 * Shared with enc-rest/aws-elasticache-replication-group.
 */
export function replicationGroupAtRestDefault(r: Resource): { on: boolean; note: string } {
  const engine = text(known(r, 'Engine') ?? 'redis').toLowerCase();
  return engine === 'valkey'
    ? { on: true, note: 'omitted: ElastiCache creates Valkey replication groups encrypted at rest by default (CreateReplicationGroup: "Default: true when using Valkey")' }
    : { on: false, note: `omitted: ${engine === 'redis' ? 'Redis OSS' : engine} replication groups are created without at-rest encryption (the default is on only for Valkey)` };
}

function inTransit(r: Resource, shape: CacheShape): Verdict {
  if (shape.transitAlways) return pass('serverless caches always require TLS', ev('(platform)', 'TLS always on', undefined, 'platform-attested: all serverless caches have in-transit encryption enabled'));
  if (shape.tlsFlagDefaultOn) {
    const p = shape.tlsFlagDefaultOn;
    const flag = known(r, p);
    const e = ev(p, flag ?? null, true, flag === undefined ? 'omitted: clusters are created with TLS on' : undefined);
    return flag === undefined || asBool(flag) === true ? pass('TLS required for every connection', e) : fail('not encrypted in transit', e);
  }
  const raw = known(r, 'TransitEncryptionEnabled');
  const mode = known(r, 'TransitEncryptionMode');
  const evidence = [ev('TransitEncryptionEnabled', raw ?? null, true, raw === undefined ? 'omitted: off' : undefined), ev('TransitEncryptionMode', mode ?? null, 'required')];
  if (asBool(raw) !== true) return fail('not encrypted in transit', ...evidence);
  if (mode !== undefined && mode !== 'required') return fail(`in-transit encryption is in ${String(mode)} mode: plaintext clients are still accepted`, ...evidence);
  return pass('TLS required for every connection', ...evidence);
}

/**
 * Whether an AWS Backup selection of the inventory selects this cache, read as backup-retention reads
 * selections (../backup-retention/_selection.ts): Resources / ListOfTags pick candidates, every
 * `Conditions` entry (StringEquals / StringLike / StringNotEquals / StringNotLike on aws:ResourceTag)
 * must hold, NotResources removes, and a selection applies only in its own account and region (AWS
 * Backup developer guide, "Assigning resources to a backup plan"). A selection that certainly selects
 * the cache fails it, one that may select it leaves it unknown; one that selects only by parameters
 * without a value is named beside the pass (what it selects is decided at deploy time).
 */
function backupPlans(r: Resource, inventory: Inventory, shape: CacheShape): Verdict {
  const selections = inventory.ofType('aws.backup.backup-selection');
  const rawName = get(r.properties, shape.nameProp);
  const facts: ArnFacts = {
    service: shape.arnService ?? 'elasticache',
    kind: shape.arnKind,
    sep: shape.arnSeparator ?? ':',
    ...(typeof rawName === 'string' ? { name: rawName } : {}),
    // A name CloudFormation generates contains the logical id (lower-cased for ElastiCache and MemoryDB).
    ...(rawName === undefined && r.source === 'iac' && r.location.logicalId ? { generatedFrom: r.location.logicalId.toLowerCase() } : {}),
    ...(r.location.arn ? { arn: r.location.arn } : {}),
  };
  const sel = backupSelectionOf(r, inventory, facts, tagView(r, get(r.properties, 'Tags')));
  if (sel.covered && sel.selection) {
    const s = sel.selection;
    return fail(`selected by AWS Backup selection ${sel.covered}`, ev(`${s.name ?? s.id}.BackupSelection`, get(s.properties, 'BackupSelection') ?? null, 'does not select this cache'));
  }
  if (sel.maybe) return unknown(`${sel.maybe}; ${shape.arnService === 'memorydb' ? 'MemoryDB' : 'ElastiCache'} backups would keep the cached data`, ev('(AWS::Backup::BackupSelection)', sel.maybe, 'does not select this cache'));
  return pass(
    `no AWS Backup selection in the scanned templates selects it (${selections.length} selections checked)${sel.unless ? `; ${sel.unless}` : ''}`,
    ev('(AWS::Backup::BackupSelection)', `${selections.length} selections`, 'none selecting this cache', 'selections made outside these templates are not visible here; a live scan checks AWS Backup protected resources'),
    ...unlessEvidence(sel),
  );
}

const WEIGHT = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 } as const;

/** One verdict for the whole promise: the worst part decides, every part's evidence is kept. */
export function judgeCache(r: Resource, inventory: Inventory, shape: CacheShape): Verdict {
  const verdicts = judgeCacheParts(r, inventory, shape);
  const worst = verdicts.reduce((a, b) => (WEIGHT[b.status] > WEIGHT[a.status] ? b : a));
  const evidence = verdicts.flatMap((v) => (v.evidence ?? []).map((e) => ({ ...e, path: `${v.subId}: ${e.path}` })));
  if (worst.status === 'pass') return pass(`cache keeps no backups and is encrypted: ${verdicts.map((v) => v.message).join('; ')}`, ...evidence);
  const bad = verdicts.filter((v) => v.status === worst.status).map((v) => `${v.subId}: ${v.message}`);
  return { status: worst.status, message: bad.join('; '), evidence };
}

function judgeCacheParts(r: Resource, inventory: Inventory, shape: CacheShape): Verdict[] {
  const parts: [string, () => Verdict][] = [
    ['snapshots', () => snapshots(r, shape)],
    ['encryption-at-rest', () => atRest(r, shape)],
    ['encryption-in-transit', () => inTransit(r, shape)],
    ['backup-plan', () => backupPlans(r, inventory, shape)],
  ];
  // Each part on its own: an unresolved value in one part makes only that part unknown.
  return parts.map(([subId, f]) => {
    try {
      return { ...f(), subId };
    } catch (e) {
      if (e instanceof NeedsValue)
        return { status: 'unknown', message: `cannot tell: ${e.message}`, evidence: [{ path: e.path, observed: `<unresolved: ${e.expression}>` }], subId };
      const msg = e instanceof Error ? e.message : String(e);
      return { status: 'unknown', message: `rule error: ${msg}`, evidence: [{ path: '(rule)', observed: msg }], subId };
    }
  });
}
