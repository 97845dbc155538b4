/** Judging EC2 block device mappings (Instance and LaunchTemplate share the shape). */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, notApplicable, asArray, asBool, get } from '../../src/evaluate/facts.js';
import { launchTemplateFor } from '../../src/lib/launch-templates.js';

/** Judge `BlockDeviceMappings` at `path`; `what` names the resource kind in messages. */
export function judgeBlockDevices(r: Resource, path: string, what: string): Verdict {
  return judgeMappings(r, asArray(known(r, path)).map((m, i) => ({ mapping: m, at: `${path}[${i}]` })), path, what);
}

/** One block device mapping and the evidence path it was read at. */
export interface PlacedMapping {
  mapping: unknown;
  at: string;
}

/**
 * Judge a list of block device mappings gathered from one or more places (an
 * instance merged with its launch template); `path` names the list in evidence.
 */
export function judgeMappings(r: Resource, placed: readonly PlacedMapping[], path: string, what: string): Verdict {
  const mappings = placed.map((p) => p.mapping);
  const byDefault = asBool(get(r.properties, 'Live.EbsEncryptionByDefault'));
  if (mappings.length === 0) {
    if (byDefault === true)
      return pass(`${what} names no block devices; EBS encryption by default is on in this account and region`, ev('Live.EbsEncryptionByDefault', true, true));
    // Same reading as enc-rest/aws-ec2-volume: the template does not encrypt it; public AMIs have unencrypted snapshots.
    return fail(
      `the template does not encrypt this ${what}'s root volume: it is encrypted only if the AMI's snapshot is, or EBS encryption by default is on in the target account and region`,
      ev(path, null, 'BlockDeviceMappings[].Ebs.Encrypted: true', 'omitted: the AMI decides the root volume; map the root device with Encrypted: true'),
    );
  }
  const evidence = [];
  const bad: string[] = [];
  let ebsCount = 0;
  for (let i = 0; i < mappings.length; i++) {
    const m = (mappings[i] ?? {}) as Record<string, unknown>;
    const at = placed[i]!.at;
    const ebs = must(m.Ebs, `${at}.Ebs`);
    if (ebs === undefined || ebs === null) continue; // instance-store (VirtualName) or NoDevice: no EBS volume
    ebsCount++;
    const raw = must((ebs as Record<string, unknown>).Encrypted, `${at}.Ebs.Encrypted`);
    const device = String(m.DeviceName ?? `#${i}`);
    if (asBool(raw) === true) {
      evidence.push(ev(`${at}.Ebs.Encrypted`, raw, true));
      continue;
    }
    if (raw === undefined && byDefault === true) {
      evidence.push(ev(`${at}.Ebs.Encrypted`, null, true, 'omitted, but EBS encryption by default is on in this account and region'));
      continue;
    }
    bad.push(device);
    evidence.push(
      ev(`${at}.Ebs.Encrypted`, raw ?? null, true, raw === undefined ? 'omitted: encrypted only if the snapshot is, or EBS encryption by default is on, which the template cannot show' : undefined),
    );
  }
  if (ebsCount === 0) return pass(`${what} maps no EBS volumes (instance store or NoDevice only)`, ev(path, `${mappings.length} mappings`, 'no unencrypted EBS volume'));
  if (bad.length) return fail(`${what} maps EBS volumes the template does not encrypt: ${bad.join(', ')}`, ...evidence);
  return pass(`${what} encrypts every EBS volume it maps (${ebsCount})`, ...evidence);
}

/**
 * Resources judged with their launch template's mappings merged in: a template that maps no volume
 * and is launched only by these has no verdict of its own (enc-rest/aws-ec2-launch-template).
 */
export const JUDGED_WITH_LAUNCH_TEMPLATE: ReadonlySet<string> = new Set(['aws.ec2.instance', 'aws.batch.compute-environment', 'aws.eks.nodegroup']);

/**
 * The volumes of instances a service launches for you (a Batch compute environment, an EKS managed
 * node group), named by the launch template specification at `specPath`. Without one, the service
 * boots its own AMI with a root volume the template does not encrypt: the same reading as an
 * instance without block device mappings (fail unless EBS encryption by default is shown on). With a
 * launch template in the same stack that maps volumes, they are judged once, on the template
 * (enc-rest/aws-ec2-launch-template: not-applicable here); one that maps none leaves the AMI's root
 * volume (fail here; the template rule then says not-applicable); a template from outside the stack is unknown.
 */
export function judgeLaunchedVolumes(r: Resource, inventory: Inventory, specPath: string, what: string): Verdict {
  const spec = known(r, specPath);
  if (spec === undefined || spec === null) {
    const byDefault = asBool(get(r.properties, 'Live.EbsEncryptionByDefault'));
    if (byDefault === true) return pass(`the ${what} launches instances with the service's default volumes; EBS encryption by default is on in this account and region`, ev('Live.EbsEncryptionByDefault', true, true));
    return fail(
      `the ${what} names no launch template: its instances boot with the service's default root volume, which the template does not encrypt (encrypted only if the AMI's snapshot is, or EBS encryption by default is on in the target account and region)`,
      ev(specPath, null, 'a launch template whose BlockDeviceMappings[].Ebs.Encrypted is true (root device included)', 'omitted: the service launches its AMI with an unencrypted default root volume'),
    );
  }
  const lt = typeof spec === 'object' ? launchTemplateFor(r, spec as Record<string, unknown>, inventory) : undefined;
  if (!lt) return unknown(`the ${what} launches from a launch template defined outside this template: its block devices are not in it`, ev(specPath, spec));
  const ltName = lt.location.logicalId ?? lt.name ?? lt.id;
  const ltPath = `LaunchTemplate(${ltName}).LaunchTemplateData.BlockDeviceMappings`;
  const mappings = asArray(must(get(lt.properties, 'LaunchTemplateData.BlockDeviceMappings'), ltPath));
  // The volumes the template maps are judged once, on the template; one that maps none leaves the AMI's root volume, judged here.
  if (mappings.length) return notApplicable(`the ${what} launches from launch template ${ltName}, whose volumes enc-rest/aws-ec2-launch-template judges`, ev(specPath, spec));
  return judgeMappings(r, [], ltPath, what);
}

/**
 * EBS volumes a service creates with no encryption option of its own (an OpsWorks instance's EBS
 * root device and block device mappings, whose EbsBlockDevice has no Encrypted field): encrypted
 * only when EBS encryption by default is on in the account and region, which only a live read can
 * show. The same reading as an instance whose template does not encrypt its volumes.
 */
export function judgeUnencryptableVolumes(r: Resource, volumes: readonly string[], what: string, ...evidence: ReturnType<typeof ev>[]): Verdict {
  const byDefault = asBool(get(r.properties, 'Live.EbsEncryptionByDefault'));
  if (byDefault === true) return pass(`the ${what}'s EBS volumes (${volumes.join(', ')}) are encrypted: EBS encryption by default is on in this account and region`, ...evidence, ev('Live.EbsEncryptionByDefault', true, true));
  return fail(
    `the ${what} creates EBS volumes it has no option to encrypt (${volumes.join(', ')}): they are encrypted only if EBS encryption by default is on in the target account and region, which the template cannot show`,
    ...evidence,
    ev('Live.EbsEncryptionByDefault', null, true, 'not shown by a template: turn on EBS encryption by default in every account and region that runs it'),
  );
}
