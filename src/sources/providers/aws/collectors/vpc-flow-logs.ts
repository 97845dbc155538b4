/**
 * VPCs and their flow logs, per region (ec2:DescribeVpcs, ec2:DescribeFlowLogs:
 * one paginated list each). A VPC is related to the flow logs that record it
 * (`flowLogs`), as the IaC loader relates an AWS::EC2::FlowLog's ResourceId.
 */
import { EC2Client, paginateDescribeVpcs, paginateDescribeFlowLogs } from '@aws-sdk/client-ec2';
import { relate } from '../../../../model/inventory.js';
import type { Resource } from '../../../../model/resource.js';
import { type AwsScope, pages, liveResource, compact, arn, cfnTags } from './context.js';

const nameTag = (tags: { Key?: string; Value?: string }[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;

export async function collectVpcFlowLogs(scope: AwsScope, region: string): Promise<void> {
  const ec2 = scope.clients.get('ec2', region, EC2Client);
  const [vpcs, logs] = await Promise.all([
    pages(scope, 'ec2:DescribeVpcs', region, () => paginateDescribeVpcs({ client: ec2, pageSize: 1000 }, {})),
    pages(scope, 'ec2:DescribeFlowLogs', region, () => paginateDescribeFlowLogs({ client: ec2, pageSize: 1000 }, {})),
  ]);
  // A failed list leaves its types not collected (declared in src/sources/providers/aws): nothing half-read is emitted.
  if (logs.error || vpcs.error) return;
  const byTarget = new Map<string, Resource[]>();
  for (const p of logs.pages) {
    for (const f of p.data.FlowLogs ?? []) {
      if (!f.FlowLogId) continue;
      const r = liveResource(
        scope,
        'aws.ec2.flow-log',
        arn(scope, 'ec2', region, `vpc-flow-log/${f.FlowLogId}`),
        region,
        compact({
          ResourceId: f.ResourceId,
          TrafficType: f.TrafficType,
          LogDestinationType: f.LogDestinationType,
          LogDestination: f.LogDestination,
          LogGroupName: f.LogGroupName,
          DeliverLogsPermissionArn: f.DeliverLogsPermissionArn,
          MaxAggregationInterval: f.MaxAggregationInterval,
          LogFormat: f.LogFormat,
          Tags: cfnTags(f.Tags),
          Live: compact({ FlowLogStatus: f.FlowLogStatus, DeliverLogsStatus: f.DeliverLogsStatus, DeliverLogsErrorMessage: f.DeliverLogsErrorMessage }),
        }),
        p.raw,
        f,
        nameTag(f.Tags) ?? f.FlowLogId,
      );
      if (f.ResourceId) byTarget.set(f.ResourceId, [...(byTarget.get(f.ResourceId) ?? []), r]);
      scope.emit(r);
    }
  }
  for (const p of vpcs.pages) {
    for (const v of p.data.Vpcs ?? []) {
      if (!v.VpcId) continue;
      const r = liveResource(
        scope,
        'aws.ec2.vpc',
        arn(scope, 'ec2', region, `vpc/${v.VpcId}`),
        region,
        compact({ CidrBlock: v.CidrBlock, InstanceTenancy: v.InstanceTenancy, Tags: cfnTags(v.Tags), Live: compact({ VpcId: v.VpcId, IsDefault: v.IsDefault, State: v.State }) }),
        p.raw,
        v,
        nameTag(v.Tags) ?? v.VpcId,
      );
      for (const f of byTarget.get(v.VpcId) ?? []) {
        relate(r, 'flowLogs', f.id);
        relate(f, 'target', r.id);
      }
      scope.emit(r);
    }
  }
}
