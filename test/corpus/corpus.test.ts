/**
 * The corpus as regression tests: every resource × control verdict on the
 * tuning and held-out templates matches its hand label (labels.yaml), so
 * precision and recall stay 1.0 for every control the corpus exercises.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { loadProfile } from '../../src/evaluate/claims-profile.js';
// @ts-expect-error plain JS module shared with scripts/bench-iac.mjs
import { score, mismatchDiff } from './score.mjs';

const here = import.meta.dirname;
const labels = parse(readFileSync(join(here, 'labels.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
const rules = await loadRules();
// Every default control plus residency (EU) and retention data sets: the profile the labels are read under.
const profile = loadProfile(join(here, 'claims.yaml'));

const loaded: Record<string, number> = {};
function judgeSet(set: string) {
  // Environment-agnostic, as `vouch check` sees a template with no --region.
  const inventory = loadIac([join(here, 'templates', set)], {});
  loaded[set] = inventory.size;
  return evaluate(inventory, rules, { controls: profile.controls, ctx: { params: profile.parameters, inventory } });
}

/**
 * Held-out mismatches not fixed yet, exactly as the held-out set showed them (it is
 * never tuned on; a class it reveals is fixed only as a class, and this list shrinks).
 */
const KNOWN_MISMATCHES: Record<string, string[]> = {
  // Tuning mismatches are ground truth vouch does not reach yet (labels are never bent to vouch):
  // services no rule judges (Redshift, MSK, Neptune, DAX, DMS, MQ, SageMaker, Firehose, CodeBuild,
  // API Gateway stage access logs, Step Functions logging), `service:*` on one resource and managed
  // *FullAccess policies, and two false alarms: CDK's default Kinesis stream (the unencrypted branch
  // is for the China regions only) and SSH to the bastion from one office CIDR. Rules landing on main
  // remove entries; the test prints which.
  tuning: [
  ],
  // First run of orders-data-eu.yaml: 'DailyPlan data-residency: labelled pass, vouch unknown' (a vault
  // ARN built with Fn::Sub from pseudo parameters); tuning's platform-app.yaml Plan showed the same
  // class, fixed in data-residency/aws-cross-region-copy.
  // First run of payments-api.yaml (labelled before it). SAM resources were not expanded (fixed as a
  // class: src/sources/iac/sam.ts, test/iac/sam.test.ts); `dynamodb:*` on one table is not read as over-broad; the
  // last two are judgement calls where vouch's unknown is defensible (a group outside the template
  // may enforce MFA; RDS MySQL's default version, and with it require_secure_transport, is not fixed).
  // First run of the session-6 held-out set (CorpusHoldShop, CorpusHoldOps, legacy-lamp.yaml, data-lake.json,
  // events-sam.yaml, vpc-baseline.yaml; labelled and committed in fd18ddf before this run). Causes:
  // - no rule yet: Redshift, Firehose, SNS topic policy, Step Functions logging, HTTP API stage access
  //   logs, Lambda function URL resources, launch-configuration public IPs, service:* on one resource,
  //   managed *FullAccess policies;
  // - SAM policy templates (DynamoDBCrudPolicy, LambdaInvokePolicy) not expanded: the role is unknown;
  // - a tag-based AWS Backup selection (CorpusHoldShop LongTermTables) makes every table in the run
  //   without PITR unknown, payments-api.yaml Idempotency included (it was a match before);
  // - bucket names built with Fn::Sub from pseudo parameters give data-retention unknown although
  //   an account id or region cannot make `*request-log*` match (ElbLogBucket's stack name can);
  // - judgement differences: vouch reads Fn::If / FindInMap at the parameters' defaults, the labels
  //   fail any branch the template allows (legacy-lamp Database, WebLaunchConfig, WebLoadBalancer);
  //   a CloudTrail bucket is a log bucket to vouch; SSH to the bastion from an office CIDR, a vendor
  //   role with an ExternalId, a Stripe publishable key and the Cognito SMS role's sns:Publish on *
  //   (phone numbers have no ARN) are failures to vouch and passes in the labels.
  holdout: [
    'legacy-lamp.yaml ElbLogBucket data-retention: labelled pass, vouch unknown',
    'payments-api.yaml Support mfa: labelled fail, vouch unknown',
    'payments-api.yaml Reconcile tls-min: labelled fail, vouch unknown',
    // After the session-6 rules merged: an NLB with a TLS listener and no access logs is a failure to
    // vouch (its TLS requests go unlogged), while the labels leave NLBs out (FSBP ELB.5 covers ALB/CLB);
    // with the Redshift rules, data-lake.json Warehouse shows the parameter-default judgement above.
    'cdk-CorpusHoldShop.template.json CheckoutLB781213B8 audit-logging: labelled pass, vouch fail',
    // With bastion-only/aws-autoscaling-launch-configuration-public-ip (newrules): two launch configurations the
    // held-out labels (written before any rule read launch configurations) leave at pass. To the lead, for a
    // relabel rather than a known miss: CorpusHeldOut's Workers group launches into the VPC's public subnets
    // (MapPublicIpOnLaunch true) without AssociatePublicIpAddress, so its instances get public IPs (an EC2
    // instance there fails the same control); OldLc omits the flag and no group in the set uses it, so the
    // subnet that decides is not in the templates (unknown, as for an instance whose subnet is not given).
    'cdk-CorpusHeldOut.template.json WorkersLaunchConfig90B6D862 bastion-only: labelled pass, vouch fail',
    'sam-and-foreach.yaml OldLc bastion-only: labelled pass, vouch unknown',
  ],
};

