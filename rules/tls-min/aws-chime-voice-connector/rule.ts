import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * An Amazon Chime SDK Voice Connector carries SIP signalling and call media between a phone system and
 * AWS. RequireEncryption (a required property) true makes it use TLS for SIP and Secure RTP for media
 * and block unencrypted outbound calls; false lets both cross the network in clear. The value is
 * explicit in every valid template, so no default or judgement decides: false fails.
 * Corpus (session 12, fixR): no AWS::Chime::VoiceConnector in any set, so no label speaks either way.
 */
export default defineRule({
  id: 'tls-min/aws-chime-voice-connector',
  control: 'tls-min',
  title: 'Chime SDK Voice Connectors require encryption (TLS signalling, SRTP media)',
  severity: 'medium',
  risk: 'Without RequireEncryption, SIP signalling (numbers dialled, credentials of the trunk) and the audio of calls can travel unencrypted and be read or altered on the path.',
  remediation: {
    text: 'Set RequireEncryption to true and have the SIP infrastructure connect over TLS (port 5061) with SRTP media.',
    cdk: "new chime.CfnVoiceConnector(this, 'Trunk', { name: 'pbx-trunk', requireEncryption: true })",
    cloudformation: 'Type: AWS::Chime::VoiceConnector\nProperties:\n  Name: pbx-trunk\n  RequireEncryption: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-chime-voiceconnector.html',
    'https://docs.aws.amazon.com/chime-sdk/latest/ag/create-voicecon.html',
  ],
  types: ['aws.chime.voice-connector'],
  // No live collector reads Chime.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'RequireEncryption');
    const e = ev('RequireEncryption', raw ?? null, true);
    if (raw === undefined || raw === null)
      return unknown('RequireEncryption is missing: it is required, so the template does not deploy as written and no setting can be read', e);
    const on = asBool(raw);
    if (on === undefined) return unknown(`RequireEncryption ${text(raw)} is not a boolean`, e);
    return on
      ? pass('the voice connector requires TLS signalling and SRTP media', e)
      : fail('the voice connector allows unencrypted SIP signalling and media (RequireEncryption false)', e);
  },
});
