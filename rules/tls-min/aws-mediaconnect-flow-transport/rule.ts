import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { get, ev, pass, fail, unknown, notApplicable, text, must, mustPointer } from '../../../src/evaluate/facts.js';

/** "MediaConnect doesn't support encryption for sources or outputs that use" RIST, RTP or RTP-FEC (Protocols in MediaConnect); UDP and Fujitsu QoS are legacy transports without an encryption option. */
const CLEAR_PROTOCOLS = ['rtp', 'rtp-fec', 'rist', 'udp', 'fujitsu-qos'];
/** Protocols MediaConnect encrypts with a static key (AES-128/192/256) held in Secrets Manager, when the source's Decryption / the output's Encryption says so. */
const KEYED_PROTOCOLS = ['zixi-push', 'zixi-pull', 'srt-listener', 'srt-caller'];
/** Protocols carried only over a VPC interface (CDI, SMPTE ST 2110 JPEG XS, NDI): never over the internet. */
const VPC_PROTOCOLS = ['cdi', 'st2110-jpegxs', 'ndi-speed-hq'];

interface Leg {
  /** Where the leg's settings are, `''` for the resource itself. */
  at: string;
  /** `source` (Decryption) or `output` (Encryption). */
  kind: 'source' | 'output';
}

const LEGS: Record<string, Leg> = {
  'aws.mediaconnect.flow': { at: 'Source.', kind: 'source' },
  'aws.mediaconnect.flow-source': { at: '', kind: 'source' },
  'aws.mediaconnect.flow-output': { at: '', kind: 'output' },
};

/**
 * A MediaConnect flow's standard (non-VPC) sources and outputs cross the public internet to and from
 * the flow's public address, whatever CIDR admits them. RTP, RTP-FEC and RIST cannot be encrypted;
 * Zixi and SRT are encrypted only with a static key (`Decryption` on a source, `Encryption` on an
 * output), SRT also with an SRT passphrase (KeyType srt-password, no Algorithm). A leg over a VPC interface or from an entitlement (another AWS account's flow) stays on
 * AWS's network; an output without a protocol (a router integration) is not read: unknown. scout17 labels an rtp-fec source open to 0.0.0.0/0 fail
 * (the plaintext-leg call of scout12 / vault3); its SRT source and output with AES-256 pass.
 */
export default defineRule({
  id: 'tls-min/aws-mediaconnect-flow-transport',
  control: 'tls-min',
  title: 'MediaConnect flow sources and outputs that cross the internet are encrypted',
  severity: 'medium',
  risk: 'A live video feed sent over RTP, RTP-FEC, RIST, or Zixi / SRT without a key crosses the internet in clear: anyone on the path can watch or record it.',
  remediation: {
    text: 'Use SRT (srt-listener / srt-caller) or Zixi with static-key AES-256 encryption (Decryption on the source, Encryption on the output, the key in Secrets Manager), or carry RTP / RIST only over a VPC interface.',
    cdk: "new mediaconnect.CfnFlowSource(this, 'Feed', { flowArn, name: 'feed', protocol: 'srt-listener', ingestPort: 5000, whitelistCidr, decryption: { algorithm: 'aes256', keyType: 'static-key', roleArn, secretArn } })",
    cloudformation: 'Type: AWS::MediaConnect::FlowSource\nProperties:\n  Protocol: srt-listener\n  Decryption:\n    Algorithm: aes256\n    KeyType: static-key\n    RoleArn: !GetAtt KeyReader.Arn\n    SecretArn: !Ref SrtKey',
  },
  references: [
    'https://docs.aws.amazon.com/mediaconnect/latest/ug/protocols.html',
    'https://docs.aws.amazon.com/mediaconnect/latest/ug/encryption-static-key.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-mediaconnect-flowsource-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-mediaconnect-flow-source.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mediaconnect-flowoutput.html',
  ],
  types: ['aws.mediaconnect.flow', 'aws.mediaconnect.flow-source', 'aws.mediaconnect.flow-output'],
  // No live collector reads MediaConnect: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgeLeg(r, LEGS[r.type]!);
  },
});

