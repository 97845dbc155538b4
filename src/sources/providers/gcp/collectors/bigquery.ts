/**
 * BigQuery v2 (REST): the project's datasets (datasets.list), then each
 * dataset (datasets.get), the only call that returns its access list and
 * default encryption. A dataset whose get fails keeps its listing with gaps
 * on `access` and `defaultEncryptionConfiguration`.
 */
import type { Resource } from '../../../../model/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restGet, restList } from './rest.js';

export const BQ_DATASET_TYPE = 'gcp.bigquery.dataset';

type Obj = Record<string, unknown>;

export async function collectDatasets(ctx: GcpContext, project: string, pageSize = 1000): Promise<Resource[]> {
  let list: Obj[];
  const p = encodeURIComponent(project);
  try {
    list = await restList<Obj>(ctx, 'bigquery', 'bigquery.datasets.list', project, `/bigquery/v2/projects/${p}/datasets`, 'datasets', { maxResults: pageSize, all: true });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(BQ_DATASET_TYPE, project, e)];
  }
  return Promise.all(
    list.map(async (d) => {
      const ref = (d.datasetReference ?? {}) as Obj;
      const id = String(ref.datasetId ?? '');
      const where = { project, region: typeof d.location === 'string' ? d.location : undefined, id: `//bigquery.googleapis.com/projects/${project}/datasets/${id}`, name: id };
      try {
        if (!/^[\w]+$/.test(id)) throw new GcpCallError('bigquery.datasets.get', { code: 'BAD_RESPONSE', message: 'a listed dataset has no readable id', retryable: false });
        const full = await restGet<Obj>(ctx, 'bigquery', 'bigquery.datasets.get', project, `/bigquery/v2/projects/${p}/datasets/${id}`);
        return gcpResource(BQ_DATASET_TYPE, full, { ...where, region: typeof full.location === 'string' ? full.location : where.region, operation: 'bigquery.datasets.get' });
      } catch (e) {
        if (!(e instanceof GcpCallError)) throw e;
        const r = gcpResource(BQ_DATASET_TYPE, d, { ...where, operation: 'bigquery.datasets.list' });
        addGap(r, 'access', e.gap);
        addGap(r, 'defaultEncryptionConfiguration', e.gap);
        return r;
      }
    }),
  );
}
