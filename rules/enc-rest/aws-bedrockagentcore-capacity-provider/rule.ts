import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, asArray, asBool, asRecord, text } from '../../../src/evaluate/facts.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';

const EC2 = 'ComputeConfiguration.Ec2Configuration';

/**
 * A Bedrock AgentCore capacity provider runs agent runtimes on EC2 instances in the account, with a
 * service-managed root volume (Ec2Configuration.RootVolume) and named EBS volumes (Ec2Configuration.Volumes).
 * The CloudFormation reference documents Volumes[].EbsConfiguration.Encrypted as defaulting to true: an
 * explicit false fails, omitted passes. For RootVolume.Encrypted it documents no default, so an explicit
 * false fails and an omitted flag is unknown (the account's EBS encryption-by-default may or may not apply).
 * Corpus (session 12, fixR): no AWS::BedrockAgentCore::CapacityProvider in any set.
 */
export default defineRule({
  id: 'enc-rest/aws-bedrockagentcore-capacity-provider',
  control: 'enc-rest',
  title: 'Bedrock AgentCore capacity providers encrypt their EBS volumes',
  severity: 'high',
  risk: 'An unencrypted root or data volume keeps what agent runtimes write to disk (prompts, tool output, credentials cached by tools) readable from the volume and its snapshots.',
  remediation: {
    text: 'Set Encrypted: true on RootVolume and leave Encrypted out (or true) on every Volumes[].EbsConfiguration; add KmsKeyId to use a key of your own.',
    cdk: "new bedrockagentcore.CfnCapacityProvider(this, 'Capacity', { computeConfiguration: { ec2Configuration: { rootVolume: { encrypted: true }, ... } }, ... })",
    cloudformation: 'ComputeConfiguration:\n  Ec2Configuration:\n    RootVolume:\n      Encrypted: true\n    Volumes:\n      - EbsConfiguration:\n          Name: scratch\n          Encrypted: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-capacityprovider.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-bedrockagentcore-capacityprovider-ebsvolumeconfiguration.html',
  ],
  types: ['aws.bedrockagentcore.capacity-provider'],
  // No live collector reads Bedrock AgentCore.
  sources: ['iac'],
  check(r) {
    const evidence: EvidenceItem[] = [];
    const plain: string[] = [];
    let open = '';
    const volumes = asArray(known(r, `${EC2}.Volumes`));
    volumes.forEach((v, i) => {
      const path = `${EC2}.Volumes[${i}].EbsConfiguration.Encrypted`;
      const ebs = asRecord(must(asRecord(must(v, `${EC2}.Volumes[${i}]`)).EbsConfiguration, `${EC2}.Volumes[${i}].EbsConfiguration`));
      const raw = must(ebs.Encrypted, path);
      const on = raw === undefined || raw === null ? true : asBool(raw);
      evidence.push(ev(path, raw ?? null, true, raw === undefined || raw === null ? 'omitted: defaults to true' : undefined));
      if (on === false) plain.push(text(ebs.Name ?? `volume ${i}`));
      else if (on === undefined) open ||= `${path} ${text(raw)} is not a boolean`;
    });
    const root = known(r, `${EC2}.RootVolume.Encrypted`);
    const rootOn = root === undefined || root === null ? undefined : asBool(root);
    evidence.push(ev(`${EC2}.RootVolume.Encrypted`, root ?? null, true, root === undefined || root === null ? 'omitted: no documented default' : undefined));
    if (rootOn === false) plain.unshift('the root volume');
    if (plain.length) return fail(`unencrypted EBS volume(s): ${plain.join(', ')}`, ...evidence);
    if (open) return unknown(open, ...evidence);
    if (rootOn === undefined)
      return unknown('the root volume\'s encryption is not set and the reference documents no default', ...evidence);
    return pass('the root volume and every named volume are encrypted', ...evidence);
  },
});
