import { defineRule } from '../../../src/evaluate/rule.js';
import { notApplicable } from '../../../src/evaluate/facts.js';
import { judgeCache } from '../_cache.js';
import { memoryDbCacheSignal, memoryDbDatabaseEvidence } from '../_memorydb-role.js';

/**
 * MemoryDB used as a cache (controls catalogue, cache-no-backup): no automatic,
 * seeded or final snapshots, not in an AWS Backup selection, encrypted at rest
 * (always) and in transit (TLSEnabled, on unless turned off). Only a cluster the
 * template calls a cache (_memorydb-role.ts); any other is a durable database,
 * judged by backup-retention/aws-memorydb-cluster.
 */
export default defineRule({
  id: 'cache-no-backup/aws-memorydb-cluster',
  control: 'cache-no-backup',
  title: 'MemoryDB clusters used as caches (named or tagged cache) keep no snapshots and are encrypted',
  severity: 'high',
  risk: 'A MemoryDB cluster can keep daily snapshots in S3 for up to 35 days, a final snapshot after deletion and copies made by AWS Backup: cached data then outlives the cache.',
  remediation: {
    text: 'Omit SnapshotRetentionLimit (or set 0), SnapshotArns, SnapshotName and FinalSnapshotName; keep TLSEnabled on; keep the cluster out of AWS Backup selections.',
    cdk: "new memorydb.CfnCluster(this, 'Cache', { aclName, clusterName: 'sessions', nodeType: 'db.t4g.small', snapshotRetentionLimit: 0, tlsEnabled: true })",
    cloudformation: 'Type: AWS::MemoryDB::Cluster\nProperties:\n  SnapshotRetentionLimit: 0\n  TLSEnabled: true',
  },
  references: [
    'https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-automatic.html',
    'https://docs.aws.amazon.com/memorydb/latest/devguide/at-rest-encryption.html',
    'https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html',
  ],
  types: ['aws.memorydb.cluster'],
  // No live collector reads MemoryDB: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const cache = memoryDbCacheSignal(r);
    if (!cache) return notApplicable('a MemoryDB cluster is a durable database unless the template calls it a cache: its snapshots are judged by backup-retention/aws-memorydb-cluster', memoryDbDatabaseEvidence(r));
    return judgeCache(r, inventory, {
      arnService: 'memorydb',
      arnKind: 'cluster',
      arnSeparator: '/',
      nameProp: 'ClusterName',
      snapshotProps: ['SnapshotArns', 'SnapshotName', 'FinalSnapshotName'],
      atRest: 'always',
      atRestAlwaysNote: 'MemoryDB documents at-rest encryption (transaction log, disk, snapshots) as always enabled',
      tlsFlagDefaultOn: 'TLSEnabled',
    });
  },
});
