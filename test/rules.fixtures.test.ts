import { describe, it, expect } from 'vitest';
import { loadRules } from '../src/evaluate/registry.js';
import { fixturesOf, runFixture } from './helpers/rule-fixtures.js';
import { CONTROL_IDS } from '../src/evaluate/controls.js';

const rules = await loadRules();

/**
 * Rules no configuration of their resource type can pass: they have fail (and not-applicable) fixtures
 * only, each listed here with the reason, so a missing pass fixture elsewhere is still caught.
 */
const NO_PASSING_SHAPE: Record<string, string> = {
  'enc-rest/aws-elasticache-cache-cluster':
    'a node-based cache cluster cannot encrypt at rest (Redis/Valkey need a replication group, Memcached has no at-rest encryption); replication group members are not-applicable',
  'enc-rest/aws-eks-nodegroup':
    'a node group without a launch template gets an unencrypted root volume; one whose launch template maps volumes is judged on the template (not-applicable)',
  'enc-rest/aws-cloud9-environment-ec2': 'Cloud9 creates the environment\'s EBS volume unencrypted and has no setting to encrypt it (only the account\'s EBS encryption by default, judged by enc-rest/aws-ebs-default-encryption)',
  'https-redirect/aws-lightsail-load-balancer':
    'a Lightsail load balancer answers HTTP on port 80 whatever its properties: without an attached certificate it fails, with one the redirect is judged on the certificate (not-applicable here)',
  'data-retention/aws-ecs-task-definition':
    'a log group the awslogs driver creates has no retention (kept forever): a data set it holds fails, any other group is judged on the log group or not at all (not-applicable)',
  'public-access/aws-ecr-public-repository': 'an ECR Public repository is public by definition: anyone can pull from public.ecr.aws whatever its properties or policy',
};

/**
 * Rules no configuration fails: the failure of what they read is reported on another resource, so they
 * have pass (and unknown) fixtures only, each listed here with the reason.
 */
const NO_FAILING_SHAPE: Record<string, string> = {
  'enc-rest/aws-glue-job':
    'a job, crawler or endpoint is judged by the security configuration it names: an encrypting one passes it, a failing one is failed on the configuration (enc-rest/aws-glue-security-configuration) and its users are not applicable',
};

/**
 * Rules that only report what a template hands on unseen (a setting passed to a nested stack whose
 * template is not read): no configuration passes or fails, so they have unknown fixtures only.
 */
const UNKNOWN_ONLY = new Set(['enc-rest', 'public-access', 'backup-retention', 'audit-logging', 'bastion-only'].map((c) => `${c}/aws-cloudformation-nested-stack`));

describe('every rule judges its own fixtures', () => {
  for (const rule of rules) {
    for (const fx of fixturesOf(rule)) {
      const name = fx.file.split('/fixtures/')[1];
      it(`${rule.id}: ${name}`, () => {
        const { findings, expectations } = runFixture(rule, fx.file);
        const statuses = findings.map((f) => `${f.resource.id}=${f.status}: ${f.message}`);
        if (fx.kind === 'pass') {
          expect(findings.some((f) => f.status === 'pass'), statuses.join('\n')).toBe(true);
          expect(findings.filter((f) => f.status === 'fail' || f.status === 'unknown').map((f) => `${f.resource.id}: ${f.message}`)).toEqual([]);
        } else {
          expect(findings.some((f) => f.status === fx.kind), statuses.join('\n')).toBe(true);
        }
        for (const [id, want] of expectations) {
          const got = findings.filter((f) => f.resource.id === id);
          expect(got.length, `${id} has no finding`).toBeGreaterThan(0);
          for (const f of got) expect(`${id}=${f.status}`, f.message).toBe(`${id}=${want}`);
        }
      });
    }
  }
});

describe('rule catalogue', () => {
  it('every rule has pass and fail fixtures', () => {
    const missing = rules.flatMap((r) => {
      const kinds = new Set(fixturesOf(r).map((f) => f.kind));
      if (UNKNOWN_ONLY.has(r.id)) return kinds.has('unknown') && !kinds.has('pass') && !kinds.has('fail') ? [] : [`${r.id}: listed in UNKNOWN_ONLY: unknown fixtures only`];
      if (r.attestationOnly) return kinds.has('unknown') && !kinds.has('pass') ? [] : [`${r.id}: attestation-only rules need unknown fixtures and no pass fixture`];
      if (NO_FAILING_SHAPE[r.id]) return kinds.has('fail') ? [`${r.id}: listed in NO_FAILING_SHAPE but has a fail fixture`] : kinds.has('pass') ? [] : [`${r.id}: no pass fixture`];
      if (NO_PASSING_SHAPE[r.id]) return kinds.has('pass') ? [`${r.id}: listed in NO_PASSING_SHAPE but has a pass fixture`] : kinds.has('fail') ? [] : [`${r.id}: no fail fixture`];
      return [...(kinds.has('pass') ? [] : [`${r.id}: no pass fixture`]), ...(kinds.has('fail') ? [] : [`${r.id}: no fail fixture`])];
    });
    expect(missing).toEqual([]);
  });

  it('every rule has metadata and maps to a known control', () => {
    for (const r of rules) {
      expect(CONTROL_IDS).toContain(r.control);
      expect(r.title.length, r.id).toBeGreaterThan(10);
      expect(r.remediation.text.length, r.id).toBeGreaterThan(10);
      expect(r.id.startsWith(`${r.control}/`), r.id).toBe(true);
    }
  });

  it('loads the spine rules', () => {
    const ids = rules.map((r) => r.id);
    for (const id of ['tls-min/aws-elbv2-listener', 'https-redirect/aws-elbv2-listener', 'enc-rest/aws-s3-bucket', 'bastion-only/aws-security-group'])
      expect(ids).toContain(id);
  });
});
