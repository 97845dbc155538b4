import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { outsideWindow, windowText } from '../_window.js';
import { memoryDbCacheSignal, memoryDbDatabaseEvidence } from '../../cache-no-backup/_memorydb-role.js';

const MAX_DAYS = 35;

/**
 * A MemoryDB cluster is a durable primary database unless the template calls it a cache
 * (cache-no-backup/_memorydb-role.ts). Its backups are the daily automatic snapshots kept
 * `SnapshotRetentionLimit` days (0, the default when omitted, turns them off; at most 35;
 * MemoryDB Developer Guide, "Scheduling automatic snapshots"). The Multi-AZ transaction log keeps
 * the data durable but is no backup: it cannot restore data deleted or overwritten by mistake.
 * A final snapshot (`FinalSnapshotName`, `DeletionPolicy: Snapshot`) never expires: noted, not
 * failed, as for RDS.
 */
export default defineRule({
  id: 'backup-retention/aws-memorydb-cluster',
  control: 'backup-retention',
  title: 'MemoryDB clusters used as databases keep automatic snapshots for the promised retention window',
  severity: 'medium',
  risk: 'A MemoryDB database with automatic snapshots off (the default) has nothing to restore after data is deleted or corrupted; a retention shorter or longer than promised breaks the backup cycle.',
  remediation: {
    text: 'Set SnapshotRetentionLimit to the claimed cycle (1–35 days) and a SnapshotWindow; if the cluster is only a cache, name or tag it as one (it is then judged by cache-no-backup).',
    cdk: "new memorydb.CfnCluster(this, 'Db', { aclName, clusterName: 'ledger', nodeType: 'db.r7g.large', snapshotRetentionLimit: 35, snapshotWindow: '03:00-04:00' })",
    cloudformation: 'Type: AWS::MemoryDB::Cluster\nProperties:\n  SnapshotRetentionLimit: 35\n  SnapshotWindow: 03:00-04:00',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-memorydb-cluster.html',
    'https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-automatic.html',
    'https://docs.aws.amazon.com/memorydb/latest/devguide/what-is-memorydb.html',
  ],
  types: ['aws.memorydb.cluster'],
  // No live collector reads MemoryDB: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const cache = memoryDbCacheSignal(r);
    if (cache) return notApplicable('the template calls this MemoryDB cluster a cache: judged by cache-no-backup/aws-memorydb-cluster, not as a database', cache);
    const raw = known(r, 'SnapshotRetentionLimit');
    const omitted = raw === undefined || raw === null;
    const days = omitted ? 0 : typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS)
      return fail(`SnapshotRetentionLimit ${text(raw)} is not a valid value`, ev('SnapshotRetentionLimit', raw, windowText(params), notAValidValue('SnapshotRetentionLimit', text(raw), `a whole number of days from 0 to ${MAX_DAYS}`)));
    const evidence = ev('SnapshotRetentionLimit', omitted ? null : raw, windowText(params), omitted ? 'omitted: 0, automatic snapshots off (MemoryDB default)' : undefined);
    const role = memoryDbDatabaseEvidence(r);
    const final = get(r.properties, 'FinalSnapshotName') ?? (get(r.properties, 'DeletionPolicy') === 'Snapshot' ? 'DeletionPolicy: Snapshot' : undefined);
    const finalEv = final === undefined ? [] : [ev('FinalSnapshotName', final, undefined, 'a final snapshot is kept until someone deletes it (noted, not judged)')];
    const why = outsideWindow(days, params);
    if (why) return fail(days === 0 ? 'automatic snapshots are off: the database has no backups' : `automatic snapshots kept ${why}`, evidence, role, ...finalEv);
    return pass(`automatic snapshots kept ${days} day${days === 1 ? '' : 's'}`, evidence, role, ...finalEv);
  },
});
