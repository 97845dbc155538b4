/**
 * DocumentDB and Neptune write audit events only when both the cluster
 * exports the `audit` log type (EnableCloudwatchLogsExports) and its cluster
 * parameter group turns auditing on; each default is off.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, must, asArray, ev, pass, fail, unknown, text } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';
import { clusterParameter } from '../tls-min/_cluster-parameter.js';

export interface AuditSwitch {
  /** The parameter that turns auditing on (`audit_logs`, `neptune_enable_audit_log`). */
  param: string;
  /** true: on, false: off, undefined: not a valid value. */
  isOn(value: string): boolean | undefined;
  allowed: string;
}

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
