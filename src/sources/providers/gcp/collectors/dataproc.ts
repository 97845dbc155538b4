/**
 * Dataproc v1 (REST): the project's clusters, for their encryption settings
 * (CIS GCP 1.17). Dataproc has no project-wide or aggregated listing:
 * `projects.regions.clusters.list` answers for one region. A GCP scan has no
 * region list of its own (projects are its units), so the project's regions
 * come from Compute `regions.list` (one paginated call per project), then
 * clusters are listed once per region (paginated). A failed regions list is
 * a gap for the whole project; a failed region is a gap for that region:
 * their rules answer unknown, never "no cluster".
 */
import type { Resource } from '../../../../model/resource.js';
import { gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restList } from './rest.js';

export const DATAPROC_CLUSTER_TYPE = 'gcp.dataproc.cluster';

type Obj = Record<string, unknown>;
const REGION = /^[a-z]+(?:-[a-z0-9]+)+$/;

/** The project's Compute regions (names only). Throws GcpCallError when the list fails. */
export async function listRegions(ctx: GcpContext, project: string, pageSize = 500): Promise<string[]> {
  const list = await restList<Obj>(ctx, 'compute', 'compute.regions.list', project, `/compute/v1/projects/${encodeURIComponent(project)}/regions`, 'items', { maxResults: pageSize });
  return [...new Set(list.map((r) => String(r.name ?? '')).filter((n) => REGION.test(n)))].sort();
}

export async function collectDataprocClusters(ctx: GcpContext, project: string, pageSize = 100, regionPageSize = 500): Promise<Resource[]> {
  let regions: string[];
  try {
    regions = await listRegions(ctx, project, regionPageSize);
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(DATAPROC_CLUSTER_TYPE, project, e, 'regions')];
  }
  const p = encodeURIComponent(project);
  const perRegion = await Promise.all(
    regions.map(async (region): Promise<Resource[]> => {
      let clusters: Obj[];
      try {
        clusters = await restList<Obj>(ctx, 'dataproc', 'dataproc.clusters.list', project, `/v1/projects/${p}/regions/${region}/clusters`, 'clusters', { pageSize });
      } catch (e) {
        if (!(e instanceof GcpCallError)) throw e;
        return [collectionGap(DATAPROC_CLUSTER_TYPE, project, e, region)];
      }
      const at = new Date().toISOString();
      return clusters.map((c) => {
        const name = String(c.clusterName ?? '');
        return gcpResource(DATAPROC_CLUSTER_TYPE, c, { project, region, operation: 'dataproc.clusters.list', at, id: `//dataproc.googleapis.com/projects/${project}/regions/${region}/clusters/${name}`, name });
      });
    }),
  );
  return perRegion.flat();
}
