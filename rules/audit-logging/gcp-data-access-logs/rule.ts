import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import { requireCollected } from '../../../src/lib/gcp.js';

const LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;
type Obj = Record<string, unknown>;

/** Log types enabled for allServices in one policy, and any exempted members. */
function allServicesConfig(policy: unknown): { types: Set<string>; exempted: string[] } {
  const types = new Set<string>();
  const exempted: string[] = [];
  for (const c of ((policy as Obj | undefined)?.auditConfigs as Obj[] | undefined) ?? []) {
    if (c?.service !== 'allServices') continue;
    for (const l of (c.auditLogConfigs as Obj[] | undefined) ?? []) {
      types.add(String(l.logType));
      exempted.push(...(((l.exemptedMembers as string[] | undefined) ?? []).map((m) => `${String(l.logType)}:${m}`)));
    }
  }
  return { types, exempted };
}

export default defineRule({
  id: 'audit-logging/gcp-data-access-logs',
  control: 'audit-logging',
  title: 'Data Access audit logs are on for all services (project or inherited from folder/organization)',
  severity: 'medium',
  risk: 'Admin Activity logs are always on, but reads and writes of data (DATA_READ, DATA_WRITE) and admin reads are not logged unless configured, leaving no trail of who accessed data.',
  remediation: {
    text: 'Enable ADMIN_READ, DATA_READ and DATA_WRITE audit logs for allServices, without exempted members, at the organization (inherited by every project) or on each project.',
    cli: 'gcloud organizations get-iam-policy ORG > p.yaml  # add auditConfigs: [{service: allServices, auditLogConfigs: [{logType: ADMIN_READ}, {logType: DATA_READ}, {logType: DATA_WRITE}]}]; gcloud organizations set-iam-policy ORG p.yaml',
  },
  references: ['https://cloud.google.com/logging/docs/audit/configure-data-access'],
  types: ['gcp.project'],
  sources: ['live'],
  check(r, { inventory }) {
    requireCollected(r);
    const own = allServicesConfig(known(r, 'iamPolicy'));
    const types = new Set(own.types);
    const exempted = [...own.exempted];
    const sources = [`${r.name}: ${[...own.types].join(', ') || 'none'}`];
    const missing = () => LOG_TYPES.filter((t) => !types.has(t));
    const ancestors: Resource[] = inventory.related(r, 'ancestors');
    let undecided: string | undefined;
    if (missing().length || exempted.length) {
      // Effective configuration is the union with every folder/organization above.
      known(r, 'ancestors');
      for (const a of ancestors) {
        const gap = a.gaps?.iamPolicy;
        if (gap) {
          undecided ??= `${a.name}: ${gap}`;
          continue;
        }
        const c = allServicesConfig(a.properties.iamPolicy);
        c.types.forEach((t) => types.add(t));
        exempted.push(...c.exempted);
        sources.push(`${a.name}: ${[...c.types].join(', ') || 'none'}`);
      }
    }
    const evidence = [ev('iamPolicy.auditConfigs[allServices]', sources, 'ADMIN_READ, DATA_READ, DATA_WRITE without exemptedMembers', 'effective = union of project, folders and organization')];
    if (exempted.length) return fail(`audit logging exempts members: ${exempted.join(', ')}`, ...evidence);
    const gaps = missing();
    if (gaps.length === 0) return pass('ADMIN_READ, DATA_READ and DATA_WRITE audit logs are on for all services', ...evidence);
    if (undecided) return unknown(`${gaps.join(', ')} not enabled on the project, and an ancestor's policy could not be read (${undecided})`, ...evidence);
    return fail(`Data Access audit logs not enabled for all services: missing ${gaps.join(', ')}`, ...evidence);
  },
});
