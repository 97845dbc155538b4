/**
 * BigQuery v2 (REST): the project's datasets (datasets.list), then each
 * dataset (datasets.get), the only call that returns its access list and
 * default encryption. A dataset whose get fails keeps its listing with gaps
 * on `access` and `defaultEncryptionConfiguration`.
 *
 * Tables (CIS GCP 7.2): `tables.list` per dataset (paginated) returns no
 * encryption settings, so each table is read with `tables.get` — one call per
 * table, bounded like every BigQuery call by the scan's `--concurrency`
 * (GcpContext's limiter per API). Views and external tables keep no data in
 * BigQuery storage and are not read. Metadata only: the schema is dropped,
 * and table rows (`tabledata.list`) are refused by the read-only guard.
 */
import type { Resource } from '../../../../model/resource.js';
import { addGap, gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restGet, restList } from './rest.js';

export const BQ_DATASET_TYPE = 'gcp.bigquery.dataset';
export const BQ_TABLE_TYPE = 'gcp.bigquery.table';
/** Table types with no data of their own in BigQuery storage: nothing to encrypt, no tables.get. */
const NO_STORAGE = new Set(['VIEW', 'EXTERNAL']);

type Obj = Record<string, unknown>;

export async function collectDatasets(ctx: GcpContext, project: string, pageSize = 1000): Promise<Resource[]> {
  let list: Obj[];
  const p = encodeURIComponent(project);
  try {
    list = await restList<Obj>(ctx, 'bigquery', 'bigquery.datasets.list', project, `/bigquery/v2/projects/${p}/datasets`, 'datasets', { maxResults: pageSize, all: true });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(BQ_DATASET_TYPE, project, e), collectionGap(BQ_TABLE_TYPE, project, e)];
  }
  const datasets = Promise.all(
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
  const tables = Promise.all(list.map((d) => collectTables(ctx, project, d, pageSize)));
  return [...(await datasets), ...(await tables).flat()];
}

/** One dataset's tables: listed (paginated), then each table with data read with tables.get. */
async function collectTables(ctx: GcpContext, project: string, dataset: Obj, pageSize: number): Promise<Resource[]> {
  const p = encodeURIComponent(project);
  const id = String(((dataset.datasetReference ?? {}) as Obj).datasetId ?? '');
  const location = typeof dataset.location === 'string' ? dataset.location : undefined;
  let tables: Obj[];
  try {
    if (!/^[\w]+$/.test(id)) throw new GcpCallError('bigquery.tables.list', { code: 'BAD_RESPONSE', message: 'a listed dataset has no readable id', retryable: false });
    tables = await restList<Obj>(ctx, 'bigquery', 'bigquery.tables.list', project, `/bigquery/v2/projects/${p}/datasets/${id}/tables`, 'tables', { maxResults: pageSize });
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(BQ_TABLE_TYPE, project, e, id || 'dataset')];
  }
  const at = new Date().toISOString();
  return Promise.all(
    tables.map(async (t) => {
      const tid = String(((t.tableReference ?? {}) as Obj).tableId ?? '');
      const where = { project, region: location, id: `//bigquery.googleapis.com/projects/${project}/datasets/${id}/tables/${tid}`, name: `${id}.${tid}` };
      if (NO_STORAGE.has(String(t.type))) return gcpResource(BQ_TABLE_TYPE, t, { ...where, operation: 'bigquery.tables.list', at });
      try {
        if (!tid) throw new GcpCallError('bigquery.tables.get', { code: 'BAD_RESPONSE', message: 'a listed table has no readable id', retryable: false });
        const full = await restGet<Obj>(ctx, 'bigquery', 'bigquery.tables.get', project, `/bigquery/v2/projects/${p}/datasets/${id}/tables/${encodeURIComponent(tid)}`);
        // Column names and descriptions are not needed by any rule: not kept.
        delete full.schema;
        return gcpResource(BQ_TABLE_TYPE, full, { ...where, region: typeof full.location === 'string' ? full.location : location, operation: 'bigquery.tables.get' });
      } catch (e) {
        if (!(e instanceof GcpCallError)) throw e;
        const r = gcpResource(BQ_TABLE_TYPE, t, { ...where, operation: 'bigquery.tables.list', at });
        addGap(r, 'encryptionConfiguration', e.gap);
        return r;
      }
    }),
  );
}
