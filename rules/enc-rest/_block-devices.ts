/** Judging EC2 block device mappings (Instance and LaunchTemplate share the shape). */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, asArray, asBool, get } from '../../src/evaluate/facts.js';

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
