/**
 * A fixed, rich evidence document for report tests: IaC and live findings on
 * three clouds, suppressed / expired / unknown / not-applicable verdicts,
 * claims of every verdict (attestation-only and controls + attestation), and
 * hostile strings in names and messages.
 */
import type { EvidenceDocument, Finding, FindingResource, SuppressionRecord } from '../../src/findings/evidence.js';
import { fingerprintOf } from '../../src/findings/evidence.js';
import { summarize } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import type { ControlId } from '../../src/evaluate/controls.js';
import type { EvidenceItem, Severity, Status } from '../../src/evaluate/rule.js';

export const HOSTILE = `</script><img src=x onerror="window.__pwned=1">&<b>"'`;

interface Spec {
  ruleId: string;
  status: Status;
  severity?: Severity;
  message?: string;
  resource: Partial<FindingResource> & Pick<FindingResource, 'id' | 'type' | 'provider' | 'source'>;
  evidence?: EvidenceItem[];
  suppression?: SuppressionRecord | null;
  subId?: string;
}

export function makeFinding(s: Spec): Finding {
  const control = s.ruleId.split('/')[0] as ControlId;
  const resource = s.resource as FindingResource;
  const f: Finding = {
    fingerprint: fingerprintOf(s.ruleId, s.subId, resource),
    ruleId: s.ruleId,
    control,
    severity: s.severity ?? 'high',
    status: s.status,
    message: s.message ?? `${s.ruleId} ${s.status} on ${resource.id}`,
    title: `Title of ${s.ruleId}`,
    resource,
    evidence: s.evidence ?? [{ path: 'Properties.X', observed: 'observed-value', expected: 'expected-value' }],
    suppression: s.suppression ?? null,
  };
  if (s.subId) f.subId = s.subId;
  return f;
}

const iac = (stack: string, logicalId: string, type: string, line: number, file = 'infra/app.template.json'): Spec['resource'] => ({
  id: `${stack}/${logicalId}`,
  type,
  provider: 'aws',
  source: 'iac',
  file,
  line,
  logicalId,
  stack,
  constructPath: `${stack}/${logicalId}/Resource`,
});

