/**
 * Cloud SQL Admin v1 (REST): instances.list returns each instance with its
 * settings (ipConfiguration.sslMode / requireSsl, backupConfiguration,
 * diskEncryptionConfiguration) and region.
 */
import type { Resource } from '../../../../model/resource.js';
import { gcpResource, type GcpContext } from './context.js';
import { GcpCallError } from './errors.js';
import { collectionGap } from './placeholder.js';
import { restList } from './rest.js';

export const SQL_INSTANCE_TYPE = 'gcp.sql.instance';

export async function collectSql(ctx: GcpContext, project: string, pageSize = 500): Promise<Resource[]> {
  try {
    const items = await restList<Record<string, unknown>>(ctx, 'sqladmin', 'sqladmin.instances.list', project, `/v1/projects/${encodeURIComponent(project)}/instances`, 'items', {
      maxResults: pageSize,
    });
    const at = new Date().toISOString();
    return items.map((i) =>
      gcpResource(SQL_INSTANCE_TYPE, i, {
        project,
        at,
        region: typeof i.region === 'string' ? i.region : undefined,
        operation: 'sqladmin.instances.list',
        id: `//cloudsql.googleapis.com/projects/${project}/instances/${String(i.name)}`,
      }),
    );
  } catch (e) {
    if (!(e instanceof GcpCallError)) throw e;
    return [collectionGap(SQL_INSTANCE_TYPE, project, e)];
  }
}
