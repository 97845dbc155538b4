/**
 * A nested stack (`AWS::CloudFormation::Stack`, or a SAM `AWS::Serverless::Application`, which
 * the transform turns into one) whose child template vouch does not read (a remote TemplateURL, a
 * Serverless Application Repository app) may still carry a security setting in its `Parameters`:
 * `StorageEncrypted: 'false'`, `PubliclyAccessible: 'true'`, `SSHLocation: 0.0.0.0/0`. What the
 * child does with it is not in the template, so the promise the setting names is `unknown` on the
 * nested stack, with the parameter as evidence, never a silent gap. When the child is read (a
 * cdk.out nested stack, found through its asset), its own resources are judged and the nested
 * stack is not applicable.
 *
 * The vocabulary (parameter names that set a control, matched on the whole name, any case) is
 * kept small and literal: a name that only points at something (a key ARN, a log bucket, a
 * certificate) passes a resource in, it does not switch a setting, and is not listed.
 */
import type { Resource } from '../model/resource.js';
import type { Inventory } from '../model/inventory.js';
import type { Verdict } from '../evaluate/rule.js';
import { asRecord, ev, notApplicable, unknown } from '../evaluate/facts.js';
import { isUnresolved } from '../model/values.js';

export type NestedSettingControl = 'enc-rest' | 'public-access' | 'backup-retention' | 'audit-logging' | 'bastion-only';

export const NESTED_SETTING_NAMES: Readonly<Record<NestedSettingControl, { pattern: RegExp; what: string }>> = {
  // StorageEncrypted, EncryptQuarantine, EnableEncryption, EncryptionEnabled; not KmsKeyArn, EncryptionKeyId.
  'enc-rest': { pattern: /^(?!.*(key|keyid|keyarn|arn|alias)$).*encrypt/i, what: 'encryption at rest' },
  // PubliclyAccessible, QuarantinePublicRead, AllowPublicAccess, PublicReadAccess.
  'public-access': { pattern: /public(ly)?(accessible|read|write|access)/i, what: 'public access' },
  // BackupRetentionDays, BackupRetentionPeriod, RetentionPeriodForBackups.
  'backup-retention': { pattern: /backup.*(retention|days|period)|retention.*backup/i, what: 'backup retention' },
  // EnableFlowLogs, FlowLogsEnabled, EnableAccessLogs, EnableLogging, EnableAuditLogs, EnableCloudTrail.
  'audit-logging': { pattern: /^(enable|enabled)?(vpc)?(flowlogs?|accesslogs?|accesslogging|logging|auditlogs?|auditlogging|cloudtrail|trail)(enabled)?$/i, what: 'audit logging' },
  // SSHLocation, SshCidr, RemoteAccessCIDR, AdminCidr, AllowedSshCidr, RdpLocation.
  'bastion-only': {
    pattern: /^(ssh|rdp|admin|remoteaccess|bastion)(location|cidrs?|ips?|range|source|accesscidr|allowedcidr)$|^allowed(ssh|rdp)(cidrs?|location|ips?|range)$|^(ssh|rdp)(from|ingress)(cidr)?$/i,
    what: 'SSH/RDP access',
  },
};

const READ_CHILDREN = new WeakMap<Inventory, ReadonlySet<string>>();

/** Stack names of the templates this run read (a nested stack read from an assembly is `Parent/LogicalId`). */
function stacksRead(inventory: Inventory): ReadonlySet<string> {
  let set = READ_CHILDREN.get(inventory);
  if (!set) {
    set = new Set(inventory.ofType('aws.cloudformation.stack').map((s) => s.location.stack).filter((s): s is string => typeof s === 'string'));
    READ_CHILDREN.set(inventory, set);
  }
  return set;
}

function shown(v: unknown): unknown {
  if (isUnresolved(v)) return `<${v.expression.slice(0, 80)}>`;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : '<value>';
}

/** The verdict of `control` on a nested stack: see the module comment. */
export function nestedStackSetting(r: Resource, inventory: Inventory, control: NestedSettingControl): Verdict {
  const { pattern, what } = NESTED_SETTING_NAMES[control];
  const child = `${r.location.stack}/${r.location.logicalId}`;
  if (stacksRead(inventory).has(child)) return notApplicable(`the nested stack's template is read: its own resources are judged for ${what}`);
  const params = asRecord(r.properties.Parameters);
  const named = Object.keys(params).filter((k) => pattern.test(k));
  const url = r.properties.TemplateURL;
  const source = isUnresolved(url) ? url.expression.slice(0, 80) : typeof url === 'string' ? url.slice(0, 200) : 'an application or template vouch does not read';
  if (named.length === 0)
    return notApplicable(`no parameter passed to the nested stack sets ${what}; the child template (${source}) is not read (a coverage gap)`);
  return unknown(
    `the nested stack's template (${source}) is not read, and it is passed ${named.map((k) => `${k} = ${JSON.stringify(shown(params[k]))}`).join(', ')}, which sets ${what} there: vouch cannot see what the child does with it (scan the child template or the deployed stack)`,
    ...named.map((k) => ev(`Parameters.${k}`, shown(params[k]), undefined, 'a setting handed to a template that is not read')),
  );
}
