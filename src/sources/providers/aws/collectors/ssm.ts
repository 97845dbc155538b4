/** SSM Parameter Store, per region: parameter metadata (DescribeParameters). Never GetParameter*, never WithDecryption. */
import { SSMClient, paginateDescribeParameters } from '@aws-sdk/client-ssm';
import { type AwsScope, pages, liveResource, compact, arn } from './context.js';

export async function collectSsm(scope: AwsScope, region: string): Promise<void> {
  const ssm = scope.clients.get('ssm', region, SSMClient);
  const listed = await pages(scope, 'ssm:DescribeParameters', region, () => paginateDescribeParameters({ client: ssm, pageSize: 50 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const x of p.data.Parameters ?? []) {
      const name = x.Name!;
      scope.emit(
        liveResource(
          scope,
          'aws.ssm.parameter',
          x.ARN ?? arn(scope, 'ssm', region, `parameter${name.startsWith('/') ? '' : '/'}${name}`),
          region,
          compact({ Name: name, Type: x.Type, Tier: x.Tier, DataType: x.DataType, Description: x.Description, Live: compact({ KeyId: x.KeyId, LastModifiedDate: x.LastModifiedDate?.toISOString() }) }),
          p.raw,
          x,
          name,
        ),
      );
    }
  }
}
