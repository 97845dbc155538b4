import { it, expect } from 'vitest';
import { startGcpServer } from '../cloud/gcp/server.js';
import { scanGcp } from '../../src/collectors/gcp/index.js';
import { parseEndpoints, GCP_APIS } from '../../src/collectors/gcp/transport.js';

it('smoke', async () => {
  const s = await startGcpServer({
    organizations: [{ id: '111', iamPolicy: { bindings: [{ role: 'roles/viewer', members: ['group:a@x.com'] }] } }],
    folders: [{ id: '222', parent: 'organizations/111' }],
    projects: [{ id: 'proj-one', parent: 'folders/222', buckets: [{ name: 'b1' }, { name: 'b2', iamPolicy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] } }],
      firewalls: [{ name: 'ssh', allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] }],
      instances: [{ name: 'vm', zone: 'europe-west1-b', networkInterfaces: [{ network: 'global/networks/default', accessConfigs: [{ natIP: '1.2.3.4' }] }] }],
      sslPolicies: [{ name: 'pol', minTlsVersion: 'TLS_1_2', profile: 'MODERN' }],
      targetHttpsProxies: [{ name: 'px', sslPolicy: 'global/sslPolicies/pol', urlMap: 'global/urlMaps/um' }],
      sqlInstances: [{ name: 'db', region: 'europe-west2', settings: { backupConfiguration: { enabled: true } } }],
      serviceAccounts: [{ email: 'sa@proj-one.iam.gserviceaccount.com', keys: [{ id: 'k1', validAfterTime: '2025-01-01T00:00:00Z' }] }],
      sinks: [{ name: 's1', destination: 'storage.googleapis.com/x', filter: '' }],
    }],
  });
  try {
    const endpoints = parseEndpoints(GCP_APIS.map((a) => `${a}=${s.url}`));
    const { inventory, projects } = await scanGcp({ endpoints, concurrency: 4, targets: { organization: '111' }, pageSizes: { buckets: 1, compute: 1 } });
    console.log(projects, inventory.types(), JSON.stringify(inventory.coverage, null, 1).slice(0, 1500));
    for (const r of inventory.all()) console.log(r.type, r.id, JSON.stringify(r.relations), JSON.stringify(r.gaps ?? {}));
    console.log(JSON.stringify(inventory.ofType('gcp.storage.bucket')[1]?.properties));
    expect(s.writes).toEqual([]);
  } finally { await s.close(); }
});
