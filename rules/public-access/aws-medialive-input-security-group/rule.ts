import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, unknown, asArray, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { isOpenToWorld } from '../../../src/lib/network.js';

/**
 * A MediaLive input security group is the allow-list of the push inputs (RTMP, RTP, HLS push) that use it: a
 * WhitelistRules CIDR of 0.0.0.0/0 or ::/0 lets anyone on the internet push a stream into the channel (MediaLive
 * User Guide, input security groups). Corpus (session 13, fixZ): 1 group, from a 0.0.0.0/0 parameter default,
 * labelled fail (scout13): 1:0.
 */
export default defineRule({
  id: 'public-access/aws-medialive-input-security-group',
  control: 'public-access',
  title: 'MediaLive input security groups do not let the whole internet push to inputs',
  severity: 'high',
  risk: 'An input security group open to 0.0.0.0/0 lets anyone who finds the input endpoint push their own stream into the channel and onto air.',
  remediation: {
    text: 'List only the encoders\' public addresses in WhitelistRules.',
    cloudformation: 'Type: AWS::MediaLive::InputSecurityGroup\nProperties:\n  WhitelistRules:\n    - Cidr: 203.0.113.10/32',
  },
  references: [
    'https://docs.aws.amazon.com/medialive/latest/ug/working-with-input-security-groups.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-medialive-inputsecuritygroup.html',
  ],
  types: ['aws.medialive.input-security-group'],
  // No live collector reads MediaLive.
  sources: ['iac'],
  check(r) {
    const rules = get(r.properties, 'WhitelistRules');
    if (isUnresolved(rules)) return unknown(`WhitelistRules depends on ${rules.expression}`, ev('WhitelistRules', rules));
    const verdicts: Verdict[] = [];
    const cidrs: string[] = [];
    asArray(rules).forEach((rule, i) => {
      const path = `WhitelistRules[${i}].Cidr`;
      const cidr = get(rule, 'Cidr');
      if (isUnresolved(cidr)) verdicts.push({ ...unknown(`the allowed range depends on ${cidr.expression}`, ev(path, cidr, 'specific encoder addresses')), subId: path });
      else if (isOpenToWorld(cidr)) verdicts.push({ ...fail(`inputs accept pushes from anyone (${text(cidr)})`, ev(path, cidr, 'specific encoder addresses')), subId: path });
      else if (typeof cidr === 'string') cidrs.push(cidr);
    });
    if (verdicts.length) return verdicts;
    return pass(cidrs.length ? `inputs accept pushes only from ${cidrs.join(', ')}` : 'the group allows no address', ev('WhitelistRules', cidrs, 'specific encoder addresses'));
  },
});
