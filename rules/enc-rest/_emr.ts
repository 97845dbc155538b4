/**
 * Amazon EMR: what a security configuration turns on, and where a cluster's
 * primary node lands. Shared by the EMR rules of enc-rest, tls-min,
 * public-access and bastion-only.
 *
 * `AWS::EMR::SecurityConfiguration.SecurityConfiguration` is JSON: a template
 * gives it as an object, as a string holding JSON, or as JSON text built with
 * Fn::Sub / Fn::Join (read by its shape). Its `EncryptionConfiguration` carries
 * the two switches EMR requires, `EnableAtRestEncryption` and
 * `EnableInTransitEncryption`; a configuration without it (authentication or
 * authorization only) encrypts nothing.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { EvidenceItem, Verdict } from '../../src/evaluate/rule.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';
import { isUnresolved, isRef } from '../../src/model/values.js';
import { get, must, known, asBool, asRecord, jsonDocument, ev, pass, fail, unknown, text, nameBeside } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';
import { privateNamedSubnetParameter } from '../../src/lib/network.js';
import { ipv6Reachable } from '../bastion-only/_ipv6.js';

export const EMR_SECURITY_CONFIGURATION_DOCS = 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html';
export const EMR_ENCRYPTION_DOCS = 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html';

const S3_MODES = ['SSE-S3', 'SSE-KMS', 'CSE-KMS', 'CSE-Custom'];
const KEY_PROVIDERS = ['AwsKms', 'Custom'];
const MAX_TEXT = 200_000;

/**
 * The security configuration document as a plain value (computed strings inside
 * stay `Unresolved`). Throws `NeedsValue` (→ unknown) when it cannot be read.
 */
export function securityConfigurationDocument(r: Resource): Record<string, unknown> {
  return asRecord(jsonDocument(r, 'SecurityConfiguration', MAX_TEXT));
}

/**
 * The security configuration a cluster names: `none` when it names none, the
 * template resource it references, or a reason it cannot be read (a name of a
 * configuration outside the scanned templates).
 */
export function clusterSecurityConfiguration(
  cluster: Resource,
  inventory: Inventory,
): { kind: 'none' } | { kind: 'resource'; config: Resource } | { kind: 'outside'; name: string } {
  const raw = get(cluster.properties, 'SecurityConfiguration');
  if (raw === undefined || raw === '') return { kind: 'none' };
  const config = inventory.related(cluster, 'securityConfiguration')[0];
  if (config) return { kind: 'resource', config };
  const name = must(raw, 'SecurityConfiguration');
  return { kind: 'outside', name: isRef(name) ? name.logicalId : text(name) };
}

/**
 * A cluster judged on the security configuration it names, for one kind of encryption (`what`:
 * "at-rest", "in-transit"): no configuration fails with `none`, one outside the scanned templates is
 * unknown, one in the templates is judged by `judge` on its document.
 */
export function judgeClusterConfiguration(
  cluster: Resource,
  inventory: Inventory,
  what: string,
  none: string,
  judge: (doc: Record<string, unknown>, where: string, lead: EvidenceItem[]) => Verdict,
): Verdict {
  const raw = known(cluster, 'SecurityConfiguration');
  const sc = clusterSecurityConfiguration(cluster, inventory);
  if (sc.kind === 'none')
    return fail(`the cluster has no security configuration: ${none}`, ev('SecurityConfiguration', null, `a security configuration with ${what} encryption`, `omitted: a cluster without a security configuration has no ${what} encryption`));
  if (sc.kind === 'outside') return unknown(`security configuration ${sc.name} is not in the scanned templates: its ${what} encryption cannot be read`, ev('SecurityConfiguration', raw));
  return judge(securityConfigurationDocument(sc.config), `${sc.config.location.logicalId ?? sc.config.id}.`, [ev('SecurityConfiguration', raw)]);
}

/** The primary node's public IP as a verdict; `failMessage` words what a public IP breaks for the rule. */
export function judgePrimaryPublicIp(cluster: Resource, inventory: Inventory, failMessage: (why: string) => string): Verdict {
  const ip = emrPrimaryPublicIp(cluster, inventory);
  const subnet = get(cluster.properties, 'Instances.Ec2SubnetId') ?? get(cluster.properties, 'Instances.Ec2SubnetIds') ?? null;
  if ('unknown' in ip) return unknown(`cannot tell whether the primary node gets a public IP: ${ip.unknown}`, ev('Instances.Ec2SubnetId', subnet));
  const evidence = ev('(primary node public address)', ip.value, false, ip.why);
  return ip.value ? fail(failMessage(ip.why), evidence) : pass(`the primary node gets no public IP: ${ip.why}`, evidence);
}

function flag(enc: unknown, key: string, path: string): { value: boolean | undefined; invalid?: string; raw: unknown } {
  const raw = must(get(enc, key), `${path}.${key}`);
  if (raw === undefined) return { value: undefined, raw };
  const b = asBool(raw);
  return b === undefined ? { value: undefined, invalid: text(raw), raw } : { value: b, raw };
}

