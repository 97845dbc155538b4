/** Secrets Manager, per region: secret metadata only (ListSecrets). Values are never requested. */
import { SecretsManagerClient, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import { type AwsScope, pages, liveResource, compact, cfnTags } from './context.js';

export async function collectSecretsManager(scope: AwsScope, region: string): Promise<void> {
  const sm = scope.clients.get('secretsmanager', region, SecretsManagerClient);
  const listed = await pages(scope, 'secretsmanager:ListSecrets', region, () => paginateListSecrets({ client: sm, pageSize: 100 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const s of p.data.SecretList ?? []) {
      scope.emit(
        liveResource(
          scope,
          'aws.secretsmanager.secret',
          s.ARN!,
          region,
          compact({
            Name: s.Name,
            Description: s.Description,
            KmsKeyId: s.KmsKeyId,
            Tags: cfnTags(s.Tags),
            Live: compact({ RotationEnabled: s.RotationEnabled === true, LastRotatedDate: s.LastRotatedDate?.toISOString(), LastAccessedDate: s.LastAccessedDate?.toISOString() }),
          }),
          p.raw,
          s,
          s.Name,
        ),
      );
    }
  }
}
