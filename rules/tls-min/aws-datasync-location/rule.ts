import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const EFS_MODES = ['NONE', 'TLS1_2'];
const PROTOCOLS = ['HTTP', 'HTTPS'];
const SMB_VERSIONS = ['AUTOMATIC', 'SMB1', 'SMB2_0', 'SMB2', 'SMB3'];
/** SMB dialects before 3.0 have no encryption: pinning one keeps every transfer in plain text. */
const SMB_NO_ENCRYPTION: Record<string, string> = { SMB1: 'SMB 1.0', SMB2_0: 'SMB 2.0', SMB2: 'SMB 2.1' };
/** HDFS quality of protection (hadoop.rpc.protection, dfs.data.transfer.protection): only PRIVACY encrypts. */
const QOP_LEVELS = ['DISABLED', 'AUTHENTICATION', 'INTEGRITY', 'PRIVACY'];
const QOP_MEANING: Record<string, string> = {
  DISABLED: 'no protection',
  AUTHENTICATION: 'authentication only, no encryption',
  INTEGRITY: 'authentication and integrity checks, no encryption',
};

/**
 * How DataSync reaches a storage system it copies from or to, where the location says it:
 * - EFS (`InTransitEncryption`): NONE (the API default) mounts the file system without TLS; TLS1_2 encrypts.
 * - Object storage (`ServerProtocol`): HTTP is plain text (AWS Config
 *   datasync-location-object-storage-using-https); HTTPS is the default.
 * - SMB (`MountOptions.Version`): a version pinned below SMB 3 (SMB1, SMB2_0, SMB2) cannot encrypt;
 *   AUTOMATIC (the default) negotiates 2.1–3.1.1 with the server and SMB3 pins 3.0.2, where the file
 *   server's own setting decides encryption, so they pass with that said.
 * - HDFS (`QopConfiguration`): the quality of protection DataSync uses for RPC to the NameNode
 *   (`RpcProtection`, hadoop.rpc.protection) and for block transfers to the DataNodes
 *   (`DataTransferProtection`, dfs.data.transfer.protection). Only PRIVACY encrypts (SASL
 *   confidentiality); AUTHENTICATION and INTEGRITY carry the data readable, DISABLED has no SASL at all.
 *   Omitted, both are PRIVACY; one set, the other "assumes the same value" (CloudFormation reference).
 * NFS locations name no transport setting DataSync applies: not judged here.
 */