/** At-rest encryption (FSBP EMR.3): local disks must be encrypted; S3 is judged on its mode. */
export function judgeAtRest(doc: Record<string, unknown>, where: string, requireCmk: boolean, lead: EvidenceItem[] = []): Verdict {
  const base = `${where}SecurityConfiguration.EncryptionConfiguration`;
  const enc = get(doc, 'EncryptionConfiguration');
  if (enc === undefined)
    return fail('the security configuration has no EncryptionConfiguration: local disks, EBS volumes and EMRFS data are not encrypted by EMR', ...lead, ev(base, null, { EnableAtRestEncryption: true }));
  const on = flag(enc, 'EnableAtRestEncryption', base);
  if (on.invalid !== undefined)
    return fail('EnableAtRestEncryption is not a valid value', ...lead, ev(`${base}.EnableAtRestEncryption`, on.raw, true, notAValidValue('EnableAtRestEncryption', on.invalid, 'true, false')));
  if (on.value !== true)
    return fail(
      'at-rest encryption is off: local disks, EBS volumes and EMRFS data in S3 are not encrypted by EMR',
      ...lead,
      ev(`${base}.EnableAtRestEncryption`, on.raw ?? null, true, on.raw === undefined ? 'omitted: EMR requires the switch; without it at-rest encryption is off' : undefined),
    );
  const at = must(get(enc, 'AtRestEncryptionConfiguration'), `${base}.AtRestEncryptionConfiguration`);
  const local = must(get(at, 'LocalDiskEncryptionConfiguration'), `${base}.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration`);
  const s3 = must(get(at, 'S3EncryptionConfiguration'), `${base}.AtRestEncryptionConfiguration.S3EncryptionConfiguration`);
  const localPath = `${base}.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration`;
  const s3Path = `${base}.AtRestEncryptionConfiguration.S3EncryptionConfiguration`;
  if (local === undefined)
    return fail('at-rest encryption covers no local disk: the instance store and EBS volumes of the nodes stay unencrypted', ...lead, ev(localPath, null, 'a key provider (AwsKms or Custom)'));
  const providerRaw = must(get(local, 'EncryptionKeyProviderType'), `${localPath}.EncryptionKeyProviderType`);
  const provider = providerRaw === undefined ? undefined : text(providerRaw);
  if (provider === undefined || !KEY_PROVIDERS.includes(provider))
    return fail(
      provider === undefined ? 'local disk encryption names no key provider' : 'EncryptionKeyProviderType is not a valid value',
      ...lead,
      ev(`${localPath}.EncryptionKeyProviderType`, providerRaw ?? null, KEY_PROVIDERS.join(' or '), provider === undefined ? 'EMR requires a key provider for local disk encryption' : notAValidValue('EncryptionKeyProviderType', provider, KEY_PROVIDERS.join(', '))),
    );
  const ebs = must(get(local, 'EnableEbsEncryption'), `${localPath}.EnableEbsEncryption`);
  const evidence: EvidenceItem[] = [
    ...lead,
    ev(`${base}.EnableAtRestEncryption`, on.raw, true),
    ev(`${localPath}.EncryptionKeyProviderType`, provider),
    ev(`${localPath}.EnableEbsEncryption`, ebs ?? null, undefined, ebs === undefined ? 'omitted: EBS data volumes are encrypted with LUKS by the nodes; the EBS root volume is not encrypted by the configuration' : undefined),
  ];
  let mode: string | undefined;
  if (s3 !== undefined) {
    const modeRaw = must(get(s3, 'EncryptionMode'), `${s3Path}.EncryptionMode`);
    mode = modeRaw === undefined ? undefined : text(modeRaw);
    if (mode === undefined || !S3_MODES.includes(mode))
      return fail('S3 EncryptionMode is not a valid value', ...evidence, ev(`${s3Path}.EncryptionMode`, modeRaw ?? null, S3_MODES.join(' or '), notAValidValue('EncryptionMode', mode ?? 'nothing', S3_MODES.join(', '))));
    evidence.push(ev(`${s3Path}.EncryptionMode`, mode));
  } else {
    evidence.push(ev(s3Path, null, undefined, 'omitted: EMRFS writes with the bucket\'s default encryption (S3 encrypts every new object with SSE-S3 since 2023-01-05)'));
  }
  if (requireCmk && (mode === undefined || mode === 'SSE-S3'))
    return fail('EMRFS data in S3 is encrypted with S3-managed keys, but the claim requires customer-managed keys', ...evidence);
  return pass(`at-rest encryption on: local disks (${provider} keys) and EMRFS data in S3 (${mode ?? 'bucket default, SSE-S3'})`, ...evidence);
}

/**
 * In-transit encryption (FSBP EMR.4). With it, EMR's open-source applications
 * (Hadoop RPC and shuffle, Spark, Tez, Presto/Trino, HBase, Livy, JupyterHub…)
 * talk TLS between nodes and to clients; without it that traffic is plaintext,
 * which breaks a "TLS in transit" promise outright. The security configuration
 * has no TLS-version setting (the release's applications choose), so a TLS 1.3
 * floor cannot be shown: unknown.
 */