function judgeLeg(r: Resource, leg: Leg): Verdict {
  const p = (name: string) => `${leg.at}${name}`;
  const present = (name: string) => mustPointer(r.properties, p(name)) !== undefined;
  if (leg.at && must(get(r.properties, leg.at.slice(0, -1)), leg.at.slice(0, -1)) === undefined)
    return notApplicable('the flow declares no source of its own (its sources are AWS::MediaConnect::FlowSource resources, judged there)', ev(leg.at.slice(0, -1), null));
  if (leg.kind === 'source' && present('EntitlementArn'))
    return pass("the source is an entitlement to another account's flow: the content stays on AWS's network", ev(p('EntitlementArn'), '<entitlement>'));
  const vpc = leg.kind === 'source' ? p('VpcInterfaceName') : p('VpcInterfaceAttachment.VpcInterfaceName');
  const raw = must(get(r.properties, p('Protocol')), p('Protocol'));
  if (raw === undefined || raw === null) {
    if (leg.kind === 'source' && present('GatewayBridgeSource')) return unknown('the source comes from a MediaConnect Gateway bridge, whose transport this rule does not read', ev(p('GatewayBridgeSource'), '<bridge>'));
    return unknown(`the ${leg.kind} names no protocol: how its content travels is not known`, ev(p('Protocol'), null, 'srt-listener, srt-caller or zixi with a static key'));
  }
  const protocol = text(raw).toLowerCase();
  const protocolEv = ev(p('Protocol'), protocol);
  if (mustPointer(r.properties, vpc) !== undefined)
    return pass(`the ${leg.kind} (${protocol}) travels over a VPC interface, not the internet`, protocolEv, ev(vpc, '<VPC interface>'));
  if (VPC_PROTOCOLS.includes(protocol)) return pass(`${protocol} is carried only over a VPC interface`, protocolEv);
  const who = leg.kind === 'source' ? describeCidr(r, p('WhitelistCidr')) : describeDestination(r, p);
  if (CLEAR_PROTOCOLS.includes(protocol))
    return fail(`the ${leg.kind} uses ${protocol}, which MediaConnect cannot encrypt, over the internet${who}: the feed travels in clear`, ev(p('Protocol'), protocol, 'srt-listener, srt-caller or zixi with a static key, or a VPC interface'));
  if (!KEYED_PROTOCOLS.includes(protocol)) return unknown(`protocol ${protocol} is not one this rule knows (MediaConnect names zixi, srt, rist, rtp, rtp-fec, cdi, st2110-jpegxs, ndi-speed-hq)`, protocolEv);
  const keyPath = p(leg.kind === 'source' ? 'Decryption' : 'Encryption');
  const key = must(get(r.properties, keyPath), keyPath);
  if (key === undefined || key === null)
    return fail(`the ${leg.kind} uses ${protocol} over the internet${who} without ${leg.kind === 'source' ? 'Decryption' : 'Encryption'}: the feed travels in clear`, protocolEv, ev(keyPath, null, 'a static key (Algorithm aes256, KeyType static-key)'));
  const algorithm = must(get(key, 'Algorithm'), `${keyPath}.Algorithm`);
  const keyType = must(get(key, 'KeyType'), `${keyPath}.KeyType`);
  // SRT legs may use an SRT passphrase from Secrets Manager instead of a static key; Algorithm "must be left blank" then
  // (CloudFormation reference, Encryption.Algorithm), so the leg is encrypted without one.
  if (protocol.startsWith('srt-') && text(keyType).toLowerCase() === 'srt-password' && (algorithm === undefined || algorithm === null))
    return pass(`the ${leg.kind} uses ${protocol} encrypted with an SRT passphrase from Secrets Manager (KeyType srt-password)`, protocolEv, ev(`${keyPath}.KeyType`, 'srt-password'));
  if (algorithm === undefined || algorithm === null) return unknown(`${keyPath} sets no Algorithm: whether the feed is encrypted is not known`, ev(`${keyPath}.Algorithm`, null, 'aes128, aes192 or aes256'));
  return pass(`the ${leg.kind} uses ${protocol} encrypted with ${text(algorithm)} (${keyType === undefined ? 'static-key' : text(keyType)})`, protocolEv, ev(`${keyPath}.Algorithm`, text(algorithm)));
}

/** `, admitting 0.0.0.0/0` / `, admitting 198.51.100.0/28` for the message; empty when not written. */
function describeCidr(r: Resource, path: string): string {
  const v = get(r.properties, path);
  return typeof v === 'string' ? `, admitting ${v}` : '';
}

function describeDestination(r: Resource, p: (n: string) => string): string {
  const d = get(r.properties, p('Destination'));
  if (typeof d === 'string') return ` to ${d}`;
  const list = get(r.properties, p('CidrAllowList'));
  return Array.isArray(list) && list.every((x) => typeof x === 'string') ? `, pulled by ${list.join(', ')}` : '';
}
