import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, must, text } from '../../../src/evaluate/facts.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { isUnresolved } from '../../../src/model/values.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { adminIngressProblem } from '../_ingress.js';
import { keyPairParameter } from '../_key-pair.js';
import { beanstalkOptions, ebBool, EB_OPTIONS_DOCS } from '../../https-redirect/_beanstalk.js';

const NS = 'aws:autoscaling:launchconfiguration';

/**
 * An environment with an EC2 key pair gets an SSH rule on the security group
 * Beanstalk creates for its instances: from 0.0.0.0/0 unless
 * SSHSourceRestriction (`protocol, fromPort, toPort, source`) narrows it to a
 * CIDR or a security group, which is then judged like any ingress entry.
 */
export default defineRule({
  id: 'bastion-only/aws-elasticbeanstalk-environment-ssh',
  control: 'bastion-only',
  title: 'Elastic Beanstalk instances admit SSH only from the bastion',
  severity: 'high',
  risk: 'With EC2KeyName and no SSHSourceRestriction, Beanstalk opens port 22 on its instances to the whole internet; administrative access no longer has to pass through the bastion.',
  remediation: {
    text: 'Drop EC2KeyName and use SSM Session Manager, or set SSHSourceRestriction to the bastion\'s security group (tcp, 22, 22, sg-…) or the admin CIDR.',
    cdk: "new elasticbeanstalk.CfnEnvironment(this, 'Env', { ..., optionSettings: [{ namespace: 'aws:autoscaling:launchconfiguration', optionName: 'SSHSourceRestriction', value: `tcp, 22, 22, ${bastionSg.securityGroupId}` }] })",
    cloudformation: "OptionSettings:\n  - { Namespace: 'aws:autoscaling:launchconfiguration', OptionName: SSHSourceRestriction, Value: !Sub 'tcp, 22, 22, ${BastionSg.GroupId}' }",
  },
  references: [EB_OPTIONS_DOCS, 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.managing.ec2.html'],
  types: ['aws.elasticbeanstalk.environment'],
  // The live collector does not read Elastic Beanstalk.
  sources: ['iac'],
  check(r, ctx) {
    const o = beanstalkOptions(r, ctx.inventory);
    const key = o.get(NS, 'EC2KeyName');
    // A KeyPair-typed parameter is always the name of an existing key pair: a key is set, whichever.
    const keyParam = key === undefined ? undefined : keyPairParameter(key.value, r, ctx.inventory);
    // Any other value the template leaves open may be empty (no key): judged as set, and what would fail is unknown;
    // a restriction that keeps SSH to the bastion or private space passes whatever the key.
    const hidden = key !== undefined && keyParam === undefined && isUnresolved(key.value) ? key.value.expression : undefined;
    const keyName = key === undefined ? undefined : keyParam !== undefined ? `<Ref ${keyParam}: an AWS::EC2::KeyPair::KeyName parameter>` : hidden !== undefined ? `<${hidden}>` : must(key.value, key.path);
    const failOrOpen = (msg: string, ...evidence: EvidenceItem[]) => (hidden !== undefined ? unknown(`if a key pair is set (EC2KeyName depends on ${hidden}): ${msg}`, ...evidence) : fail(msg, ...evidence));
    if (keyName === undefined || keyName === '') {
      if (o.outside) return unknown(`no EC2KeyName here, but ${o.outside}: a key pair may be set there`, ev(`${NS} EC2KeyName`, null));
      return pass('no EC2 key pair: Beanstalk adds no SSH rule to its instances\' security group', ev(`${NS} EC2KeyName`, null, undefined, 'omitted: no SSH key, no SSH rule'));
    }
    const keyEv = ev(key!.path, keyName);
    const disabled = ebBool(o, NS, 'DisableDefaultEC2SecurityGroup', false);
    if (disabled.value === true)
      return pass('Beanstalk creates no security group of its own (DisableDefaultEC2SecurityGroup): the groups in SecurityGroups decide SSH, judged as security groups', keyEv, ev(disabled.path, disabled.raw, true));
    const restriction = o.get(NS, 'SSHSourceRestriction');
    if (restriction === undefined) {
      if (o.outside) return unknown(`EC2KeyName is set and no SSHSourceRestriction here, but ${o.outside}`, keyEv);
      return failOrOpen('EC2KeyName is set without SSHSourceRestriction: Beanstalk opens SSH (22) to 0.0.0.0/0 on the instances\' security group', keyEv, ev(`${NS} SSHSourceRestriction`, null, 'the bastion\'s security group or the admin CIDR', 'omitted: SSH is open to 0.0.0.0/0'));
    }
    const raw = text(must(restriction.value, restriction.path));
    const parts = raw.split(',').map((s) => s.trim());
    const valid = parts.length === 4 && /^\d+$/.test(parts[1]!) && /^\d+$/.test(parts[2]!) && parts[3] !== '';
    if (!valid)
      return failOrOpen('SSHSourceRestriction is not a valid value', keyEv, ev(restriction.path, raw, 'protocol, fromPort, toPort, source', notAValidValue('SSHSourceRestriction', raw, '"protocol, fromPort, toPort, CIDR or security group"')));
    const [proto, from, to, source] = parts as [string, string, string, string];
    const isCidr = /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(source);
    const entry: Record<string, unknown> = { IpProtocol: proto, FromPort: Number(from), ToPort: Number(to), ...(isCidr ? (source.includes(':') ? { CidrIpv6: source } : { CidrIp: source }) : { SourceSecurityGroupId: source }) };
    const problem = adminIngressProblem(entry, '', r, undefined, undefined, ctx);
    const restrictionEv = ev(restriction.path, raw, 'the bastion\'s security group or the admin CIDR');
    if (!problem) return pass(`SSH to the instances is restricted to ${source}`, keyEv, restrictionEv);
    const msg = `SSHSourceRestriction admits SSH from ${problem.source}: ${problem.why}`;
    return problem.status === 'fail' ? failOrOpen(msg, keyEv, restrictionEv) : unknown(msg, keyEv, restrictionEv);
  },
});