export function judgeInTransit(doc: Record<string, unknown>, where: string, floor: TlsVersion, lead: EvidenceItem[] = []): Verdict {
  const base = `${where}SecurityConfiguration.EncryptionConfiguration`;
  const enc = get(doc, 'EncryptionConfiguration');
  if (enc === undefined)
    return fail('the security configuration has no EncryptionConfiguration: traffic between nodes and to clients is plaintext', ...lead, ev(base, null, { EnableInTransitEncryption: true }));
  const on = flag(enc, 'EnableInTransitEncryption', base);
  if (on.invalid !== undefined)
    return fail('EnableInTransitEncryption is not a valid value', ...lead, ev(`${base}.EnableInTransitEncryption`, on.raw, true, notAValidValue('EnableInTransitEncryption', on.invalid, 'true, false')));
  const onEv = ev(`${base}.EnableInTransitEncryption`, on.raw ?? null, true, on.raw === undefined ? 'omitted: EMR requires the switch; without it in-transit encryption is off' : undefined);
  if (on.value !== true) return fail('in-transit encryption is off: traffic between cluster nodes and to clients is plaintext', ...lead, onEv);
  const cert = must(get(enc, 'InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType'), `${base}.InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType`);
  const certEv = ev(`${base}.InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType`, cert ?? null);
  const versions = ev('(TLS versions)', 'chosen by the release\'s applications', `TLS ${floor} or later`, 'the security configuration has no TLS-version setting');
  if (floor === '1.3') return unknown('in-transit encryption is on, but the security configuration cannot require TLS 1.3', ...lead, onEv, certEv, versions);
  return pass('in-transit encryption is on: the cluster\'s applications use TLS between nodes and to clients', ...lead, onEv, certEv, versions);
}

/** Does the cluster's primary node get a public address: a public IPv4 address, or a global IPv6 address the internet can reach? */
export function emrPrimaryPublicIp(cluster: Resource, inventory: Inventory): { value: boolean; why: string } | { unknown: string } {
  const one = get(cluster.properties, 'Instances.Ec2SubnetId');
  const many = get(cluster.properties, 'Instances.Ec2SubnetIds');
  if (one === undefined && (many === undefined || (Array.isArray(many) && many.length === 0)))
    return { value: true, why: 'no Ec2SubnetId: EMR launches the cluster in a default subnet of the default VPC, which assigns public IPv4 addresses' };
  const all = [...(one === undefined ? [] : [one]), ...(Array.isArray(many) ? many : many === undefined ? [] : [many])];
  // A parameter the template names as a private subnet is taken as one (src/lib/network.ts: rule zero, session 14).
  const privateNamed = [...new Set(all.map(privateNamedSubnetParameter).filter((n): n is string => n !== undefined))];
  const given = all.filter((s) => privateNamedSubnetParameter(s) === undefined);
  for (const [i, s] of given.entries()) if (isUnresolved(s)) return { unknown: `subnet ${i} depends on ${s.expression}` };
  const subnets = inventory.related(cluster, 'subnets');
  if (subnets.length < given.length) {
    const missing = given.map((s) => (isRef(s) ? s.logicalId : text(s))).filter((n) => !subnets.some((r) => r.location.logicalId === n));
    return { unknown: `subnet ${missing.join(', ')} is not in the scanned templates` };
  }
  const named = privateNamed.length ? `parameter ${privateNamed.join(', ')}, which the template names as a private subnet` : '';
  const pub = subnets.find((s) => asBool(must(get(s.properties, 'MapPublicIpOnLaunch'), `${s.name ?? s.id}.MapPublicIpOnLaunch`)) === true);
  if (pub) return { value: true, why: `subnet ${nameBeside(pub, cluster)} has MapPublicIpOnLaunch true: the primary node gets a public IP` };
  // fixT: the nodes' interfaces are created in the subnet, so a subnet that assigns IPv6 addresses and routes
  // them to an internet gateway makes the primary node public too (rules/bastion-only/_ipv6.ts).
  for (const s of subnets) {
    const v6 = ipv6Reachable([], s, { inventory });
    if ('unknown' in v6) return { unknown: `subnet ${nameBeside(s, cluster)}: ${v6.unknown}` };
    if (v6.value) return { value: true, why: `subnet ${nameBeside(s, cluster)} gives the primary node a global IPv6 address the internet can reach: ${v6.why}` };
  }
  if (!subnets.length) return { value: false, why: `its subnet is ${named} (taken as mapping no public IPs and routing no IPv6 to the internet)` };
  return { value: false, why: `subnet ${subnets.map((s) => nameBeside(s, cluster)).join(', ')} does not map public IPs (MapPublicIpOnLaunch omitted or false) and gives no IPv6 address the internet can reach${named ? `; ${named}` : ''}` };
}
