/** Cloud Logging v2 (REST): the project's log sinks (where logs are exported). */
import type { Resource } from '../../../../model/resource.js';
import { gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restList } from './rest.js';

export const SINK_TYPE = 'gcp.logging.sink';

export async function collectSinks(ctx: GcpContext, project: string, pageSize = 200): Promise<Resource[]> {
  try {
    const sinks = await restList<Record<string, unknown>>(ctx, 'logging', 'logging.sinks.list', project, `/v2/projects/${encodeURIComponent(project)}/sinks`, 'sinks', {
      pageSize,
    });
    const at = new Date().toISOString();
    return sinks.map((s) =>
      gcpResource(SINK_TYPE, s, {
        project,
        at,
        region: 'global',
        operation: 'logging.sinks.list',
        id: `//logging.googleapis.com/projects/${project}/sinks/${String(s.name)}`,
      }),
    );
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(SINK_TYPE, project, e)];
  }
}
