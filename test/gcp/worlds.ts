/**
 * The GCP test world: an organization with a folder; project `shop-prod`
 * (under the folder) holds compliant resources and, when `violations` is on,
 * one or more deliberate violations per GCP rule; project `legacy-lab`
 * (directly under the organization) breaks the project-level rules. The
 * organization and the folder carry hierarchical firewall policies (one
 * folder policy opens SSH to the internet when `violations` is on) and
 * shop-prod a global network firewall policy.
 * EXPECTED lists the verdict each named resource must get from each rule.
 */
import type { GcpWorld, ProjectWorld } from '../cloud/gcp/world.js';

const KMS = 'projects/sec-kms/locations/europe/keyRings/data/cryptoKeys/default';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const locked = { publicAccessPrevention: 'enforced', uniformBucketLevelAccess: { enabled: true } };
const fullAudit = [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' as const }, { logType: 'DATA_READ' as const }, { logType: 'DATA_WRITE' as const }] }];

export const CLAIMS_YAML = `version: 1
name: shop policy
parameters:
  tlsMin: "1.2"
  backup: { maxDays: 35, minDays: 7 }
  allowedRegions: [US, EU]
  bastion: { gcpNetworkTags: [bastion] }
  retention:
    - { dataSet: telemetry, maxDays: 90, match: { tags: { data: telemetry } } }
  requireCustomerManagedKeys: true
claims:
  - id: everything
    text: "We protect customer data."
    controls: [enc-rest, tls-min, https-redirect, bastion-only, iam-least-privilege, public-access, backup-retention, data-retention, data-residency, audit-logging]
`;

export const CLAIMS_WITH_MFA_YAML = CLAIMS_YAML.replace('audit-logging]', 'audit-logging, mfa]');

function shopProd(violations: boolean): ProjectWorld {
  const v = <T>(list: T[]) => (violations ? list : []);
  return {
    id: 'shop-prod',
    parent: 'folders/200',
    iamPolicy: {
      bindings: [
        { role: 'roles/owner', members: ['group:platform@example.com'] },
        { role: 'roles/viewer', members: ['user:auditor@example.com'] },
        // A conditional binding: the server refuses to return this policy below version 3.
        { role: 'roles/compute.instanceAdmin.v1', members: ['group:oncall@example.com'], condition: { title: 'until 2030', expression: "request.time < timestamp('2030-01-01T00:00:00Z')" } },
      ],
    },
    buckets: [
      { name: 'shop-assets', location: 'EU', encryption: { defaultKmsKeyName: KMS }, iamConfiguration: locked, iamPolicy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['group:web@example.com'], condition: { title: 'public prefix', expression: "resource.name.startsWith('projects/_/buckets/shop-assets/objects/public/')" } }] } },
      { name: 'shop-telemetry', location: 'US', labels: { data: 'telemetry' }, encryption: { defaultKmsKeyName: KMS }, iamConfiguration: locked, lifecycle: { rule: [{ action: { type: 'Delete' }, condition: { age: 90 } }] } },
      ...v([
        { name: 'shop-logs-forever', location: 'US', labels: { data: 'telemetry' }, encryption: { defaultKmsKeyName: KMS }, iamConfiguration: locked },
        { name: 'shop-public', location: 'EU', encryption: { defaultKmsKeyName: KMS }, iamConfiguration: { publicAccessPrevention: 'inherited', uniformBucketLevelAccess: { enabled: true } }, iamPolicy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] } },
        { name: 'shop-acl', location: 'EU', encryption: { defaultKmsKeyName: KMS }, iamConfiguration: { publicAccessPrevention: 'enforced', uniformBucketLevelAccess: { enabled: false } } },
        { name: 'shop-london', location: 'EUROPE-WEST2', locationType: 'region', encryption: { defaultKmsKeyName: KMS }, iamConfiguration: locked },
        { name: 'shop-plain', location: 'US', iamConfiguration: locked },
      ]),
    ],
    firewalls: [
      { name: 'allow-iap-ssh', allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], sourceRanges: ['35.235.240.0/20'] },
      { name: 'allow-from-bastion', allowed: [{ IPProtocol: 'tcp', ports: ['22', '3389'] }], sourceTags: ['bastion'] },
      { name: 'allow-web', allowed: [{ IPProtocol: 'tcp', ports: ['80', '443'] }], sourceRanges: ['0.0.0.0/0'], targetTags: ['web'] },
      { name: 'bastion-ssh', allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], sourceRanges: ['35.235.240.0/20'], targetTags: ['bastion'] },
      { name: 'disabled-rdp', allowed: [{ IPProtocol: 'tcp', ports: ['3389'] }], sourceRanges: ['0.0.0.0/0'], disabled: true },
      // An allow shadowed by a deny that is evaluated first for the same targets.
      { name: 'deny-legacy-ssh', priority: 100, denied: [{ IPProtocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'], targetTags: ['legacy'] },
      { name: 'legacy-ssh', priority: 1000, allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'], targetTags: ['legacy'] },
      ...v([
        { name: 'allow-ssh-world', allowed: [{ IPProtocol: 'tcp', ports: ['20-30'] }], sourceRanges: ['0.0.0.0/0'] },
        { name: 'allow-rdp-v6', allowed: [{ IPProtocol: 'all' }], sourceRanges: ['::/0'], priority: 900 },
      ]),
    ],
    instances: [
      { name: 'bastion-1', zone: 'europe-west1-b', tags: { items: ['bastion'] }, networkInterfaces: [{ network: 'global/networks/default', networkIP: '10.0.0.2', accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT', natIP: '203.0.113.7' }] }] },
      { name: 'app-1', zone: 'europe-west1-b', tags: { items: ['web'] }, networkInterfaces: [{ network: 'global/networks/default', networkIP: '10.0.0.3' }] },
      ...v([
        { name: 'app-public', zone: 'us-east1-b', networkInterfaces: [{ network: 'global/networks/default', networkIP: '10.1.0.3', accessConfigs: [{ type: 'ONE_TO_ONE_NAT', natIP: '198.51.100.23' }] }] },
        { name: 'app-zurich', zone: 'europe-west6-a', networkInterfaces: [{ network: 'global/networks/default', networkIP: '10.2.0.3' }] },
      ]),
    ],
    disks: [
      { name: 'disk-app', zone: 'europe-west1-b', sizeGb: '50', diskEncryptionKey: { kmsKeyName: `${KMS}/cryptoKeyVersions/1` } },
      ...v([{ name: 'disk-plain', zone: 'us-east1-b', sizeGb: '10' }]),
    ],
    sslPolicies: [{ name: 'modern-12', profile: 'MODERN', minTlsVersion: 'TLS_1_2' }, ...v([{ name: 'legacy-10', profile: 'COMPATIBLE', minTlsVersion: 'TLS_1_0' }])],
    urlMaps: [
      { name: 'web-map', defaultService: 'global/backendServices/web' },
      { name: 'web-redirect', defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT', stripQuery: false } },
      ...v([{ name: 'api-http-map', defaultService: 'global/backendServices/api' }]),
    ],
    targetHttpsProxies: [
      { name: 'web-https', urlMap: 'global/urlMaps/web-map', sslPolicy: 'global/sslPolicies/modern-12' },
      ...v([{ name: 'api-https', urlMap: 'global/urlMaps/web-map' }]),
    ],
    targetSslProxies: v([{ name: 'tcp-ssl', sslPolicy: 'global/sslPolicies/legacy-10', service: 'global/backendServices/tcp' }]),
    targetHttpProxies: [{ name: 'web-http', urlMap: 'global/urlMaps/web-redirect' }, ...v([{ name: 'api-http', urlMap: 'global/urlMaps/api-http-map' }])],
    forwardingRules: [
      { name: 'web-https-fr', IPAddress: '203.0.113.10', IPProtocol: 'TCP', portRange: '443-443', loadBalancingScheme: 'EXTERNAL_MANAGED', target: 'global/targetHttpsProxies/web-https' },
      { name: 'web-http-fr', IPAddress: '203.0.113.10', IPProtocol: 'TCP', portRange: '80-80', loadBalancingScheme: 'EXTERNAL_MANAGED', target: 'global/targetHttpProxies/web-http' },
      ...v([{ name: 'api-http-fr', IPAddress: '203.0.113.11', IPProtocol: 'TCP', portRange: '80-80', loadBalancingScheme: 'EXTERNAL', target: 'global/targetHttpProxies/api-http' }]),
    ],
    sqlInstances: [
      {
        name: 'orders-db',
        region: 'europe-west1',
        databaseVersion: 'POSTGRES_16',
        diskEncryptionConfiguration: { kmsKeyName: KMS, kind: 'sql#diskEncryptionConfiguration' },
        settings: { tier: 'db-custom-2-8192', ipConfiguration: { ipv4Enabled: false, sslMode: 'ENCRYPTED_ONLY' }, backupConfiguration: { enabled: true, startTime: '03:00', backupRetentionSettings: { retentionUnit: 'COUNT', retainedBackups: 35 }, transactionLogRetentionDays: 7 } },
      },
      ...v([
        {
          name: 'reports-db',
          region: 'us-east1',
          diskEncryptionConfiguration: { kmsKeyName: KMS },
          settings: { ipConfiguration: { ipv4Enabled: true, sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED', requireSsl: false }, backupConfiguration: { enabled: true, backupRetentionSettings: { retentionUnit: 'COUNT', retainedBackups: 30 } } },
        },
        {
          name: 'archive-db',
          region: 'europe-west1',
          settings: { ipConfiguration: { sslMode: 'ENCRYPTED_ONLY' }, backupConfiguration: { enabled: true, backupRetentionSettings: { retentionUnit: 'COUNT', retainedBackups: 365 } } },
        },
      ]),
    ],
    serviceAccounts: [
      { email: 'app@shop-prod.iam.gserviceaccount.com', keys: [{ id: 'a1b2c3', validAfterTime: daysAgo(10) }] },
      { email: 'runner@shop-prod.iam.gserviceaccount.com' },
      ...v([{ email: 'ci@shop-prod.iam.gserviceaccount.com', keys: [{ id: 'd4e5f6', validAfterTime: daysAgo(400) }] }]),
    ],
    sinks: [{ name: 'audit-export', destination: 'storage.googleapis.com/shop-audit-archive', filter: 'logName:"cloudaudit.googleapis.com"' }],
    networkFirewallPolicies: [
      {
        shortName: 'shop-vpc-policy',
        associations: [{ name: 'shop-vpc-assoc', attachmentTarget: 'global/networks/default' }],
        rules: [
          { priority: 100, direction: 'INGRESS', action: 'allow', targetServiceAccounts: ['app@shop-prod.iam.gserviceaccount.com'], match: { srcIpRanges: ['35.235.240.0/20'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['22'] }] } },
          { priority: 200, direction: 'INGRESS', action: 'allow', match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['443'] }] } },
          { priority: 300, direction: 'EGRESS', action: 'allow', match: { destIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] } },
        ],
      },
    ],
  };
}

/** Organization policy: IAP may reach SSH/RDP everywhere; the rest of the internet is left to later rules. */
const orgBaseline = {
  shortName: 'org-baseline',
  associations: [{ name: 'org-baseline-assoc', attachmentTarget: 'organizations/100' }],
  rules: [
    { priority: 1000, direction: 'INGRESS', action: 'allow', match: { srcIpRanges: ['35.235.240.0/20'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['22', '3389'] }] } },
    { priority: 1100, direction: 'INGRESS', action: 'allow', disabled: true, match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['22'] }] } },
  ],
};

