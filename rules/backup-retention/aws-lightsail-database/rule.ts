import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { outsideWindow, windowText } from '../_window.js';

/** Lightsail keeps the automatic daily snapshots of a managed database for a fixed 7 days. */
const LIGHTSAIL_DAYS = 7;

/**
 * A Lightsail managed database's automated backups (`BackupRetention`): Lightsail turns them on for a
 * new database and keeps 7 days of them, a period no setting changes; `false` turns them off (no
 * point-in-time restore, no automatic snapshots). The 7 days are judged against the claims window.
 */
export default defineRule({
  id: 'backup-retention/aws-lightsail-database',
  control: 'backup-retention',
  title: 'Lightsail databases keep their automated backups',
  severity: 'medium',
  risk: 'With automated backups off, a Lightsail database has no daily snapshot and no point-in-time restore: a bad deploy, a dropped table or a lost instance loses the data since the last manual snapshot.',
  remediation: {
    text: 'Set BackupRetention: true (or omit it: Lightsail enables automated backups and keeps 7 days). For a longer cycle, take manual snapshots on a schedule or move to RDS with BackupRetentionPeriod.',
    cloudformation: 'Type: AWS::Lightsail::Database\nProperties:\n  BackupRetention: true\n  PreferredBackupWindow: "03:00-03:30"',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-database.html',
    'https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-creating-a-database-snapshot.html',
  ],
  types: ['aws.lightsail.database'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'BackupRetention');
    const on = raw === undefined ? true : asBool(raw);
    const e = ev('BackupRetention', raw ?? null, `true (${windowText(params)})`, raw === undefined ? 'omitted: Lightsail enables automated backups and keeps them 7 days' : undefined);
    if (on === undefined) return fail(`BackupRetention ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('BackupRetention', text(raw), 'true, false') });
    if (!on) return fail('automated backups are turned off (BackupRetention false)', e);
    const outside = outsideWindow(LIGHTSAIL_DAYS, params);
    const kept = { ...e, note: `${e.note ? `${e.note}; ` : ''}Lightsail keeps automated database backups for a fixed ${LIGHTSAIL_DAYS} days` };
    return outside ? fail(`automated backups are kept ${outside}`, kept) : pass(`automated backups are on and kept ${LIGHTSAIL_DAYS} days`, kept);
  },
});
