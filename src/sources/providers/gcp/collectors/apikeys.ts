/**
 * API Keys v2 (REST): the project's keys, metadata only (restrictions,
 * creation time). The key string is never requested: `keys.list` does not
 * return it, a `keyString` field in an answer is dropped, and the guard
 * refuses `getKeyString` (transport.ts REFUSED_GETS).
 */
import type { Resource } from '../../../../model/resource.js';
import { gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restList } from './rest.js';

export const API_KEY_TYPE = 'gcp.apikeys.key';

export async function collectApiKeys(ctx: GcpContext, project: string, pageSize = 300): Promise<Resource[]> {
  try {
    const keys = await restList<Record<string, unknown>>(ctx, 'apikeys', 'apikeys.keys.list', project, `/v2/projects/${encodeURIComponent(project)}/locations/global/keys`, 'keys', { pageSize });
    const at = new Date().toISOString();
    return keys.map((k) => {
      const { keyString: _secret, ...meta } = k;
      return gcpResource(API_KEY_TYPE, meta, { project, at, region: 'global', operation: 'apikeys.keys.list', id: `//apikeys.googleapis.com/${String(k.name)}`, name: String(k.displayName || String(k.name ?? '').split('/').pop()) });
    });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(API_KEY_TYPE, project, e)];
  }
}