/** Folder policy: refuses RDP from the internet outright. */
const prodGuard = {
  shortName: 'prod-guard',
  associations: [{ name: 'prod-guard-assoc', attachmentTarget: 'folders/200' }],
  rules: [{ priority: 10, direction: 'INGRESS', action: 'deny', match: { srcIpRanges: ['0.0.0.0/0', '::/0'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['3389'] }] } }],
};

/** The violation VPC rules cannot show: an allow on the folder, evaluated before them and final. */
const prodBreakGlass = {
  shortName: 'prod-break-glass',
  associations: [{ name: 'prod-break-glass-assoc', attachmentTarget: 'folders/200' }],
  rules: [{ priority: 500, direction: 'INGRESS', action: 'allow', match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['22'] }] } }],
};

export function shopWorld(violations: boolean): GcpWorld {
  return {
    organizations: [{ id: '100', displayName: 'example.com', iamPolicy: { bindings: [{ role: 'roles/resourcemanager.organizationAdmin', members: ['group:admins@example.com'] }] }, firewallPolicies: [orgBaseline] }],
    folders: [{ id: '200', parent: 'organizations/100', displayName: 'production', iamPolicy: { auditConfigs: fullAudit }, firewallPolicies: violations ? [prodGuard, prodBreakGlass] : [prodGuard] }],
    projects: [
      shopProd(violations),
      ...(violations
        ? [
            {
              id: 'legacy-lab',
              parent: 'organizations/100',
              iamPolicy: { bindings: [{ role: 'roles/editor', members: ['user:intern@example.com'] }], auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' as const }] }] },
              sinks: [{ name: 'errors', destination: 'pubsub.googleapis.com/projects/legacy-lab/topics/errors', filter: 'severity>=ERROR' }],
            },
            { id: 'old-sandbox', parent: 'organizations/100', state: 'DELETE_REQUESTED' as const },
          ]
        : []),
    ],
  };
}

export type Expectation = [ruleId: string, resourceName: string, status: 'pass' | 'fail' | 'unknown' | 'not-applicable'];

export const EXPECTED: Expectation[] = [
  ['enc-rest/gcp-storage-bucket', 'shop-assets', 'pass'],
  ['enc-rest/gcp-storage-bucket', 'shop-plain', 'fail'],
  ['enc-rest/gcp-compute-disk', 'disk-app', 'pass'],
  ['enc-rest/gcp-compute-disk', 'disk-plain', 'fail'],
  ['enc-rest/gcp-sql-instance', 'orders-db', 'pass'],
  ['enc-rest/gcp-sql-instance', 'archive-db', 'fail'],
  ['tls-min/gcp-ssl-policy', 'modern-12', 'pass'],
  ['tls-min/gcp-ssl-policy', 'legacy-10', 'fail'],
  ['tls-min/gcp-target-proxy', 'web-https', 'pass'],
  ['tls-min/gcp-target-proxy', 'api-https', 'fail'],
  ['tls-min/gcp-target-proxy', 'tcp-ssl', 'fail'],
  ['tls-min/gcp-sql-instance', 'orders-db', 'pass'],
  ['tls-min/gcp-sql-instance', 'reports-db', 'fail'],
  ['https-redirect/gcp-forwarding-rule', 'web-http-fr', 'pass'],
  ['https-redirect/gcp-forwarding-rule', 'api-http-fr', 'fail'],
  ['bastion-only/gcp-firewall', 'allow-iap-ssh', 'pass'],
  ['bastion-only/gcp-firewall', 'allow-from-bastion', 'pass'],
  ['bastion-only/gcp-firewall', 'allow-web', 'pass'],
  ['bastion-only/gcp-firewall', 'disabled-rdp', 'not-applicable'],
  ['bastion-only/gcp-firewall', 'legacy-ssh', 'pass'],
  ['bastion-only/gcp-firewall', 'allow-ssh-world', 'fail'],
  ['bastion-only/gcp-firewall', 'allow-rdp-v6', 'fail'],
  ['bastion-only/gcp-firewall-policy', 'org-baseline', 'pass'],
  ['bastion-only/gcp-firewall-policy', 'prod-guard', 'pass'],
  ['bastion-only/gcp-firewall-policy', 'shop-vpc-policy', 'pass'],
  ['bastion-only/gcp-firewall-policy', 'prod-break-glass', 'fail'],
  ['bastion-only/gcp-compute-instance', 'bastion-1', 'pass'],
  ['bastion-only/gcp-compute-instance', 'app-1', 'pass'],
  ['bastion-only/gcp-compute-instance', 'app-public', 'fail'],
  ['iam-least-privilege/gcp-iam-policy', 'shop-prod', 'pass'],
  ['iam-least-privilege/gcp-iam-policy', 'organizations/100', 'pass'],
  ['iam-least-privilege/gcp-iam-policy', 'legacy-lab', 'fail'],
  ['iam-least-privilege/gcp-service-account-key', 'app@shop-prod.iam.gserviceaccount.com/a1b2c3', 'pass'],
  ['iam-least-privilege/gcp-service-account-key', 'ci@shop-prod.iam.gserviceaccount.com/d4e5f6', 'fail'],
  ['public-access/gcp-storage-bucket', 'shop-assets', 'pass'],
  ['public-access/gcp-storage-bucket', 'shop-public', 'fail'],
  ['public-access/gcp-storage-bucket-prevention', 'shop-assets', 'pass'],
  ['public-access/gcp-storage-bucket-prevention', 'shop-acl', 'fail'],
  ['backup-retention/gcp-sql-instance', 'orders-db', 'pass'],
  ['backup-retention/gcp-sql-instance', 'archive-db', 'fail'],
  ['data-retention/gcp-storage-bucket', 'shop-telemetry', 'pass'],
  ['data-retention/gcp-storage-bucket', 'shop-logs-forever', 'fail'],
  ['data-residency/gcp-location', 'shop-assets', 'pass'],
  ['data-residency/gcp-location', 'bastion-1', 'pass'],
  ['data-residency/gcp-location', 'orders-db', 'pass'],
  ['data-residency/gcp-location', 'shop-london', 'fail'],
  ['data-residency/gcp-location', 'app-zurich', 'fail'],
  ['audit-logging/gcp-data-access-logs', 'shop-prod', 'pass'],
  ['audit-logging/gcp-data-access-logs', 'legacy-lab', 'fail'],
  ['audit-logging/gcp-log-sink', 'shop-prod', 'pass'],
  ['audit-logging/gcp-log-sink', 'legacy-lab', 'fail'],
];
