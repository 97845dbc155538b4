/**
 * Google Cloud: what each API's collector reads and produces (one work unit
 * per project). `action` is the IAM permission a call needs.
 */
import type { ProviderDeclaration } from '../types.js';

const COMPUTE = [
  'gcp.compute.firewall',
  'gcp.compute.firewall-policy',
  'gcp.compute.instance',
  'gcp.compute.disk',
  'gcp.compute.ssl-policy',
  'gcp.compute.target-https-proxy',
  'gcp.compute.target-ssl-proxy',
  'gcp.compute.target-http-proxy',
  'gcp.compute.url-map',
  'gcp.compute.forwarding-rule',
  'gcp.compute.network',
  'gcp.compute.subnetwork',
  'gcp.compute.backend-service',
  'gcp.compute.project',
] as const;

export const gcp = {
  name: 'gcp',
  title: 'GCP',
  // One per Google API host the collectors call (collectors/transport.ts maps each to its default URL).
  endpointNames: ['storage', 'compute', 'sqladmin', 'cloudresourcemanager', 'iam', 'logging', 'monitoring', 'cloudkms', 'dns', 'bigquery', 'apikeys', 'serviceusage', 'accessapproval', 'essentialcontacts', 'dataproc'],
  base: {
    name: 'base',
    produces: ['gcp.project', 'gcp.folder', 'gcp.organization'],
    reads: [
      { op: 'cloudresourcemanager.projects.list', action: 'resourcemanager.projects.list', lists: ['gcp.project'] },
      { op: 'cloudresourcemanager.projects.get', action: 'resourcemanager.projects.get', lists: ['gcp.project'] },
      { op: 'cloudresourcemanager.projects.getIamPolicy', action: 'resourcemanager.projects.getIamPolicy', lists: ['gcp.project'] },
      { op: 'cloudresourcemanager.folders.list', action: 'resourcemanager.folders.list', lists: ['gcp.folder'] },
      { op: 'cloudresourcemanager.folders.get', action: 'resourcemanager.folders.get', lists: ['gcp.folder'] },
      { op: 'cloudresourcemanager.folders.getIamPolicy', action: 'resourcemanager.folders.getIamPolicy', lists: ['gcp.folder'] },
      { op: 'cloudresourcemanager.organizations.get', action: 'resourcemanager.organizations.get', lists: ['gcp.organization'] },
      { op: 'cloudresourcemanager.organizations.getIamPolicy', action: 'resourcemanager.organizations.getIamPolicy', lists: ['gcp.organization'] },
      { op: 'compute.firewallPolicies.list', lists: ['gcp.compute.firewall-policy'] },
      // Sinks on the folders and organization above the projects (their audit-logging rules read them).
      { op: 'logging.folders.sinks.list', action: 'logging.sinks.list', lists: ['gcp.folder'] },
      { op: 'logging.organizations.sinks.list', action: 'logging.sinks.list', lists: ['gcp.organization'] },
    ],
  },
  services: [
    {
      name: 'storage',
      title: 'Cloud Storage buckets and their IAM policies',
      produces: ['gcp.storage.bucket'],
      reads: [
        { op: 'storage.buckets.list', lists: ['gcp.storage.bucket'] },
        { op: 'storage.buckets.getIamPolicy', lists: ['gcp.storage.bucket'] },
      ],
    },
    {
      name: 'compute',
      title: 'Compute Engine firewalls, network firewall policies, instances, disks, load balancer front ends and backend services, VPC networks and subnets, project metadata',
      produces: COMPUTE,
      reads: [
        { op: 'compute.firewalls.list', lists: ['gcp.compute.firewall'] },
        { op: 'compute.networkFirewallPolicies.list', lists: ['gcp.compute.firewall-policy'] },
        { op: 'compute.instances.aggregatedList', action: 'compute.instances.list', lists: ['gcp.compute.instance'] },
        { op: 'compute.disks.aggregatedList', action: 'compute.disks.list', lists: ['gcp.compute.disk'] },
        { op: 'compute.sslPolicies.aggregatedList', action: 'compute.sslPolicies.list', lists: ['gcp.compute.ssl-policy', 'gcp.compute.target-https-proxy', 'gcp.compute.target-ssl-proxy'] },
        { op: 'compute.targetHttpsProxies.aggregatedList', action: 'compute.targetHttpsProxies.list', lists: ['gcp.compute.target-https-proxy'] },
        { op: 'compute.targetSslProxies.list', lists: ['gcp.compute.target-ssl-proxy'] },
        { op: 'compute.targetHttpProxies.aggregatedList', action: 'compute.targetHttpProxies.list', lists: ['gcp.compute.target-http-proxy', 'gcp.compute.forwarding-rule'] },
        { op: 'compute.urlMaps.aggregatedList', action: 'compute.urlMaps.list', lists: ['gcp.compute.url-map', 'gcp.compute.forwarding-rule'] },
        { op: 'compute.forwardingRules.aggregatedList', action: 'compute.forwardingRules.list', lists: ['gcp.compute.forwarding-rule'] },
        { op: 'compute.globalForwardingRules.list', lists: ['gcp.compute.forwarding-rule'] },
        { op: 'compute.networks.list', lists: ['gcp.compute.network'] },
        { op: 'compute.subnetworks.aggregatedList', action: 'compute.subnetworks.list', lists: ['gcp.compute.subnetwork'] },
        { op: 'compute.backendServices.aggregatedList', action: 'compute.backendServices.list', lists: ['gcp.compute.backend-service'] },
        { op: 'compute.projects.get', lists: ['gcp.compute.project'] },
      ],
    },
    {
      name: 'sql',
      title: 'Cloud SQL instances',
      produces: ['gcp.sql.instance'],
      reads: [{ op: 'sqladmin.instances.list', action: 'cloudsql.instances.list', lists: ['gcp.sql.instance'] }],
    },
    {
      name: 'iam',
      title: 'Service account keys (metadata only)',
      produces: ['gcp.iam.service-account-key'],
      reads: [
        { op: 'iam.serviceAccounts.list', lists: ['gcp.iam.service-account-key'] },
        { op: 'iam.serviceAccounts.keys.list', action: 'iam.serviceAccountKeys.list', lists: ['gcp.iam.service-account-key'] },
      ],
    },
    {
      name: 'logging',
      title: 'Log sinks of each project',
      produces: ['gcp.logging.sink'],
      // A project's audit-logging rules read its sinks.
      reads: [{ op: 'logging.sinks.list', lists: ['gcp.logging.sink', 'gcp.project'] }],
    },
    {
      name: 'monitoring',
      title: 'Log-based metrics and alert policies of each project',
      produces: ['gcp.monitoring.log-alerting'],
      reads: [
        { op: 'logging.metrics.list', action: 'logging.logMetrics.list', lists: ['gcp.monitoring.log-alerting'] },
        { op: 'monitoring.alertPolicies.list', lists: ['gcp.monitoring.log-alerting'] },
      ],
    },
    {
      name: 'kms',
      title: 'Cloud KMS keys (rotation settings) and their IAM policies',
      produces: ['gcp.kms.crypto-key'],
      reads: [
        { op: 'cloudkms.locations.list', action: 'cloudkms.locations.list', lists: ['gcp.kms.crypto-key'] },
        { op: 'cloudkms.keyRings.list', lists: ['gcp.kms.crypto-key'] },
        { op: 'cloudkms.cryptoKeys.list', lists: ['gcp.kms.crypto-key'] },
        { op: 'cloudkms.cryptoKeys.getIamPolicy', lists: ['gcp.kms.crypto-key'] },
      ],
    },
    {
      name: 'dns',
      title: 'Cloud DNS managed zones (DNSSEC settings) and server policies (query logging)',
      produces: ['gcp.dns.managed-zone', 'gcp.dns.policy'],
      reads: [
        { op: 'dns.managedZones.list', lists: ['gcp.dns.managed-zone'] },
        // A network's DNS logging rule reads the policies attached to it.
        { op: 'dns.policies.list', lists: ['gcp.dns.policy', 'gcp.compute.network'] },
      ],
    },
    {
      name: 'bigquery',
      title: 'BigQuery datasets (access lists, default encryption) and table metadata (encryption; never rows)',
      produces: ['gcp.bigquery.dataset', 'gcp.bigquery.table'],
      reads: [
        { op: 'bigquery.datasets.list', action: 'bigquery.datasets.get', lists: ['gcp.bigquery.dataset', 'gcp.bigquery.table'] },
        { op: 'bigquery.datasets.get', lists: ['gcp.bigquery.dataset'] },
        { op: 'bigquery.tables.list', lists: ['gcp.bigquery.table'] },
        // tables.list carries no encryption settings: one tables.get per table (views and external tables skipped), bounded by --concurrency.
        { op: 'bigquery.tables.get', lists: ['gcp.bigquery.table'] },
      ],
    },
    {
      name: 'apikeys',
      title: 'API keys (metadata and restrictions only, never the key string)',
      produces: ['gcp.apikeys.key'],
      reads: [{ op: 'apikeys.keys.list', action: 'apikeys.keys.list', lists: ['gcp.apikeys.key'] }],
    },
    {
      name: 'projectsettings',
      title: 'Project settings: Cloud Asset Inventory API enabled, Access Approval enrollment, Essential Contacts',
      produces: ['gcp.project.settings'],
      reads: [
        { op: 'serviceusage.services.get', lists: ['gcp.project.settings'] },
        { op: 'accessapproval.projects.getAccessApprovalSettings', action: 'accessapproval.settings.get', lists: ['gcp.project.settings'] },
        { op: 'essentialcontacts.contacts.compute', action: 'essentialcontacts.contacts.list', lists: ['gcp.project.settings'] },
      ],
    },
    {
      name: 'dataproc',
      title: 'Dataproc clusters (encryption settings), listed per region of the project',
      produces: ['gcp.dataproc.cluster'],
      reads: [
        // Dataproc lists per region only; the project's regions come from Compute (one paginated call per project).
        { op: 'compute.regions.list', lists: ['gcp.dataproc.cluster'] },
        { op: 'dataproc.clusters.list', lists: ['gcp.dataproc.cluster'] },
      ],
    },
  ],
  iacOnly: {},
} as const satisfies ProviderDeclaration;

export type GcpServiceName = (typeof gcp.services)[number]['name'];
