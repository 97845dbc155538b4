import { Construct } from 'constructs';
import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { isOpenToWorld } from '../src/lib/network.js';
import { resolveClaims, type ClaimsSource } from './claims.js';
import { contradiction } from './guard.js';

export interface BastionHostProps {
  /** The VPC the bastion lives in. */
  readonly vpc: ec2.IVpc;
  /**
   * CIDRs allowed to reach the bastion on SSH (VPN egress, office). Never
   * `0.0.0.0/0` or `::/0`.
   * @default - the claims' `adminCidrs`; when none, no inbound rule at all: reach it through SSM Session Manager
   */
  readonly adminCidrs?: string[];
  /**
   * Claims (admin CIDRs).
   * @default - the `vouch:claims` context value
   */
  readonly claims?: ClaimsSource;
  /** @default t3.micro */
  readonly instanceType?: ec2.InstanceType;
  /** @default - latest Amazon Linux 2023 (SSM parameter, no account lookup) */
  readonly machineImage?: ec2.IMachineImage;
  /**
   * Subnets for the bastion.
   * @default - private subnets with egress (SSM needs outbound HTTPS)
   */
  readonly subnetSelection?: ec2.SubnetSelection;
  /**
   * Root volume size in GiB (always encrypted, gp3).
   * @default 8
   */
  readonly rootVolumeGiB?: number;
}

/**
 * A bastion host: reachable only from the given admin CIDRs or through SSM
 * Session Manager (no inbound rule by default), IMDSv2 required, encrypted
 * root volume, tagged `Role=bastion` so vouch's bastion-only rules recognize
 * it. Grant SSH/RDP to other instances only from the bastion's security group
 * with {@link allowAdminFrom}.
 */
export class BastionHost extends Construct implements ec2.IConnectable {
  readonly instance: ec2.Instance;
  readonly securityGroup: ec2.SecurityGroup;
  readonly role: iam.IRole;
  readonly connections: ec2.Connections;

  constructor(scope: Construct, id: string, props: BastionHostProps) {
    super(scope, id);
    const claims = resolveClaims(this, props.claims);
    const cidrs = props.adminCidrs ?? claims.adminCidrs;
    const open = cidrs.filter((c) => isOpenToWorld(c));
    if (open.length)
      throw contradiction(this, 'VouchBastionOpenToWorld', `BastionHost: admin CIDR ${open.join(', ')} is the whole internet; the bastion-only claim needs VPN/office CIDRs or SSM`);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Bastion host: SSH only from admin CIDRs; SSM otherwise',
      allowAllOutbound: true,
    });
    for (const cidr of cidrs) {
      const peer = cidr.includes(':') ? ec2.Peer.ipv6(cidr) : ec2.Peer.ipv4(cidr);
      this.securityGroup.addIngressRule(peer, ec2.Port.tcp(22), `SSH from admin network ${cidr}`);
    }

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Bastion host: SSM Session Manager agent only',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    this.role = role;

    this.instance = new ec2.Instance(this, 'Instance', {
      vpc: props.vpc,
      vpcSubnets: props.subnetSelection ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: props.machineImage ?? ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: this.securityGroup,
      role,
      detailedMonitoring: false,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(props.rootVolumeGiB ?? 8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }),
        },
      ],
    });
    // IMDSv2 on the instance itself (CDK's requireImdsv2 goes through a launch template and an aspect).
    (this.instance.node.defaultChild as ec2.CfnInstance).metadataOptions = { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 };
    Tags.of(this).add('Role', 'bastion');
    this.connections = this.instance.connections;
  }

  /** Allow SSH (and RDP when asked) to `target` from this bastion only. */
  allowAdminTo(target: ec2.IConnectable, options: AdminAccessOptions = {}): void {
    allowAdminFrom(this, target, options);
  }
}

export interface AdminAccessOptions {
  /** @default true */
  readonly ssh?: boolean;
  /** @default false */
  readonly rdp?: boolean;
}

/**
 * Grant administrative access (SSH 22, optionally RDP 3389) to `target` only
 * from the bastion's security group: the ingress rule names the bastion's
 * group as its source, never a CIDR.
 */
export function allowAdminFrom(bastion: BastionHost, target: ec2.IConnectable, options: AdminAccessOptions = {}): void {
  const ports: [ec2.Port, string][] = [];
  if (options.ssh ?? true) ports.push([ec2.Port.tcp(22), 'SSH from the bastion only']);
  if (options.rdp) ports.push([ec2.Port.tcp(3389), 'RDP from the bastion only']);
  if (ports.length === 0) throw contradiction(bastion, 'VouchBastionNoPorts', 'allowAdminFrom: neither ssh nor rdp was asked for');
  // Source is the bastion's security group (a SourceSecurityGroupId rule), never a CIDR.
  for (const [port, why] of ports) target.connections.allowFrom(bastion.securityGroup, port, why);
}
