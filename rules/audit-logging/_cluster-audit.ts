/**
 * DocumentDB and Neptune write audit events only when both the cluster
 * exports the `audit` log type (EnableCloudwatchLogsExports) and its cluster
 * parameter group turns auditing on; each default is off.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, must, asArray, asRecord, ev, pass, fail, unknown, notApplicable, text } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';
import { clusterParameter } from '../tls-min/_cluster-parameter.js';

export interface AuditSwitch {
  /** The parameter that turns auditing on (`audit_logs`, `neptune_enable_audit_log`). */
  param: string;
  /** true: on, false: off, undefined: not a valid value. */
  isOn(value: string): boolean | undefined;
  allowed: string;
}

/** DocumentDB 5.0 accepts enabled/all or a comma list of event classes; disabled/none turn auditing off. */
export const DOCDB_AUDIT: AuditSwitch = {
  param: 'audit_logs',
  isOn(v) {
    const parts = v.split(',').map((s) => s.trim());
    if (parts.length === 1 && (parts[0] === 'disabled' || parts[0] === 'none')) return false;
    return parts.every((s) => ['enabled', 'all', 'ddl', 'dml_read', 'dml_write'].includes(s)) ? true : undefined;
  },
  allowed: 'enabled, all, or ddl/dml_read/dml_write',
};

/** Neptune: neptune_enable_audit_log 1 on, 0 off. */
export const NEPTUNE_AUDIT: AuditSwitch = { param: 'neptune_enable_audit_log', isOn: (v) => (v === '1' ? true : v === '0' ? false : undefined), allowed: '1' };

export function judgeClusterAudit(r: Resource, inventory: Inventory, sw: AuditSwitch): Verdict {
  const exportsRaw = known(r, 'EnableCloudwatchLogsExports');
  const entries = asArray(exportsRaw);
  // A literal audit entry settles it, whatever the other entries resolve to.
  if (!entries.includes('audit')) entries.forEach((e, i) => must(e, `EnableCloudwatchLogsExports[${i}]`));
  const exported = entries.filter((e) => typeof e === 'string') as string[];
  const exportEv = ev('EnableCloudwatchLogsExports', exportsRaw ?? null, 'includes audit', exportsRaw === undefined ? 'omitted: no log type is exported' : undefined);
  if (!exported.includes('audit')) return fail('cluster does not export audit logs to CloudWatch Logs', exportEv);
  const p = clusterParameter(r, inventory, sw.param);
  if (p.kind === 'outside') return unknown(`${p.where} is not defined in this template: whether it turns ${sw.param} on cannot be read`, exportEv, ev('DBClusterParameterGroupName', p.name));
  const value = p.kind === 'group' ? p.value : undefined;
  const paramEv = ev(`${p.where}: ${sw.param}`, value ?? null, sw.allowed, value === undefined ? `not set: ${sw.param} is off by default` : undefined);
  if (value === undefined) return fail(`audit logs are exported but ${p.where} leaves ${sw.param} off: no audit event is written`, exportEv, paramEv);
  const on = sw.isOn(text(value).trim().toLowerCase());
  if (on === undefined) return fail(`${sw.param} ${JSON.stringify(text(value))} is not a valid value`, exportEv, ev(`${p.where}: ${sw.param}`, value, sw.allowed, notAValidValue(sw.param, text(value), sw.allowed)));
  return on ? pass(`cluster writes audit events (${sw.param} ${text(value)}) and exports them to CloudWatch Logs`, exportEv, paramEv) : fail(`${p.where} turns ${sw.param} off: no audit event is written`, exportEv, paramEv);
}

/**
 * A cluster parameter group on its own (as RDS parameter groups are judged for TLS): a group that
 * turns auditing off silences every cluster that uses it, in this stack or another. A group that
 * does not set the switch is judged on the clusters that use it, which also must export the logs.
 */
export function judgeAuditGroup(g: Resource, sw: AuditSwitch): Verdict {
  const value = must(asRecord(known(g, 'Parameters'))[sw.param], `Parameters.${sw.param}`);
  const path = `Parameters.${sw.param}`;
  if (value === undefined || value === null) return notApplicable(`does not set ${sw.param}: judged on the clusters that use this group (off by default)`, ev(path, null));
  const on = sw.isOn(text(value).trim().toLowerCase());
  if (on === undefined) return fail(`${sw.param} ${JSON.stringify(text(value))} is not a valid value`, ev(path, value, sw.allowed, notAValidValue(sw.param, text(value), sw.allowed)));
  const evidence = ev(path, value, sw.allowed);
  return on
    ? pass(`${sw.param} ${text(value)} turns auditing on for the clusters that use this group (each must also export audit logs)`, evidence)
    : fail(`${sw.param} ${text(value)} turns auditing off: no cluster that uses this group writes audit events`, evidence);
}
