import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, asArray, asRecord, tagsOf } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

type Obj = Record<string, unknown>;

/** Instance metadata `items[{key, value}]` as a map (values are already redacted when secret-looking). */
function metadataOf(r: { properties: Obj }): Map<string, string> {
  return new Map(asArray(asRecord(r.properties.metadata).items).map((i) => [String((i as Obj)?.key), String((i as Obj)?.value ?? '')]));
}
const truthy = (v: string | undefined) => v !== undefined && /^(true|1|yes|on)$/i.test(v.trim());

/**
 * CIS GCP 4.1, 4.2, 4.3, 4.5, 4.6, 4.8, 4.11: one verdict per setting
 * (sub-id), so each benchmark control names its own. GKE nodes are managed by
 * GKE: the service-account and SSH-key checks do not apply to them (as in the benchmark).
 */
export default defineRule({
  id: 'platform-hardening/gcp-compute-instance',
  control: 'platform-hardening',
  title: 'VM instances run hardened: own service account without full API scope, no project SSH keys, no serial port, no IP forwarding, Shielded and Confidential VM',
  severity: 'medium',
  risk: 'The default service account with full scope hands every process on the VM editor rights on the project; project-wide SSH keys, the serial console and IP forwarding widen who and what can reach or route through it.',
  remediation: {
    text: 'Give each VM a dedicated service account with only the roles it needs, set block-project-ssh-keys, leave serial-port-enable off, keep canIpForward false, and create VMs as Shielded (and where supported Confidential) VMs.',
    cli: 'gcloud compute instances set-service-account VM --service-account=SA --scopes=cloud-platform; gcloud compute instances add-metadata VM --metadata=block-project-ssh-keys=TRUE',
  },
  references: ['https://cloud.google.com/compute/docs/access/service-accounts', 'https://cloud.google.com/compute/shielded-vm/docs/shielded-vm'],
  types: ['gcp.compute.instance'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const out: Verdict[] = [];
    const add = (subId: string, v: Verdict) => out.push({ ...v, subId });
    const gke = tagsOf(r)['goog-gke-node'] !== undefined || /^gke-/.test(r.name ?? '');
    const sas = asArray(known(r, 'serviceAccounts')) as Obj[];
    const defaultSa = sas.find((s) => /-compute@developer\.gserviceaccount\.com$/.test(String(s?.email)));
    if (gke) {
      add('default-service-account', notApplicable('GKE node: its node pool decides the service account', ev('labels.goog-gke-node', true)));
      add('full-api-access', notApplicable('GKE node: its node pool decides the scopes', ev('labels.goog-gke-node', true)));
    } else {
      const e = ev('serviceAccounts[].email', sas.map((s) => s?.email), 'not the Compute Engine default service account');
      add('default-service-account', defaultSa ? fail(`runs as the default compute service account ${String(defaultSa.email)}`, e) : pass('does not use the default compute service account', e));
      const full = defaultSa && asArray(defaultSa.scopes).some((s) => String(s) === 'https://www.googleapis.com/auth/cloud-platform');
      const es = ev('serviceAccounts[].scopes', defaultSa ? asArray(defaultSa.scopes) : [], 'the default service account without the cloud-platform scope');
      add('full-api-access', full ? fail('the default service account has full access to all Cloud APIs', es) : pass('no default service account with full API access', es));
    }
    const md = metadataOf(r);
    const block = md.get('block-project-ssh-keys');
    const eb = ev('metadata.items[block-project-ssh-keys]', block ?? null, 'true');
    if (gke) add('block-project-ssh-keys', notApplicable('GKE node', eb));
    else add('block-project-ssh-keys', truthy(block) ? pass('project-wide SSH keys are blocked', eb) : fail('project-wide SSH keys can log in to this VM', eb));
    const serial = md.get('serial-port-enable');
    const esp = ev('metadata.items[serial-port-enable]', serial ?? null, 'false', serial === undefined ? 'not set on the VM: the project metadata (not collected) decides' : undefined);
    if (serial === undefined) add('serial-port', unknown('serial port access is not set on the VM; the project-wide setting decides and was not read', esp));
    else add('serial-port', truthy(serial) ? fail('interactive serial port access is enabled', esp) : pass('serial port access is off', esp));
    const fwd = known(r, 'canIpForward');
    add('ip-forwarding', fwd === true ? fail('IP forwarding is enabled', ev('canIpForward', true, false)) : pass('IP forwarding is off', ev('canIpForward', fwd ?? false, false)));
    const shielded = asRecord(known(r, 'shieldedInstanceConfig'));
    const es2 = ev('shieldedInstanceConfig', shielded, { enableVtpm: true, enableIntegrityMonitoring: true });
    add('shielded-vm', shielded.enableVtpm === true && shielded.enableIntegrityMonitoring === true ? pass('Shielded VM with vTPM and integrity monitoring', es2) : fail('not a Shielded VM with vTPM and integrity monitoring on', es2));
    const conf = asRecord(known(r, 'confidentialInstanceConfig'));
    const ec = ev('confidentialInstanceConfig.enableConfidentialCompute', conf.enableConfidentialCompute ?? null, true);
    add('confidential-computing', conf.enableConfidentialCompute === true || typeof conf.confidentialInstanceType === 'string' ? pass('Confidential VM', ec) : fail('Confidential Computing is off', ec));
    return out;
  },
});
