/**
 * IAM v1 (REST): service accounts, then each account's user-managed keys
 * (keys.list with keyTypes=USER_MANAGED; Google-managed keys rotate
 * themselves and are not listed). One resource per key, with the account it
 * belongs to under `serviceAccount`. Key material is never requested
 * (keys.list returns metadata only).
 */
import type { Resource } from '../../../../model/resource.js';
import { gcpResource, lastSegment, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restGet, restList } from './rest.js';

export const SA_KEY_TYPE = 'gcp.iam.service-account-key';

export async function collectServiceAccountKeys(ctx: GcpContext, project: string, pageSize = 100): Promise<Resource[]> {
  let accounts: Record<string, unknown>[];
  try {
    accounts = await restList(ctx, 'iam', 'iam.serviceAccounts.list', project, `/v1/projects/${encodeURIComponent(project)}/serviceAccounts`, 'accounts', { pageSize });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(SA_KEY_TYPE, project, e)];
  }
  const perAccount = await Promise.all(
    accounts.map(async (sa) => {
      const email = String(sa.email);
      try {
        const res = await restGet<{ keys?: Record<string, unknown>[] }>(
          ctx,
          'iam',
          'iam.serviceAccounts.keys.list',
          project,
          `/v1/projects/${encodeURIComponent(project)}/serviceAccounts/${encodeURIComponent(email)}/keys`,
          { keyTypes: 'USER_MANAGED' },
        );
        return (res.keys ?? []).map((k) => {
          const { privateKeyData: _p, publicKeyData: _q, ...meta } = k;
          const r = gcpResource(SA_KEY_TYPE, { ...meta, serviceAccount: { email, disabled: sa.disabled ?? false, uniqueId: sa.uniqueId } }, {
            project,
            region: 'global',
            operation: 'iam.serviceAccounts.keys.list',
            id: `//iam.googleapis.com/${String(k.name)}`,
            name: `${email}/${lastSegment(k.name) ?? ''}`,
          });
          return r;
        });
      } catch (e) {
        if (!(e instanceof GcpCallError)) throw e;
        return [collectionGap(SA_KEY_TYPE, project, e, email)];
      }
    }),
  );
  return perAccount.flat();
}
