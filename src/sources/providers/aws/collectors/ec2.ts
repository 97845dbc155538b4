/**
 * EC2, per region: security groups (ingress/egress in AWS::EC2::SecurityGroup
 * shape, one entry per CIDR / peer group / prefix list), instances (with
 * public IPs), volumes, snapshots owned by the account (and which of them
 * anyone may restore: one more listing, never a call per snapshot), network
 * ACLs, and EBS encryption-by-default as a regional settings resource
 * (VPCs and flow logs: vpc-flow-logs.ts).
 */
import {
  EC2Client,
  paginateDescribeSecurityGroups,
  paginateDescribeInstances,
  paginateDescribeVolumes,
  paginateDescribeSnapshots,
  paginateDescribeNetworkAcls,
  GetEbsEncryptionByDefaultCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { relate } from '../../../../model/inventory.js';
import type { Resource } from '../../../../model/resource.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact, cfnTags, arn } from './context.js';

/** One API IpPermission → CloudFormation rule entries (one per source). */
export function ruleEntries(p: IpPermission, direction: 'ingress' | 'egress'): Record<string, unknown>[] {
  const base = compact({
    IpProtocol: p.IpProtocol,
    FromPort: p.IpProtocol === '-1' ? undefined : p.FromPort,
    ToPort: p.IpProtocol === '-1' ? undefined : p.ToPort,
  });
  const peer = direction === 'ingress' ? { cidr: 'CidrIp', cidr6: 'CidrIpv6', group: 'SourceSecurityGroupId', prefix: 'SourcePrefixListId', owner: 'SourceSecurityGroupOwnerId' } : { cidr: 'CidrIp', cidr6: 'CidrIpv6', group: 'DestinationSecurityGroupId', prefix: 'DestinationPrefixListId', owner: undefined };
  const out: Record<string, unknown>[] = [];
  for (const r of p.IpRanges ?? []) out.push(compact({ ...base, [peer.cidr]: r.CidrIp, Description: r.Description }));
  for (const r of p.Ipv6Ranges ?? []) out.push(compact({ ...base, [peer.cidr6]: r.CidrIpv6, Description: r.Description }));
  for (const g of p.UserIdGroupPairs ?? [])
    out.push(compact({ ...base, [peer.group]: g.GroupId, ...(peer.owner && g.UserId ? { [peer.owner]: g.UserId } : {}), Description: g.Description }));
  for (const l of p.PrefixListIds ?? []) out.push(compact({ ...base, [peer.prefix]: l.PrefixListId, Description: l.Description }));
  return out;
}

export async function collectEc2(scope: AwsScope, region: string): Promise<void> {
  const ec2 = scope.clients.get('ec2', region, EC2Client);

  const [sgs, instances, volumes, snapshots, ebsDefault, publicSnapshots, nacls] = await Promise.all([
    pages(scope, 'ec2:DescribeSecurityGroups', region, () => paginateDescribeSecurityGroups({ client: ec2, pageSize: 1000 }, {})),
    pages(scope, 'ec2:DescribeInstances', region, () => paginateDescribeInstances({ client: ec2, pageSize: 1000 }, {})),
    pages(scope, 'ec2:DescribeVolumes', region, () => paginateDescribeVolumes({ client: ec2, pageSize: 1000 }, {})),
    pages(scope, 'ec2:DescribeSnapshots', region, () => paginateDescribeSnapshots({ client: ec2, pageSize: 1000 }, { OwnerIds: ['self'] })),
    call(scope, 'ec2:GetEbsEncryptionByDefault', region, () => ec2.send(new GetEbsEncryptionByDefaultCommand({}))),
    // The account's snapshots that anyone may restore (createVolumePermission group all).
    pages(scope, 'ec2:DescribeSnapshots', region, () => paginateDescribeSnapshots({ client: ec2, pageSize: 1000 }, { OwnerIds: ['self'], RestorableByUserIds: ['all'] })),
    pages(scope, 'ec2:DescribeNetworkAcls', region, () => paginateDescribeNetworkAcls({ client: ec2, pageSize: 1000 }, {})),
  ]);
  const publicIds = publicSnapshots.error ? undefined : new Set(publicSnapshots.pages.flatMap((p) => (p.data.Snapshots ?? []).map((s) => s.SnapshotId)));

  const settings = liveResource(
    scope,
    'aws.ec2.regional-settings',
    arn(scope, 'ec2', region, 'regional-settings'),
    region,
    { Live: compact({ EbsEncryptionByDefault: ebsDefault.ok ? ebsDefault.data.EbsEncryptionByDefault === true : undefined }) },
    ebsDefault.raw,
    ebsDefault.ok ? { EbsEncryptionByDefault: ebsDefault.data.EbsEncryptionByDefault } : undefined,
    `EC2 settings ${region}`,
  );
  if (!ebsDefault.ok) addGap(settings, 'Live.EbsEncryptionByDefault', gapOf(ebsDefault, 'ec2:GetEbsEncryptionByDefault'));
  scope.emit(settings);

  const sgId = (id: string) => arn(scope, 'ec2', region, `security-group/${id}`);
  const groupsById = new Map<string, Resource>();
  if (!sgs.error) {
    for (const p of sgs.pages) {
      for (const g of p.data.SecurityGroups ?? []) {
        const ingress = (g.IpPermissions ?? []).flatMap((x) => ruleEntries(x, 'ingress'));
        const egress = (g.IpPermissionsEgress ?? []).flatMap((x) => ruleEntries(x, 'egress'));
        const r = liveResource(
          scope,
          'aws.ec2.security-group',
          sgId(g.GroupId!),
          region,
          compact({ GroupName: g.GroupName, GroupDescription: g.Description, VpcId: g.VpcId, SecurityGroupIngress: ingress, SecurityGroupEgress: egress, Tags: cfnTags(g.Tags), Live: { GroupId: g.GroupId, OwnerId: g.OwnerId } }),
          p.raw,
          g,
          g.GroupName,
        );
        groupsById.set(r.id, r);
      }
    }
    for (const r of groupsById.values()) {
      for (const e of (r.properties.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? []) {
        if (typeof e.SourceSecurityGroupId !== 'string') continue;
        const peer = sgId(e.SourceSecurityGroupId);
        relate(r, 'sourceGroups', peer);
        const pr = groupsById.get(peer);
        if (pr) relate(pr, 'grantsTo', r.id);
      }
    }
  }

  // Whether an instance's EBS volumes are encrypted is the volumes' answer (DescribeInstances does not say).
  const volumeEncrypted = new Map<string, boolean>();
  if (!volumes.error) for (const p of volumes.pages) for (const v of p.data.Volumes ?? []) if (v.VolumeId) volumeEncrypted.set(v.VolumeId, v.Encrypted === true);

  if (!instances.error) {
    for (const p of instances.pages) {
      for (const res of p.data.Reservations ?? []) {
        for (const i of res.Instances ?? []) {
          if (i.State?.Name === 'terminated') continue;
          const groups = (i.SecurityGroups ?? []).map((g) => g.GroupId!).filter(Boolean);
          const devices = (i.BlockDeviceMappings ?? []).map((m) =>
            compact({ DeviceName: m.DeviceName, Ebs: m.Ebs ? compact({ VolumeId: m.Ebs.VolumeId, Encrypted: m.Ebs.VolumeId ? volumeEncrypted.get(m.Ebs.VolumeId) : undefined }) : undefined }),
          );
          const unread = (i.BlockDeviceMappings ?? []).filter((m) => m.Ebs && (!m.Ebs.VolumeId || !volumeEncrypted.has(m.Ebs.VolumeId))).map((m) => m.Ebs?.VolumeId ?? m.DeviceName);
          const r = liveResource(
            scope,
            'aws.ec2.instance',
            arn(scope, 'ec2', region, `instance/${i.InstanceId}`),
            region,
            compact({
              ImageId: i.ImageId,
              InstanceType: i.InstanceType,
              SubnetId: i.SubnetId,
              SecurityGroupIds: groups,
              IamInstanceProfile: i.IamInstanceProfile?.Arn,
              MetadataOptions: i.MetadataOptions ? compact({ HttpTokens: i.MetadataOptions.HttpTokens, HttpEndpoint: i.MetadataOptions.HttpEndpoint }) : undefined,
              BlockDeviceMappings: devices,
              Tags: cfnTags(i.Tags),
              Live: compact({ InstanceId: i.InstanceId, State: i.State?.Name, PublicIpAddress: i.PublicIpAddress, Ipv6Address: i.Ipv6Address, VpcId: i.VpcId }),
            }),
            p.raw,
            i,
            i.InstanceId,
          );
          // A volume the volume listing did not answer for: its encryption was not read.
          if (volumes.error) addGap(r, 'BlockDeviceMappings', gapOf(volumes.error, 'ec2:DescribeVolumes'));
          else if (unread.length) addGap(r, 'BlockDeviceMappings', `NotReturned: ec2:DescribeVolumes did not list ${unread.join(', ')}`);
          for (const g of groups) {
            relate(r, 'securityGroups', sgId(g));
            const sg = groupsById.get(sgId(g));
            if (sg) relate(sg, 'instances', r.id);
          }
          scope.emit(r);
        }
      }
    }
  }
  for (const r of groupsById.values()) scope.emit(r);

  if (!volumes.error) {
    for (const p of volumes.pages) {
      for (const v of p.data.Volumes ?? []) {
        scope.emit(
          liveResource(
            scope,
            'aws.ec2.volume',
            arn(scope, 'ec2', region, `volume/${v.VolumeId}`),
            region,
            compact({ AvailabilityZone: v.AvailabilityZone, Encrypted: v.Encrypted === true, KmsKeyId: v.KmsKeyId, Size: v.Size, VolumeType: v.VolumeType, SnapshotId: v.SnapshotId || undefined, Tags: cfnTags(v.Tags), Live: { VolumeId: v.VolumeId, State: v.State } }),
            p.raw,
            v,
            v.VolumeId,
          ),
        );
      }
    }
  }

  if (!snapshots.error) {
    for (const p of snapshots.pages) {
      for (const s of p.data.Snapshots ?? []) {
        const r = liveResource(
          scope,
          'aws.ec2.snapshot',
          arn(scope, 'ec2', region, `snapshot/${s.SnapshotId}`),
          region,
          compact({
            Encrypted: s.Encrypted === true,
            KmsKeyId: s.KmsKeyId,
            VolumeId: s.VolumeId,
            VolumeSize: s.VolumeSize,
            Tags: cfnTags(s.Tags),
            Live: compact({ SnapshotId: s.SnapshotId, StartTime: s.StartTime?.toISOString(), Public: publicIds ? publicIds.has(s.SnapshotId) : undefined }),
          }),
          p.raw,
          s,
          s.SnapshotId,
        );
        if (publicSnapshots.error) addGap(r, 'Live.Public', gapOf(publicSnapshots.error, 'ec2:DescribeSnapshots (RestorableByUserIds all)'));
        scope.emit(r);
      }
    }
  }

  if (!nacls.error) {
    for (const p of nacls.pages) {
      for (const n of p.data.NetworkAcls ?? []) {
        const entries = (n.Entries ?? []).map((e) =>
          compact({
            RuleNumber: e.RuleNumber,
            Protocol: e.Protocol,
            RuleAction: e.RuleAction,
            Egress: e.Egress === true,
            CidrBlock: e.CidrBlock,
            Ipv6CidrBlock: e.Ipv6CidrBlock,
            PortRange: e.PortRange ? compact({ From: e.PortRange.From, To: e.PortRange.To }) : undefined,
          }),
        );
        scope.emit(
          liveResource(
            scope,
            'aws.ec2.network-acl',
            arn(scope, 'ec2', region, `network-acl/${n.NetworkAclId}`),
            region,
            compact({
              VpcId: n.VpcId,
              Tags: cfnTags(n.Tags),
              Live: compact({ NetworkAclId: n.NetworkAclId, IsDefault: n.IsDefault === true, Entries: entries, Subnets: (n.Associations ?? []).map((a) => a.SubnetId).filter(Boolean) }),
            }),
            p.raw,
            n,
            n.NetworkAclId,
          ),
        );
      }
    }
  }

}
