import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * An IVS channel ingests a broadcaster's stream over RTMPS (TLS) unless InsecureIngest is true,
 * which also accepts plain RTMP: the video and the stream key then cross the internet unencrypted.
 * InsecureIngest defaults to false. scout15 labels InsecureIngest true fail (a plaintext leg a rare
 * service configures, scout12's call). An IVS real-time ingest configuration (AWS::IVS::IngestConfiguration,
 * a stage publisher's RTMP(S) ingest) has the same flag with the same default (fixR, session 12):
 * InsecureIngest true accepts plain RTMP there too.
 */
export default defineRule({
  id: 'tls-min/aws-ivs-channel',
  control: 'tls-min',
  title: 'IVS channels and ingest configurations accept only encrypted (RTMPS) ingest',
  severity: 'medium',
  risk: 'A channel with insecure ingest accepts RTMP in plain text: the broadcast and the stream key that authorizes it can be read or replayed on the path.',
  remediation: {
    text: 'Remove InsecureIngest (or set it false) and have encoders stream to the channel\'s rtmps:// ingest endpoint on port 443.',
    cdk: "new ivs.CfnChannel(this, 'Channel', { name: 'town-hall', insecureIngest: false })",
    cloudformation: 'Type: AWS::IVS::Channel\nProperties:\n  InsecureIngest: false',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ivs-channel.html',
    'https://docs.aws.amazon.com/ivs/latest/LowLatencyAPIReference/API_CreateChannel.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ivs-ingestconfiguration.html',
  ],
  types: ['aws.ivs.channel', 'aws.ivs.ingest-configuration'],
  // No live collector reads IVS.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'InsecureIngest');
    const e = ev('InsecureIngest', raw ?? null, false, raw === undefined || raw === null ? 'omitted: defaults to false (RTMPS only)' : undefined);
    if (raw === undefined || raw === null) return pass('the channel accepts only RTMPS ingest', e);
    const on = asBool(raw);
    if (on === undefined) return fail(`InsecureIngest ${text(raw)} is not a boolean: CloudFormation rejects it`, e);
    return on ? fail('the channel accepts plain RTMP ingest (InsecureIngest true)', e) : pass('the channel accepts only RTMPS ingest', e);
  },
});
