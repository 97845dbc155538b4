import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, globMatch, tagsOf } from '../../../src/evaluate/facts.js';
import { gcpEntryCoversPort, requireCollected } from '../../../src/lib/gcp.js';
import { ADMIN_PORTS, isOpenToWorld } from '../../../src/lib/network.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Parameters } from '../../../src/evaluate/claims-profile.js';

type Obj = Record<string, unknown>;

function isBastion(r: Resource, params: Parameters): string | undefined {
  const tags = asArray((r.properties.tags as Obj | undefined)?.items).map(String);
  const tag = tags.find((t) => params.bastion.gcpNetworkTags.includes(t));
  if (tag) return `network tag ${tag}`;
  const sas = asArray(r.properties.serviceAccounts).map((s) => String((s as Obj)?.email));
  const sa = sas.find((s) => params.bastion.gcpServiceAccounts.includes(s));
  if (sa) return `service account ${sa}`;
  const labels = tagsOf(r);
  const label = Object.entries(params.bastion.tags).find(([k, v]) => labels[k] === v || labels[k.toLowerCase()] === v.toLowerCase());
  if (label) return `label ${label[0]}=${label[1]}`;
  const name = params.bastion.names.find((g) => globMatch(g, r.name ?? ''));
  if (name) return `name matches ${name}`;
  return undefined;
}

export default defineRule({
  id: 'bastion-only/gcp-compute-instance',
  control: 'bastion-only',
  title: 'Only the bastion VM has an external IP address',
  severity: 'high',
  risk: 'A VM with an external IP can be reached (and administered) directly from the internet whenever a firewall rule allows it, bypassing the bastion.',
  remediation: {
    text: 'Remove the access config (external IP) from non-bastion VMs; reach them through the bastion or IAP TCP forwarding, and use Cloud NAT for egress.',
    cli: 'gcloud compute instances delete-access-config VM --access-config-name="External NAT" --zone=ZONE',
  },
  references: ['https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address', 'https://cloud.google.com/iap/docs/using-tcp-forwarding'],
  types: ['gcp.compute.instance'],
  sources: ['live'],
  check(r, { params, inventory }) {
    requireCollected(r);
    const nics = asArray(known(r, 'networkInterfaces')) as Obj[];
    const external: { path: string; ip: unknown }[] = [];
    nics.forEach((ni, i) => {
      asArray(ni?.accessConfigs).forEach((ac, j) => external.push({ path: `networkInterfaces[${i}].accessConfigs[${j}]`, ip: (ac as Obj)?.natIP ?? '(ephemeral)' }));
      asArray(ni?.ipv6AccessConfigs).forEach((ac, j) => external.push({ path: `networkInterfaces[${i}].ipv6AccessConfigs[${j}]`, ip: (ac as Obj)?.externalIpv6 ?? '(ephemeral IPv6)' }));
    });
    if (external.length === 0) return pass('no external IP address', ev('networkInterfaces[].accessConfigs', [], []));
    const bastion = isBastion(r, params);
    const evidence = external.map((e) => ev(e.path, e.ip, 'no external IP (only the bastion)'));
    if (bastion) return pass(`bastion (${bastion}) with an external IP`, ...evidence);
    // Which enabled ingress rules that apply to this VM open an admin port to the internet (makes the exposure concrete).
    const openRules = inventory
      .related(r, 'firewalls')
      .filter((f) => f.properties.disabled !== true && asArray(f.properties.sourceRanges).some((c) => isOpenToWorld(c)))
      .filter((f) => ADMIN_PORTS.some((p) => asArray(f.properties.allowed).some((a) => gcpEntryCoversPort((a ?? {}) as Obj, p))))
      .map((f) => f.name);
    if (openRules.length) evidence.push(ev('firewalls', openRules, [], 'ingress rules applying to this VM that open 22/3389 to the internet'));
    return fail(`VM ${r.name} is not the bastion but has an external IP (${external.map((e) => String(e.ip)).join(', ')})${openRules.length ? `, and ${openRules.join(', ')} open 22/3389 to it from the internet` : ''}`, ...evidence);
  },
});
