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

export interface ProjectWorld {
  id: string;
  number?: string;
  /** `organizations/N` or `folders/N`. */
  parent?: string;
  state?: 'ACTIVE' | 'DELETE_REQUESTED';
  iamPolicy?: Policy;
  buckets?: (Rest & { name: string; iamPolicy?: Policy })[];
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
  sqlInstances?: (Rest & { name: string })[];
  serviceAccounts?: ServiceAccount[];
  sinks?: (Rest & { name: string })[];
}

export interface GcpWorld {
  organizations?: { id: string; displayName?: string; iamPolicy?: Policy; sinks?: Rest[] }[];
  folders?: { id: string; parent: string; displayName?: string; iamPolicy?: Policy; sinks?: Rest[] }[];
  projects: ProjectWorld[];
}
