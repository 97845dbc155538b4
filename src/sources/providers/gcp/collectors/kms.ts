/**
 * Cloud KMS v1 (REST): the project's locations, the key rings of each, the
 * keys of each ring, and each key's IAM policy (`getIamPolicy` is a GET on
 * KMS). KMS has no project-wide listing, so key rings are listed once per
 * location. Key material is never read; keys carry rotation settings only.
 */
import type { Resource } from '../../../../model/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restGet, restList } from './rest.js';

export const KMS_KEY_TYPE = 'gcp.kms.crypto-key';

type Obj = Record<string, unknown>;
/** Resource names as KMS returns them (`projects/p/locations/l/keyRings/r`): path segments, never a URL. */
const safeName = (v: unknown): string | undefined => (typeof v === 'string' && /^projects\/[^/?#]+\/locations\/[^/?#]+\/keyRings\/[^/?#]+(\/cryptoKeys\/[^/?#]+)?$/.test(v) ? v : undefined);
const encodePath = (name: string) => name.split('/').map(encodeURIComponent).join('/');

export async function collectKmsKeys(ctx: GcpContext, project: string, pageSize = 1000): Promise<Resource[]> {
  let locations: Obj[];
  try {
    locations = await restList<Obj>(ctx, 'cloudkms', 'cloudkms.locations.list', project, `/v1/projects/${encodeURIComponent(project)}/locations`, 'locations', { pageSize: 100 });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(KMS_KEY_TYPE, project, e)];
  }
  const ids = [...new Set(locations.map((l) => String(l.locationId ?? String(l.name ?? '').split('/').pop())).filter((l) => /^[a-z0-9-]+$/.test(l)))];
  const perLocation = await Promise.all(
    ids.map(async (loc): Promise<Resource[]> => {
      let rings: Obj[];
      try {
        rings = await restList<Obj>(ctx, 'cloudkms', 'cloudkms.keyRings.list', project, `/v1/projects/${encodeURIComponent(project)}/locations/${loc}/keyRings`, 'keyRings', { pageSize });
      } catch (e) {
        if (!(e instanceof GcpCallError)) throw e;
        return [collectionGap(KMS_KEY_TYPE, project, e, loc)];
      }
      const perRing = await Promise.all(
        rings.map(async (ring): Promise<Resource[]> => {
          const name = safeName(ring.name);
          if (!name) return [];
          let keys: Obj[];
          try {
            keys = await restList<Obj>(ctx, 'cloudkms', 'cloudkms.cryptoKeys.list', project, `/v1/${encodePath(name)}/cryptoKeys`, 'cryptoKeys', { pageSize });
          } catch (e) {
            if (!(e instanceof GcpCallError)) throw e;
            return [collectionGap(KMS_KEY_TYPE, project, e, name)];
          }
          return Promise.all(keys.map((k) => keyResource(ctx, project, loc, k)));
        }),
      );
      return perRing.flat();
    }),
  );
  return perLocation.flat();
}

async function keyResource(ctx: GcpContext, project: string, location: string, key: Obj): Promise<Resource> {
  const name = safeName(key.name);
  const r = gcpResource(KMS_KEY_TYPE, key, { project, region: location, operation: 'cloudkms.cryptoKeys.list', id: `//cloudkms.googleapis.com/${String(key.name)}`, name: String(key.name ?? '').split('/').pop() });
  if (!name) {
    addGap(r, 'iamPolicy', 'BAD_RESPONSE: the key has no readable resource name');
    return r;
  }
  try {
    const policy = await restGet<Obj>(ctx, 'cloudkms', 'cloudkms.cryptoKeys.getIamPolicy', project, `/v1/${encodePath(name)}:getIamPolicy`, { 'options.requestedPolicyVersion': 3 });
    r.properties.iamPolicy = { ...(policy.version !== undefined ? { version: policy.version } : {}), bindings: Array.isArray(policy.bindings) ? policy.bindings : [] };
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    addGap(r, 'iamPolicy', e.gap);
  }
  return r;
}
