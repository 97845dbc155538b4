import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asBool, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { outsideWindow, windowText } from '../_window.js';

/**
 * Amazon Keyspaces point-in-time recovery keeps continuous backups for a fixed 35 days (Amazon
 * Keyspaces Developer Guide, "Backup and restore with point-in-time recovery"); it is off unless
 * the template turns it on. The template sets no other backup of a Keyspaces table.
 */
const PITR_DAYS = 35;

export default defineRule({
  id: 'backup-retention/aws-cassandra-table',
  control: 'backup-retention',
  title: 'Amazon Keyspaces tables keep point-in-time recovery for the promised retention window',
  severity: 'medium',
  risk: 'A Keyspaces table without point-in-time recovery has no backups to restore; its fixed 35-day recovery window is longer than a shorter promised cycle.',
  remediation: {
    text: 'Set PointInTimeRecoveryEnabled: true (continuous backups kept 35 days).',
    cloudformation: 'Type: AWS::Cassandra::Table\nProperties:\n  KeyspaceName: !Ref Keyspace\n  PointInTimeRecoveryEnabled: true',
  },
  references: ['https://docs.aws.amazon.com/keyspaces/latest/devguide/PointInTimeRecovery.html'],
  types: ['aws.cassandra.table'],
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'PointInTimeRecoveryEnabled');
    const on = raw === undefined || raw === null ? false : asBool(raw);
    if (on === undefined) return fail(`PointInTimeRecoveryEnabled ${text(raw)} is not a valid value`, ev('PointInTimeRecoveryEnabled', raw, true, notAValidValue('PointInTimeRecoveryEnabled', text(raw), 'true or false')));
    const note = raw === undefined || raw === null ? 'omitted: point-in-time recovery is off by default' : undefined;
    if (!on) {
      const evidence = ev('PointInTimeRecoveryEnabled', raw ?? null, true, note);
      return params.backup.minDays === 0 ? pass('no point-in-time recovery, and the claim sets no minimum retention', evidence) : fail('point-in-time recovery is off: the table has no backups', evidence);
    }
    const evidence = ev('PointInTimeRecoveryEnabled', raw, windowText(params), 'point-in-time recovery keeps a fixed 35 days');
    const why = outsideWindow(PITR_DAYS, params);
    return why ? fail(`point-in-time recovery keeps ${why}`, evidence) : pass(`point-in-time recovery keeps ${PITR_DAYS} days`, evidence);
  },
});
