/**
 * The CIS GCP world: the shop world with its violations, plus project
 * `cis-lab` (under the organization) holding one violation per CIS control
 * judged on what the shop world does not have (networks, subnets, backend
 * services, project metadata, and the services only the benchmark reads),
 * beside a compliant example of each where the rule judges per resource.
 */
import type { GcpWorld, ProjectWorld } from '../cloud/gcp/world.js';
import { shopWorld } from './worlds.js';

export function cisLab(): ProjectWorld {
  return {
    id: 'cis-lab',
    parent: 'organizations/100',
    iamPolicy: {
      bindings: [
        { role: 'roles/owner', members: ['group:lab-admins@example.com'] },
        // 1.6: Service Account User on the whole project.
        { role: 'roles/iam.serviceAccountUser', members: ['user:dev@example.com'] },
        // 1.8: one member administers and uses service accounts; 1.11: the same for KMS.
        { role: 'roles/iam.serviceAccountAdmin', members: ['user:dev@example.com'] },
        { role: 'roles/cloudkms.admin', members: ['group:sec@example.com'] },
        { role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: ['group:sec@example.com'] },
      ],
    },
    // 4.4: OS Login off at project level.
    commonInstanceMetadata: [{ key: 'enable-oslogin', value: 'FALSE' }],
    networks: [
      // 3.1: the default network; 3.2: a legacy network.
      { name: 'default', autoCreateSubnetworks: true, routingConfig: { routingMode: 'REGIONAL' } },
      { name: 'old-flat', IPv4Range: '10.240.0.0/16', gatewayIPv4: '10.240.0.1' },
      { name: 'lab-vpc', autoCreateSubnetworks: false, routingConfig: { routingMode: 'GLOBAL' } },
    ],
    subnetworks: [
      // 3.8: no flow logs; the compliant subnet logs everything.
      { name: 'lab-nolog', region: 'us-central1', network: 'global/networks/lab-vpc', ipCidrRange: '10.10.0.0/24', purpose: 'PRIVATE' },
      { name: 'lab-full', region: 'us-central1', network: 'global/networks/lab-vpc', ipCidrRange: '10.10.1.0/24', purpose: 'PRIVATE', logConfig: { enable: true, aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 1, metadata: 'INCLUDE_ALL_METADATA' } },
      { name: 'lab-proxy', region: 'us-central1', network: 'global/networks/lab-vpc', ipCidrRange: '10.10.2.0/24', purpose: 'REGIONAL_MANAGED_PROXY', role: 'ACTIVE' },
    ],
    backendServices: [
      // 2.16: an HTTP(S) load balancer backend without request logging.
      { name: 'lab-web', loadBalancingScheme: 'EXTERNAL_MANAGED', protocol: 'HTTPS', port: 443, timeoutSec: 30 },
      { name: 'lab-api', loadBalancingScheme: 'EXTERNAL_MANAGED', protocol: 'HTTPS', port: 443, logConfig: { enable: true, sampleRate: 1 } },
    ],
  };
}

export function cisWorld(): GcpWorld {
  const w = shopWorld(true);
  return { ...w, projects: [...w.projects, cisLab()] };
}