/**
 * What differs from KNOWN_MISMATCHES, as a message the lead can act on: entries to delete (the
 * mismatch is gone: a rule landed, or its verdict changed) and entries to add (new mismatches).
 */
function diffMessage(set: string, mismatches: string[]): string {
  const { fixed, added } = mismatchDiff(mismatches, KNOWN_MISMATCHES[set]!) as { fixed: string[]; added: string[] };
  if (fixed.length === 0 && added.length === 0) return '';
  const lines = [`corpus ${set}: KNOWN_MISMATCHES is out of date (test/corpus/corpus.test.ts).`];
  if (fixed.length) lines.push(`  no longer seen (fixed or changed; delete these ${fixed.length}):`, ...fixed.map((m) => `    '${m}',`));
  if (added.length) lines.push(`  new (a regression, or a rule now judging what it did not; add these ${added.length} only if the label is right):`, ...added.map((m) => `    '${m}',`));
  return lines.join('\n');
}

describe('corpus: verdicts match the hand labels', () => {
  for (const set of ['tuning', 'holdout']) {
    it(`${set}: every mismatch with the hand labels is a known one, and every known one still occurs`, () => {
      const findings = judgeSet(set);
      const { controls, mismatches } = score(findings, labels[set]) as { controls: Record<string, { tp: number }>; mismatches: string[] };
      const message = diffMessage(set, mismatches);
      if (message) console.error(message);
      expect(message).toBe('');
      expect(Object.values(controls).filter((c) => c.tp > 0).length).toBeGreaterThanOrEqual(5);
    });
  }

  it('the corpus is large enough to measure on: ≥ 500 resources, and every control labelled failing ≥ 5 times in each set', () => {
    for (const set of ['tuning', 'holdout']) if (loaded[set] === undefined) judgeSet(set);
    expect(loaded.tuning! + loaded.holdout!).toBeGreaterThanOrEqual(500);
    for (const set of ['tuning', 'holdout']) {
      const fails: Record<string, number> = {};
      for (const byId of Object.values(labels[set] ?? {}))
        for (const byControl of Object.values(byId as Record<string, Record<string, string>>))
          for (const [c, v] of Object.entries(byControl)) if (v === 'fail') fails[c] = (fails[c] ?? 0) + 1;
      for (const c of profile.controls) expect(fails[c] ?? 0, `${set} ${c}`).toBeGreaterThanOrEqual(5);
    }
  });

  it('the scorer counts a missed failure and a false alarm (it can fail)', () => {
    const f = (id: string, control: string, status: string) => ({ control, status, resource: { file: 't.yaml', logicalId: id } });
    const { controls } = score([f('A', 'enc-rest', 'pass'), f('B', 'enc-rest', 'fail'), f('C', 'enc-rest', 'fail')], { 't.yaml': { A: { 'enc-rest': 'fail' }, C: { 'enc-rest': 'fail' } } });
    expect(controls['enc-rest']).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
  });
});
