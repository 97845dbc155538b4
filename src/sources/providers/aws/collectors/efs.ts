/**
 * EFS file systems, per region (elasticfilesystem:DescribeFileSystems,
 * paginated), as CloudFormation's AWS::EFS::FileSystem.
 */
import { EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import { type AwsScope, pages, liveResource, compact, cfnTags, arn } from './context.js';

export async function collectEfs(scope: AwsScope, region: string): Promise<void> {
  const efs = scope.clients.get('efs', region, EFSClient);
  const listed = await pages(scope, 'elasticfilesystem:DescribeFileSystems', region, () => paginateDescribeFileSystems({ client: efs, pageSize: 100 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const f of p.data.FileSystems ?? []) {
      if (!f.FileSystemId) continue;
      scope.emit(
        liveResource(
          scope,
          'aws.efs.file-system',
          f.FileSystemArn ?? arn(scope, 'elasticfilesystem', region, `file-system/${f.FileSystemId}`),
          region,
          compact({
            // The API says false for an unencrypted file system, as a template that omits it.
            Encrypted: f.Encrypted === true,
            KmsKeyId: f.KmsKeyId,
            PerformanceMode: f.PerformanceMode,
            ThroughputMode: f.ThroughputMode,
            AvailabilityZoneName: f.AvailabilityZoneName,
            FileSystemTags: cfnTags(f.Tags),
            Live: compact({ FileSystemId: f.FileSystemId, LifeCycleState: f.LifeCycleState, NumberOfMountTargets: f.NumberOfMountTargets }),
          }),
          p.raw,
          f,
          f.Name ?? f.FileSystemId,
        ),
      );
    }
  }
}
