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
        // 1.1: a personal account.
        { role: 'roles/viewer', members: ['user:lab.helper@gmail.com'] },
        // 1.6: Service Account User on the whole project.
        { role: 'roles/iam.serviceAccountUser', members: ['user:dev@example.com'] },
        // 1.8: one member administers and uses service accounts; 1.11: the same for KMS.
        { role: 'roles/iam.serviceAccountAdmin', members: ['user:dev@example.com'] },
        { role: 'roles/cloudkms.admin', members: ['group:sec@example.com'] },
        { role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: ['group:sec@example.com'] },
      ],
    },
    // 2.3: one sink into a bucket whose retention policy is not locked, one into a locked bucket.
    sinks: [
      { name: 'to-unlocked', destination: 'storage.googleapis.com/cis-lab-logs' },
      { name: 'to-locked', destination: 'storage.googleapis.com/cis-lab-vault', filter: 'logName:"cloudaudit.googleapis.com"' },
    ],
    buckets: [
      { name: 'cis-lab-logs', retentionPolicy: { retentionPeriod: '31536000', effectiveTime: '2026-01-01T00:00:00.000Z' }, iamConfiguration: { publicAccessPrevention: 'enforced', uniformBucketLevelAccess: { enabled: true } } },
      { name: 'cis-lab-vault', retentionPolicy: { retentionPeriod: '31536000', effectiveTime: '2026-01-01T00:00:00.000Z', isLocked: true }, iamConfiguration: { publicAccessPrevention: 'enforced', uniformBucketLevelAccess: { enabled: true } } },
    ],
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
    // 2.4–2.11: three kinds of change are counted and alerted on, one is counted without an alert, the rest not at all.
    logMetrics: [
      { name: 'owner-changes', filter: 'protoPayload.serviceName="cloudresourcemanager.googleapis.com" AND (ProjectOwnership OR projectOwnerInvitee OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner"))' },
      { name: 'firewall-changes', filter: 'resource.type="gce_firewall_rule"' },
      { name: 'sql-changes', filter: 'protoPayload.methodName="cloudsql.instances.update"' },
      { name: 'route-changes', filter: 'resource.type="gce_route" AND protoPayload.methodName:"compute.routes.insert" OR protoPayload.methodName:"compute.routes.delete"' },
      // Narrower than 2.9 asks (no peering changes): does not count.
      { name: 'network-changes', filter: 'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.delete")' },
    ],
    alertPolicies: ['owner-changes', 'firewall-changes', 'sql-changes'].map((m) => ({
      displayName: `alert ${m}`,
      conditions: [{ displayName: m, conditionThreshold: { filter: `metric.type="logging.googleapis.com/user/${m}" AND resource.type="global"`, comparison: 'COMPARISON_GT', thresholdValue: 0, duration: '0s' } }],
      notificationChannels: ['projects/cis-lab/notificationChannels/1'],
    })),
    // 1.9, 1.10: one public key, one that never rotates, one compliant, one asymmetric (not applicable).
    keyRings: [
      {
        location: 'europe',
        name: 'lab',
        keys: [
          { name: 'public-key', rotationPeriod: '7776000s', nextRotationTime: '2026-01-01T00:00:00Z', iamPolicy: { bindings: [{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: ['allUsers'] }] } },
          { name: 'stale-key' },
          { name: 'good-key', rotationPeriod: '2592000s', nextRotationTime: '2026-01-01T00:00:00Z', iamPolicy: { bindings: [{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: ['serviceAccount:app@cis-lab.iam.gserviceaccount.com'] }] } },
          { name: 'sign-key', purpose: 'ASYMMETRIC_SIGN', versionTemplate: { algorithm: 'EC_SIGN_P256_SHA256', protectionLevel: 'HSM' } },
        ],
      },
    ],
    // 2.12: DNS logging on lab-vpc only (default and old-flat have no policy).
    dnsPolicies: [{ name: 'lab-dns-logging', enableLogging: true, networks: ['lab-vpc'] }],
    // 3.3–3.5: an unsigned public zone, one signed with RSASHA1, a good one, a private one.
    managedZones: [
      { name: 'lab-unsigned', dnsName: 'unsigned.example.com.', dnssecConfig: { state: 'off' } },
      { name: 'lab-sha1', dnsName: 'sha1.example.com.', dnssecConfig: { state: 'on', nonExistence: 'nsec3', defaultKeySpecs: [{ keyType: 'keySigning', algorithm: 'rsasha1', keyLength: 2048 }, { keyType: 'zoneSigning', algorithm: 'rsasha1', keyLength: 1024 }] } },
      { name: 'lab-signed', dnsName: 'signed.example.com.', dnssecConfig: { state: 'on', nonExistence: 'nsec3', defaultKeySpecs: [{ keyType: 'keySigning', algorithm: 'rsasha256', keyLength: 2048 }, { keyType: 'zoneSigning', algorithm: 'rsasha256', keyLength: 1024 }] } },
      { name: 'lab-private', dnsName: 'corp.internal.', visibility: 'private' },
    ],
    // 7.1, 7.3: a public dataset without CMEK, a private one with it.
    // 7.2: a table on Google-managed keys (its rows must never be read), a view (not applicable), a table with a CMEK.
    datasets: [
      {
        datasetId: 'lab_public',
        access: [{ role: 'OWNER', specialGroup: 'projectOwners' }, { role: 'READER', specialGroup: 'allAuthenticatedUsers' }],
        tables: [
          { tableId: 'events', rows: [{ f: [{ v: 'alice@example.com' }] }] },
          { tableId: 'events_view', type: 'VIEW', view: { query: 'SELECT * FROM lab_public.events', useLegacySql: false } },
        ],
      },
      {
        datasetId: 'lab_private',
        defaultEncryptionConfiguration: { kmsKeyName: 'projects/cis-lab/locations/us/keyRings/bq/cryptoKeys/default' },
        tables: [{ tableId: 'orders', encryptionConfiguration: { kmsKeyName: 'projects/cis-lab/locations/us/keyRings/bq/cryptoKeys/default' } }],
      },
    ],
    // 1.17: a cluster on Google-managed keys, one with a CMEK, in two regions.
    dataprocClusters: [
      { clusterName: 'lab-etl', region: 'europe-west1', config: { gceClusterConfig: { zoneUri: 'europe-west1-b' }, softwareConfig: { imageVersion: '2.2-debian12' } } },
      { clusterName: 'lab-secure', region: 'us-central1', config: { encryptionConfig: { gcePdKmsKeyName: 'projects/cis-lab/locations/us-central1/keyRings/dp/cryptoKeys/disks' } } },
    ],
    // 1.13–1.15: an old unrestricted key; a recent restricted one. Key strings exist on the server only.
    apiKeys: [
      { id: 'k-old', displayName: 'legacy-key', createTime: '2024-01-01T00:00:00Z', keyString: 'AIzaSyFIXTUREoldkey000000000000000000000' },
      { id: 'k-maps', displayName: 'maps-key', createTime: new Date(Date.now() - 5 * 86_400_000).toISOString(), restrictions: { browserKeyRestrictions: { allowedReferrers: ['https://shop.example.com/*'] }, apiTargets: [{ service: 'maps-backend.googleapis.com' }] }, keyString: 'AIzaSyFIXTUREmapskey00000000000000000000' },
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
  // 2.13, 2.15: shop-prod enables Cloud Asset Inventory and enrolls in Access Approval; the others do neither.
  const projects = w.projects.map((p) => (p.id === 'shop-prod' ? { ...p, enabledServices: ['cloudasset.googleapis.com'], accessApproval: { enrolledServices: [{ cloudProduct: 'all', enrollmentLevel: 'BLOCK_ALL' }], notificationEmails: ['security@example.com'] } } : p));
  // 1.16: the organization's contacts cover security and technical only; shop-prod adds the rest on itself.
  const organizations = w.organizations!.map((o) => ({ ...o, essentialContacts: [{ email: 'security@example.com', notificationCategorySubscriptions: ['SECURITY', 'TECHNICAL', 'TECHNICAL_INCIDENTS'] }] }));
  const withContacts = projects.map((p) => (p.id === 'shop-prod' ? { ...p, essentialContacts: [{ email: 'legal@example.com', notificationCategorySubscriptions: ['LEGAL', 'SUSPENSION'] }] } : p));
  return { ...w, organizations, projects: [...withContacts, cisLab()] };
}
