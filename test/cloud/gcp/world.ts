/**
 * A declarative GCP world for the local fixture server: organizations,
 * folders, projects and, per project, resources in their REST shapes (as the
 * APIs return them). The server fills in what Google generates (kind, id,
 * selfLink, timestamps) and expands short references: a compute field such as
 * `sslPolicy: 'global/sslPolicies/modern'` or `network: 'global/networks/default'`
 * becomes the full URL on the server's own endpoint, as the real API returns.
 */

export interface Binding {
  role: string;
  members: string[];
  condition?: { title?: string; expression: string; description?: string };
}

export interface AuditConfig {
  service: string;
  auditLogConfigs: { logType: 'ADMIN_READ' | 'DATA_READ' | 'DATA_WRITE'; exemptedMembers?: string[] }[];
}

export interface Policy {
  version?: number;
  bindings?: Binding[];
  auditConfigs?: AuditConfig[];
}

type Rest = Record<string, unknown>;

export interface ServiceAccount {
  email: string;
  disabled?: boolean;
  /** User-managed keys (metadata as keys.list returns it). */
  keys?: { id: string; validAfterTime: string; validBeforeTime?: string; keyAlgorithm?: string; disabled?: boolean }[];
}

/**
 * A firewall policy as created (hierarchical: on an organization or folder;
 * global network: in a project). The server adds what Google generates: the
 * numeric id (a hierarchical policy's `name`), `kind`, `selfLink`, `parent`,
 * rule kinds and tuple counts, and the four default `goto_next` rules at the
 * lowest priorities. `associations[].attachmentTarget`: `organizations/N`,
 * `folders/N` or (network policies) `global/networks/x`, expanded to a URL.
 */
export interface FirewallPolicyWorld {
  shortName: string;
  description?: string;
  rules: Rest[];
  associations?: { name: string; attachmentTarget: string }[];
}

export interface ProjectWorld {
  id: string;
  number?: string;
  /** `organizations/N` or `folders/N`. */
  parent?: string;
  state?: 'ACTIVE' | 'DELETE_REQUESTED';
  iamPolicy?: Policy;
  /** `objects`: object name → JSON text, for `vouch merge gs://` (objects.list and alt=media downloads). */
  buckets?: (Rest & { name: string; iamPolicy?: Policy; objects?: Record<string, string> })[];
  firewalls?: (Rest & { name: string })[];
  /** Compute resources: regional ones carry `region`, zonal ones `zone`, others are global. */
  instances?: (Rest & { name: string; zone: string })[];
  disks?: (Rest & { name: string; zone: string })[];
  sslPolicies?: (Rest & { name: string })[];
  targetHttpsProxies?: (Rest & { name: string })[];
  targetSslProxies?: (Rest & { name: string })[];
  targetHttpProxies?: (Rest & { name: string })[];
  urlMaps?: (Rest & { name: string })[];
  forwardingRules?: (Rest & { name: string })[];
  /** VPC networks (global), subnets (regional: `region`), backend services (global, or regional with `region`). */
  networks?: (Rest & { name: string })[];
  subnetworks?: (Rest & { name: string; region: string })[];
  backendServices?: (Rest & { name: string })[];
  /** Logging v2 log-based metrics and Monitoring v3 alert policies (REST shapes; the server fills in names). */
  logMetrics?: (Rest & { name: string; filter: string })[];
  alertPolicies?: (Rest & { displayName: string })[];
  /** Cloud KMS: key rings by location, each with its keys (`iamPolicy` served by getIamPolicy). */
  keyRings?: { location: string; name: string; keys: (Rest & { name: string; iamPolicy?: Policy })[] }[];
  /** Cloud DNS managed zones. */
  managedZones?: (Rest & { name: string })[];
  /** Cloud DNS server policies; `networks`: network names (`lab-vpc`), expanded to networkUrl. */
  dnsPolicies?: (Rest & { name: string; networks?: string[] })[];
  /** BigQuery datasets as datasets.get returns them (`datasetId`; the list shows a summary). */
  datasets?: (Rest & { datasetId: string; tables?: (Rest & { tableId: string; rows?: unknown[] })[] })[];
  /** Dataproc clusters (ClusterConfig as the API returns it), each in its region. */
  dataprocClusters?: (Rest & { clusterName: string; region: string })[];
  /** Compute regions of the project (default: europe-west1, us-central1, us-east1). */
  regions?: string[];
  /** API keys (metadata; `keyString` is served only by getKeyString, which vouch must never call). */
  apiKeys?: (Rest & { id: string; keyString?: string })[];
  /** Service Usage: APIs enabled in the project (others answer DISABLED). */
  enabledServices?: string[];
  /** Essential Contacts set on the project (the organization's are in GcpWorld.organizations). */
  essentialContacts?: { email: string; notificationCategorySubscriptions: string[] }[];
  /** Access Approval settings as the API returns them (absent: nothing enrolled). */
  accessApproval?: Rest;
  /** Compute projects.get: the project's common instance metadata items. */
  commonInstanceMetadata?: { key: string; value: string }[];
  sqlInstances?: (Rest & { name: string })[];
  serviceAccounts?: ServiceAccount[];
  sinks?: (Rest & { name: string })[];
  /** Global network firewall policies (`shortName` is the policy's name). */
  networkFirewallPolicies?: FirewallPolicyWorld[];
}

export interface GcpWorld {
  organizations?: { id: string; displayName?: string; iamPolicy?: Policy; sinks?: Rest[]; firewallPolicies?: FirewallPolicyWorld[]; essentialContacts?: { email: string; notificationCategorySubscriptions: string[] }[] }[];
  folders?: { id: string; parent: string; displayName?: string; iamPolicy?: Policy; sinks?: Rest[]; firewallPolicies?: FirewallPolicyWorld[] }[];
  projects: ProjectWorld[];
}
