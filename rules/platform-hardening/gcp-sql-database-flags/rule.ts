import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 6.1.2-6.3.7: database flags per engine, one verdict per flag
 * (sub-id = the flag name). An unset flag has the engine's default, noted in
 * the evidence; the benchmark decides whether that default is acceptable.
 */
interface FlagCheck {
  flag: string;
  expected: string;
  /** The engine's value when the flag is not set. */
  default: string | undefined;
  ok: (v: string | undefined) => boolean;
}
const on = (v: string | undefined) => v !== undefined && /^on$/i.test(v);
const off = (v: string | undefined) => v === undefined || /^off$/i.test(v);
const oneOf = (...allowed: string[]) => (v: string | undefined) => v !== undefined && allowed.includes(v.toLowerCase());

const MYSQL: FlagCheck[] = [
  { flag: 'skip_show_database', expected: 'on', default: 'off', ok: on },
  { flag: 'local_infile', expected: 'off', default: 'on', ok: (v) => v !== undefined && /^off$/i.test(v) },
];
const POSTGRES: FlagCheck[] = [
  { flag: 'log_error_verbosity', expected: 'terse or default', default: 'default', ok: (v) => oneOf('terse', 'default')(v ?? 'default') },
  { flag: 'log_connections', expected: 'on', default: 'off', ok: on },
  { flag: 'log_disconnections', expected: 'on', default: 'off', ok: on },
  { flag: 'log_statement', expected: 'ddl (or mod, all)', default: 'none', ok: oneOf('ddl', 'mod', 'all') },
  { flag: 'log_min_messages', expected: 'warning or more severe', default: 'warning', ok: (v) => oneOf('warning', 'error', 'log', 'fatal', 'panic')(v ?? 'warning') },
  { flag: 'log_min_error_statement', expected: 'error or more severe', default: 'error', ok: (v) => oneOf('error', 'log', 'fatal', 'panic')(v ?? 'error') },
  { flag: 'log_min_duration_statement', expected: '-1 (off)', default: '-1', ok: (v) => (v ?? '-1').trim() === '-1' },
  { flag: 'cloudsql.enable_pgaudit', expected: 'on', default: 'off', ok: on },
];
const SQLSERVER: FlagCheck[] = [
  { flag: 'external scripts enabled', expected: 'off', default: 'off', ok: off },
  { flag: 'cross db ownership chaining', expected: 'off', default: 'off', ok: off },
  { flag: 'user connections', expected: '0 (no limit)', default: '0', ok: (v) => (v ?? '0').trim() === '0' },
  { flag: 'user options', expected: 'not set', default: undefined, ok: (v) => v === undefined },
  { flag: 'remote access', expected: 'off', default: 'on', ok: (v) => v !== undefined && /^off$/i.test(v) },
  { flag: '3625', expected: 'on', default: 'off', ok: on },
  { flag: 'contained database authentication', expected: 'off', default: 'off', ok: off },
];

export default defineRule({
  id: 'platform-hardening/gcp-sql-database-flags',
  control: 'platform-hardening',
  title: 'Cloud SQL database flags follow the CIS hardening values for their engine (MySQL, PostgreSQL, SQL Server)',
  severity: 'low',
  risk: 'Default flags leave connections and statements unlogged (PostgreSQL), let clients read server files (MySQL local_infile) or allow remote procedure execution (SQL Server remote access).',
  remediation: { text: 'Set the database flags to the values listed in the evidence.', cli: 'gcloud sql instances patch INSTANCE --database-flags=log_connections=on,log_disconnections=on,... (lists every flag to keep)' },
  references: ['https://cloud.google.com/sql/docs/postgres/flags', 'https://cloud.google.com/sql/docs/mysql/flags', 'https://cloud.google.com/sql/docs/sqlserver/flags'],
  types: ['gcp.sql.instance'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const version = String(known(r, 'databaseVersion') ?? '');
    const checks = version.startsWith('MYSQL') ? MYSQL : version.startsWith('POSTGRES') ? POSTGRES : version.startsWith('SQLSERVER') ? SQLSERVER : undefined;
    if (!checks) return notApplicable(`engine ${version || '(unknown)'} has no CIS flag recommendations`, ev('databaseVersion', version || null));
    const flags = new Map(asArray(known(r, 'settings.databaseFlags')).map((f) => [String(asRecord(f).name), String(asRecord(f).value ?? '')]));
    return checks.map((c): Verdict => {
      const v = flags.get(c.flag);
      const e = ev(`settings.databaseFlags[${c.flag}]`, v ?? null, c.expected, v === undefined ? `not set: the engine default${c.default !== undefined ? ` is ${c.default}` : ' applies'}` : undefined);
      const verdict = c.ok(v) ? pass(`${c.flag} is ${v ?? `unset (${c.default ?? 'default'})`}`, e) : fail(`${c.flag} is ${v ?? `unset (${c.default ?? 'default'})`}, expected ${c.expected}`, e);
      return { ...verdict, subId: c.flag };
    });
  },
});