export function richFindings(): Finding[] {
  return [
    // enc-rest: one IaC failure, one live pass (GCP), one live pass (AWS) → claim broken
    makeFinding({
      ruleId: 'enc-rest/aws-s3-bucket',
      status: 'fail',
      severity: 'high',
      message: 'bucket has no default encryption',
      resource: iac('AppStack', 'DataBucket', 'aws.s3.bucket', 12),
      evidence: [{ path: 'Properties.BucketEncryption', observed: null, expected: 'SSE-KMS or AES256', note: 'omitted' }],
    }),
    makeFinding({
      ruleId: 'enc-rest/aws-s3-bucket',
      status: 'pass',
      resource: { id: 'arn:aws:s3:::logs-bucket', type: 'aws.s3.bucket', provider: 'aws', source: 'live', account: '111122223333', region: 'eu-west-1', arn: 'arn:aws:s3:::logs-bucket', name: 'logs-bucket' },
      evidence: [{ path: 'BucketEncryption', observed: 'aws:kms', expected: 'AES256 or aws:kms', source: 's3:GetBucketEncryption' }],
    }),
    makeFinding({
      ruleId: 'enc-rest/gcp-storage-bucket',
      status: 'pass',
      resource: { id: '//storage.googleapis.com/projects/_/buckets/media', type: 'gcp.storage.bucket', provider: 'gcp', source: 'live', account: 'proj-1', region: 'europe-west1', arn: '//storage.googleapis.com/projects/_/buckets/media', name: 'media' },
    }),
    // tls-min: passes only → holds
    makeFinding({
      ruleId: 'tls-min/aws-elbv2-listener',
      status: 'pass',
      resource: iac('AppStack', 'HttpsListener', 'aws.elbv2.listener', 40),
    }),
    makeFinding({
      ruleId: 'tls-min/aws-elbv2-listener',
      status: 'not-applicable',
      message: 'listener protocol HTTP does not terminate TLS',
      resource: iac('AppStack', 'HttpListener', 'aws.elbv2.listener', 55),
    }),
    // https-redirect: unknown only → unverified (unknowns)
    makeFinding({
      ruleId: 'https-redirect/aws-elbv2-listener',
      status: 'unknown',
      severity: 'medium',
      message: 'cannot tell: DefaultActions is Fn::ImportValue',
      resource: iac('AppStack', 'HttpListener', 'aws.elbv2.listener', 55),
      evidence: [{ path: 'Properties.DefaultActions', observed: '<unresolved: Fn::ImportValue Shared-Actions>' }],
    }),
    // bastion-only: a suppressed failure (DigitalOcean, hostile name) + a pass → holds, 1 suppressed
    makeFinding({
      ruleId: 'bastion-only/digitalocean-firewall',
      status: 'fail',
      severity: 'critical',
      message: `SSH open to 0.0.0.0/0 on ${HOSTILE}`,
      resource: { id: 'do:firewall:fw-1', type: 'digitalocean.firewall', provider: 'digitalocean', source: 'live', account: 'team-ops', region: 'nyc3', arn: 'do:firewall:fw-1', name: HOSTILE },
      suppression: { reason: 'legacy jump box, replaced in Q1', owner: 'ops@example.com', expires: '2099-12-31', origin: 'vouch-suppressions.yaml', expired: false },
    }),
    makeFinding({
      ruleId: 'bastion-only/aws-security-group',
      status: 'pass',
      resource: iac('AppStack', 'AppSg', 'aws.ec2.security-group', 80),
    }),
    // public-access: failure whose suppression expired → broken
    makeFinding({
      ruleId: 'public-access/aws-s3-bucket',
      status: 'fail',
      severity: 'critical',
      message: '=HYPERLINK("http://evil.example","click") public read ACL',
      resource: { id: 'arn:aws:s3:::public-site', type: 'aws.s3.bucket', provider: 'aws', source: 'live', account: '111122223333', region: 'us-east-1', arn: 'arn:aws:s3:::public-site', name: '+cmd|calc' },
      suppression: { reason: 'marketing site', owner: 'web@example.com', expires: '2020-01-31', origin: 'vouch-suppressions.yaml', expired: true },
    }),
    // mfa: only not-applicable → nothing in scope
    makeFinding({
      ruleId: 'mfa/aws-iam-user',
      status: 'not-applicable',
      message: 'user has no console password',
      resource: { id: 'arn:aws:iam::111122223333:user/ci', type: 'aws.iam.user', provider: 'aws', source: 'live', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/ci', name: 'ci' },
    }),
  ];
}

export function richEvidence(findings: Finding[] = richFindings()): EvidenceDocument {
  const controls: ControlId[] = ['enc-rest', 'tls-min', 'https-redirect', 'bastion-only', 'public-access', 'data-residency', 'mfa'];
  return {
    schemaVersion: '1.0',
    tool: { name: 'vouch', version: '0.1.0', rulesHash: 'abc123def4567890' },
    run: {
      id: '00000000-0000-4000-8000-000000000001',
      command: 'scan all',
      startedAt: '2026-11-26T02:00:00.000Z',
      finishedAt: '2026-11-26T02:03:00.000Z',
      inputs: ['infra/app.template.json', 'aws:111122223333', 'gcp:proj-1', 'digitalocean:team-ops'],
      failOn: 'low',
      rules: 9,
      repoPath: 'services/api',
    },
    claims: {
      profile: 'Fantastyc security policy',
      policy: { title: 'Security Policy', version: '3' },
      parameters: DEFAULT_PARAMETERS,
      controls,
      items: [
        { id: 'enc', text: 'All customer data is encrypted at rest with AES-256.', controls: ['enc-rest'], source: { document: 'policy.md', section: 'Encryption', line: 12 } },
        { id: 'tls', text: 'Data in transit is protected with TLS 1.2 or higher.', controls: ['tls-min'] },
        { id: 'redirect', text: 'Any HTTP connection is redirected to HTTPS.', controls: ['https-redirect'] },
        { id: 'bastion', text: 'Administrative access goes through bastion hosts only.', controls: ['bastion-only'] },
        { id: 'public', text: `No customer data is publicly accessible. ${HOSTILE}`, controls: ['public-access'] },
        { id: 'regions', text: 'Data is processed only in the United States and the European Union.', controls: ['data-residency'] },
        { id: 'soc2', text: 'We are audited yearly against SOC 2 Type II.', controls: [], attestation: { evidence: 'the latest SOC 2 Type II report' } },
        { id: 'mfa', text: 'Staff use two-factor authentication for all administrative access.', controls: ['mfa'], attestation: { evidence: 'Google Workspace 2-step enforcement screenshot' } },
      ],
    },
    coverage: {
      accounts: { aws: ['111122223333'], gcp: ['proj-1'], digitalocean: ['team-ops'] },
      regions: ['eu-west-1', 'us-east-1', 'europe-west1', 'nyc3'],
      services: ['s3', 'elbv2', 'storage', 'firewalls'],
      calls: { 's3:ListBuckets': 1, 's3:GetBucketEncryption': 2 },
      failures: [{ operation: 'iam:GetAccountAuthorizationDetails', account: '111122223333', code: 'AccessDenied', message: 'not authorized' }],
      inputs: ['infra/app.template.json'],
      notCollected: [{ what: 'GCP Workspace 2-step enforcement', why: 'no API; attestation item' }],
    },
    findings,
    summary: summarize(findings, 'low', 1),
    rules: {
      'enc-rest/aws-s3-bucket': {
        title: 'S3 buckets encrypt data at rest',
        control: 'enc-rest',
        severity: 'high',
        risk: 'Unencrypted objects are readable by anyone with disk access.',
        remediation: { text: 'Set BucketEncryption with SSE-KMS or AES256.', cdk: 'new s3.Bucket(this, "B", { encryption: s3.BucketEncryption.S3_MANAGED })' },
        types: ['aws.s3.bucket'],
        sources: ['iac', 'live'],
      },
      'public-access/aws-s3-bucket': {
        title: 'S3 buckets block public access',
        control: 'public-access',
        severity: 'critical',
        remediation: { text: 'Turn on all four public access block settings.' },
        references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
        types: ['aws.s3.bucket'],
        sources: ['iac', 'live'],
      },
    },
  };
}
