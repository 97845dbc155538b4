import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeCache } from '../_cache.js';

export default defineRule({
  id: 'cache-no-backup/aws-elasticache-serverless-cache',
  control: 'cache-no-backup',
  title: 'ElastiCache serverless caches keep no backups',
  severity: 'high',
  risk: 'Serverless caches can keep daily snapshots for up to 35 days and a final snapshot on deletion, outliving the cache.',
  remediation: {
    text: 'Omit SnapshotRetentionLimit (or set 0), DailySnapshotTime, SnapshotArnsToRestore and FinalSnapshotName; keep the cache out of AWS Backup selections.',
    cdk: "new elasticache.CfnServerlessCache(this, 'Cache', { engine: 'valkey', serverlessCacheName: 'sessions', snapshotRetentionLimit: 0 })",
    cloudformation: 'Type: AWS::ElastiCache::ServerlessCache\nProperties:\n  Engine: valkey\n  SnapshotRetentionLimit: 0',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups.html'],
  types: ['aws.elasticache.serverless-cache'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    return judgeCache(r, inventory, {
      arnKind: 'serverlesscache',
      nameProp: 'ServerlessCacheName',
      snapshotProps: ['SnapshotArnsToRestore', 'FinalSnapshotName'],
      atRest: 'always',
      transitAlways: true,
    });
  },
});
