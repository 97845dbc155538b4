/**
 * CloudFormation stacks, per region (cloudformation:DescribeStacks, paginated),
 * as the `aws.cloudformation.stack` resource the IaC loader makes of a
 * template: its name and the region it is deployed in. Parameter values and
 * outputs are never kept (a NoEcho parameter is masked, others may still be
 * sensitive); only parameter names are.
 */
import { CloudFormationClient, paginateDescribeStacks } from '@aws-sdk/client-cloudformation';
import { type AwsScope, pages, liveResource, compact, cfnTags } from './context.js';

export async function collectCloudFormation(scope: AwsScope, region: string): Promise<void> {
  const cfn = scope.clients.get('cloudformation', region, CloudFormationClient);
  const listed = await pages(scope, 'cloudformation:DescribeStacks', region, () => paginateDescribeStacks({ client: cfn }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const s of p.data.Stacks ?? []) {
      if (!s.StackId || !s.StackName) continue;
      scope.emit(
        liveResource(
          scope,
          'aws.cloudformation.stack',
          s.StackId,
          region,
          compact({
            StackName: s.StackName,
            Region: region,
            Tags: cfnTags(s.Tags),
            EnableTerminationProtection: s.EnableTerminationProtection,
            Live: compact({
              StackStatus: s.StackStatus,
              ParentId: s.ParentId,
              RootId: s.RootId,
              RoleARN: s.RoleARN,
              ParameterKeys: s.Parameters?.map((x) => x.ParameterKey ?? '').filter(Boolean),
              DriftStatus: s.DriftInformation?.StackDriftStatus,
            }),
          }),
          p.raw,
          { StackId: s.StackId, StackName: s.StackName, StackStatus: s.StackStatus, CreationTime: s.CreationTime, LastUpdatedTime: s.LastUpdatedTime },
          s.StackName,
        ),
      );
    }
  }
}
