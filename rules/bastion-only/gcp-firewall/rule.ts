import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asArray, asBool } from '../../../src/evaluate/facts.js';
import { ADMIN_PORTS, adminRanges, isOpenToWorld, withinAny } from '../../../src/lib/network.js';
import { isNarrowCidr } from '../_ingress.js';
import { gcpEntryCoversPort, IAP_RANGE, requireCollected } from '../../../src/lib/gcp.js';

export default defineRule({
  id: 'bastion-only/gcp-firewall',
  control: 'bastion-only',
  title: 'VPC firewall rules allow SSH/RDP only from the bastion, IAP or admin CIDRs',
  severity: 'critical',
  risk: 'An enabled ingress rule opening 22/3389 to the internet or to sources other than the bastion bypasses the bastion host the policy promises.',
  remediation: {
    text: 'Restrict the rule to the bastion (sourceTags / sourceServiceAccounts), the IAP TCP forwarding range 35.235.240.0/20 or the admin CIDRs (VPN), or disable it.',
    cli: 'gcloud compute firewall-rules update RULE --source-ranges=35.235.240.0/20',
  },
  references: ['https://cloud.google.com/iap/docs/using-tcp-forwarding', 'https://cloud.google.com/firewall/docs/firewalls'],
  types: ['gcp.compute.firewall'],
  sources: ['live'],
  check(r, { params, inventory }) {
    requireCollected(r);
    const direction = String(known(r, 'direction') ?? 'INGRESS');
    if (direction !== 'INGRESS') return notApplicable(`${direction} rule`, ev('direction', direction));
    if (asBool(known(r, 'disabled')) === true) return notApplicable('rule is disabled', ev('disabled', true));
    const allowed = asArray(known(r, 'allowed')) as Record<string, unknown>[];
    const ports = ADMIN_PORTS.filter((p) => allowed.some((a) => gcpEntryCoversPort(a ?? {}, p)));
    if (ports.length === 0) return pass('rule allows neither 22 nor 3389', ev('allowed', allowed, 'no tcp:22 / tcp:3389 / all'));
    const ranges = asArray(known(r, 'sourceRanges')).map(String);
    const tags = asArray(known(r, 'sourceTags')).map(String);
    const sas = asArray(known(r, 'sourceServiceAccounts')).map(String);
    // Enabled deny rules evaluated first (lower priority number) that block these ports from a source.
    const denies = inventory.related(r, 'precedingDenies').filter((d) => !d.gaps && d.properties.disabled !== true);
    const blockedBy = (source: string) =>
      denies.find((d) => {
        const denied = asArray(d.properties.denied) as Record<string, unknown>[];
        if (!ports.every((p) => denied.some((x) => gcpEntryCoversPort(x ?? {}, p)))) return false;
        const dr = asArray(d.properties.sourceRanges).map(String);
        const hasOther = asArray(d.properties.sourceTags).length > 0 || asArray(d.properties.sourceServiceAccounts).length > 0;
        if (dr.length === 0 && !hasOther) return true; // no source: every address
        return dr.some((c) => isOpenToWorld(c) ? (c.includes(':') === source.includes(':')) : withinAny(source, [c]));
      });
    const shadowed: string[] = [];
    const unblocked = (c: string) => {
      const d = blockedBy(c);
      if (d) shadowed.push(`${c} blocked by deny rule ${d.name} (priority ${String(d.properties.priority ?? 1000)})`);
      return !d;
    };
    const portText = ports.join('/');
    const okRanges = [IAP_RANGE, ...adminRanges(params.adminCidrs)];
    const expected = `sources only bastion tags (${params.bastion.gcpNetworkTags.join(', ') || 'none set'}), bastion service accounts, ${okRanges.join(', ')}`;
    // An ingress rule with no source at all applies to 0.0.0.0/0.
    if (ranges.length === 0 && tags.length === 0 && sas.length === 0)
      return fail(`allows ${portText} from anywhere: no source given, so the rule applies to 0.0.0.0/0`, ev('sourceRanges', null, expected, 'omitted: an ingress rule with no sources matches 0.0.0.0/0'), ev('allowed', allowed));
    const problems = [];
    const open = ranges.filter((c) => isOpenToWorld(c) && unblocked(c));
    if (open.length) problems.push(ev('sourceRanges', ranges, expected, `open to the internet: ${open.join(', ')}`));
    // A rule that targets only the bastion (its network tags or service accounts): with no admin CIDRs
    // declared, one narrow range is the admins' network reaching it (as on AWS, see ../_ingress.ts).
    const targetTags = asArray(known(r, 'targetTags')).map(String);
    const targetSas = asArray(known(r, 'targetServiceAccounts')).map(String);
    const toBastion =
      targetTags.length + targetSas.length > 0 &&
      targetTags.every((t) => params.bastion.gcpNetworkTags.includes(t)) &&
      targetSas.every((s) => params.bastion.gcpServiceAccounts.includes(s));
    const officeOk = (c: string) => toBastion && params.adminCidrs.length === 0 && isNarrowCidr(c);
    const other = ranges.filter((c) => !isOpenToWorld(c) && !withinAny(c, okRanges) && !officeOk(c) && unblocked(c));
    if (other.length) problems.push(ev('sourceRanges', ranges, expected, `not IAP or an admin CIDR: ${other.join(', ')}`));
    const badTags = tags.filter((t) => !params.bastion.gcpNetworkTags.includes(t));
    if (badTags.length) problems.push(ev('sourceTags', tags, params.bastion.gcpNetworkTags, `not a bastion tag: ${badTags.join(', ')}`));
    const badSas = sas.filter((s) => !params.bastion.gcpServiceAccounts.includes(s));
    if (badSas.length) problems.push(ev('sourceServiceAccounts', sas, params.bastion.gcpServiceAccounts, `not a bastion service account: ${badSas.join(', ')}`));
    if (problems.length)
      return fail(open.length ? `allows ${portText} from the internet (${open.join(', ')})` : `allows ${portText} from sources other than the bastion, IAP or admin CIDRs`, ...problems, ev('allowed', allowed));
    const note = shadowed.length ? shadowed.join('; ') : undefined;
    return pass(`${portText} only from the bastion, IAP or admin CIDRs${note ? ' (other sources are blocked by a deny rule evaluated first)' : ''}`, ev('sourceRanges', ranges, expected, note), ev('sourceTags', tags), ev('sourceServiceAccounts', sas));
  },
});
