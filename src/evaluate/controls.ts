/**
 * The controls catalog: each checkable property a policy promise maps to,
 * with its mappings to frameworks. Data, not code: reports and SARIF tags read
 * it; rules name a control by id.
 *
 * Framework editions: SOC 2 = AICPA Trust Services Criteria (2017, rev. 2022
 * points of focus); ISO = ISO/IEC 27001:2022 Annex A; NIST = SP 800-53 rev. 5;
 * CIS = CIS AWS Foundations Benchmark v3.0.0 recommendation numbers.
 */

export const CONTROL_IDS = [
  'enc-rest',
  'tls-min',
  'https-redirect',
  'secrets-encrypted',
  'cache-no-backup',
  'backup-retention',
  'data-retention',
  'data-residency',
  'iam-least-privilege',
  'mfa',
  'bastion-only',
  'public-access',
  'audit-logging',
  'deletion-protection',
  'platform-hardening',
  'security-monitoring',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

export interface FrameworkMappings {
  soc2: string[];
  iso27001: string[];
  nist80053: string[];
  cisAws: string[];
}

export interface Control {
  id: ControlId;
  title: string;
  description: string;
  frameworks: FrameworkMappings;
  /**
   * Benchmark hygiene rather than a policy promise: not in the default profile
   * (no claims file), so upgrading vouch adds no failures to such runs. It runs
   * when a claim names it or a `--benchmark` names its rules.
   */
  optIn?: boolean;
}

export const FRAMEWORK_NAMES: Record<keyof FrameworkMappings, string> = {
  soc2: 'SOC 2 TSC',
  iso27001: 'ISO/IEC 27001:2022 Annex A',
  nist80053: 'NIST SP 800-53 rev 5',
  cisAws: 'CIS AWS Foundations v3.0.0',
};

export const CONTROLS: readonly Control[] = [
  {
    id: 'enc-rest',
    title: 'Encryption at rest (AES-256)',
    description:
      'Data stores (object storage, block volumes, databases, caches, queues, streams, file systems) encrypt data at rest with AES-256, by platform default or a customer-managed key.',
    frameworks: { soc2: ['CC6.1', 'C1.1'], iso27001: ['A.8.24'], nist80053: ['SC-28', 'SC-28(1)', 'SC-13'], cisAws: ['2.2.1', '2.3.1', '2.4.1', '3.6'] },
  },
  {
    id: 'tls-min',
    title: 'Minimum TLS version in transit',
    description:
      'Every endpoint that accepts connections negotiates at least the TLS version the policy promises (1.2 or 1.3), including connections to databases and caches.',
    frameworks: { soc2: ['CC6.7'], iso27001: ['A.8.24', 'A.8.21'], nist80053: ['SC-8', 'SC-8(1)', 'SC-13'], cisAws: ['2.1.1'] },
  },
  {
    id: 'https-redirect',
    title: 'HTTP is redirected to HTTPS',
    description:
      'Any plain-HTTP listener or behavior only redirects to HTTPS (or refuses HTTP); no content is served over an unencrypted channel.',
    frameworks: { soc2: ['CC6.7'], iso27001: ['A.8.21', 'A.8.24'], nist80053: ['SC-8', 'SC-23'], cisAws: [] },
  },
  {
    id: 'secrets-encrypted',
    title: 'Secrets and tokens stored encrypted, never in plain text',
    description:
      'Credentials and customer access tokens live in a secrets store encrypted with a managed key; none sit in plain-text parameters, environment variables or templates.',
    frameworks: { soc2: ['CC6.1', 'C1.1'], iso27001: ['A.5.17', 'A.8.24'], nist80053: ['IA-5(7)', 'SC-28', 'SC-12'], cisAws: [] },
  },
  {
    id: 'cache-no-backup',
    title: 'Caches are short-lived, encrypted and never backed up',
    description:
      'Cache clusters keep no snapshots or final snapshots, are not selected by backup plans, and encrypt data at rest and in transit.',
    frameworks: { soc2: ['C1.2', 'P4.2'], iso27001: ['A.8.10', 'A.5.33'], nist80053: ['SI-12', 'SC-28', 'MP-6'], cisAws: [] },
  },
  {
    id: 'backup-retention',
    title: 'Backups rotated on the promised cycle',
    description:
      'Backups exist and are deleted no later than the promised retention (e.g. a 35-day cycle): database retention periods and backup-plan lifecycles match the claim.',
    frameworks: { soc2: ['A1.2', 'C1.2'], iso27001: ['A.8.13', 'A.8.10'], nist80053: ['CP-9', 'SI-12'], cisAws: [] },
  },
  {
    id: 'data-retention',
    title: 'Data retained no longer than promised',
    description:
      'Data sets named by the policy (telemetry, logs, account data) expire after the promised period: object lifecycle rules and log retention are set, never "keep forever".',
    frameworks: { soc2: ['C1.2', 'P4.2', 'P4.3'], iso27001: ['A.8.10', 'A.5.33', 'A.5.34'], nist80053: ['SI-12', 'AU-11'], cisAws: [] },
  },
  {
    id: 'data-residency',
    title: 'Data processed only in allowed regions',
    description:
      'Every stack, data store and replication destination is in a region the policy allows (e.g. the United States and the European Union).',
    frameworks: { soc2: ['P6.1', 'CC6.1'], iso27001: ['A.5.34', 'A.5.23'], nist80053: ['SA-9(5)'], cisAws: [] },
  },
  {
    id: 'iam-least-privilege',
    title: 'Least privilege and role-based access',
    description:
      'Identities get only the permissions they need through roles and groups: no wildcard admin policies, no privilege-escalation actions on all resources, no open trust policies, no policies attached directly to users.',
    frameworks: { soc2: ['CC6.1', 'CC6.3'], iso27001: ['A.5.15', 'A.5.18', 'A.8.2'], nist80053: ['AC-6', 'AC-6(1)', 'AC-2', 'AC-3'], cisAws: ['1.4', '1.8', '1.9', '1.12', '1.13', '1.14', '1.15', '1.16'] },
  },
  {
    id: 'mfa',
    title: 'MFA for staff and administrative access',
    description:
      'Every human identity that can sign in, and every role a human assumes, requires multi-factor authentication; where no API shows it, it is an attestation item.',
    frameworks: { soc2: ['CC6.1'], iso27001: ['A.8.5', 'A.5.17'], nist80053: ['IA-2(1)', 'IA-2(2)'], cisAws: ['1.5', '1.6', '1.10'] },
  },
  {
    id: 'bastion-only',
    title: 'Administrative access only through bastion hosts',
    description:
      'SSH and RDP reach servers only from the bastion (its security group, tag or service account), the admin CIDRs or a managed access path (SSM, IAP); never from the internet.',
    frameworks: { soc2: ['CC6.6', 'CC6.1'], iso27001: ['A.8.20', 'A.8.22', 'A.8.2'], nist80053: ['SC-7', 'SC-7(5)', 'AC-17'], cisAws: ['5.2', '5.3'] },
  },
  {
    id: 'public-access',
    title: 'No data store is publicly reachable',
    description:
      'Buckets, databases and caches are not readable or reachable by the public: public access blocks on, no public ACLs or policies, no publicly accessible databases.',
    frameworks: { soc2: ['CC6.1', 'CC6.6'], iso27001: ['A.8.3', 'A.8.12'], nist80053: ['AC-3', 'AC-21', 'SC-7'], cisAws: ['2.1.4', '2.3.3'] },
  },
  {
    id: 'audit-logging',
    title: 'Audit logs on and protected',
    description:
      'Control-plane audit logs are on in every region, validated and encrypted; network and access logs exist for data paths, supporting regular IAM review.',
    frameworks: { soc2: ['CC7.2', 'CC4.1'], iso27001: ['A.8.15', 'A.8.16'], nist80053: ['AU-2', 'AU-3', 'AU-9', 'AU-12'], cisAws: ['3.1', '3.2', '3.5', '3.7'] },
  },
  {
    id: 'deletion-protection',
    optIn: true,
    title: 'Data survives accidental or malicious deletion',
    description:
      'Data stores keep their history and refuse casual deletion: bucket versioning (with MFA delete where promised), database deletion protection, backup plans that cover the data.',
    frameworks: { soc2: ['A1.2', 'CC6.1'], iso27001: ['A.8.13', 'A.5.33'], nist80053: ['CP-9', 'CP-10', 'SI-12'], cisAws: ['2.1.2'] },
  },
  {
    id: 'platform-hardening',
    optIn: true,
    title: 'Services run with their hardened settings',
    description:
      'Baseline hardening the benchmarks ask for: instance metadata requires session tokens (IMDSv2), databases take automatic minor upgrades, default security groups admit no traffic, network ACLs do not open administration ports to the internet.',
    frameworks: { soc2: ['CC6.6', 'CC7.1', 'CC8.1'], iso27001: ['A.8.9', 'A.8.8', 'A.8.20'], nist80053: ['CM-6', 'CM-7', 'SI-2', 'SC-7'], cisAws: ['2.3.2', '5.1', '5.4', '5.6'] },
  },
  {
    id: 'security-monitoring',
    optIn: true,
    title: 'Security events are detected and someone is told',
    description:
      'Detective services are on in every region (IAM Access Analyzer, AWS Config recording all resources, Security Hub), trails feed CloudWatch Logs and record S3 object-level events, and CloudTrail events that signal an attack or a risky change (root use, sign-in without MFA, policy, trail, key and network changes) raise an alarm that reaches a subscriber.',
    frameworks: { soc2: ['CC7.2', 'CC7.3'], iso27001: ['A.8.16', 'A.5.25'], nist80053: ['SI-4', 'AU-6', 'CA-7', 'IR-5'], cisAws: ['1.20', '3.3', '3.8', '3.9', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12', '4.13', '4.14', '4.15', '4.16'] },
  },
];

const byId = new Map(CONTROLS.map((c) => [c.id, c]));

export function getControl(id: string): Control | undefined {
  return byId.get(id as ControlId);
}

export function isControlId(id: string): id is ControlId {
  return byId.has(id as ControlId);
}

/** The controls of a default profile (no claims file): every control but the opt-in ones. */
export const DEFAULT_CONTROL_IDS: readonly ControlId[] = CONTROL_IDS.filter((id) => !byId.get(id)?.optIn);