export default defineRule({
  id: 'tls-min/aws-datasync-location',
  control: 'tls-min',
  title: 'DataSync locations are reached over an encrypted transport',
  severity: 'medium',
  risk: 'Without TLS (EFS, object storage) or with an SMB version that cannot encrypt, every file a task copies crosses the network in plain text, with the object-storage keys or SMB credentials.',
  remediation: {
    text: 'EFS locations: InTransitEncryption TLS1_2. Object-storage locations: ServerProtocol HTTPS (with ServerCertificate for a private CA). SMB locations: keep MountOptions.Version AUTOMATIC or SMB3 and require encryption on the file server. HDFS locations: QopConfiguration RpcProtection and DataTransferProtection PRIVACY (the default), matching hadoop.rpc.protection and dfs.data.transfer.protection on the cluster.',
    cloudformation: 'Type: AWS::DataSync::LocationEFS\nProperties:\n  EfsFilesystemArn: !GetAtt FileSystem.Arn\n  InTransitEncryption: TLS1_2',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-datasync-locationefs.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-datasync-locationobjectstorage.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-datasync-locationsmb-mountoptions.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/datasync-location-object-storage-using-https.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-datasync-locationhdfs-qopconfiguration.html',
    'https://docs.aws.amazon.com/datasync/latest/userguide/API_QopConfiguration.html',
  ],
  types: ['aws.datasync.location-efs', 'aws.datasync.location-object-storage', 'aws.datasync.location-smb', 'aws.datasync.location-hdfs'],
  // The live collector does not read DataSync.
  sources: ['iac'],
  check(r) {
    if (r.type === 'aws.datasync.location-efs') {
      const raw = known(r, 'InTransitEncryption');
      const mode = raw === undefined ? 'NONE' : text(raw);
      const e = ev('InTransitEncryption', raw ?? null, 'TLS1_2', raw === undefined ? 'omitted: DataSync mounts the file system without TLS (NONE)' : undefined);
      if (!EFS_MODES.includes(mode)) return fail(`InTransitEncryption ${mode} is not a valid value`, { ...e, note: notAValidValue('InTransitEncryption', mode, EFS_MODES.join(', ')) });
      return mode === 'TLS1_2' ? pass('DataSync mounts the EFS file system over TLS 1.2', e) : fail('DataSync mounts the EFS file system without TLS', e);
    }
    if (r.type === 'aws.datasync.location-object-storage') {
      const raw = known(r, 'ServerProtocol');
      const protocol = raw === undefined ? 'HTTPS' : text(raw);
      const e = ev('ServerProtocol', raw ?? null, 'HTTPS', raw === undefined ? 'omitted: DataSync uses HTTPS' : undefined);
      if (!PROTOCOLS.includes(protocol)) return fail(`ServerProtocol ${protocol} is not a valid value`, { ...e, note: notAValidValue('ServerProtocol', protocol, PROTOCOLS.join(', ')) });
      return protocol === 'HTTPS' ? pass('DataSync reaches the object storage server over HTTPS', e) : fail('DataSync reaches the object storage server over plain HTTP', e);
    }
    if (r.type === 'aws.datasync.location-hdfs') return judgeQop(known(r, 'QopConfiguration.RpcProtection'), known(r, 'QopConfiguration.DataTransferProtection'));
    const raw = known(r, 'MountOptions.Version');
    const version = raw === undefined ? 'AUTOMATIC' : text(raw);
    const e = ev('MountOptions.Version', raw ?? null, 'AUTOMATIC or SMB3', raw === undefined ? 'omitted: AUTOMATIC, the highest version both sides support between SMB 2.1 and 3.1.1' : undefined);
    if (!SMB_VERSIONS.includes(version)) return fail(`SMB version ${version} is not a valid value`, { ...e, note: notAValidValue('Version', version, SMB_VERSIONS.join(', ')) });
    const old = SMB_NO_ENCRYPTION[version];
    if (old) return fail(`the SMB location is pinned to ${old}, which cannot encrypt`, e);
    return pass(`SMB ${version === 'SMB3' ? '3.0.2' : 'negotiated up to 3.1.1'}: encryption is possible, and the file server's setting decides it`, e);
  },
});

/** An HDFS location's two protection levels, each defaulting to the other when only one is set, and to PRIVACY. */
function judgeQop(rpcRaw: unknown, dataRaw: unknown): Verdict {
  const rpc = rpcRaw === undefined ? (dataRaw === undefined ? 'PRIVACY' : text(dataRaw)) : text(rpcRaw);
  const data = dataRaw === undefined ? rpc : text(dataRaw);
  const note = (raw: unknown, other: unknown) => (raw !== undefined ? undefined : other !== undefined ? 'omitted: assumes the value of the other setting' : 'omitted: PRIVACY');
  const evidence = [
    ev('QopConfiguration.RpcProtection', rpcRaw ?? null, 'PRIVACY', note(rpcRaw, dataRaw)),
    ev('QopConfiguration.DataTransferProtection', dataRaw ?? null, 'PRIVACY', note(dataRaw, rpcRaw)),
  ];
  for (const [name, v] of [['RpcProtection', rpc], ['DataTransferProtection', data]] as const)
    if (!QOP_LEVELS.includes(v)) return fail(`${name} ${v} is not a valid value`, { ...evidence[name === 'RpcProtection' ? 0 : 1]!, note: notAValidValue(name, v, QOP_LEVELS.join(', ')) });
  const weak = [
    ...(rpc !== 'PRIVACY' ? [`RPC to the NameNode with ${rpc} (${QOP_MEANING[rpc]})`] : []),
    ...(data !== 'PRIVACY' ? [`block transfers to the DataNodes with ${data} (${QOP_MEANING[data]})`] : []),
  ];
  if (weak.length) return fail(`DataSync reaches the Hadoop cluster unencrypted: ${weak.join('; ')}`, ...evidence);
  return pass('DataSync reaches the Hadoop cluster with PRIVACY protection (SASL encryption) for RPC and block transfers', ...evidence);
}
