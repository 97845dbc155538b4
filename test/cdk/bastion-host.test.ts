import { describe, it, expect } from 'vitest';
import { Template, Annotations, Match } from 'aws-cdk-lib/assertions';
import { Errors } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BastionHost, allowAdminFrom } from '../../cdk/bastion-host.js';
import { newStack, newVpc, vouchCheck, problems, passedRules } from './harness.js';

function build(context: Record<string, unknown> = {}, adminCidrs?: string[]) {
  const stack = newStack(context);
  const vpc = newVpc(stack);
  const bastion = new BastionHost(stack, 'Bastion', { vpc, adminCidrs });
  const appSg = new ec2.SecurityGroup(stack, 'AppSg', { vpc, description: 'app servers' });
  allowAdminFrom(bastion, appSg, { rdp: true });
  return { stack, bastion, appSg };
}

describe('BastionHost', () => {
  it('requires IMDSv2, encrypts its root volume, has no inbound rule without admin CIDRs, and vouch passes it', async () => {
    const { stack } = build();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::EC2::Instance', {
      MetadataOptions: Match.objectLike({ HttpTokens: 'required' }),
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }) }],
      Tags: Match.arrayWith([{ Key: 'Role', Value: 'bastion' }]),
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }],
    });
    // The bastion's own group: no inbound rule (SSM only).
    const groups = t.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^Bastion host') } });
    expect(Object.values(groups)).toHaveLength(1);
    expect((Object.values(groups)[0] as { Properties: Record<string, unknown> }).Properties.SecurityGroupIngress).toBeUndefined();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    const doc = await vouchCheck(stack);
    expect(problems(doc)).toEqual([]);
    expect(passedRules(doc)).toContain('bastion-only/aws-security-group-ingress');
  });

  it('allowAdminFrom grants SSH and RDP to other instances only from the bastion security group', () => {
    const { stack } = build();
    const t = Template.fromStack(stack);
    for (const port of [22, 3389]) {
      t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BastionSecurityGroup'), 'GroupId'] },
      });
    }
    const ingress = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')) as { Properties: Record<string, unknown> }[];
    expect(ingress.every((r) => r.Properties.CidrIp === undefined && r.Properties.CidrIpv6 === undefined)).toBe(true);
  });

  it('admits SSH from the claimed admin CIDRs', async () => {
    const claims = { adminCidrs: ['203.0.113.0/24'] };
    const { stack } = build({ 'vouch:claims': claims });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Bastion host'),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '203.0.113.0/24', FromPort: 22, ToPort: 22 })],
    });
    expect(problems(await vouchCheck(stack, claims))).toEqual([]);
  });

  it.each([['0.0.0.0/0'], ['::/0']])('refuses %s as an admin CIDR', (cidr) => {
    let err: unknown;
    try {
      build({}, [cidr]);
    } catch (e) {
      err = e;
    }
    expect(Errors.isValidationError(err)).toBe(true);
    expect((err as Error).name).toBe('VouchBastionOpenToWorld');
  });
});
