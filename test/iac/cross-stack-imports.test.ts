/**
 * `Fn::ImportValue` resolved against the `Outputs` exports of the other
 * templates of the same run (src/sources/iac/exports.ts): literal exports stay
 * literals, a `Ref`/`GetAtt` of a resource becomes a reference to that
 * resource in the exporting stack (relations and rules cross stacks), and a
 * name exported by no stack or by several stays unresolved.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { isRef, isUnresolved } from '../../src/model/values.js';
import { get } from '../../src/evaluate/facts.js';
import type { Inventory } from '../../src/model/inventory.js';

const rules = await loadRules();

/** Load the named templates (file name → YAML/JSON text) as one run. */
function run<T>(files: Record<string, string>, use: (inv: Inventory) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-imports-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return use(loadIac(Object.keys(files).map((f) => join(dir, f)), { region: 'eu-west-1' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function judge(inv: Inventory, ruleId: string) {
  const rule = rules.find((r) => r.id === ruleId)!;
  return evaluate(inv, [rule], { controls: [rule.control], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } }).map((f) => ({
    id: f.resource.id,
    status: f.status,
    message: f.message,
  }));
}

/** A network stack exporting a public subnet and an SSH-open security group under `${AWS::StackName}-…` names. */
const network = (mapPublic = true) => `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: ${mapPublic} }
  AdminSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]
Outputs:
  SubnetOut: { Value: !Ref PublicSubnet, Export: { Name: !Sub '\${AWS::StackName}-PublicSubnet' } }
  SgOut: { Value: !GetAtt AdminSg.GroupId, Export: { Name: !Sub '\${AWS::StackName}-AdminSg' } }
`;

/** An app stack importing them by a stack-name parameter, the name built with `Fn::Sub` or `Fn::Join`. */
const app = (nameOf: (what: string) => string, stackDefault = 'network') => `
Parameters:
  NetworkStackName: { Type: String, Default: ${stackDefault} }
Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: { 'Fn::ImportValue': ${nameOf('PublicSubnet')} }
      SecurityGroupIds: [{ 'Fn::ImportValue': ${nameOf('AdminSg')} }]
`;
const bySub = (what: string) => `!Sub '\${NetworkStackName}-${what}'`;
const byJoin = (what: string) => `!Join ['-', [!Ref NetworkStackName, ${what}]]`;

describe('Fn::ImportValue across the stacks of one run', () => {
  it('a hand-written Fn::Sub import names the exporting stack by its parameter: relations and the public-IP rule cross stacks', () => {
    run({ 'network.yaml': network(), 'app.yaml': app(bySub) }, (inv) => {
      const host = inv.get('app/Host')!;
      expect(inv.related(host, 'subnet').map((r) => r.id)).toEqual(['network/PublicSubnet']);
      expect(inv.related(host, 'securityGroups').map((r) => r.id)).toEqual(['network/AdminSg']);
      expect(inv.related(inv.get('network/PublicSubnet')!, 'instances').map((r) => r.id)).toEqual(['app/Host']);
      const f = judge(inv, 'bastion-only/aws-ec2-instance-public-ip');
      expect(f).toEqual([expect.objectContaining({ id: 'app/Host', status: 'fail' })]);
      // Coverage names the stack each import came from.
      expect(inv.coverage.notCollected).toContainEqual(
        expect.objectContaining({ what: expect.stringMatching(/app\.yaml: Fn::ImportValue "network-PublicSubnet"$/), why: expect.stringMatching(/^resolved from the export of stack network \(.*network\.yaml, Outputs\.SubnetOut\)$/) }),
      );
    });
  });

  it('the same import of a private subnet passes: the verdict follows the exported resource', () => {
    run({ 'network.yaml': network(false), 'app.yaml': app(bySub) }, (inv) => {
      expect(judge(inv, 'bastion-only/aws-ec2-instance-public-ip')).toEqual([expect.objectContaining({ id: 'app/Host', status: 'pass' })]);
    });
  });

  it('an import name built with Fn::Join resolves the same way', () => {
    run({ 'network.yaml': network(), 'app.yaml': app(byJoin) }, (inv) => {
      expect(inv.related(inv.get('app/Host')!, 'subnet').map((r) => r.id)).toEqual(['network/PublicSubnet']);
      expect(judge(inv, 'bastion-only/aws-ec2-instance-public-ip')[0]!.status).toBe('fail');
    });
  });

  it('alone, the app template keeps its imports unresolved (unknown), as before', () => {
    run({ 'app.yaml': app(bySub) }, (inv) => {
      const host = inv.get('app/Host')!;
      expect(isUnresolved(host.properties.SubnetId)).toBe(true);
      expect((host.properties.SubnetId as { expression: string }).expression).toBe('Fn::ImportValue {"Fn::Sub":"${NetworkStackName}-PublicSubnet"}');
      expect(inv.related(host, 'subnet')).toEqual([]);
      expect(judge(inv, 'bastion-only/aws-ec2-instance-public-ip')[0]!.status).toBe('unknown');
      expect(inv.coverage.notCollected ?? []).not.toContainEqual(expect.objectContaining({ what: expect.stringMatching(/ImportValue/) }));
    });
  });

  it('an import whose name no stack exports stays unresolved, unchanged (a parameter naming another stack)', () => {
    run({ 'network.yaml': network(), 'app.yaml': app(bySub, 'shared-network') }, (inv) => {
      const host = inv.get('app/Host')!;
      expect(isUnresolved(host.properties.SubnetId)).toBe(true);
      expect((host.properties.SubnetId as { expression: string }).expression).toBe('Fn::ImportValue {"Fn::Sub":"${NetworkStackName}-PublicSubnet"}');
      expect(judge(inv, 'bastion-only/aws-ec2-instance-public-ip')[0]!.status).toBe('unknown');
    });
  });

  it('a name two stacks export is not resolved to either, and coverage says so', () => {
    const twin = (mapPublic: boolean) => `
Resources:
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: ${mapPublic} } }
Outputs:
  Out: { Value: !Ref Subnet, Export: { Name: shared-Subnet } }
`;
    const importer = `
Resources:
  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !ImportValue shared-Subnet } }
`;
    run({ 'a.yaml': twin(true), 'b.yaml': twin(false), 'app.yaml': importer }, (inv) => {
      const host = inv.get('app/Host')!;
      expect(isUnresolved(host.properties.SubnetId)).toBe(true);
      expect(inv.related(host, 'subnet')).toEqual([]);
      expect(inv.coverage.notCollected).toContainEqual(expect.objectContaining({ why: 'exported by 2 stacks of this run (a, b): not resolved' }));
    });
  });

  it('a literal export stays a literal: an old TLS policy imported by a listener fails tls-min', () => {
    const shared = `
Resources:
  Marker: { Type: AWS::SNS::Topic }
Outputs:
  Policy: { Value: ELBSecurityPolicy-2016-08, Export: { Name: shared-TlsPolicy } }
`;
    const web = `
Resources:
  Lb: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: { Subnets: [subnet-1, subnet-2] } }
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 443
      Protocol: HTTPS
      Certificates: [{ CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/abc }]
      SslPolicy: !ImportValue shared-TlsPolicy
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: '404' } }]
`;
    run({ 'shared.yaml': shared, 'web.yaml': web }, (inv) => {
      expect(inv.get('web/Https')!.properties.SslPolicy).toBe('ELBSecurityPolicy-2016-08');
      expect(judge(inv, 'tls-min/aws-elbv2-listener')).toEqual([expect.objectContaining({ id: 'web/Https', status: 'fail' })]);
    });
    run({ 'web.yaml': web }, (inv) => expect(judge(inv, 'tls-min/aws-elbv2-listener')[0]!.status).toBe('unknown'));
  });

  it('a GetAtt export (a key ARN) becomes a reference to the key in its stack, found by rules that look it up', () => {
    const keys = `
Resources:
  DataKey: { Type: AWS::KMS::Key, Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } }
Outputs:
  KeyArn: { Value: !GetAtt DataKey.Arn, Export: { Name: keys-DataKeyArn } }
`;
    const data = `
Resources:
  DataKey: { Type: AWS::SNS::Topic }
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !ImportValue keys-DataKeyArn }
`;
    run({ 'keys.yaml': keys, 'data.yaml': data }, (inv) => {
      const v = get(inv.get('data/Bucket')!.properties, 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID');
      expect(isRef(v)).toBe(true);
      if (!isRef(v)) return;
      // Its id is never a namesake of the importing stack (data/DataKey is a topic): the alias finds the key.
      expect(v.logicalId).toBe('keys:DataKey');
      expect(v.attribute).toBe('Arn');
      expect(inv.get(`data/${v.logicalId}`)?.id).toBe('keys/DataKey');
      expect(inv.get(`data/${v.logicalId}`)?.type).toBe('aws.kms.key');
      expect(JSON.stringify(v)).toBe('"<GetAtt keys:DataKey.Arn>"');
    });
  });

  it('an ingress rule on an imported security group is the exporting group\'s rule', () => {
    const sg = `
Resources:
  WebSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: web, VpcId: vpc-1 } }
Outputs:
  Sg: { Value: !GetAtt WebSg.GroupId, Export: { Name: base-WebSg } }
`;
    const rule = `
Resources:
  Ssh: { Type: AWS::EC2::SecurityGroupIngress, Properties: { GroupId: !ImportValue base-WebSg, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 } }
`;
    run({ 'base.yaml': sg, 'rules.yaml': rule }, (inv) => {
      expect(inv.related(inv.get('base/WebSg')!, 'ingress').map((r) => r.id)).toEqual(['rules/Ssh']);
      expect(judge(inv, 'bastion-only/aws-security-group-ingress')).toEqual([expect.objectContaining({ id: 'rules/Ssh', status: 'fail' })]);
    });
  });

  it('a chain resolves: A exports, B imports and re-exports, C imports (whatever the order the files are read)', () => {
    const a = network();
    const b = `
Resources:
  Topic: { Type: AWS::SNS::Topic }
Outputs:
  Again: { Value: !ImportValue network-PublicSubnet, Export: { Name: mid-Subnet } }
`;
    const c = `
Resources:
  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !ImportValue mid-Subnet } }
`;
    for (const files of [
      { 'network.yaml': a, 'mid.yaml': b, 'zapp.yaml': c },
      { 'zapp.yaml': c, 'mid.yaml': b, 'network.yaml': a },
    ]) {
      run(files, (inv) => {
        expect(inv.related(inv.get('zapp/Host')!, 'subnet').map((r) => r.id)).toEqual(['network/PublicSubnet']);
      });
    }
  });

  it('an export that is itself unresolved stays unresolved, and says which stack exported it', () => {
    const exporter = `
Parameters: { ExternalSubnet: { Type: String } }
Resources:
  Topic: { Type: AWS::SNS::Topic }
Outputs:
  Out: { Value: !Ref ExternalSubnet, Export: { Name: ext-Subnet } }
`;
    const importer = `
Resources:
  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !ImportValue ext-Subnet } }
`;
    run({ 'ext.yaml': exporter, 'app.yaml': importer }, (inv) => {
      const v = inv.get('app/Host')!.properties.SubnetId;
      expect(isUnresolved(v)).toBe(true);
      expect((v as { expression: string }).expression).toMatch(/^Fn::ImportValue "ext-Subnet" \(exported by stack ext: Ref ExternalSubnet/);
    });
  });

  it('stacks importing from each other in a cycle load, read each other\'s first-pass exports, and coverage says so', () => {
    const side = (me: string, other: string) => `
Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1, Port: 443, Protocol: HTTPS, SslPolicy: !ImportValue ${other}-Policy, DefaultActions: [] }
Outputs:
  Policy: { Value: ELBSecurityPolicy-TLS13-1-2-2021-06, Export: { Name: ${me}-Policy } }
`;
    run({ 'a.yaml': side('a', 'b'), 'b.yaml': side('b', 'a') }, (inv) => {
      expect(inv.get('a/Listener')!.properties.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
      expect(inv.get('b/Listener')!.properties.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
      expect(inv.coverage.notCollected).toContainEqual(expect.objectContaining({ why: expect.stringMatching(/in a cycle/) }));
    });
  });

  it('a long chain of stacks (each importing the previous one\'s export) resolves end to end in bounded time', () => {
    const files: Record<string, string> = {
      's0000.yaml': `Resources:\n  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true } }\nOutputs:\n  Out: { Value: !Ref Subnet, Export: { Name: x-0 } }\n`,
    };
    const N = 400;
    for (let i = 1; i <= N; i++)
      files[`s${String(i).padStart(4, '0')}.yaml`] = `Resources:\n  T: { Type: AWS::SNS::Topic }\nOutputs:\n  Out: { Value: !ImportValue x-${i - 1}, Export: { Name: x-${i} } }\n`;
    // Read last first: every stack's exporter comes after it.
    files['a-app.yaml'] = `Resources:\n  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !ImportValue x-${N} } }\n`;
    const t0 = performance.now();
    run(files, (inv) => {
      expect(inv.related(inv.get('a-app/Host')!, 'subnet').map((r) => r.id)).toEqual(['s0000/Subnet']);
    });
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('in a stack loaded again, resources that import nothing keep their properties and local relations', () => {
    const app2 = `
Resources:
  LocalSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: local, VpcId: vpc-1, SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }] }
  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !ImportValue network-PublicSubnet, SecurityGroupIds: [!Ref LocalSg] } }
`;
    run({ 'network.yaml': network(), 'app.yaml': app2 }, (inv) => {
      const host = inv.get('app/Host')!;
      expect(inv.related(host, 'subnet').map((r) => r.id)).toEqual(['network/PublicSubnet']);
      expect(inv.related(host, 'securityGroups').map((r) => r.id)).toEqual(['app/LocalSg']);
      expect(inv.related(inv.get('app/LocalSg')!, 'instances').map((r) => r.id)).toEqual(['app/Host']);
      expect(get(inv.get('app/LocalSg')!.properties, 'SecurityGroupIngress[0].FromPort')).toBe(443);
      // The imported public subnet gives the host a public IP (known now, not "the subnet is not in the template");
      // its local group admits only 443 from the internet, so the public host keeps the bastion path (fixAO).
      expect(judge(inv, 'bastion-only/aws-ec2-instance-public-ip')[0]).toEqual(expect.objectContaining({ status: 'pass', message: expect.stringMatching(/has a public IP \(subnet PublicSubnet \(stack network\) has MapPublicIpOnLaunch true\).*only service ports/) }));
    });
  });

  it('a stack never resolves an import of its own export', () => {
    const self = `
Resources:
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true } }
  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, SubnetId: !ImportValue self-Subnet } }
Outputs:
  Out: { Value: !Ref Subnet, Export: { Name: self-Subnet } }
`;
    run({ 'self.yaml': self, 'other.yaml': 'Resources:\n  T: { Type: AWS::SNS::Topic }\n' }, (inv) => {
      expect(isUnresolved(inv.get('self/Host')!.properties.SubnetId)).toBe(true);
    });
  });
});

describe('a CDK app split into network and app stacks', () => {
  it('the app stack\'s instance reads the subnet and security group the network stack exports (ExportsOutputRef…)', async () => {
    const { App, Stack } = await import('aws-cdk-lib');
    const ec2 = await import('aws-cdk-lib/aws-ec2');
    const out = mkdtempSync(join(tmpdir(), 'vouch-imports-cdk-'));
    try {
      const cdkApp = new App({ outdir: out });
      const net = new Stack(cdkApp, 'Net');
      const vpc = new ec2.Vpc(net, 'Vpc', { natGateways: 0, maxAzs: 1, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
      const admin = new ec2.SecurityGroup(net, 'Admin', { vpc });
      admin.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
      const fleet = new Stack(cdkApp, 'Fleet');
      new ec2.CfnInstance(fleet, 'Host', {
        imageId: 'ami-12345678',
        subnetId: vpc.publicSubnets[0]!.subnetId,
        securityGroupIds: [admin.securityGroupId],
      });
      cdkApp.synth();
      const inv = loadIac([out], { region: 'eu-west-1' });
      const host = inv.get('Fleet/Host')!;
      const subnet = inv.related(host, 'subnet')[0];
      expect(subnet?.id).toMatch(/^Net\/VpcpublicSubnet1Subnet/);
      expect(subnet?.properties.MapPublicIpOnLaunch).toBe(true);
      expect(inv.related(host, 'securityGroups').map((r) => r.id)).toEqual([expect.stringMatching(/^Net\/Admin/)]);
      expect(judge(inv, 'bastion-only/aws-ec2-instance-public-ip')).toEqual([expect.objectContaining({ id: 'Fleet/Host', status: 'fail' })]);
      // The app stack alone: its imports are unknown.
      const alone = loadIac([join(out, 'Fleet.template.json')], { region: 'eu-west-1' });
      expect(judge(alone, 'bastion-only/aws-ec2-instance-public-ip')[0]!.status).toBe('unknown');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
