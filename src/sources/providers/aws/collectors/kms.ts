/** KMS, per region: customer-managed keys with their rotation status (AWS-managed keys rotate yearly by design). */
import { KMSClient, paginateListKeys, DescribeKeyCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact } from './context.js';

export async function collectKms(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const kms = scope.clients.get('kms', region, KMSClient);
  const listed = await pages(scope, 'kms:ListKeys', region, () => paginateListKeys({ client: kms, pageSize: 1000 }, {}));
  if (listed.error) return;
  const keys = listed.pages.flatMap((p) => (p.data.Keys ?? []).map((k) => ({ k, raw: p.raw })));
  await mapLimit(keys, concurrency, async ({ k, raw }) => {
    const desc = await call(scope, 'kms:DescribeKey', region, () => kms.send(new DescribeKeyCommand({ KeyId: k.KeyId })));
    const m = desc.ok ? desc.data.KeyMetadata : undefined;
    if (m?.KeyManager === 'AWS') return; // rotated by AWS; nothing the account controls
    const r = liveResource(
      scope,
      'aws.kms.key',
      k.KeyArn!,
      region,
      compact({
        Description: m?.Description,
        KeyUsage: m?.KeyUsage,
        KeySpec: m?.KeySpec,
        Enabled: m?.Enabled,
        MultiRegion: m?.MultiRegion,
        Live: m ? compact({ KeyManager: m.KeyManager, KeyState: m.KeyState, Origin: m.Origin }) : undefined,
      }),
      raw,
      k,
      k.KeyId,
    );
    r.raw!.push(desc.raw);
    if (!desc.ok) {
      addGap(r, '*', gapOf(desc, 'kms:DescribeKey'));
      scope.emit(r);
      return;
    }
    if (m?.KeySpec === 'SYMMETRIC_DEFAULT' && m.KeyState !== 'PendingDeletion') {
      const rot = await call(scope, 'kms:GetKeyRotationStatus', region, () => kms.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId })));
      r.raw!.push(rot.raw);
      if (rot.ok) r.properties.EnableKeyRotation = rot.data.KeyRotationEnabled === true;
      else addGap(r, 'EnableKeyRotation', gapOf(rot, 'kms:GetKeyRotationStatus'));
    }
    scope.emit(r);
  });
}
