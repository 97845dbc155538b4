/**
 * The corpus as regression tests: every resource × control verdict on the
 * tuning, held-out and fresh templates matches its hand label (labels.yaml)
 * or is a known mismatch listed below with its cause.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { loadProfile } from '../../src/evaluate/claims-profile.js';
// @ts-expect-error plain JS module shared with scripts/bench-iac.mjs
import { score, mismatchDiff, loadLabels, loadAdjudications } from './score.mjs';

const here = import.meta.dirname;
const labels = loadLabels(here, parse, readFileSync, existsSync) as Record<string, Record<string, unknown>>;
const rules = await loadRules();
// Every default control plus residency (EU) and retention data sets: the profile the labels are read under.
const profile = loadProfile(join(here, 'claims.yaml'));

// tuning: rules are tuned on it. holdout: labelled once, its gap classes fixed as classes (session 6).
// fresh: a third held-out set written in session 6 after the others had been used to find gap
// classes, judged as a set of its own (no selection or policy from another set reaches it).
// blind, blindcdk, blindmini: held-out sets written in session 7 (hand-written templates; CDK apps;
// many small templates in the shapes scanners' check catalogues test), labels
// in labels.<set>.yaml, committed before vouch ran on them. A set is judged once it has templates.
const SETS = Object.keys(labels);
// Labelled failures each control needs in a set; the session-7 sets are smaller, so less each.
// vault and vault3 were written for the default controls and have one data-residency failure each (labels frozen before vouch ran: not padded afterwards).
// scout9cdk: no cross-region resource, so no data-residency failure (every default control has ≥ 3); scout14: one data-retention failure.
const MIN_FAILS: Record<string, number> = { tuning: 5, holdout: 5, fresh: 5, vault: 1, vault3: 1, scout9cdk: 0, scout14: 1 };
const loaded: Record<string, number> = {};
// A template vouch refuses to load makes `vouch check` exit 2 for its whole set: it is listed as a mismatch
// `<file> (load): vouch refuses the template` and the rest of the set is judged without it (scout10).
const loadErrors: Record<string, string[]> = {};
function loadSet(set: string) {
  const dir = join(here, 'templates', set);
  try {
    return loadIac([dir], {});
  } catch {
    const ok: string[] = [];
    for (const f of readdirSync(dir)) {
      try {
        loadIac([join(dir, f)], {});
        ok.push(join(dir, f));
      } catch {
        (loadErrors[set] ??= []).push(`${f} (load): vouch refuses the template`);
      }
    }
    return loadIac(ok, {});
  }
}
function judgeSet(set: string) {
  // Environment-agnostic, as `vouch check` sees a template with no --region.
  const inventory = loadSet(set);
  loaded[set] = inventory.size;
  return evaluate(inventory, rules, { controls: profile.controls, ctx: { params: profile.parameters, inventory } });
}

/**
 * Held-out mismatches not fixed yet, exactly as the held-out set showed them (it is
 * never tuned on; a class it reveals is fixed only as a class, and this list shrinks).
 */
const KNOWN_MISMATCHES: Record<string, string[]> = {
  // Tuning mismatches are ground truth vouch does not reach yet (labels are never bent to vouch).
  // Session 6 began with 41 (services no rule judged, service:* on one resource, *FullAccess, CDK's
  // China-only Kinesis branch, SSH to a bastion from an office range); the classes were fixed and none is left.
  tuning: [
  // "artifact store (ArtifactStores[1].Region) is in us-east-1 … cross-Region action (Stages[4].Actions[0].Region)": since session 13
  // (fixY) the pipeline's own artifact stores and cross-Region actions are read (scout14 labels ReleasePipeline fail for the same
  // shape); this label puts the us-east-1 artifact copy on the support stack (cross-region-stack-…_us-east-1 (stack): fail) only;
  'CorpusPipeline.template.json Pipeline9850B417 data-residency: labelled pass, vouch fail',
  // "cached items are not encrypted at rest; the cluster endpoint is unencrypted": DAX under the cache promise (labels.yaml house rule; 6 later sets fail it: session 12), which this older label leaves to enc-rest and tls-min;
  'cdk-CorpusL1Data.template.json PriceCache cache-no-backup: labelled pass, vouch fail',
  // a public non-bastion host whose groups admit no SSH/RDP from public addresses, only service ports (443 from 0.0.0.0/0); the first sets' "public IP, not the bastion" call, outvoted since session 15 (fixAO, rule zero: such hosts labelled pass 13 : fail 3 over every set, this one of the 3);
  'cdk-CorpusNetwork.template.json AppServer33D3A8FF bastion-only: labelled fail, vouch pass',
  ],
  // Held-out history. orders-data-eu.yaml and payments-api.yaml (session 5) and the session-6 set
  // (CorpusHoldShop, CorpusHoldOps, legacy-lamp.yaml, data-lake.json, events-sam.yaml, vpc-baseline.yaml,
  // labelled and committed in fd18ddf before vouch ran on them) showed these classes, each fixed as a
  // class and tested on fixtures of its own: services without rules (Redshift, Firehose, SNS topic
  // policies, Step Functions, stage access logs, function URLs, launch-configuration public IPs),
  // service:* on one resource, *FullAccess policies, SAM resources and SAM policy templates, tag-based
  // Backup selections, names built from pseudo parameters, CloudTrail buckets' own access logs,
  // conditions over switch parameters (AllowedValues) read at the Default only.
  // What remains are judgement calls, each argued in the closing note and in the rule:
  // - a group outside the template may enforce MFA (Support: unknown, not fail);
  // - RDS MySQL without EngineVersion: require_secure_transport is off by default up to 8.4 and on in
  //   9.x, so the template does not say (Reconcile: unknown);
  holdout: [
  // a trail without a KMS key: the key moved to security-monitoring/aws-cloudtrail-log-encryption (CIS 3.5, FSBP CloudTrail.2) in session 10,
  // SSE-S3 keeping the logs encrypted; vault, scout7cdk and scout9 label such trails pass for audit-logging (3:1), this label fails it;
  'cdk-CorpusHoldOps.template.json OrgTrail00859FAE audit-logging: labelled fail, vouch pass',
  // OpenSearch/Elasticsearch EnforceHTTPS off fails https-redirect as well as tls-min since session 9 (an endpoint that
  // serves plain HTTP breaks the redirect promise, as an S3 website endpoint does; last, scout and scout2cdk label it so);
  // this set's label, written earlier, puts it under tls-min only.
  'cdk-CorpusHoldShop.template.json ProductSearch395B03FB https-redirect: labelled pass, vouch fail',
  // a public non-bastion host whose groups admit no SSH/RDP from public addresses, only service ports (27017 from 0.0.0.0/0, which public-access judges); the first sets' "public IP, not the bastion" call, outvoted since session 15 (fixAO, rule zero: such hosts labelled pass 13 : fail 3 over every set, this one of the 3);
  'cdk-CorpusHeldOut.template.json WorkersLaunchConfig90B6D862 bastion-only: labelled fail, vouch pass',
    'payments-api.yaml Support mfa: labelled fail, vouch unknown',
    'payments-api.yaml Reconcile tls-min: labelled fail, vouch unknown',
  ],
};

/**
 * What differs from KNOWN_MISMATCHES, as a message the lead can act on: entries to delete (the
 * mismatch is gone: a rule landed, or its verdict changed) and entries to add (new mismatches).
 */
function diffMessage(set: string, mismatches: string[]): string {
  const { fixed, added } = mismatchDiff(mismatches, KNOWN_MISMATCHES[set] ?? []) as { fixed: string[]; added: string[] };
  if (fixed.length === 0 && added.length === 0) return '';
  const lines = [`corpus ${set}: KNOWN_MISMATCHES is out of date (test/corpus/corpus.test.ts).`];
  if (fixed.length) lines.push(`  no longer seen (fixed or changed; delete these ${fixed.length}):`, ...fixed.map((m) => `    '${m}',`));
  if (added.length) lines.push(`  new (a regression, or a rule now judging what it did not; add these ${added.length} only if the label is right):`, ...added.map((m) => `    '${m}',`));
  return lines.join('\n');
}

// Fresh set (labels frozen in 5c483ff before vouch ran). Its first run showed 20 mismatches; the
// defect classes among them (secrets in Batch/Glue/LoginProfile, CDK's OpenSearch access-policy
// custom resource, queues opened by their policy, global-table replicas, trust pinned by a template
// resource, same-region read replicas, regional service principals) were fixed as classes; two labels
// were corrected after review (PlayerCdn tls-min, Sessions data-residency: see labels.yaml). Left:
KNOWN_MISMATCHES.fresh = [
  // Since session 9 a launch template an Auto Scaling group uses is judged on the group's subnets; here they are a nested
  // stack's outputs (not in the set) and the group admits SSH from 0.0.0.0/0 (AppSg fails): whether the instances get public
  // IPs is not in the templates (unknown; the label, written when vouch judged only instances, leaves it out).
  'web-tier-quickstart.yaml AppLaunchTemplate bastion-only: labelled pass, vouch unknown',
];

// Blindcdk set (session 7; labels frozen in 0ef39b3 before vouch ran): three CDK apps in the shapes
// real open-source apps take. Its first run, 13 mismatches, each with its cause; vouch was not changed.
KNOWN_MISMATCHES.blindcdk = [
];

// Blind set (session 7): five hand-written templates, labels frozen in 13cf2bd before vouch ran.
// First run (vouch at main 5c08d7e): 22 mismatches, recorded as found; vouch was not changed for them.
KNOWN_MISMATCHES.blind = [
];

// blindmini (session 7): 184 small templates, labels frozen in 2887f6c before vouch ran on them.
// First run, vouch unchanged: 18 mismatches, each with its cause (none is a label change); 17 left. A second
// batch of 15 templates for thin controls (b21dd71, frozen before its run) showed no mismatch.
KNOWN_MISMATCHES.blindmini = [
  // A SecretAccessKey in Outputs: vouch fails the stack, where the text is written (last, scoutcdk, scout2, scout3cdk label it so); this label the key;
  'iam-access-key-output.yaml (stack) secrets-encrypted: labelled pass, vouch fail',
  'iam-access-key-output.yaml CiPublisherKey secrets-encrypted: labelled fail, vouch none',
  // OpenSearch/Elasticsearch EnforceHTTPS off fails https-redirect as well as tls-min since session 9 (an endpoint that
  // serves plain HTTP breaks the redirect promise, as an S3 website endpoint does; last, scout and scout2cdk label it so);
  // this set's label, written earlier, puts it under tls-min only.
  'elasticsearch-domain-legacy.yaml SearchLegacy https-redirect: labelled pass, vouch fail',
  // Judgement calls where vouch is stricter or looser than the labels:
  // - OpenSearch publishing only error and slow logs passes in vouch; the label wants audit logs (FSBP Opensearch.5);
  'opensearch-no-encryption.yaml MetricsSearch audit-logging: labelled fail, vouch pass',
  // - Block Public Access switched off with no public ACL or policy: vouch fails it, the label says not public;
  's3-bpa-off-private.yaml TeamShare public-access: labelled pass, vouch fail',
  // DAX without encryption under the cache promise (as tuning PriceCache: 6 sets fail it, 3 older ones leave it out);
  'dax-defaults.yaml CatalogDax cache-no-backup: labelled pass, vouch fail',
];

// finalcdk (session 7, the last held-out set): two CDK apps (FinalMobile, FinalLegacy; 176 resources), labels
// frozen in 555c03a before vouch ran on them. First run, vouch unchanged: 8 mismatches, recorded as found.
KNOWN_MISMATCHES.finalcdk = [];

// last (session 8, held out): 40 hand-written templates in the shapes of real public CloudFormation and SAM, labels
// frozen in 33fadd8 before vouch ran on them. First run (vouch at lead2 b3b7b2a), vouch unchanged: 17 mismatches
// (P/R 0.964/0.908 over all controls, 108/4/11), each with its cause read from vouch's message; no label changed.
// last + lastcdk first runs together: P/R 0.971/0.927 (166/5/13), the session's last unbiased estimate. Fixed since
// as classes: API key values, PGPASSWORD-style client variables, credential parameters in text and in environment
// variables, account password-policy actions on *.
KNOWN_MISMATCHES.last = [
  // FSx for Windows without AuditLogConfiguration audits no file or share access: scout6 labels it fail (the labels.yaml call for data
  // stores that export no audit log, as DocumentDB and Neptune); this set was labelled before a rule or a call covered FSx (1 fail : 1 pass);
  'fsx-windows-file-share.json DepartmentShare audit-logging: labelled pass, vouch fail',
  // Judgement calls changed at the end of session 9 by the independently labelled sets (see the vault sets below):
  // es:* in an OpenSearch domain policy is left to public-access (five of six sets pass it under iam-least-privilege);
  'elasticsearch-log-analytics-legacy.json LogsDomain iam-least-privilege: labelled fail, vouch none',
  // a data-store port open to the internet is the security group's finding, not also the instance's (two of three sets);
  'mongodb-on-ec2-legacy.json MongoInstance public-access: labelled fail, vouch none',
  // No rule reads it yet:
  // Fail-closed unknowns where the labels see no admin path or a required key pair:
  // Vouch's verdict contradicts a house judgement call:
  'redshift-warehouse-public.yaml WarehouseCluster enc-rest: labelled fail, vouch pass', // vouch: new clusters encrypted by default since January 2025; labels.yaml's session-6 default says not encrypted
  // Same finding, another resource or control:
  // A console password from a parameter with a default: the labels fail the stack and the user; vouch fails the stack only (scout's call);
  'cloudfront-legacy-app-origin.json SupportEngineer secrets-encrypted: labelled fail, vouch pass',
  // DAX without encryption under the cache promise (as tuning PriceCache);
  'dynamodb-catalog-dax.yaml CatalogDaxCluster cache-no-backup: labelled pass, vouch fail',
];

// lastcdk (session 8, held out): three CDK apps (LastLedger, LastMedia: 228 resources, labels frozen in bbe2cfa;
// LastInsights: 43 resources for the thin controls, frozen in f37cf40 after the first two had been judged once).
// First run (vouch at lead2 b3b7b2a), vouch unchanged: LastLedger + LastMedia 3 mismatches (P/R 0.979/0.959, 47/1/2),
// recorded as found; LastInsights' own first run added none (whole set 0.983/0.967, 58/1/2). No label changed.
KNOWN_MISMATCHES.lastcdk = [
];

// scoutcdk (session 9, held out): ScoutDesk, ScoutOrders and ScoutLake in synth-cdk.mjs (346 resources), labels frozen
// in 1bc845b before vouch ran on them. First run (vouch at main 5444041), vouch unchanged: 5 mismatches, P/R 0.965/0.976
// over all controls (82/3/2); recorded as found, no label changed.
KNOWN_MISMATCHES.scoutcdk = [
  // Memcached: vouch passes enc-rest (in memory only), the labels fail it (house rule 2: at-rest encryption is Redis/Valkey only);
  // SES configuration set without DeliveryOptions.TlsPolicy REQUIRE (default Optional: mail may go out in plain text); the labels did not judge it;
  'cdk-ScoutDesk.template.json HelpdeskMail00A0E2D7 tls-min: labelled pass, vouch fail',
];

// scout (session 9, held out): 54 hand-written templates in the shapes of real public CloudFormation and SAM (383 resources
// before SAM expansion; 14 JSON, 8 SAM), labels frozen in a4e6568 before vouch ran on them. First run (vouch at main
// 362acc3), vouch unchanged: 15 mismatches, P/R 0.980/0.961 over all controls (147/3/6); recorded as found, no label changed.
KNOWN_MISMATCHES.scout = [
  // ELB log-delivery principal from Fn::FindInMap keyed by AWS::Region: "its AWS principal is not known" (every map value is one account);
  // No subnet group (default VPC, which has an internet gateway; sealed call): vouch "the template does not settle" the IGW;
];

// sealed (session 8): 57 hand-written templates in the shapes of real public CloudFormation and SAM (574
// resources as loaded), labels frozen in c490896 before vouch ran on them. First run (vouch at main 7c6d369), vouch unchanged:
// 23 mismatches (P/R 0.955/0.944 over all controls), each with its cause read from vouch's message; no label changed.
// Second run, after the session-8 catalogue work that never saw this set (main fff58a7): sealed + sealedcdk together
// P/R 0.949/0.964 (243/13/9). Then the classes these first runs showed were fixed as classes (condition-pinned
// writes, log-delivery grants, NoEcho parameters in text, db::username references, SAM policy templates, ECR
// registry replication, OpenSearch Serverless access policies); what remains is below.
KNOWN_MISMATCHES.sealed = [
  // a public non-bastion host whose groups admit no SSH/RDP from public addresses, only service ports (80 from 0.0.0.0/0); the first sets' "public IP, not the bastion" call, outvoted since session 15 (fixAO, rule zero: such hosts labelled pass 13 : fail 3 over every set, this one of the 3);
  'ecs-ec2-cluster-autoscaling.yaml ContainerInstances bastion-only: labelled fail, vouch pass',
  // OpenSearch/Elasticsearch EnforceHTTPS off fails https-redirect as well as tls-min since session 9 (an endpoint that
  // serves plain HTTP breaks the redirect promise, as an S3 website endpoint does; last, scout and scout2cdk label it so);
  // this set's label, written earlier, puts it under tls-min only.
  'elk-domain-legacy.json LogsDomain https-redirect: labelled pass, vouch fail',
  // No rule judges these resources or settings yet (vouch says nothing where the label says fail):
  // vouch reads a default or a value differently from the labels:
  // A SecretAccessKey in Outputs: vouch fails the stack, where the text is written (last, scoutcdk, scout2, scout3cdk label it so); this label the key;
  'iam-users-groups-console.json (stack) secrets-encrypted: labelled pass, vouch fail',
  'iam-users-groups-console.json CiUserKey secrets-encrypted: labelled fail, vouch none',
  // SecurityPolicy omitted: vouch takes TLS_1_2, the label TLS_1_0 (as KICS). Kept: API Gateway applies TLS_1_2 to a new
  // custom domain of any endpoint type when none is named (developer guide, apigateway-security-policies-list.html
  // "default"; aws-cdk-lib documents @default TLS_1_2 since aws/aws-cdk#22419, which shows get-domain-name returning it).
  'apigw-edge-custom-domain.yaml DevApiDomain tls-min: labelled fail, vouch pass',
  // Judgement calls where vouch and the labels differ:
  // A Fargate service that gives its tasks public IPs (FSBP ECS.2): vouch fails it as it fails an instance with a public
  // IP (this set's own call for instances); the label passes the service, whose group admits only the load balancer.
  'ecs-fargate-public-service.yaml Service bastion-only: labelled pass, vouch fail',
  // Fail-closed unknowns where the label decided:
  'asg-alb-https-web.yaml LaunchTemplate bastion-only: labelled unknown, vouch pass', // parameter subnets; since session 9 its group (only the ALB) opens no admin port to the internet: pass, as the Worker below
  // SSH only from 10/8, subnet from a parameter: since session 9 vouch passes an instance whose groups open no admin port to
  // public addresses whatever the subnet (final, last, scout and holdout label that shape pass; labels.yaml's private-range call).
  'lambda-custom-resources-ami-cleanup.json Worker bastion-only: labelled unknown, vouch pass',
];

// sealedcdk (session 8, held out): three CDK apps (SealedGenAi, SealedArena, SealedForge; 334 resources), labels
// frozen in c522c63 before vouch ran on them. First run (vouch at main 7c6d369), vouch unchanged: 6 mismatches
// (P/R 0.947/0.986, 72/4/1), recorded as found; no label changed. Its classes fixed since are listed at sealed's block.
KNOWN_MISMATCHES.sealedcdk = [
  // "opens collection/rag-vectors to the internet (AllowFromPublic true)": public-access/aws-opensearchserverless-network-policy
  // (fixJ) follows the count of labelled sets: scout6, scout12 and scout15 fail the policy and the collection it opens (6 resources,
  // 3 sets), this set passes them by its own call (requests still SigV4-signed and authorized by the data access policy): 3:1;
  'cdk-SealedGenAi.template.json Vectors public-access: labelled pass, vouch fail',
  'cdk-SealedGenAi.template.json VectorsNetwork public-access: labelled pass, vouch fail',
];

// final (session 7): 98 small templates (154 resources), labels frozen in 3e698a5 before vouch ran on them.
// First run (vouch at main 8958b26), vouch unchanged: 14 mismatches, each with its cause; no label changed.
KNOWN_MISMATCHES.final = [];

// scout2cdk (session 9, held out, second scout set): ReconSaas, ReconFleet and ReconWatch in synth-cdk.mjs (324 resources),
// labels frozen in d579483 before vouch ran on them. First run (vouch at main 4f0ea3f), vouch unchanged: 6 mismatches; two
// were a plain labelling mistake (Aurora writer/reader without PubliclyAccessible in a VPC with an internet gateway: the
// labels.yaml CDK RDS call makes them public; corrected after review), the other 4 are recorded as found.
KNOWN_MISMATCHES.scout2cdk = [
];

// scout2 (session 9, held out, second scout set): 61 hand-written CloudFormation/SAM templates (327 resources before SAM
// expansion) in awslabs-sample, User Guide snippet, serverlessland SAM, partner and Quick Start shapes, labels frozen in
// 350fb17 before vouch ran (vouch at main 7dc9f0b, unchanged). First run: 16 mismatches, P/R 0.961/0.932 (123/5/9);
// the ES https-redirect one was cleared by https-redirect/aws-opensearch-domain (main 1e4de8c), 15 left.
KNOWN_MISMATCHES.scout2 = [
  // no secrets-encrypted verdict: an admin password literal in a `tmsh modify auth user admin password '...'` line of Fn::Join user data is not detected;
  // "instances launched from it get a public IP and are not the bastion": default-VPC public IP, but SSH only from 192.168.10.0/24 and 8080 only from the ELB group (judgement: session-7 private-space call vs sealed default-VPC call);
  'jenkins-classic-elb-https-2017.json JenkinsLaunchConfig bastion-only: labelled pass, vouch fail',
  // "since January 2025 CloudFormation and the API encrypt new clusters by default": the label follows labels.yaml's session-6 default (Redshift not encrypted); vouch follows the 2025 Redshift default change (label/house-rule question);
  'redshift-single-node-cluster.yaml RedshiftCluster enc-rest: labelled fail, vouch pass',
  // "since January 2025 new clusters without a parameter group use default.redshift-2.0, whose require_ssl is true": same 2025 default change vs labels.yaml's session-6 default (label/house-rule question);
  'redshift-single-node-cluster.yaml RedshiftCluster tls-min: labelled fail, vouch pass',
];

// scout3 (session 9, held out, third scout set): 46 hand-written CloudFormation/SAM templates (430 resources before SAM
// expansion) in the shapes of aws-samples solution templates and open-source projects' templates, labels frozen in d6ebc27
// before vouch ran (vouch at main 9d0b8fb, unchanged). First run: 17 mismatches; one was a labelling mistake corrected after
// review (KeycloakLaunchTemplate enc-rest: the resource was overlooked), 16 left, each with its cause read from vouch's message.
KNOWN_MISMATCHES.scout3 = [
  // "cannot tell whether the primary node gets a public IP: subnet 0 depends on Ref SubnetId": the labeller left the cluster unlabelled (pass); the sealed parameter-subnet call says unknown (label question; vouch consistent with the house call);
  'emr-spark-studio-analytics.yaml SparkCluster bastion-only: labelled pass, vouch unknown',
  // same parameter-subnet class for EMR.1 public-access;
  'emr-spark-studio-analytics.yaml SparkCluster public-access: labelled pass, vouch unknown',
  // "without EngineVersion RDS picks its current default mysql version, whose default decides": every RDS MySQL up to 8.4 defaults require_secure_transport OFF (only 9.7 turns it on); label follows today's default (judgement question);
  'legacy-php-classic-elb-rds-2015.json MySQLDatabase tls-min: labelled fail, vouch unknown',
  // "engine (none): vouch has no TLS-enforcement parameter for it": a cross-region replica whose engine the template does not say; unknown is defensible (label question);
  'rds-postgres-reporting-replica-us.yaml ReportingReplica tls-min: labelled pass, vouch unknown',
  // "the Airflow web server has a public endpoint on the internet (WebserverAccessMode PUBLIC_ONLY)": a parameter defaulting to PUBLIC_ONLY; the later sets label every PUBLIC_ONLY environment public (3 fail : this 1, scout6/scout12/scout30; rule zero met, session 14 fixAI), this label predates the call
  'mwaa-airflow-environment.yaml AirflowEnvironment public-access: labelled pass, vouch fail',
];

// scout3cdk (session 9, held out, third scout set): ProbeGenomics, ProbeLedger and ProbeContact in synth-cdk.mjs (357
// resources), labels frozen in fa714ea before vouch ran on them. First run (vouch at main 9d0b8fb), vouch unchanged:
// 6 mismatches, P/R 0.950/0.974 over all controls (76/4/2); recorded as found, no label changed.
KNOWN_MISMATCHES.scout3cdk = [
  // SES configuration set without DeliveryOptions.TlsPolicy REQUIRE ("mail may be delivered in plain text"): the labels did not judge it (as scoutcdk);
  'cdk-ProbeContact.template.json SupportMail624D8411 tls-min: labelled pass, vouch fail',
  // "the stack's region is not given; its global table CustomerProfiles… can deploy only in us-east-1, eu-west-2, outside the
  // allowed regions": CloudFormation creates a global table only in a region among its replicas, neither in the EU (London is
  // not); the label (an early set) leaves the stack unknown; labels.vault6cdk, vault7cdk and scout18cdk infer fail (3 : 1, fixAN)
  'cdk-ProbeContact.template.json (stack) data-residency: labelled unknown, vouch fail',
];

// scout4cdk (session 9, held out, fourth scout set): TrialHabits, TrialBots and TrialFlags in synth-cdk.mjs (267
// resources), labels frozen in 2e6620e before vouch ran on them. First run (vouch at main 340fe9b), vouch unchanged:
// 1 mismatch, P/R 0.986/1.000 over all controls (71/1/0); recorded as found, no label changed.
KNOWN_MISMATCHES.scout4cdk = [
];

// scout5cdk (session 9, held out, fifth scout set): FieldInference, FieldHub, FieldAcademy in synth-cdk.mjs (312
// resources), labels frozen in 426c91a before vouch ran on them (d7c981e only removed a wrapping set key from the
// labels file). First run, vouch unchanged: 8 mismatches; one (LeaderboardRedis cache-no-backup, at rest not
// encrypted) was a labelling mistake corrected after review, leaving 7.
KNOWN_MISMATCHES.scout5cdk = [
  // "S3 origin fetched with the viewer's protocol, and 1 behavior(s) let viewers use HTTP": an allow-all '/previews/*' behaviour to an S3 REST origin reaches S3 over HTTP; the labels counted it under https-redirect only;
  'cdk-FieldAcademy.template.json CourseCdn399FA987 tls-min: labelled pass, vouch fail',
  // "mail may be delivered in plain text when the receiving server offers no TLS": SES configuration set without TlsPolicy REQUIRE; the labels did not judge SES delivery;
  'cdk-FieldAcademy.template.json MailConfigF0CE294A tls-min: labelled pass, vouch fail',
  // "the bucket serves a static website over plain HTTP": the S3 website endpoint is HTTP-only; the labels judged only the CloudFront distribution in front of it;
  'cdk-FieldAcademy.template.json MarketingSiteE2E103BD https-redirect: labelled pass, vouch fail',
];

// scout4 (session 9, held out, fourth scout set): 52 hand-written templates in the shapes small companies and
// tutorials write (364 template resources, 16 JSON, 8 SAM), labels frozen in b5fc426 before vouch ran on them. First
// run (vouch at main dca12c0), vouch unchanged: 20 mismatches, P/R 0.934/0.971 over all controls (170/12/5); recorded
// as found, no label changed.
KNOWN_MISMATCHES.scout4 = [
  // "PubliclyAccessible is not set ... VPC has an internet gateway, which the template does not settle": the subnets come from a parameter; the label took them as private;
  'lambda-rds-proxy-aurora-postgres.yaml OrdersClusterInstance public-access: labelled pass, vouch unknown',
  // "not the bastion and has a public IP: Elastic IP ProxyEip is associated": vouch fails a non-bastion public host; the label kept the sealed call's unknown (SSH CIDR parameter without default);
  'legacy-elasticsearch-kibana-proxy-2017.json KibanaProxy bastion-only: labelled unknown, vouch fail',
  // "cluster encrypted at rest (AWS-owned key)" / "the default parameter group requires TLS": Redshift's 2025 defaults for new clusters; the labels followed labels.yaml's older call;
  'redshift-analytics-cluster-tutorial.json AnalyticsCluster enc-rest: labelled fail, vouch pass',
  'redshift-analytics-cluster-tutorial.json AnalyticsCluster tls-min: labelled fail, vouch pass',
  // the stage-cache split decided (session 14, after the sealed sets were measured): unencrypted REST stage caches labelled cache-no-backup fail 11 : pass 3 over every set; this is one of the 3;
  'apigateway-api-key-usage-plan.yaml PricingStage cache-no-backup: labelled pass, vouch fail',
];

// scout5 (session 9, held out, fifth scout set): 51 hand-written enterprise / landing-zone, data-and-analytics and
// networking templates (293 template resources, 13 JSON, 8 SAM), labels frozen in a925711 before vouch ran on them.
// First run (vouch at main 19413a1), vouch unchanged: 13 mismatches, P/R 0.940/0.977 over all controls (126/8/3);
// recorded as found, no label changed.
KNOWN_MISMATCHES.scout5 = [
  // "cannot tell whether the primary node gets a public IP: subnet 0 depends on Ref SubnetId": subnet parameter; the label took it as private (the sealed call says unknown);
  'emr-spark-cluster-security-configuration.yaml SparkCluster bastion-only: labelled pass, vouch unknown',
  'emr-spark-cluster-security-configuration.yaml SparkCluster public-access: labelled pass, vouch unknown',
  // "AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources": the label kept the service-role-policy pass;
  'glue-etl-job-crawler-jdbc-connection.yaml GlueRole iam-least-privilege: labelled pass, vouch fail',
  // "cluster encrypted at rest (AWS-owned key)" / "the default parameter group requires TLS": Redshift's 2025 defaults; the label followed labels.yaml's older call (as scout4);
  'redshift-legacy-public-cluster.json RedshiftCluster enc-rest: labelled fail, vouch pass',
  'redshift-legacy-public-cluster.json RedshiftCluster tls-min: labelled fail, vouch pass',
];

// vault9, vault10, vault11, vault5cdk (session 13, sealed): written at the session's start by four engineers who did not
// read rules/ or src/ and never ran vouch (vault9 fec2f350 + a template fix ceec5365: real-world shapes in domains the
// corpus had least, nested stacks, StackSet baselines, Fn::ForEach, SAM Globals; vault10 18a4acd8: the five weakest
// controls; vault11 a3efc111: the services most public templates use; vault5cdk befb750d: QuillFreight, QuillTickets,
// QuillHarvest, QuillTenancy), kept on their own branches, run once at the session's start (b95437b6) and once after
// every verdict-changing merge (7bd7dfa4), then merged with their mismatches as found. Start → end over the four:
// P/R 0.973/0.983 (394/11/7) → 0.973/0.988 (396/11/5).
// Cleared after that measurement (biased, not counted above): vault10's public Image Builder AMI distribution
// (public-access/aws-imagebuilder-public-ami, a rule the set's gap asked for).
KNOWN_MISMATCHES.vault9 = [
  // "a scratch Lustre file system keeps no backups": the set's call leaves a store that cannot be backed up unlabelled (as scout6);
  'batch-seed-bank-genome-assembly.yaml ScratchFileSystem backup-retention: labelled pass, vouch fail',
  // "GuestRole inline policy audio-and-ratings reaches this resource": vouch also fails the table the guest role can write; the label puts the identity-pool exposure on the guest role (the landing split, as scout21 PhotosBucket);
  'cognito-museum-audio-guide-guest-identities.yaml RatingsTable public-access: labelled pass, vouch fail',
  // "file and share access auditing are off": FSx for Windows auditing, labels 1 fail : 4 silent with this one (scout14, vault4, last);
  'fsx-windows-school-district-home-drives.json CurriculumShare audit-logging: labelled pass, vouch fail',
  // Lightsail database TLS: no rule (labels now 4 fail : 2 silent, fixX count plus this one: below 3:1);
  'lightsail-brewery-taproom-shop.json OrdersDatabase tls-min: labelled fail, vouch none',
  // "server access logging is off" on the bucket that receives Redshift audit logs: the label exempts a log-delivery bucket; vouch does not recognise this one as a log bucket;
  'redshift-wine-auction-bidding-warehouse.yaml AuditLogBucket audit-logging: labelled pass, vouch fail',
  // "BucketName depends on Fn::Sub ...; cannot tell whether it holds request-logs": fail-closed on a parameter-built name;
  'servicecatalog-product-dicom-imaging-bucket.yaml StudyBucket data-retention: labelled pass, vouch unknown',
  // "the bucket serves a static website over plain HTTP": the label fails the website bucket on public-access, audit-logging and tls-min but not https-redirect;
  'ski-resort-trail-map-static-site-2017.json SiteBucket https-redirect: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault10 = [
  // MFA for WorkSpaces is set outside CloudFormation: the label says unknown on the directory, vouch judges no mfa there;
  'alpine-finance-workspaces-managed-ad.yaml CorpDirectory mfa: labelled unknown, vouch none',
  // "credential parameter DbPassword is substituted into UserData": vouch fails the host too; the label puts the hard-coded credential on the stack only;
  'dunlin-legacy-crm-php-hardcoded.yaml CrmHost secrets-encrypted: labelled pass, vouch fail',
  // "topic has no server-side encryption": the label follows vault6's call (decided against it in adjudications.yaml, 73 : 9; sealed labels are not overridden);
  'nimbus-partner-intake-queue-topic-policies.yaml UploadsTopic enc-rest: labelled pass, vouch fail',
  // no enc-rest finding on a trail without KMSKeyId (the label: FSBP CloudTrail.2 asks for SSE-KMS; vouch counts the S3-encrypted log files);
  'pebble-sandbox-account-trail-2019.json SandboxTrail enc-rest: labelled fail, vouch none',
  // "topic has no server-side encryption": as UploadsTopic;
  'pebble-sandbox-account-trail-2019.json SandboxTrailTopic enc-rest: labelled pass, vouch fail',
  // "rds.force_ssl is 0" / "require_ssl false": vouch fails the parameter group as well as the databases using it; the label fails only the databases;
  'plover-postgres-fleet-ssl-params.json LegacyParams tls-min: labelled pass, vouch fail',
  'quarry-bi-redshift-public-ra3.json WarehouseParams tls-min: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault11 = [
  // "registry replication StudioReplication's destination is in us-east-1": vouch fails each repository the registry-wide rule replicates; the label fails the replication configuration only;
  'game-studio-ecr-shared-images.yaml MatchmakerRepository data-residency: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault5cdk = [];

// vault12, vault13, vault14, vault6cdk (session 14, sealed): written at the session's start by four engineers who did not
// read rules/ or src/ and never ran vouch (vault12: cache-no-backup, backup-retention, data-retention, data-residency,
// https-redirect; vault13: the most-published template shapes, centred on tls-min, enc-rest, secrets-encrypted,
// audit-logging; vault14: iam-least-privilege, mfa, bastion-only, public-access; vault6cdk: four CDK apps, Tern*). Run
// once at the start commit (df5ae793): P/R 0.968/0.962 (429/14/17); once after every verdict-changing merge (74443148):
// 0.968/0.964 (430/14/16). Merged then, with these mismatches and causes; what followed cleared five more, not counted
// in the end numbers: three stage caches (the stage-cache decision), an ALB redirect that keeps port 80 and an
// internet-facing NLB TCP:80 listener (fixAJ, both documented facts).
KNOWN_MISMATCHES.vault12 = [
  // "expiration rules cover only part of the bucket (prefix/tag/size filters)": vouch cannot tell the data set's objects all sit under the filtered rule; the label took the prefix as the data set;
  'accounting-firm-client-report-exports.yaml StatementExports data-retention: labelled fail, vouch unknown',
  // no tls-min rule for a Lightsail database (labels 4 fail : 2 silent across sets, below rule zero);
  'florist-wordpress-lightsail-mysql.yaml ShopDatabase tls-min: labelled fail, vouch none',
  // "a scratch Lustre file system keeps no backups": vouch fails scratch FSx; this set (and scout26) leave scratch file systems unlabelled;
  'genomics-scratch-and-results-fsx-lustre.yaml ScratchLustre backup-retention: labelled pass, vouch fail',
  // "audit logs are exported but the default cluster parameter group leaves audit_logs off": the label took the export as audit logging;
  'library-consortium-catalogue-data-tier.json HoldingsCluster audit-logging: labelled pass, vouch fail',
  // "cache data is not encrypted for * /*": the only method setting is `/*` GET with CacheDataEncrypted true; only GET is cached by default, so the label passes; vouch (and its fixture OneMethodWide) want the stage-wide `*` entry: one case, left;
  'recipe-cards-sam-api-cache.yaml RecipeApiprodStage cache-no-backup: labelled pass, vouch fail',
  'recipe-cards-sam-api-cache.yaml RecipeApiprodStage enc-rest: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault13 = [
  // "this parameter group turns TLS off": vouch fails the DocumentDB parameter group as well as its cluster; the label fails only the cluster
  // (fixAR count, every set: insecure parameter groups used by a cluster/instance of the same template, labelled fail on the group 23 (RDS 7, DocumentDB tls 5, Redshift 11) : not 6 (RDS 2, DocumentDB 1, Redshift 1, Neptune audit 2); rule zero keeps the group's own verdict);
  'docdb-catalog-cluster-tls-disabled.yaml CatalogParams tls-min: labelled pass, vouch fail',
  // "automatic backups are off, no AWS Backup selection covers the file system": the opt-in-backups-off decision (99 : 29); sealed labels are not overridden;
  'efs-shared-uploads-web-fleet.yaml UploadsFileSystem backup-retention: labelled pass, vouch fail',
  // "Auto Scaling group AppGroup has no VPCZoneIdentifier: it launches into the default subnets, which assign public IPv4 addresses": the label took the classic-ELB-era group as private;
  'legacy-tomcat-classic-elb-mysql-2016.json AppLaunchConfig bastion-only: labelled pass, vouch fail',
  // "GuestRole inline policy browse-photos reaches this resource (s3:GetObject)": vouch fails the bucket a guest role may read; the label passes it (the guest-role split);
  'recipe-share-cognito-hosted-ui-guest-photos.yaml PhotosBucket public-access: labelled pass, vouch fail',
  // "none of 2 environment variables holds a literal secret": the label reads one value as a credential that vouch's name and shape heuristics do not;
  'sam-status-page-function-url.yaml IncidentAdminFunction secrets-encrypted: labelled fail, vouch pass',
  // no finding on the public-invoke permission SAM's newer translator writes for an AuthType NONE function URL (vouch fails the URL itself);
  'sam-status-page-function-url.yaml StatusPageFunctionURLInvokeAllowPublicAccess public-access: labelled fail, vouch none',
  // "the bastion has a public IP (Elastic IP JumpBoxEip is associated); its security group must admit only the admin CIDRs": the jump-host split (8 : 9);
  'windows-rdp-jumpbox-eip.json JumpBox bastion-only: labelled fail, vouch pass',
];
KNOWN_MISMATCHES.vault14 = [
  // "no public IP (its subnet is parameter PrivateSubnetId, which the template names as a private subnet)": the session-14 private-name reading (0 : 8 then); the label keeps unknown;
  'ec2-instance-connect-endpoint-build-hosts.yaml BuildHostTwo bastion-only: labelled unknown, vouch pass',
  // "1 managed policy attached, none an AWS admin policy / service:*": AmazonEC2ContainerRegistryPowerUser is not read as over-broad (this set's call;
  // fixAL count over every set, roles with it and nothing else vouch fails: fail 1 (this), pass 1; below rule zero's bar);
  'ecr-base-images-org-pull-and-public-mirror.yaml BuildPushRole iam-least-privilege: labelled fail, vouch pass',
  // "1 policy grant nothing over-broad": write actions on wildcard ARNs inside one service (`table/*`, `instance/*`); the label fails them, vouch reads a wildcard inside a specific ARN as scoped
  // (fixAL count over every set: `type/*` fail 2, pass 29; S3 `*/*` fail 2, pass 0: neither reaches rule zero's bar);
  'lambda-etl-roles-wildcard-arns.yaml EnrichRole iam-least-privilege: labelled fail, vouch pass',
  'lambda-etl-roles-wildcard-arns.yaml IngestRole iam-least-privilege: labelled fail, vouch pass',
  // no finding on the function a Principal "*" permission opens (the Lambda-function split, 3 : 2);
  'lambda-integrations-permissions-and-urls.yaml ChatOpsFunction public-access: labelled fail, vouch none',
  // no verdict: WorkSpaces MFA through RADIUS on the directory is not in the template; the label says unknown;
  'managed-ad-workspaces-call-centre.yaml CorpDirectory mfa: labelled unknown, vouch none',
  // "7000 (Cassandra inter-node) open to the internet": the label took the telemetry gateway's 7000 as an application port;
  'nlb-tls-telemetry-gateway-fleet.json GatewaySecurityGroup public-access: labelled pass, vouch fail',
  // "BlockPublicPolicy is off; RestrictPublicBuckets is off": the bucket policy admits only a VPC endpoint; vouch still wants the block on;
  's3-partner-exchange-org-and-vpce-policies.json VpceOnlyBucket public-access: labelled pass, vouch fail',
  // "prefix list pl-… is not in the template with its entries": RDP from a managed prefix list (fail-closed);
  'security-groups-ops-access-rule-variants.yaml CorpRdpSecurityGroup bastion-only: labelled pass, vouch unknown',
];
KNOWN_MISMATCHES.vault6cdk = [
  // "topic has no server-side encryption": the SNS decision (73 : 9); sealed labels are not overridden;
  'cdk-TernFleetTelemetry.template.json TemperatureAlerts7CC32256 enc-rest: labelled pass, vouch fail',
  'cdk-TernSecurityTooling.template.json PlatformOpsAlerts680DE47C enc-rest: labelled pass, vouch fail',
];

// vault15, vault16, vault17, vault18, vault7cdk (session 15, sealed): written at the session's start by five engineers who
// did not read rules/ or src/ and never ran vouch (vault15: bastion-only, public-access; vault16: iam-least-privilege,
// mfa, secrets-encrypted; vault17: enc-rest, backup-retention, cache-no-backup; vault18: https-redirect, tls-min,
// data-residency, data-retention, audit-logging; vault7cdk: four CDK apps, Birch*). Run once at the session's start
// commit (534c4b89): P/R 0.948/0.966 (534/29/19) over 1,624 resources. Then opened: their classes are worked like a
// scout set's, and each line below is removed in the commit that clears it.
KNOWN_MISMATCHES.vault15 = [
  // the instance is not the bastion and has a public IP: no SubnetId: the instance launches in a default subnet, which assigns public IPv4 addresses by default
  'default-vpc-adhoc-hosts.yaml ScoringHost bastion-only: labelled pass, vouch fail',
  // bucket is not protected from public access: BlockPublicPolicy is off; RestrictPublicBuckets is off
  'downloads-bucket-acl-and-ip-restricted-policies.json QaArtifactsBucket public-access: labelled pass, vouch fail',
  // bucket is not protected from public access: BlockPublicPolicy is off
  'downloads-bucket-acl-and-ip-restricted-policies.json StagingAssetsBucket public-access: labelled pass, vouch fail',
  // statement CopiedFromProduction lets anyone ("*") use the bucket's data, with no condition that pins the caller
  'downloads-bucket-acl-and-ip-restricted-policies.json StagingAssetsBucketPolicy public-access: labelled pass, vouch fail',
  // SSH key payments-nodes without SourceSecurityGroups: EKS opens port 22 (3389 on Windows) on every node to 0.0.0.0/0
  'eks-nodegroups-remote-access-private-api.yaml DebugNodes bastion-only: labelled unknown, vouch fail',
  // cannot tell: RemoteAccess.SourceSecurityGroups[0] depends on Ref BastionSecurityGroupId (parameter without a value; pass --parameter BastionSecurityGroupId=...), which cannot be resolved
  'eks-nodegroups-remote-access-private-api.yaml GeneralNodes bastion-only: labelled pass, vouch unknown',
  // the domain endpoint answers plain-HTTP requests (EnforceHTTPS is not true)
  'legacy-elasticsearch-6-ip-restricted-domain.json OrderSearchDomain https-redirect: labelled pass, vouch fail',
  // the stack’s region is not known: an environment-agnostic CDK stack or a bare template; pin env.region or pass --region
  'lightsail-docs-wiki-us-office-mirror.yaml (stack) data-residency: labelled pass, vouch unknown',
  // application logs published, no AUDIT_LOGS: any published log type passes (the OpenSearch audit-log split)
  'opensearch-support-search-public-endpoint.yaml HelpCentreDomain audit-logging: labelled fail, vouch pass',
  // no finding on the function a Principal "*" permission opens (the Lambda-function split)
  'receipts-lambda-url-and-permissions.yaml ExportFunction public-access: labelled fail, vouch none',
  // no public-access rule reads a Transfer Family server with EndpointType PUBLIC (the Transfer split)
  'sftp-supplier-public-and-internal-servers.yaml SupplierIntakeServer public-access: labelled fail, vouch none',
  // SSH from ::/0 through a separate AWS::EC2::SecurityGroupIngress on a group of an IPv6 host: the group passes (counted in fixAM:
  // groups opened to 0.0.0.0/0 or ::/0 by a standalone ingress are labelled fail 1 (here) : unlabelled 2 (final, blindmini), below rule zero)
  'ssh-from-vpc-cidr-and-ipv6-ingress-resources.yaml CollectorSg bastion-only: labelled fail, vouch pass',
  // no tls-min verdict on a DMS Redshift target endpoint (SslMode is not a Redshift endpoint setting)
  'warehouse-redshift-dms-migration.yaml RedshiftTarget tls-min: labelled fail, vouch not-applicable',
];
KNOWN_MISMATCHES.vault16 = [
  // iam:PassRole on "*" narrowed only by iam:PassedToService: vouch accepts the condition; the label (new call) wants the roles named
  // (fixAL count over every set, PassRole on * by condition: non-IfExists PassedToService fail 1 (this), pass 0; below rule zero's 3 cases)
  'batch-dispatch-passrole-functions.yaml LegacyDispatcherRole iam-least-privilege: labelled fail, vouch pass',
  // s3:PutObject/DeleteObject on arn:aws:s3:::*/* (every object of every bucket): vouch reads a wildcard inside an S3 ARN as scoped
  // (fixAL count over every set, writes on S3 `*/*`: fail 2 (this, vault14 IngestRole), pass 0; below rule zero's 3 cases)
  'clickstream-etl-role-policies.yaml WriteCuratedPolicy iam-least-privilege: labelled fail, vouch pass',
  // execution logging at ERROR without AccessLogSetting: vouch passes execution logs alone (counted in fixAM: REST stages with
  // execution logs and no access log are labelled fail 2 (here, scout16 HrStage) : unlabelled 15, below rule zero; unchanged)
  'regional-partner-rest-api.yaml ProdStage audit-logging: labelled fail, vouch pass',
  // cannot tell whether the instance gets a public IP: the subnet depends on Ref PublicSubnetId (parameter without a value; pass --parameter PublicSubnetId=...); BastionSg.SecurityGroupIngress[0].CidrIp admits port 22 from 0
  'render-farm-bastion-and-workers.yaml Bastion bastion-only: labelled pass, vouch unknown',
  // AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources (default version v5)
  // (fixAL count over every set, roles it alone makes vouch fail: labelled fail 20, pass 10; the fail reading stays)
  'sales-lake-glue-jdbc-connections.yaml GlueJobRole iam-least-privilege: labelled pass, vouch fail',
  // route53:ChangeResourceRecordSets on hostedzone/* (every zone): vouch reads a wildcard inside an ARN as scoped (vault14 table/* class)
  // (fixAL count over every set, writes on `type/*` where vouch fails nothing else: fail 2 (this, vault14 EnrichRole), pass 29; the labels pass it)
  'shipping-eks-irsa-service-roles.yaml ExternalDnsRole iam-least-privilege: labelled fail, vouch pass',
  // topic has no server-side encryption
  'tenant-exports-resource-policies.yaml ExportReadyTopic enc-rest: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault17 = [
  // the cache keeps responses unencrypted for * /* (no setting: cache data is not encrypted by default)
  'apigw-partner-api-custom-domain-cache.yaml PartnerStage cache-no-backup: labelled pass, vouch fail',
  // cache data is not encrypted for * /* (no setting: cache data is not encrypted by default)
  'apigw-partner-api-custom-domain-cache.yaml PartnerStage enc-rest: labelled pass, vouch fail',
  // AtRestEncryptionEnabled: false asks for a cache that is not encrypted at rest: AppSync now encrypts caches it creates whatever the deprecated flag says, but a cache created with false before that change stays unencrypted
  'appsync-menu-graphql-api-cache.yaml MenuApiCache cache-no-backup: labelled pass, vouch fail',
  // AtRestEncryptionEnabled: false asks for a cache that is not encrypted at rest: AppSync now encrypts caches it creates whatever the deprecated flag says, but a cache created with false before that change stays unencrypted
  'appsync-menu-graphql-api-cache.yaml MenuApiCache enc-rest: labelled pass, vouch fail',
  // TransitEncryptionEnabled: false asks for a cache that is not encrypted in transit between AppSync and the cache: AppSync now encrypts caches it creates whatever the deprecated flag says, but a cache created with false be
  'appsync-menu-graphql-api-cache.yaml MenuApiCache tls-min: labelled pass, vouch fail',
  // parameter group "rehearsal-docdb5-tls12" is not defined in this template: whether it turns audit_logs on cannot be read
  'docdb-neptune-restored-dr-rehearsal.yaml CatalogRehearsal audit-logging: labelled pass, vouch unknown',
  // audit logs are exported but the default cluster parameter group leaves neptune_enable_audit_log off: no audit event is written
  'docdb-neptune-restored-dr-rehearsal.yaml GraphRehearsal audit-logging: labelled pass, vouch fail',
  // the template does not encrypt this volume; it is encrypted only if EBS encryption by default is on in the target account and region
  'ebs-batch-worker-volumes-launch-templates.yaml MigrationVolume enc-rest: labelled unknown, vouch fail',
  // cannot tell whether the instance gets a public IP: the subnet depends on Ref TrainingSubnetId (parameter without a value; pass --parameter TrainingSubnetId=...); and whether an admin port is open to the internet is not k
  'ec2-ml-training-box-data-volume.yaml TrainingBox bastion-only: labelled pass, vouch unknown',
  // automatic backups are off, no AWS Backup selection covers the file system (by reference, ARN or tags): no backups (unless AWS Backup selection TradingSelection (stack backup-hourly-daily-tiers-auditor-role), which select
  'efs-shared-home-dirs-backup-policy.yaml RenderScratch backup-retention: labelled pass, vouch fail',
  // a scratch Lustre file system keeps no backups (FSx supports neither automatic nor AWS Backup backups of scratch file systems)
  'fsx-lustre-genomics-persistent-and-scratch.yaml RunScratchLustre backup-retention: labelled pass, vouch fail',
  // no tls-min rule for a Lightsail database (counted in fixAM: Lightsail databases labelled tls-min fail 8 (all MySQL 8.0) : silent 8
  // (MySQL 5, PostgreSQL 3) across all sets, below rule zero; no rule added)
  'lightsail-bookshop-mysql-database.yaml ReportingDatabase tls-min: labelled fail, vouch none',
  // no tls-min rule for a Lightsail database
  'lightsail-bookshop-mysql-database.yaml ShopDatabase tls-min: labelled fail, vouch none',
  // the cache keeps responses unencrypted for * /* (no setting: cache data is not encrypted by default)
  'sam-tour-bookings-api-cached-tables.yaml BookingsApiprodStage cache-no-backup: labelled pass, vouch fail',
  // cache data is not encrypted for * /* (no setting: cache data is not encrypted by default)
  'sam-tour-bookings-api-cached-tables.yaml BookingsApiprodStage enc-rest: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault18 = [
  // the jump host itself passes; vouch fails its open group (the jump-host split)
  'ec2-jump-host-ssh-open-default.json JumpHost bastion-only: labelled fail, vouch pass',
  // expiration rules cover only part of the bucket (prefix/tag/size filters); vouch cannot tell whether the data set’s objects are all under them (data set request-logs, ≤ 30 days)
  'firehose-partner-request-logs-prefix-mismatch.yaml PartnerRequestLogBucket data-retention: labelled fail, vouch unknown',
  // read-stream-write-lake:Statement[2]: s3:PutObject on a resource that depends on Fn::Sub "${FraudLakeBucketArn}/*"
  'kinesis-edge-request-log-streams.yaml FirehoseRole iam-least-privilege: labelled pass, vouch unknown',
  // "server access logging is off" / "no bucket policy denies plain-HTTP requests" on the bucket of the StackSet's inline template
  // (RequestLogBucketStackSet/MemberRequestLogs): the label judged the StackSet's regions only (scout9 and scout34 label the inner resources on the StackSet)
  'stackset-member-request-log-buckets-regions.yaml RequestLogBucketStackSet audit-logging: labelled pass, vouch fail',
  'stackset-member-request-log-buckets-regions.yaml RequestLogBucketStackSet tls-min: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault7cdk = [
  // AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources (default version v5)
  // (fixAL count over every set, roles it alone makes vouch fail: labelled fail 20, pass 10; the fail reading stays)
  'cdk-BirchDataExports.template.json ExportCrawlerRole16E68306 iam-least-privilege: labelled pass, vouch fail',
  // AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources (default version v5)
  // (fixAL count over every set, roles it alone makes vouch fail: labelled fail 20, pass 10; the fail reading stays)
  'cdk-BirchDataExports.template.json ExportJobRoleE3065816 iam-least-privilege: labelled pass, vouch fail',
  // application/slow logs published, no AUDIT_LOGS: any published log type passes (the OpenSearch audit-log split)
  'cdk-BirchLearning.template.json CourseSearch61C259FB audit-logging: labelled fail, vouch pass',
];
// vault19, vault20, vault8cdk (session 15, sealed late): written mid-session by three engineers who did not read rules/ or
// src/ and never ran vouch, kept on their own branches while the session's fixes landed (no one saw them), then run once
// at the session's start commit (534c4b89): 0.980/0.980 (292/6/6), and once at its end (after every merge): 0.987/0.990
// (295/4/3). vault19: the most-published template shapes; vault20: bastion-only, iam-least-privilege, enc-rest,
// cache-no-backup, public-access; vault8cdk: four CDK apps (Cedar*). Merged after that measurement, with these causes.
KNOWN_MISMATCHES.vault19 = [
  // a bucket the identity pool guest role can read is public to vouch; the label passes the bucket (the guest-role split)
  'cognito-recipebox-spa-guest-identities.yaml PublicMediaBucket public-access: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault20 = [
  // automatic backups are off, no AWS Backup selection covers the file system (by reference, ARN or tags): no backups
  'efs-shared-home-dirs-policy.yaml ScratchFs backup-retention: labelled pass, vouch fail',
  // Statement[0] allows every kms action (kms:*) to its principal
  'kms-partner-sharing-keys.yaml IntegrationTestKey iam-least-privilege: labelled pass, vouch fail',
  // the default parameter group does not set require_secure_transport, and without EngineVersion RDS picks its current default mariadb version, whose default decides
  'mariadb-default-vpc-booking-legacy.json BookingDb tls-min: labelled fail, vouch unknown',
  // port 22 from pl-0a4c81d29e3f7b650: prefix list pl-0a4c81d29e3f7b650 is not in the template with its entries; vouch cannot see which addresses it holds
  'ops-tools-vpc-flowlogs-nacl.yaml BastionSecurityGroup bastion-only: labelled pass, vouch unknown',
];
KNOWN_MISMATCHES.vault8cdk = [
  // application/slow logs published, no AUDIT_LOGS: any published log type passes (the OpenSearch audit-log split, 8 : 6)
  'cdk-CedarFreightTrack.template.json ShipmentSearch90303E78 audit-logging: labelled fail, vouch pass',
  // "none of 3 environment variables holds a literal secret": the value is a Stripe-style publishable key (pk_live_), public by design (it identifies the account in client code; the secret keys are sk_/rk_), which vouch clears deliberately; the label read it as a secret
  'cdk-CedarLettings.template.json RentReminderWorkerA66D2F8D secrets-encrypted: labelled fail, vouch pass',
  // AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources (default version v5) (fixAL count: labelled fail 20 : pass 10; the fail reading stays)
  'cdk-CedarResearchLake.template.json GlueEtlRole5CCE2A4F iam-least-privilege: labelled pass, vouch fail',
];
describe('corpus: verdicts match the hand labels', () => {
  for (const set of SETS) {
    it(`${set}: every mismatch with the hand labels is a known one, and every known one still occurs`, () => {
      const findings = judgeSet(set);
      const { controls, mismatches } = score(findings, labels[set]) as { controls: Record<string, { tp: number }>; mismatches: string[] };
      const message = diffMessage(set, [...mismatches, ...(loadErrors[set] ?? [])].sort());
      if (message) console.error(message);
      expect(message).toBe('');
      expect(Object.values(controls).filter((c) => c.tp > 0).length).toBeGreaterThanOrEqual(5);
    });
  }

  it('the corpus is large enough to measure on: ≥ 500 resources, and every control labelled failing ≥ 5 times in each set', () => {
    for (const set of SETS) if (loaded[set] === undefined) judgeSet(set);
    expect(loaded.tuning! + loaded.holdout!).toBeGreaterThanOrEqual(500);
    expect(loaded.fresh!).toBeGreaterThanOrEqual(200);
    for (const set of SETS) {
      const fails: Record<string, number> = {};
      for (const byId of Object.values(labels[set] ?? {}))
        for (const byControl of Object.values(byId as Record<string, Record<string, string>>))
          for (const [c, v] of Object.entries(byControl)) if (v === 'fail') fails[c] = (fails[c] ?? 0) + 1;
      for (const c of profile.controls) expect(fails[c] ?? 0, `${set} ${c}`).toBeGreaterThanOrEqual(MIN_FAILS[set] ?? 2);
    }
  });

  it('every split decision (adjudications.yaml) overrides a label that exists and says otherwise', () => {
    const raw = loadLabels(here, parse, readFileSync, existsSync, { raw: true }) as Record<string, Record<string, Record<string, Record<string, string>>>>;
    const splits = loadAdjudications(here, parse, readFileSync, existsSync) as { id: string; control: string; verdict: string; overrides: Record<string, Record<string, Record<string, string>>> }[];
    const problems: string[] = [];
    // the logical ids the loader produced from each template of a set (Fn::ForEach and SAM ids included), one load per set
    const produced = new Map<string, Map<string, Set<string>>>();
    const idsOf = (set: string, file: string): Set<string> | undefined => {
      if (!produced.has(set)) {
        const byFile = new Map<string, Set<string>>();
        for (const r of loadSet(set).all()) {
          const base = r.location.file?.split(/[\\/]/).pop();
          if (base && r.location.logicalId) (byFile.get(base) ?? byFile.set(base, new Set()).get(base)!).add(r.location.logicalId);
        }
        produced.set(set, byFile);
      }
      return produced.get(set)!.get(file);
    };
    for (const split of splits) {
      expect(split.control, split.id).toMatch(/^[a-z-]+$/);
      for (const [set, files] of Object.entries(split.overrides)) {
        for (const [file, ids] of Object.entries(files)) {
          const path = join(here, 'templates', set, file);
          const fileIds = SETS.includes(set) && existsSync(path) ? (idsOf(set, file) ?? new Set<string>()) : undefined;
          for (const [id, verdict] of Object.entries(ids)) {
            const where = `${split.id}: ${set} ${file} ${id}`;
            if (!SETS.includes(set)) problems.push(`${where}: no such set`);
            else if (fileIds === undefined) problems.push(`${where}: no such template`);
            else if (!fileIds.has(id)) problems.push(`${where}: the template has no resource ${id}`);
            if (verdict !== split.verdict) problems.push(`${where}: ${verdict} is not the split's verdict ${split.verdict}`);
            if ((raw[set]?.[file]?.[id]?.[split.control] ?? 'pass') === verdict) problems.push(`${where}: the written label already says ${verdict}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // and loadLabels applies them: the first override reads as decided
    const [first] = splits;
    if (first) {
      const [set, files] = Object.entries(first.overrides)[0]!;
      const [file, ids] = Object.entries(files)[0]!;
      const id = Object.keys(ids)[0]!;
      expect((labels[set] as Record<string, Record<string, Record<string, string>>>)[file]![id]![first.control]).toBe(first.verdict);
    }
  });

  it('the scorer counts a missed failure and a false alarm (it can fail)', () => {
    const f = (id: string, control: string, status: string) => ({ control, status, resource: { file: 't.yaml', logicalId: id } });
    const { controls } = score([f('A', 'enc-rest', 'pass'), f('B', 'enc-rest', 'fail'), f('C', 'enc-rest', 'fail')], { 't.yaml': { A: { 'enc-rest': 'fail' }, C: { 'enc-rest': 'fail' } } });
    expect(controls['enc-rest']).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
  });
});

// vault, vault2, vaultcdk (session 9, sealed): written at the start of the session by engineers who did not read rules/ or
// src/ (vault 9cb9fd1 + one template 7b46acd, labels reviewed in 2a86ab8/52db8c1; vault2 bc1a03f; vaultcdk d0d9c25), kept
// on their own branches and run for the first time at the end of the session, after every other change (main 18d94bd):
// P/R 0.969/0.981 over all three (404/13/8); at the session's start commit 5eba053 the same sets read 0.963/0.944
// (389/15/23). Recorded as found, each with vouch's reason; then two judgement calls followed their labels (above).
KNOWN_MISMATCHES.vault = [
  // a Glue JDBC connection without JDBC_ENFORCE_SSL: this set's call; five labels in fresh, blindmini and sealed pass such connections (kept);
  'glue-jdbc-etl-jobs.yaml ErpConnection tls-min: labelled fail, vouch not-applicable',
  // no rule reads a Transfer Family server's EndpointType PUBLIC under public-access: the set's call, a gap;
  'transfer-sftp-partner-drop.yaml SftpServer public-access: labelled fail, vouch none',
];
// Fixed after the run: Fn::ForEach buckets whose TLS-only policy names them by the same Fn::Sub text (three lines).
KNOWN_MISMATCHES.vault2 = [
  // expiration rules cover only part of the bucket (a prefix filter): vouch cannot tell the data set is all under them;
  'transfer-sftp-partner-exchange.yaml ExchangeBucket data-retention: labelled fail, vouch unknown',
];
// vaultcdk's one miss (a Jenkins agent's `-secret <hex>` in user data) was fixed after the run: single-dash credential options.
KNOWN_MISMATCHES.vaultcdk = [];
// scout6cdk (session 10, held out, sixth scout set): SonarShop, SonarFleet and SonarLake in synth-cdk.mjs (323 resources),
// labels frozen in 9920767 before vouch ran on them. First run (vouch at main 44b9545, unchanged): 1 mismatch, P/R 0.989/1.000
// (86/1/0); no label changed.
KNOWN_MISMATCHES.scout6cdk = [
  // a jump box is the bastion by role (fixN: sealed, scout7, final, fresh label jump hosts so, 4:1); this label also fails the
  // instance for SSH open to the world, which vouch fails on its group only (JumpBoxSg, as for every bastion: labels.yaml);
  'cdk-SonarFleet.template.json OpsJumpBoxD1A76E98 bastion-only: labelled fail, vouch pass',
];
// scout6 (session 10, held out: 67 hand-written templates in services earlier sets used little, labels frozen in
// f7eee67 before vouch ran). First run, vouch unchanged: 31 mismatches, each with the cause read from vouch's message.
KNOWN_MISMATCHES.scout6 = [
  // unauthenticated identities: vouch fails the guest role ("anyone can get credentials ... dynamodb:*"), the label puts it on the identity pool;
  // counted (fixQ): fresh, final, sealed and sealedcdk fail the guest role or its grant and pass their pools (AllowUnauthenticatedIdentities
  // true), scout6 alone fails the pool: the finding stays on the role;
  'cognito-member-portal-and-vendor-roles.yaml GuestIdentityPool public-access: labelled fail, vouch none',
  'cognito-member-portal-and-vendor-roles.yaml GuestRole public-access: labelled pass, vouch fail',
  // a Basic-mode DataSync task with no CloudWatchLogGroupArn logs nothing (vouch's rule); the label left DataSync tasks unjudged;
  'datasync-nas-archive-to-s3.json NasToS3Task audit-logging: labelled pass, vouch fail',
  // vouch: "a scratch Lustre file system keeps no backups"; the label does not judge a store that cannot be backed up (as DynamoDB without PITR, scout4 call);
  'fsx-lustre-hpc-scratch-and-persistent.yaml ScratchFileSystem backup-retention: labelled pass, vouch fail',
  // vouch reads arn:aws:sagemaker:${Region}:${AccountId}:* as "all resources" for sagemaker:CreateTrainingJob/CreatePresignedDomainUrl; the label read a wildcard inside an ARN as not *;
  'sagemaker-studio-domain-vpc-only.yaml StudioExecutionRole iam-least-privilege: labelled pass, vouch fail',
];
// scout7 (session 10, held out: 59 hand-written templates in condition-, parameter- and wiring-heavy shapes, labels
// frozen in 2af0f6e before vouch ran). First run, vouch unchanged: 15 mismatches, each with the cause read from vouch's message.
KNOWN_MISMATCHES.scout7 = [
  // unauthenticated identities: vouch fails the guest role ("anyone can get credentials for GuestRole ... cognito-sync:*"), the label only iam-least-privilege (as scout6);
  'cognito-identity-pool-mobile-app.json GuestRole public-access: labelled pass, vouch fail',
  // vouch: "if a key pair is set (EC2KeyName depends on Ref KeyName ...)": the condition HasKey on a free-text parameter left empty is judged
  // both ways (fixS), but inside its true branch the key name is still unresolved, so the SSH rule cannot tell it is non-empty;
  'elastic-beanstalk-node-env-options.json StorefrontEnvironment bastion-only: labelled fail, vouch unknown',
  // vouch: "get a public IP and are not the bastion" (default subnets); the group admits SSH only from 192.168.0.0/16 (labels.yaml private-space call);
  'legacy-classic-elb-launchconfig.json WebLaunchConfig bastion-only: labelled pass, vouch fail',
  // vouch: "require_ssl false" for a custom parameter group; since 2025-01-10 require_ssl defaults to true and custom groups start from the default values (labels.scout7 call);
  'redshift-cluster-public-legacy.json BiCluster tls-min: labelled pass, vouch fail',
  // vouch: "AWSGlueServiceRole is attached: glue:* on all resources"; the label exempted service-role managed policies (labels.scout7 call);
  'step-functions-etl-glue-athena.yaml GlueJobRole iam-least-privilege: labelled pass, vouch fail',
  // the stage-cache split decided (session 14, after the sealed sets were measured): unencrypted REST stage caches labelled cache-no-backup fail 11 : pass 3 over every set; this is one of the 3;
  'apigateway-rest-lambda-proxy-no-sam.json QuotesStage cache-no-backup: labelled pass, vouch fail',
];
// scout8 (session 10, held out: 69 hand-written templates, 24 JSON, 15 SAM, 339 resources before SAM expansion, in the
// shapes public GitHub holds most: tutorial one-to-five-resource templates, SAR/serverless-land SAM apps, aws-samples
// multi-tier workshops; labels frozen in baa8940 before vouch ran). First run, vouch unchanged: 9 mismatches, each with
// the cause read from vouch's message.
KNOWN_MISMATCHES.scout8 = [
  // vouch: "AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources"; the label exempts service-role managed policies (as scout7);
  'datalake-firehose-glue-athena-ingest.yaml CrawlerRole iam-least-privilege: labelled pass, vouch fail',
  // vouch: "its AWS principal is not known" (key-policy principal from a String parameter without a default); the label took a role ARN;
  'kms-key-and-api-credentials-secret.yaml AppKey public-access: labelled pass, vouch unknown',
];

// scout9 (session 10, held out: 50 hand-written templates, 10 JSON, 6 SAM, 309 resources before SAM expansion, in
// resource types earlier sets rarely used: Image Builder, SSM, AppConfig, AppSync, Cognito IdPs, Location, GameLift,
// Batch on Fargate, EMR Serverless, DataBrew, Redshift Serverless, OSIS, MSK Serverless/Connect, SageMaker endpoints,
// Backup vault lock, StackSets/hooks, CloudFront Functions/Lambda@Edge, VPC Lattice, PrivateLink, DNSSEC, ACM PCA,
// WAF/Shield/FMS, Kinesis Video, Greengrass; labels frozen in e543a91 before vouch ran). First run, vouch unchanged:
// 20 mismatches, each with the cause read from vouch's message.
KNOWN_MISMATCHES.scout9 = [
  // vouch: "rule monthly: recovery points kept 365 days, longer than the 35-day maximum (the claimed cycle)"; the label reads backup-retention as a floor only;
  'backup-vault-lock-audit-framework.yaml ProdPlan backup-retention: labelled pass, vouch fail',
  // "LogSubscription is not set and DataBrew documents no default" (fixAF, session 14): fail closed as the OSIS / DMS data-migration undocumented defaults; the label took an omitted setting as logging on;
  'databrew-profile-job-recipe.yaml CleanupJob audit-logging: labelled pass, vouch unknown',
  'databrew-profile-job-recipe.yaml CustomersProfileJob audit-logging: labelled pass, vouch unknown',
  // the trail's missing KMS key: the label puts it under enc-rest; vouch judges it in security-monitoring (CIS 3.5, FSBP CloudTrail.2), SSE-S3 keeping the logs encrypted;
  'organizations-delegated-admins-security.yaml OrgTrail enc-rest: labelled fail, vouch none',
  // no finding on the function: vouch fails IntakeInvokePermission ("anyone (principal "*", no condition) can invoke the function") but not the function it opens (labels.scout9 call);
  'public-queue-and-lambda-permission.yaml IntakeFunction public-access: labelled fail, vouch none',
  // vouch: "1433 (Microsoft SQL Server) open to the internet (0.0.0.0/0)" on the security group; the label put public-access only on the instance;
  'rds-sqlserver-express-public-legacy.yaml SqlServerSecurityGroup public-access: labelled pass, vouch fail',
  // vouch: "the namespace keeps automated backups 1 day, shorter than the 7-day minimum"; the label did not apply the 1-day default floor to Redshift Serverless recovery points;
  'redshift-serverless-workgroup-analytics.yaml AnalyticsNamespace backup-retention: labelled pass, vouch fail',
  // vouch: "5439 (Redshift) open to the internet (0.0.0.0/0)" on the security group; the label put public-access only on the workgroup;
  'redshift-serverless-workgroup-analytics.yaml WarehouseSecurityGroup public-access: labelled pass, vouch fail',
  // vouch: "Allow of write action ses:SendEmail on all resources (name the resources it may change)"; the label took one send action on * as scoped enough;
  'sam-cognito-triggers-member-signup.yaml WelcomeFunctionRole iam-least-privilege: labelled pass, vouch fail',
  // vouch: "Allow of write action s3-object-lambda:WriteGetObjectResponse on all resources"; AWS's own Object Lambda execution policy grants it on "*";
  'sam-s3-object-lambda-pii-redaction.yaml RedactFunctionRole iam-least-privilege: labelled pass, vouch fail',
];
// scout7cdk (session 10, held out: RelayHits, RelayCore and RelayOps in synth-cdk.mjs, 296 resources as synthesized: a
// CDK-workshop app grown into a product, a startup's VPC/Fargate/Aurora/CloudFront stack, an internal data/ops app;
// labels frozen in 84482e7 before vouch ran). First run (main 4ce1ccc merged, vouch unchanged): 11 mismatches, each
// with the cause read from vouch's message; no label changed.
KNOWN_MISMATCHES.scout7cdk = [
  // vouch: "matches no retention data set in the claims profile" (LogGroupName /relay/clickstream-requests); the label read the logical id ClickstreamRequestLogs as the request-log name;
  'cdk-RelayHits.template.json ClickstreamRequestLogsD407E23B data-retention: labelled fail, vouch not-applicable',
  // vouch: "the policy is attached directly to 1 user" (FSBP IAM.2); the label missed the house call on permissions directly on users;
  'cdk-RelayOps.template.json FinanceAnalystDefaultPolicyBDF102E9 iam-least-privilege: labelled pass, vouch fail',
  // vouch: "AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources"; the label exempts service-role managed policies (house, fixP);
  'cdk-RelayOps.template.json GlueServiceRole38141B95 iam-least-privilege: labelled pass, vouch fail',
  // vouch: "rule weekly: recovery points deleted after 14 days"; pass under the house 7-day floor, the label took 14 days below the 35-day cycle;
  'cdk-RelayOps.template.json LedgerBackupPlan backup-retention: labelled fail, vouch pass',
  // vouch: "matches no retention data set in the claims profile" (LogGroupName /relay/ops/sftp-requests); as ClickstreamRequestLogs;
  'cdk-RelayOps.template.json SftpRequestLogsF80CB3F3 data-retention: labelled fail, vouch not-applicable',
];
// vault3, vault4, vault2cdk (session 10, sealed): written at the start of session 10 by three engineers who did not read rules/
// or src/ and never ran vouch (vault3: 69 templates in sample-collection, documentation-snippet, legacy-JSON and Quick Start shapes,
// frozen in ebc3ac1 + 08a8622, header notes 295b90c/d17028a; vault4: 58 templates in aws-samples, SAR/SAM, open-source-project,
// marketplace and nested-stack shapes, d45fcbf + 3090172; vault2cdk: 4 CDK apps CryptStreamline/CryptWarehouse/CryptArcade/CryptHarbor,
// d30f4d3, header fix 1e03ba8). Kept on their own branches and run once at the end of the session, after every other change:
// P/R 0.974/0.979 over the three (419/11/9); the session's start commit 44b9545 read 0.972/0.977 (418/12/10). Recorded as found.
KNOWN_MISMATCHES.vault3 = [
  // AmazonElasticMapReduceforEC2Role grants s3:*, dynamodb:*… on *; the label exempts the managed service-role policy;
  'emr-spark-cluster-2018.json EmrJobFlowRole iam-least-privilege: labelled pass, vouch fail',
  // AWSGlueServiceRole grants glue:* on *; the label exempts the managed service-role policy (9 earlier labels fail it);
  'glue-crawler-sales-catalog.yaml SalesCrawlerRole iam-least-privilege: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault4 = [
  // vouch passes the group; the label fails its admin-port ingress;
  'buildkite-elastic-ci-agents.yaml AgentSecurityGroup bastion-only: labelled fail, vouch pass',
  // JDBC_ENFORCE_SSL omitted is not judged by tls-min/aws-glue-connection (vault and this set fail it, five earlier sets pass such connections);
  'crm-nightly-export-glue-jdbc.json CrmConnection tls-min: labelled fail, vouch not-applicable',
  // FSx for Windows without AuditLogConfiguration: vouch fails (session-10 rule, scout6 call); this label passes it, as last did;
  'fsx-windows-department-shares.yaml DepartmentShares audit-logging: labelled pass, vouch fail',
  // es:* to Principal * in a domain policy: vouch judges it under public-access only; the label also under iam-least-privilege (labels.vault4 call);
  'transcribe-podcast-search-opensearch.yaml SearchDomain iam-least-privilege: labelled fail, vouch none',
  // Transfer Family PUBLIC endpoint: no rule (vault and this set fail it, five earlier sets pass such servers);
  'transfer-family-partner-sftp.yaml SftpServer public-access: labelled fail, vouch none',
  // the stage-cache split decided (session 14, after the sealed sets were measured): unencrypted REST stage caches labelled cache-no-backup fail 11 : pass 3 over every set; this is one of the 3;
  'sam-partner-catalog-api-keys.yaml PartnerApiv1Stage cache-no-backup: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault2cdk = [
  // Cognito identity pool with unauthenticated identities: vouch fails the guest role only; the label fails the pool too (scout6 and this set against four earlier sets);
  'cdk-CryptArcade.template.json PlayerIdentitiesD0020E6B public-access: labelled fail, vouch none',
];
// scout10 (session 11, held out: 53 hand-written templates, 16 JSON, 7 SAM, about 280 resources before SAM expansion, in
// the structural shapes real templates take: LanguageExtensions Fn::ForEach / Fn::Length / Fn::ToJsonString, dynamic
// references, SSM parameter types, FindInMap by environment, Fn::Split on Fn::ImportValue, Rules, AWS::Include, nested
// stacks and SAR apps, SAM Globals, custom resources). Labels frozen in 7e6c0d8 before vouch ran; first run (vouch at
// main 6b5c424, unchanged): `vouch check` exits 2 on the whole set (one template with a top-level AWS::Include); the
// other 52 judged together: P/R 0.942/0.956 (131/8/6), 0.942/0.942 (131/8/8) counting the refused template's labels
// as misses. Recorded as found, each with vouch's reason; no label changed.
KNOWN_MISMATCHES.scout10 = [
  // the bucket policy's PolicyDocument is an AWS::Include snippet vouch cannot read: unknown (a labelled pass; listed, not counted);
  'report-bucket-include-snippets.yaml ReportsBucketPolicy iam-least-privilege: labelled pass, vouch unknown',
  'report-bucket-include-snippets.yaml ReportsBucketPolicy public-access: labelled pass, vouch unknown',
  // "Block Public Access is on by default … no public ACL": the Lambda-backed custom resource that lifts BPA and writes a public policy is not read;
  'downloads-bucket-custom-resource-opener.yaml DownloadsBucket public-access: labelled fail, vouch pass',
  // no finding on the custom resource (Custom::PublicBucket) that opens the bucket;
  'downloads-bucket-custom-resource-opener.yaml OpenDownloadsBucket public-access: labelled fail, vouch none',
  // "the node group names no launch template: its instances boot with the service's default root volume, which the template does not encrypt": the label missed it (house call: an EBS volume without Encrypted is unencrypted);
  'eks-cluster-managed-nodes-imported.yaml DefaultNodeGroup enc-rest: labelled pass, vouch fail',
  // no rule for Athena workgroup result encryption (results land in an SSE-S3 bucket: a judgement question on the label);
  'lake-glue-athena-workgroups.yaml AdhocWorkGroup enc-rest: labelled fail, vouch none',
  // "AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources": the label kept the vault3 service-role-policy pass (as scout5);
  'lake-glue-athena-workgroups.yaml CrawlerRole iam-least-privilege: labelled pass, vouch fail',
  // "the instance is not the bastion and has a public IP: … default subnet": vouch fails on the public IP; the label left it unknown (SSH CIDR from Parameter Store);
  'legacy-portal-ssm-ami.json PortalInstance bastion-only: labelled unknown, vouch fail',
  // "when Stage=preview: origin site is an S3 origin fetched with the viewer's protocol … reach the bucket in plaintext": the label judged allow-all under https-redirect only;
  'static-site-cloudfront-stage-map.json SiteDistribution tls-min: labelled pass, vouch fail',
  // "no inline rule opens 22/3389 … (0 rules)": the standalone AgentRdpIngress (RDP from a 0.0.0.0/0 default) is not counted against the group it opens (vault4 call);
  'windows-build-agent-rdp.yaml AgentSecurityGroup bastion-only: labelled fail, vouch pass',
];
// scout8cdk (session 11, held out: RadarIdentity/RadarApi/RadarEdgeCert/RadarEdge, RadarNetwork/RadarFleet and RadarFlow in
// synth-cdk.mjs, 268 resources in 7 stacks: ecs-patterns L3s, HttpApi JWT/Lambda authorizers and custom domains,
// CloudFront with Functions and response-headers policies, crossRegionReferences, cross-stack exports, Step Functions
// tasks, Pipes/Scheduler L1, an Aspect; labels frozen in de88750 before vouch ran). First run (main 6b5c424, vouch
// unchanged): 3 mismatches; one was a labelling mistake corrected after review (FinanceAnalystDefaultPolicy
// iam-least-privilege, a policy on a user: FSBP IAM.2), leaving 2, each with the cause read from vouch's message.
// RadarBilling (48 resources) was added after that run, frozen in c2df843 before its own first run: no new mismatch.
KNOWN_MISMATCHES.scout8cdk = [
  // "vouch cannot classify s3:listBuckets on all resources": the reference lists no such S3 action (IAM's is s3:ListAllMyBuckets), so vouch fails closed (unknown, fixAA); the label reads the grant as harmless (an action IAM does not define grants nothing);
  'cdk-RadarFlow.template.json OrderFlowRoleDefaultPolicy55BB04A9 iam-least-privilege: labelled pass, vouch unknown',
];
// scout11 (session 11, held out: 63 hand-written templates in the shapes security-conscious teams write — CMKs with key
// policies and rotation, TLS-only/wrong-key-deny bucket policies, object-locked log buckets, private VPC endpoints, SSM
// Session Manager hosts, TLS 1.3 ALBs with logged WAF, CloudFront with OAC and HSTS, custom-domain-only APIs, managed
// DB secrets with forced TLS, vault-locked Backup with a cross-account EU copy, an org trail, Config/GuardDuty/Security
// Hub, MFA-conditioned roles with a boundary — mostly passing, with the one thing a careful team forgets; labels frozen
// in d4a2125 (61 templates) and d2351f8 (2 for data-residency/data-retention, before their own first run)). First run
// (vouch at main 7b73334 unchanged, 464 resources as loaded, stack records and SAM-expanded resources included): 11 mismatches, P/R 0.869/0.964 (53/8/2), each with the
// cause read from vouch's message; no label changed.
KNOWN_MISMATCHES.scout11 = [
  // "origin media is an S3 origin fetched with the viewer's protocol … reach the bucket in plaintext": the label judged allow-all under https-redirect only (and the bucket's TLS-only policy refuses HTTP from CloudFront);
  'cloudfront-media-downloads-signed-urls.json MediaDistribution tls-min: labelled pass, vouch fail',
  // no public-access verdict on the function that MailGatewayPermission (Principal "*", no condition; vouch fails it) opens to every account (scout9 call: both fail);
  'lambda-s3-trigger-scoped-permissions.yaml StatusFunction public-access: labelled fail, vouch none',
  // "domain accepts plain-HTTP requests (EnforceHTTPS is not true)": the label judged plain HTTP under https-redirect only (its TLS policy is 1.2+); a judgement question;
  'opensearch-observability-domain-http-dashboards.json ObservabilityDomain tls-min: labelled pass, vouch fail',
];
// scout12 (session 11, held out: 53 hand-written templates, 348 resources before SAM expansion, in resource types the
// corpus held fewer than three times or never: Timestream for InfluxDB, EventBridge connections/archives, Verified
// Access, DataSync, WorkSpaces, Model Monitor, DocumentDB elastic, CodeBuild report groups, MediaStore, IVS, QLDB,
// Grafana/Prometheus, HealthLake, Kendra, AppStream, Lightsail, SES, Glue connections, MSK Connect, Transfer AS2, MRAP,
// Object Lambda, EMR Studio/Serverless, SiteWise, Location, App Mesh, GameLift, Global Accelerator, Image Builder,
// MWAA, EKS access entries; labels frozen in 6cc27ed before vouch ran). First run (main 0af8c34, vouch unchanged):
// 35 mismatches, P/R 0.949/0.852 (150/8/26). Recorded as found, each with vouch's reason; no label changed.
KNOWN_MISMATCHES.scout12 = [
  // "the default parameter group does not set require_secure_transport, and without EngineVersion RDS picks its current default mysql version": the label took MySQL's documented default (off);
  'classic-elb-php-forum-2015.json ForumDb tls-min: labelled fail, vouch unknown',
  // "the task names no log group: its transfers are not logged": the label left the DataSync task unlabelled (its own header fails other rare services' missing logs: a label omission);
  'datasync-nas-to-s3-efs-migration.json MinioToEfsTask audit-logging: labelled pass, vouch fail',
  // "BackupRetentionPeriod is omitted and DocumentDB documents no default for elastic clusters" (the label: the CreateCluster default, 1 day);
  'docdb-elastic-product-catalog.json SandboxCluster backup-retention: labelled fail, vouch unknown',
  // "image distribution is in us-east-1 (US), outside the allowed regions": the label held a golden AMI to be no customer data;
  'imagebuilder-golden-ami-pipeline.yaml GoldenDistribution data-residency: labelled pass, vouch fail',
  // "domain accepts plain-HTTP requests (EnforceHTTPS is not true)": the label judged plain HTTP under https-redirect only (TLS policy 1.2, node-to-node on);
  'opensearch-product-search-domain.json ProductSearch tls-min: labelled pass, vouch fail',
  // "the job runs on one instance: no traffic between containers": the label followed the FSBP job-definition control (EnableInterContainerTrafficEncryption default false);
  'sagemaker-model-monitor-quality-jobs.yaml DataQualityJob tls-min: labelled fail, vouch not-applicable',
  // "the server accepts AS2 over HTTP: whether messages are encrypted depends on the partner agreements" (the label left the server unlabelled);
  'transfer-family-as2-sftp-connectors.yaml As2Server tls-min: labelled pass, vouch unknown',
];

// scout9cdk (session 11, held out, precision-minded: SentryVault/SentryEdge/SentryApi in synth-cdk.mjs, labels.scout9cdk.yaml
// frozen in f156f08 before vouch ran). First-run mismatches (7); four were plain labelling mistakes corrected after review
// (see the labels header); one more (DocumentStore backup-retention) was cleared by the Backup-selection reading; these remain:
KNOWN_MISMATCHES.scout9cdk = [
  // no rule judges https-redirect on an S3 REST bucket without an aws:SecureTransport deny (catalog §3.1 "S3 REST access"; tls-min fails it)
  'cdk-SentryEdge.template.json AlbLogBucketC26F4D8A https-redirect: labelled fail, vouch none',
  'cdk-SentryVault.template.json AnalystScratch940301EF https-redirect: labelled fail, vouch none',
];
KNOWN_MISMATCHES.scout13 = [
  // "no PITR; backed up by AWS Backup selection OrdersSelection (its plan is judged by …aws-backup-backup-plan)": vouch fails the 3-day plan (NightlyPlan) and leaves the table n/a; the label fails the table too (judgement)
  'backup-plan-restore-testing-orders.yaml OrdersTable backup-retention: labelled fail, vouch not-applicable',
  // "1 policy is attached directly to the user" (FSBP IAM.2): the label did not judge direct attachment of a read-only managed policy (judgement)
  'cognito-partner-portal-identities.json SupportConsoleUser iam-least-privilege: labelled pass, vouch fail',
  // "no inline rule opens 22/3389 … (0 rules)": RDP from RdpCidr (default 0.0.0.0/0) is a standalone SecurityGroupIngress; vouch fails the ingress, not the group (scout10 AgentSecurityGroup class)
  'ecs-fargate-scraper-and-windows-render.yaml RenderNodeSecurityGroup bastion-only: labelled fail, vouch pass',
  // "the bastion has a public IP …; its security group must admit only the admin CIDRs": vouch fails BastionSecurityGroup (SSH from 0.0.0.0/0) and passes the host; the label fails both (judgement)
  'moodle-lms-quickstart-workload.yaml BastionHost bastion-only: labelled fail, vouch pass',
];
// scout14 (session 11, held out: 47 hand-written templates, 249 resources before SAM expansion, for SERVICE BREADTH in
// types the corpus held < 3 times or never: App Runner, Beanstalk configuration templates, Amplify, CodeDeploy,
// cross-region CodePipeline, CodeArtifact, CodeCommit triggers, ECR Public / pull-through cache, SSM Session Manager
// preferences and documents, Organizations policies, Identity Center, Roles Anywhere, Directory Service, WorkSpaces Web,
// AppStream, Instance Connect endpoints, Spot/EC2 Fleet, Dedicated Hosts, Incident Manager, Verified Permissions,
// CloudTrail Lake, Lightsail containers/databases/distributions, Service Catalog, DAX, MemoryDB, Chatbot, Synthetics, SES
// receipt rules, Connect, Pipes; labels frozen in 7097acc before vouch ran). First run (main 2d2616c, vouch unchanged):
// 24 mismatches, P/R 0.943/0.862 (100/6/16). Recorded as found, each with vouch's reason; no label changed.
KNOWN_MISMATCHES.scout14 = [
  // "the subnets of Auto Scaling group AppGroup depend on Ref PublicSubnets (parameter without a value)": fail-closed unknown; the labels judged only the open group;
  'codedeploy-inventory-api-fleet.yaml AppLaunchTemplate bastion-only: labelled pass, vouch unknown',
  // no verdict on an identity pool with AllowUnauthenticatedIdentities true (type not read);
  'cognito-identity-pool-developer-auth.yaml GameIdentityPool public-access: labelled fail, vouch none',
  // "file and share access auditing are off: access to the file system is not logged": the labels did not judge FSx for Windows auditing (a judgement question);
  'directory-service-managed-ad-fsx.yaml SharesFileSystem audit-logging: labelled pass, vouch fail',
  // "audit logs are exported but the default cluster parameter group leaves audit_logs off": the labels read the export (FSBP DocumentDB.4); a judgement question;
  'docdb-and-neptune-default-backups.json ContentCluster audit-logging: labelled pass, vouch fail',
  // "the default cluster parameter group leaves neptune_enable_audit_log off": as ContentCluster; a judgement question;
  'docdb-and-neptune-default-backups.json RecsCluster audit-logging: labelled pass, vouch fail',
  // "cannot tell whether the instance gets a public IP: the subnet depends on Ref SqlSubnetId": fail-closed unknown; the labels judged only the open group;
  'ec2-dedicated-hosts-license-capacity.yaml SqlServerInstance bastion-only: labelled pass, vouch unknown',
  // "Allow of write action ecs:UpdateService on all resources": vouch is stricter than the house (service:* / FullAccess); a judgement question;
  'iam-support-staff-console-users.yaml EscalationRole iam-least-privilege: labelled pass, vouch fail',
  // no verdict on Lightsail container services, databases or distributions (types not read);
  'lightsail-container-service-and-cdn.yaml BookingDatabase tls-min: labelled fail, vouch none',
  // no data-residency verdict on a function that sends to a us-east-1 SQS queue (environment URL and policy ARN not read for regions; the function names no dead-letter target: not applicable);
  'sam-alb-lambda-soap-adapter.yaml SoapAdapterFunction data-residency: labelled fail, vouch not-applicable',
];
// vault5, vault6, vault3cdk (session 11, sealed): written at the start of session 11 by three engineers who did not read rules/
// or src/ and never ran vouch (vault5: 51 templates in workshop, blog, SAR/SAM and AWS Solutions shapes, frozen in 6363dc5,
// label fix 550d9f5, one template added 27894cc before any run, header 2ca211b; vault6: 62 templates in platform-team
// baseline, CI/CD, database, container, legacy-EC2 and vendor shapes, 2335ba9 + review 36a372a; vault3cdk: 4 CDK apps
// CipherPress/CipherClinic/CipherQuant/CipherExchange, cd7f967 + header 486448f). Kept on their own branches and run once,
// at the session's start commit 6b5c424 and at cab26d5 after every vouch change but the password-setting words:
// P/R 0.968/0.979 (422/14/9) → 0.963/0.979 (422/16/9). Recorded as found, with the count behind each split.
KNOWN_MISMATCHES.vault5 = [
  // "GuestRole inline policy public-feed reaches this resource": an identity pool's guest role reading the bucket makes it public (house reading); the label passes the bucket;
  'blog-cognito-identity-pool-mobile-uploads.json UploadsBucket public-access: labelled pass, vouch fail',
  // "BucketName depends on Fn::Sub "${SourceBucketName}-thumbnails"; cannot tell whether it holds request-logs": a name built from a parameter without a value;
  'sar-s3-thumbnail-generator.yaml ThumbnailsBucket data-retention: labelled pass, vouch unknown',
  // "when ReuseOrchestratorLogGroup=yes: … LogGroupArn depends on Fn::Sub …": a log group ARN built from a parameter: the destination is logged either way, vouch stays unknown on one branch;
  // AmazonESCognitoAccess (a service-role managed policy) passes: the vault5 call fails managed policies that grant named writes on "*" (vault3, scout5 pass them);
  'solution-centralized-logging-elasticsearch.json ESCognitoRole iam-least-privilege: labelled fail, vouch pass',
  // "parameter srcCredentials carries a secret but is not NoEcho": the solution's parameter holds the NAME of a Secrets Manager secret (its Description says so), which vouch does not read;
  'solution-data-transfer-hub-s3-plugin.yaml (stack) secrets-encrypted: labelled pass, vouch fail',
  // "grants AmazonEKSClusterAdminPolicy on the whole cluster": the session-11 rule (scout12 CiAccess fail) fails every cluster-scoped admin entry; this label and vault6 PlatformAdminAccess pass it for the cluster's admin role (1 fail : 2 pass — a split to settle);
  'workshop-eks-cluster-managed-nodegroup.yaml ClusterAdminAccess iam-least-privilege: labelled pass, vouch fail',
  // "CloudWatch logs without Glue encryption (DISABLED); job bookmarks without Glue encryption (DISABLED)": the label judges the S3 part only (scout5 and scout7 fail such a configuration: 2 : 1);
  'workshop-glue-athena-data-lake-reports.json LabSecurityConfiguration enc-rest: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.vault6 = [
  // identity pool with guest access: vouch fails the guest role; this label fails the pool and passes the role (the pool-vs-role split: scout6, vault2cdk, scout14 fail the pool);
  'cognito-spa-user-pool-identity-pool.yaml GuestRole public-access: labelled pass, vouch fail',
  'cognito-spa-user-pool-identity-pool.yaml IdentityPool public-access: labelled fail, vouch none',
  // as vault5 ClusterAdminAccess;
  'eks-private-cluster-fargate-profiles.json PlatformAdminAccess iam-least-privilege: labelled pass, vouch fail',
  // "AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources": the service-role-policy split (vault5 fails it, vault3/scout5 pass);
  'glue-athena-finance-report-exports.yaml CrawlerRole iam-least-privilege: labelled pass, vouch fail',
  // Transfer Family PUBLIC endpoint: no rule (earlier sets 2 fail : 5 pass; with vault6 and vault3cdk 4 : 5);
  'transfer-family-sftp-partner-drop.yaml SftpServer public-access: labelled fail, vouch none',
];
KNOWN_MISMATCHES.vault3cdk = [
  // Transfer Family PUBLIC endpoint (as vault6 SftpServer);
  'cdk-CipherExchange.template.json PartnerSftp public-access: labelled fail, vouch none',
  // "1 policy grant nothing over-broad": the vault3cdk call fails cloudfront:CreateInvalidation / events:PutEvents on "*" written by the app;
  'cdk-CipherPress.template.json SiteBuilderRoleDefaultPolicyA7969911 iam-least-privilege: labelled fail, vouch pass',
  // "backed up by AWS Backup plan ResearchBackup … deletes recovery points after 30 days; its own automated backups keep 3 days": the label fails the 3-day automated retention;
  'cdk-CipherQuant.template.json FeatureStoreDb871C964C backup-retention: labelled fail, vouch pass',
];
// scout10cdk (session 12, scout: KiteEdgeCert/KiteCore/KiteApi/KiteWeb/KiteOps in synth-cdk.mjs, 259 resources, labels.scout10cdk.yaml
// frozen in d1924e8 before vouch ran). First run (vouch of main feefdca): 1 mismatch, P/R 1.000/0.975 (tp 39, fp 0, fn 1).
KNOWN_MISMATCHES.scout10cdk = [
  // no https-redirect finding at all on an S3 REST bucket without an aws:SecureTransport deny (catalog §3.1 "S3 REST access"; tls-min fails it; scout9cdk class)
  'cdk-KiteWeb.template.json CustomerExports8BE696DE https-redirect: labelled fail, vouch none',
];
// scout15 (session 12, scout: service breadth round 4, 57 templates, 260 resources, two thirds of types held < 3 times before;
// labels frozen in 4670868 before vouch ran). First run (vouch of main feefdca): P/R 0.948/0.688 (tp 55, fp 3, fn 25), 34 mismatches.
KNOWN_MISMATCHES.scout15 = [
  // "LogConfig.CloudWatchLogsRoleArn depends on Ref LogsRoleArn (parameter without a value)": fail-closed unknown;
  // "joins the global database: no other member is in the scanned templates, so their regions are not known": fail-closed unknown;
  'aurora-mysql-global-database-proxy.yaml OrdersPrimary data-residency: labelled pass, vouch unknown',
  // "DistributionConfig.Logging.Bucket depends on Ref LogBucketDomain (parameter without a value)": fail-closed unknown;
  // "destination arn:aws:firehose:us-east-1:... is in us-east-1": vouch fails the DeliveryDestination, the labels the Delivery that sends to it
  // (counted in fixK: the only cross-region vended delivery of all sets; labelled on the Delivery 1, on the DeliveryDestination 0: below rule zero, unchanged);
  // (session 13, fixY: the Delivery is failed too, following its same-stack DeliveryDestinationArn to the us-east-1 stream);
  'cloudfront-v2-access-logs-vended-delivery.yaml AnalyticsDestination data-residency: labelled pass, vouch fail',
  // "the server accepts AS2 over HTTP: whether messages are encrypted depends on the partner agreements": fail-closed unknown;
  'transfer-as2-edi-partner-certificates.yaml EdiServer tls-min: labelled pass, vouch unknown',
  // "keyspace DeviceKeyspace (this table's) replica is in us-east-1": vouch fails every table of the keyspace, the labels only the keyspace (counted in fixK: tables of multi-Region keyspaces labelled fail 3 (scout13 SensorReadings, DeviceRegistry, AlertLog), pass 2 (here): 3:2, below rule zero, unchanged);
  'keyspaces-device-registry-multiregion.yaml DevicesTable data-residency: labelled pass, vouch fail',
  'keyspaces-device-registry-multiregion.yaml HeartbeatsTable data-residency: labelled pass, vouch fail',
  // "WebOne (zone eu-west-2a) is in eu-west-2 (non-EU-Europe)": data-residency/aws-lightsail-zone (fixAE) judges the Region of a Lightsail zone as
  // any Region a resource names; the label kept only the (stack) unknown (scout25 fails CrmInstance / CrmDatabase in eu-west-2a: 2 fail : 3 here
  // for Lightsail zones, but resources naming a Region are failed on themselves 250:8 across sets: cross-region-delivery 120:6, copy 63:0, global tables 64:0);
  'lightsail-wordpress-lb-certificate.yaml UploadsDisk data-residency: labelled pass, vouch fail',
  'lightsail-wordpress-lb-certificate.yaml WebOne data-residency: labelled pass, vouch fail',
  'lightsail-wordpress-lb-certificate.yaml WebTwo data-residency: labelled pass, vouch fail',
  // fixW (every resource policy type read): fail-closed unknowns the labels pass (the house reading, as kms-key-and-api-credentials-secret.yaml AppKey above):
  // "its AWS principal is not known (... depends on Ref AnalyticsRoleArn (parameter without a value))" on the S3 Tables bucket policy and its table bucket;
  's3-tables-clickstream-iceberg.yaml ClickstreamTableBucket public-access: labelled pass, vouch unknown',
  's3-tables-clickstream-iceberg.yaml ClickstreamTablePolicy public-access: labelled pass, vouch unknown',
  // "allows everyone, narrowed only by StringEquals aws:PrincipalOrgID, whose value comes from a parameter or import" (OrgId, no default): the Lattice resource policy and its network;
  'vpc-lattice-payments-service-network.yaml PaymentsNetwork public-access: labelled pass, vouch unknown',
  'vpc-lattice-payments-service-network.yaml PaymentsNetworkPolicy public-access: labelled pass, vouch unknown',
];

// scout16 (session 12, IAM and network exposure), first run; labels frozen in 02cc7e89 before vouch ran.
KNOWN_MISMATCHES.scout16 = [
  // "stage logs execution at ERROR for every method (no access log)": execution logging read as enough; the label asks for an access log;
  'apigateway-private-internal-api-vpce.json HrStage audit-logging: labelled fail, vouch pass',
  // no finding on the identity pool: AllowUnauthenticatedIdentities true is not judged (FSBP Cognito.2, vault2cdk/scout6 call);
  'cognito-identity-pool-mobile-guest-access.json ShopperIdentityPool public-access: labelled fail, vouch none',
  // no public-access finding on the function: StatusProbeAnyonePermission (Principal "*") fails, but is not carried to its function (scout9 call);
  'lambda-invoke-permissions-webhooks.yaml StatusProbe public-access: labelled fail, vouch none',
  // no public-access finding: a Transfer Family server on the PUBLIC endpoint is not judged (as vault3cdk PartnerSftp);
  'transfer-family-partner-sftp-servers.yaml LegacyPublicSftp public-access: labelled fail, vouch none',
];
// scout11cdk (session 12, scout: LarkData/LarkApi/LarkOps in synth-cdk.mjs, 231 resources, labels.scout11cdk.yaml
// frozen in b26498d2 before vouch ran). First run (vouch of main f4b972b4): 1 mismatch, P/R 1.000/0.974 (tp 37, fp 0, fn 1).
KNOWN_MISMATCHES.scout11cdk = [
  // no https-redirect finding at all on an S3 REST bucket without an aws:SecureTransport deny (catalog §3.1 "S3 REST access"; tls-min fails it; scout9cdk class)
  'cdk-LarkData.template.json PartnerExtracts8890A71D https-redirect: labelled fail, vouch none',
];
// Sealed sets of session 12 (written at 03:37-03:55 by engineers who did not read rules/ or src/ and never ran vouch;
// kept on their own branches and run once at the session's start commit feefdca and once at its end, then merged):
// vault7 (53 templates, 402 resources: workshop, Quick Start, SAM, Solutions, vendor shapes; labels frozen in 7e3c330),
// vault8 (61 templates, 385 resources, half of them types the corpus held < 3 times; frozen in f213945),
// vault4cdk (Onyx* in synth-cdk.mjs, 4 apps, 285 resources; frozen in f817b83).
// Start (feefdca) P/R: vault7 0.983/0.967 (117/2/4), vault8 1.000/0.919 (68/0/6), vault4cdk 0.952/0.976 (40/2/1);
// end of session: vault7 and vault4cdk unchanged, vault8 1.000/0.946 (70/0/4). After that measurement (so no longer unseen) fixS
// cleared three more: a SAM state machine's Api event (vault7, 2) and a stream key's value in Outputs (vault8). What is left:
KNOWN_MISMATCHES.vault7 = [
  // "GuestRole inline policy browse reaches this resource": a bucket an unauthenticated identity pool's guest role reads is public (vault5 class); the label passes the bucket;
  'cognito-identity-pool-guest-uploads.yaml PhotoBucket public-access: labelled pass, vouch fail',
  // application and slow logs but no AUDIT_LOGS: vouch passes (labels of domains with application logs and no audit log: 2 fail : 3 pass);
  'opensearch-vpc-app-search-fgac.yaml ProductSearch audit-logging: labelled fail, vouch pass',
];
KNOWN_MISMATCHES.vault8 = [
  // "s3:PutObject on a resource that depends on Fn::Sub "${TelemetryBucketArn}/*"": a parameter that could be "*";
  'iot-core-meter-fleet-custom-domain.yaml TelemetryFirehoseRole iam-least-privilege: labelled pass, vouch unknown',
  // Lightsail database TLS: no rule (fixM count: 1 fail : 3 silent);
  'lightsail-storefront-wordpress-mysql.yaml ShopDatabase tls-min: labelled fail, vouch none',
];
KNOWN_MISMATCHES.vault4cdk = [
  // the guest role's grant is failed on its policy (AWS::IAM::Policy) and the bucket it reaches; the label fails the role itself (where a verdict lands: identity pools);
  'cdk-OnyxStudio.template.json PlayerIdentitiesUnauthenticatedRole12DBE04A public-access: labelled fail, vouch pass',
  'cdk-OnyxStudio.template.json PlayerIdentitiesUnauthenticatedRoleDefaultPolicy982E5DCB public-access: labelled pass, vouch fail',
  'cdk-OnyxStudio.template.json Renditions81538D22 public-access: labelled pass, vouch fail',
];
// scout12cdk (session 13, scout: MesaDocs/MesaHub/MesaLab/MesaGuild in synth-cdk.mjs, 295 resources, labels.scout12cdk.yaml
// frozen in 0209c2fb before vouch ran). First run (vouch of main b95437b6): 3 mismatches, P/R 1.000/0.943 (tp 50, fp 0, fn 3).
KNOWN_MISMATCHES.scout12cdk = [
  // no https-redirect finding at all on an S3 REST bucket without an aws:SecureTransport deny (tls-min fails both: "no bucket policy denies plain-HTTP requests"; scout9cdk/scout11cdk class);
  'cdk-MesaDocs.template.json RedactedCopies969AA36D https-redirect: labelled fail, vouch none',
  'cdk-MesaLab.template.json ModelArtifacts858A2101 https-redirect: labelled fail, vouch none',
  // no public-access finding: a Transfer Family server on the PUBLIC endpoint is not judged (only tls-min "accepts only encrypted sessions (SFTP)" and audit-logging; vault3cdk/scout16 class);
  'cdk-MesaHub.template.json SupplierSftp public-access: labelled fail, vouch none',
];
// scout18 (session 13, the five weakest controls on unseen input: public-access, mfa, tls-min, audit-logging,
// cache-no-backup): 61 templates, 267 judged resources; labels frozen in 2872230c before vouch ran, one label mistake
// fixed in ad35b924 (Aurora PostgreSQL default rds.force_ssl 0). First run, vouch unchanged: tp 96, fp 5, fn 4
// against the frozen labels (P 0.950, R 0.960); tp 97, fp 4, fn 4 after the fix.
KNOWN_MISMATCHES.scout18 = [
  // unauthenticated identities: no verdict on the identity pool itself (the finding is on its guest role, fixW);
  'restaurant-finder-guest-identity-pool.yaml FinderIdentities public-access: labelled fail, vouch none',
  // no rule reads a Transfer Family server's EndpointType PUBLIC under public-access (the earlier set's gap; labels.vault call);
  'supplier-sftp-drop-public-endpoint.yaml SupplierSftp public-access: labelled fail, vouch none',
];
// scout17 (session 13, scout: service breadth round 5, 58 templates, 259 resources, 68% of types the corpus held < 3
// times; labels.scout17.yaml frozen in c6d91970 before vouch ran). First run (vouch of main b95437b6): 21 mismatches,
// P/R 0.896/0.845 (tp 60, fp 7, fn 11). Classes: no rule reads a rare resource policy / flag (Kinesis, Logs destination,
// VPC Lattice, MediaPackage v2 policies, OSIS logging, MediaConnect RTP, Data Pipeline fields, AOSS lifecycle on the
// collection); name heuristics on parameters and properties; fail-closed region of the stack's own region.
KNOWN_MISMATCHES.scout17 = [
  // "client_secret holds a secretsmanager dynamic reference ... stored in the resource's configuration": the label passes a dynamic reference (vault3 call); DescribeIdentityProvider does return it;
  'cognito-workforce-oidc-federation.yaml GoogleIdp secrets-encrypted: labelled pass, vouch fail',
  // "global datastore member is in the stack's own region (AWS::Region), which is not known": fail-closed on a bare template;
  'elasticache-valkey-sessions-global-datastore.yaml SessionsGlobal data-residency: labelled pass, vouch unknown',
  // Lightsail database TLS: no rule (vault8 ShopDatabase class); count (fixX, session 13): MySQL 8.0 Lightsail databases labelled tls-min fail 3 (vault8, scout14, scout17) vs silent 2 (scout6, scout12), the PostgreSQL 16 one silent: 3:2, below rule zero's 3:1;
  'lightsail-wordpress-lb-cert.yaml SiteDb tls-min: labelled fail, vouch none',
  // "indexes index/cdn-request-logs/*: kept 365 days": vouch fails the AOSS lifecycle policy, the label fails the collection (where the data set lives); count (fixX, session 13): AOSS retention labelled on the policy 1 (scout15 WeblogsRetention) vs on the collection 1 (here): 1:1, below rule zero, vouch keeps the policy landing (as backup-retention lands on BackupPlan 44 / DLM 11 policies);
  'opensearch-serverless-cdn-request-logs.yaml CdnRequestLogs data-retention: labelled fail, vouch none',
  'opensearch-serverless-cdn-request-logs.yaml RequestLogsRetention data-retention: labelled pass, vouch fail',
  // "the server accepts AS2 over HTTP: whether messages are encrypted depends on the partner agreements, which this rule does not read";
  'transfer-as2-edi-partner-exchange.yaml EdiServer tls-min: labelled pass, vouch unknown',
];
// scout19 (session 13, domains the corpus has seen least: App Runner, Keyspaces, site-to-site VPN, Neptune, AppSync,
// EventBridge Pipes, Glue, Amplify, RabbitMQ, Batch, RDS Proxy, Transfer on EFS, FSx for Windows, Fn::ForEach, nested
// stacks, cross-stack imports): 51 templates, 286 resources; labels frozen in 19cc0eb8 before vouch ran. First run,
// vouch unchanged: tp 107, fp 2, fn 2 (P 0.982, R 0.982).
KNOWN_MISMATCHES.scout19 = [
  // "the bastion has a public IP (Elastic IP JumpBoxAddress is associated); its security group must admit only the admin CIDRs": vouch fails the open group (JumpBoxSecurityGroup, both sides) and passes the jump box itself; the label fails the host as the earlier BastionHost labels (the bastion-host split: scout18 passes jump hosts);
  'ec2-jumpbox-and-reporting-server-2017.json JumpBox bastion-only: labelled fail, vouch pass',
  // no rule reads a Transfer Family server's EndpointType PUBLIC under public-access (the earlier sets' gap; labels.vault call);
  'transfer-sftp-supplier-drop-efs.yaml SupplierSftp public-access: labelled fail, vouch none',
];
// scout13cdk (session 13, scout: PikeEdgeCert/PikeForge/PikeColdChain/PikeSettle/PikePortal in synth-cdk.mjs, 322 resources,
// labels.scout13cdk.yaml frozen in 0507f2f8 before vouch ran). First run (vouch of d3eea830): 3 mismatches, P/R 1.000/0.923
// (tp 36, fp 0, fn 3); the 5 unknown (stack) residencies match.
KNOWN_MISMATCHES.scout13cdk = [
  // no https-redirect finding at all on an S3 REST bucket without an aws:SecureTransport deny (tls-min fails both: "no bucket policy denies plain-HTTP requests"; scout9cdk/scout11cdk/scout12cdk class);
  'cdk-PikeColdChain.template.json CalibrationDropsDB6A51AB https-redirect: labelled fail, vouch none',
  'cdk-PikeSettle.template.json AcquirerDrop56110B9B https-redirect: labelled fail, vouch none',
];
// scout21 (session 13, serverless pattern catalogues / workshop modules / sample repos: 59 small templates, 42 SAM, every
// function event type, connectors, state machines with events, layers, function URLs; 224 resources before expansion),
// labels frozen in 0c76db21 before vouch ran. First run (vouch of bc3c6558): 10 mismatches, tp 103, fp 5, fn 2
// (P 0.954, R 0.981); 3 were plain label mistakes fixed in bef72d5e (S3-origin protocol, Aurora PostgreSQL rds.force_ssl,
// Aurora instance subnet group from a parameter), leaving tp 105, fp 3, fn 2 (P 0.972, R 0.981).
KNOWN_MISMATCHES.scout21 = [
  // "broker publishes no general logs": vouch requires RabbitMQ general logs; the label leaves RabbitMQ out (FSBP MQ.2 audit logs are ActiveMQ's; the set's call);
  'amazon-mq-rabbit-consumer-invoices.yaml InvoicesBroker audit-logging: labelled pass, vouch fail',
  // "GuestRole inline policy guest-upload reaches this resource": vouch also fails the bucket the guest role can write; the labels put the identity-pool exposure on the guest role only (labels.vault5);
  'identity-pool-guest-upload-photos.yaml PhotosBucket public-access: labelled pass, vouch fail',
  // "2 managed policies attached, none an AWS managed policy that grants service:*": AWSLambdaRole grants lambda:InvokeFunction on "*" (recorded in src/lib/aws-managed-policies.ts, not judged): labels over all sets 1 fail : 0 pass for it, below rule zero's 3 cases, and AWS service-role policies with named writes on "*" are labelled pass elsewhere (DLM 0:12, EKS CNI 0:16);
  'lambda-destinations-failure-queue-enrich.yaml EnrichFunctionRole iam-least-privilege: labelled fail, vouch pass',
];
// scout20 (session 13, service breadth round 6: two thirds of the resources are types the corpus held 3-15 times - DMS,
// MemoryDB, Timestream, Keyspaces, Elasticsearch, SageMaker, EMR, Glue, Batch, AppSync, EventBridge connections, DLM,
// Lightsail, Redshift Serverless, WorkSpaces, Amplify, OpenSearch Serverless, Network Firewall, CodeArtifact, SSO, IoT,
// VPC Lattice, DNS Firewall, PrivateLink, SSM): 59 templates, 263 resources; labels frozen in 986c8340 before vouch ran,
// one label fix in 6165fbc8 (AppSync caches always encrypted). First run: tp 77, fp 9, fn 6 (P 0.895, R 0.928);
// after the label fix fn 3 (R 0.963).
KNOWN_MISMATCHES.scout20 = [
  // no rule reads an Output whose value is an AppSync API key (Fn::GetAtt ResellerKey.ApiKey): "(stack) not-applicable"; labels over all sets 1 fail (scout20) : 3 pass (scout9, scout21, finalcdk: "a client identifier"), so the exemption stays (rule zero)
  'appsync-partner-catalog-api-key-auth.json (stack) secrets-encrypted: labelled fail, vouch not-applicable',
  // "cannot tell whether its instances get a public address: ComputeResources.Subnets depends on Ref Subnets": parameter subnets read as unknown; the labels treat them as not public
  'batch-invoice-render-ec2-compute-env.json RenderCompute bastion-only: labelled pass, vouch unknown',
  // "names no launch template: its instances boot with the service's default root volume, which the template does not encrypt" (the managed node group reading, applied to Batch)
  'batch-invoice-render-ec2-compute-env.json RenderCompute enc-rest: labelled pass, vouch fail',
  // "the bastion has a public IP ...; its security group must admit only the admin CIDRs": vouch fails the open group only (as scout19 JumpBox)
  'dax-catalog-accelerator-with-bastion.yaml OpsBastion bastion-only: labelled fail, vouch pass',
  // "cannot tell whether the primary node gets a public IP: subnet 0 depends on Ref SubnetId": a parameter whose name does not say private stays unknown
  // (fixAC count, session 14: EMR clusters on such a parameter labelled 3 pass : 2 unknown, below rule zero; private-named ones, 7 : 0, are taken as private)
  'emr-hive-adhoc-cluster-legacy-keypair.json AdhocHive bastion-only: labelled pass, vouch unknown',
  'emr-hive-adhoc-cluster-legacy-keypair.json AdhocHive public-access: labelled pass, vouch unknown',
  // "write CloudWatch logs without Glue encryption (DISABLED); job bookmarks without Glue encryption (DISABLED)": the labels' call keeps the services' default encryption
  // (fixAR count, all 21 labelled Glue security configurations: S3 encrypted with CloudWatch and bookmarks DISABLED, enc-rest fail 4 (scout5, scout7,
  // scout28 RawZoneSecurity, vault9) : pass 3 (here, scout35, vault5): below rule zero, unchanged)
  'glue-crm-jdbc-connection-security-config.yaml ExtractEncryption enc-rest: labelled pass, vouch fail',
  // "automatic snapshots are off: the database has no backups": MemoryDB SnapshotRetentionLimit omitted, not labelled
  'memorydb-feature-flags-dev-open-access.yaml FlagsDev backup-retention: labelled pass, vouch fail',
  // "neptune_enable_audit_log 0 turns auditing off": vouch fails the parameter group as well as the cluster; labels only the cluster
  // (fixAR count, every set: insecure parameter groups used by a cluster/instance of the same template, labelled fail on the group 23 (RDS 7, DocumentDB tls 5, Redshift 11) : not 6 (RDS 2, DocumentDB 1, Redshift 1, Neptune audit 2); rule zero keeps the group's own verdict)
  'neptune-knowledge-graph-params-no-audit.json GraphClusterParams audit-logging: labelled pass, vouch fail',
  // "the namespace keeps automated backups 1 day, shorter than the 7-day minimum": Redshift Serverless recovery points, not labelled
  'redshift-serverless-finance-bi-namespace.yaml FinanceNamespace backup-retention: labelled pass, vouch fail',
  'redshift-serverless-sandbox-public-workgroup.json SandboxNamespace backup-retention: labelled pass, vouch fail',
];
// scout14cdk (session 14, scout: WrenChat/WrenPress/WrenRender/WrenDailies in synth-cdk.mjs, 293 resources,
// labels.scout14cdk.yaml frozen in b7f4d470 before vouch ran). First run (vouch of df5ae793, unchanged): 4 mismatches,
// P/R 1.000/0.905 (tp 38, fp 0, fn 4); the 4 unknown (stack) residencies match; no label changed.
KNOWN_MISMATCHES.scout14cdk = [
  // "the bastion has a public IP ...; its security group must admit only the admin CIDRs": vouch fails AgencyJumpSg (SSH from 0.0.0.0/0) and passes the jump host; the label fails both (scout6cdk/scout13/scout20 jump-host class)
  'cdk-WrenPress.template.json AgencyJump0E23B0C5 bastion-only: labelled fail, vouch pass',
  // no https-redirect finding at all on an S3 REST bucket without an aws:SecureTransport deny (tls-min fails both: "the bucket policy does not deny plain-HTTP requests"; scout9cdk/scout13cdk class)
  'cdk-WrenPress.template.json MediaUploadsB229D89B https-redirect: labelled fail, vouch none',
  'cdk-WrenRender.template.json SceneUploadsBE7B5146 https-redirect: labelled fail, vouch none',
];
// scout23 (session 14, the most-published template shapes: AWS sample / quick-start repositories and open-source deploy
// templates - VPC baselines, ALB/CLB web tiers, Fargate, EKS, SAM and REST/HTTP APIs, static sites, data pipelines, CI/CD,
// databases with rotation, caches, monitoring / governance stacks): 62 templates, 299 resources; labels frozen in 7aa4c98f
// before vouch ran. First run (vouch of df5ae793): 7 mismatches, tp 120, fp 2, fn 4 (P 0.984, R 0.968), 1 unexpected unknown.
KNOWN_MISMATCHES.scout23 = [
  // "the domain endpoint answers plain-HTTP requests (EnforceHTTPS is not true)": vouch fails https-redirect as well as tls-min (session 9 reading); the label put it under tls-min only (as blindmini SearchLegacy);
  'opensearch-public-domain-app-search-2020.json CatalogueSearch https-redirect: labelled pass, vouch fail',
  // no rule reads a Transfer Family server's EndpointType PUBLIC under public-access (only tls-min "accepts only encrypted sessions (SFTP)" and audit-logging): the known gap;
  'transfer-sftp-public-partner-drop-s3.yaml SftpServer public-access: labelled fail, vouch none',
  // "the bastion has a public IP (Elastic IP JumpServerIp is associated); its security group must admit only the admin CIDRs": vouch fails the open RDP group only (as scout20 OpsBastion);
  'windows-rdp-jump-server-eip-2015.json JumpServer bastion-only: labelled fail, vouch pass',
];
// scout22 (session 14, service breadth round 7: 181 of 361 resources are types the corpus held 1-10 times - Keyspaces,
// AppSync caches, Client VPN, CloudTrail Lake, ElastiCache RBAC / global datastores, Directory Service, Route 53
// Resolver, App Runner, Lightsail, Redshift Serverless, SageMaker endpoints, OpenSearch Serverless, IoT, VPC Lattice,
// Security Lake, DAX, EKS access entries, Cognito federation, CodeBuild credentials / report groups, Transfer AS2 ...):
// 67 templates; labels frozen in 47ecf22b before vouch ran. First run: tp 93, fp 1, fn 0 (P 0.989, R 1.000), 5 pass
// labels read as unknown.
KNOWN_MISMATCHES.scout22 = [
];
// scout15cdk (session 14, scout; Vale* CDK apps): first vouch run after the freeze (89ea6ee4): tp 42, fp 2, fn 5 (P 0.955, R 0.894).
KNOWN_MISMATCHES.scout15cdk = [
  // identity-pool guest role: vouch fails the role's grant on its policy ("anyone can get credentials for DuelIdentitiesUnauthenticatedRole... s3:PutObject") and the bucket it reaches; the label fails the role itself (vault5 call; the OnyxStudio split)
  'cdk-ValeArcade.template.json DuelIdentitiesUnauthenticatedRoleB3CD28DA public-access: labelled fail, vouch pass',
  'cdk-ValeArcade.template.json DuelIdentitiesUnauthenticatedRoleDefaultPolicy35C60C1E public-access: labelled pass, vouch fail',
  // "DuelIdentitiesUnauthenticatedRoleDefaultPolicy reaches this resource": a bucket the guest role can write to guest/* is public to vouch; the label passes the bucket (vault5 class, as cognito-identity-pool-guest-uploads PhotoBucket)
  'cdk-ValeArcade.template.json PlayerAvatarsAF088A3E public-access: labelled pass, vouch fail',
  // no https-redirect finding on an S3 REST bucket without an aws:SecureTransport deny (tls-min fails both: "no bucket policy denies plain-HTTP requests"; scout9cdk/scout12cdk class)
  'cdk-ValeBuild.template.json BuildCache8E743806 https-redirect: labelled fail, vouch none',
  'cdk-ValeEdi.template.json OutboundPickup05EDAAE3 https-redirect: labelled fail, vouch none',
  // no rule reads a Transfer Family server's EndpointType PUBLIC under public-access (the earlier sets' gap; labels.vault call)
  'cdk-ValeEdi.template.json PartnerSftp public-access: labelled fail, vouch none',
];
KNOWN_MISMATCHES.scout26 = [
  // "replica eu-west-1: point-in-time recovery keeps 35 days; replica eu-central-1: ...": the us-east-1 replica without PITR is read as backed up through a replica with PITR (every replica holds every item, commit 9c6c1f5f); labels split 1:1 on a global table with PITR on some replicas only (vault4 LeaderboardTable pass, this fail): below rule zero
  'dynamodb-global-loyalty-table-us-replica.json LoyaltyLedger backup-retention: labelled fail, vouch pass',
  // "the bastion has a public IP ...; its security group must admit only the admin CIDRs": public-IP hosts behind SSH/RDP from 0.0.0.0/0 pass on the instance (the group fails); the house labels the instance too (scout16)
  'ec2-jump-host-ssh-and-rdp-open.yaml LinuxJump bastion-only: labelled fail, vouch pass',
  'ec2-jump-host-ssh-and-rdp-open.yaml WindowsJump bastion-only: labelled fail, vouch pass',
  // "a scratch Lustre file system keeps no backups (FSx supports neither automatic nor AWS Backup backups of scratch file systems)": the label's new call leaves a scratch copy of S3 data unlabelled (judgement split)
  'fsx-lustre-genomics-scratch-and-persistent.yaml AlignmentScratch backup-retention: labelled pass, vouch fail',
  // no finding on the function: vouch fails the AuthType NONE URL and its Principal "*" permission, the label also puts it on the function (scout9 reading of a "*" permission)
  'lambda-image-resizer-permissions-and-url.yaml Resizer public-access: labelled fail, vouch none',
  'sam-receipts-ocr-app-simpletable-url.yaml CardWebhookFunction public-access: labelled fail, vouch none',
  // no rule reads a Lightsail instance's public port 80 (served without redirect) for https-redirect: labels 1 fail (this) vs 10 pass on instances with Networking.Ports 80 open (vault8, vault9 x2, scout12 GhostTwo, scout15 x2, scout17 x2, scout20, scout22): below rule zero
  'lightsail-bookclub-site-db-snapshots.yaml BookclubWeb https-redirect: labelled fail, vouch none',
  // "domain publishes ES_APPLICATION_LOGS": any published log type passes; the label asks for AUDIT_LOGS (FSBP Opensearch.5). Domains publishing application logs without AUDIT_LOGS: 3 fail (blindmini MetricsSearch, vault7 ProductSearch, this) vs 2 pass (scout6 HardenedSearchDomain, scout9cdk OrderSearch): below rule zero
  'opensearch-support-search-open-domain.json SupportSearch audit-logging: labelled fail, vouch pass',
  // "replica destination ...-replica-us-east-1: its region is not known (S3 ARNs carry none ...)": the label read the region from the bucket's name
  's3-report-exports-replicated-to-us-east.json ReportExports data-residency: labelled fail, vouch unknown',
  // no rule reads a custom resource that shares an SSM document with AccountIdsToAdd All
  'ssm-runbook-shared-publicly-and-ami-launch-perms.yaml PublishRunbook public-access: labelled fail, vouch none',
  // no public-access rule on a Transfer Family server with EndpointType PUBLIC (tls-min and audit-logging rules only)
  'transfer-sftp-supplier-drop-public-endpoint.yaml SupplierSftp public-access: labelled fail, vouch none',
];
// scout25 (session 14, scout centred on bastion-only, cache-no-backup and https-redirect: bastions / jump boxes / RD
// Gateway / NLB SSH front door, prefix lists, IPv6, EIC endpoint, node groups, Lightsail, Cloud9; ElastiCache seeded /
// final-snapshot / DeletionPolicy Snapshot / preferred TLS / global datastore, serverless, MemoryDB, DAX, stage and AppSync
// caches; ALB redirect shapes, NLB TCP:80, classic ELB, CloudFront behaviours and origins, website buckets, Beanstalk,
// API Gateway domains, App Runner, Amplify, Lightsail LBs): 58 templates, 273 resources; labels frozen in 917f7c0c before
// vouch ran. First run (vouch of main 1bc1047f): tp 101, fp 9, fn 9 (P 0.918, R 0.918), 20 mismatches.
KNOWN_MISMATCHES.scout25 = [
  // "AtRestEncryptionEnabled: false asks for a cache that is not encrypted at rest / TransitEncryptionEnabled: false ...": vouch reads the deprecated AppSync flags; the label keeps the finalcdk call (both always enabled, label fix 6165fbc8);
  // (counted in fixAE: a written false is labelled fail 3 (scout15 CatalogCache, scout20 TicketsCache, scout22 SearchCache), pass 1 (here): below rule zero for passing it, unchanged; the evidence now says what AppSync does today);
  'appsync-menu-api-full-request-cache.yaml MenuCache cache-no-backup: labelled pass, vouch fail',
  'appsync-menu-api-full-request-cache.yaml MenuCache enc-rest: labelled pass, vouch fail',
  'appsync-menu-api-full-request-cache.yaml MenuCache tls-min: labelled pass, vouch fail',
  // "DB_PASSWORD holds a secret in plain text": vouch lands the secret on the saved ConfigurationTemplate where it is written; the label put it on the environment (scout14: a saved configuration's settings are labelled on the environment);
  'beanstalk-php-env-default-listener-ssh-vpn.json PortalConfigTemplate secrets-encrypted: labelled pass, vouch fail',
  'beanstalk-php-env-default-listener-ssh-vpn.json PortalEnvironment secrets-encrypted: labelled fail, vouch none',
  // "origin media-s3 is an S3 origin fetched with the viewer's protocol, and 1 behavior(s) let viewers use HTTP": the allow-all path reaches S3 over HTTP; the label let the bucket's SecureTransport deny refuse that leg (judgement);
  'cloudfront-media-oac-legacy-feed-behaviour.yaml MediaDistribution tls-min: labelled pass, vouch fail',
  // "the stack's region is not known": the label drops the (stack) unknown because both resources name eu-west-2 zones (failed on each
  // by data-residency/aws-lightsail-zone, fixAE); lightsail-wordpress-pair-firewall.yaml, whose zones name eu-central-1, keeps it: the stack rule reads no zones;
  'lightsail-london-crm-instance-open.json (stack) data-residency: labelled pass, vouch unknown',
  // Lightsail database TLS: no rule (vault8 ShopDatabase / scout17 SiteDb class; MySQL 8.0 count now 4:2);
  'lightsail-london-crm-instance-open.json CrmDatabase tls-min: labelled fail, vouch none',
  // "the instance is not the bastion and has a public IP": its group admits SSH only from the VPC CIDR (a GetAtt vouch does not read as a range) and nothing
  // from public addresses; a public host whose groups admit nothing from the internet still fails (fixAO count: pass 4 : fail 2, below rule zero);
  'public-subnet-app-server-ssh-from-vpc-cidr.yaml PrintHost bastion-only: labelled pass, vouch fail',
];
// scout24 (session 14, service breadth round 8 - types never seen: 174 of 343 resources are types the corpus held 0 or 1
// times - IAM RolePolicy / UserPolicy / GroupPolicy, SQS / SNS inline policies, VPC IPAM, Route 53 ARC, Network Manager,
// Deadline Cloud, Amazon Connect, Q Business, Clean Rooms, Entity Resolution, MediaConnect, MediaPackage v2, Pinpoint
// push channels, PCS, DataSync Azure / HDFS / FSx Windows, EventBridge global endpoints, SES Mail Manager, S3 Access
// Grants / Storage Lens, API Gateway DomainNameV2 ...): 70 templates; labels frozen in 8694acfc before vouch ran, one
// label mistake fixed in 2736d53c. First run (vouch of 7f6228ff): tp 67, fp 2, fn 7 (P 0.971, R 0.905), 3 unexpected unknowns;
// after the label fix: fn 6 (R 0.918).
KNOWN_MISMATCHES.scout24 = [
  // "no AWS::WAFv2::LoggingConfiguration in the template names this web ACL": vouch requires WAF logging; the labels (as scout23's house list) do not label WAF logging
  'alb-timesheets-http-waf.yaml TimesheetsAcl audit-logging: labelled pass, vouch fail',
  // "joins the global database <Ref LedgerGlobal>: every member replicates its data, and no other member is in the scanned templates": the labels left the unnamed secondary regions to the (stack) unknown
  'aurora-global-ledger-primary.yaml LedgerPrimary data-residency: labelled pass, vouch unknown',
  // no rule reads AWS::PCS::ComputeNodeGroup (the label is unknown: the subnet's public-IP setting is not in the template)
  'pcs-slurm-cfd-cluster.yaml LoginNodes bastion-only: labelled unknown, vouch none',
  // "the subnet decides whether its instances get public IPs ... LoginSg admits port 22 from 0.0.0.0/0": vouch judges the launch template; the labels put the same unknown on the node group only
  'pcs-slurm-cfd-cluster.yaml LoginTemplate bastion-only: labelled pass, vouch unknown',
  // "s3:PutObject on a resource that depends on Fn::Sub ${BackupBucketArn}/*": a parameter bucket ARN is read as unknown (fail closed); the label took it as one bucket
  'rds-sqlserver-tde-option-group.json ErpRestoreRole iam-least-privilege: labelled pass, vouch unknown',
  // "the default parameter group requires TLS on every connection": the 2025 Redshift default (require_ssl true) vs labels.yaml's session-6 default the label followed (the open house question, as line ~279)
  'redshift-bi-cluster-endpoint-access.yaml BiCluster tls-min: labelled fail, vouch pass',
];
KNOWN_MISMATCHES.scout27 = [
  // "Allow of write action ec2:AttachNetworkInterface on all resources": vouch counts ENI attach/detach on "*" as over-broad; the label applied labels.yaml's ENI-management exemption (open question: attach/detach do take resource ARNs; fixAK count over all sets: ec2:AttachNetworkInterface on "*" 1 pass : 0 fail, below rule zero)
  'marketplace-ngfw-two-nic-ha-pair.yaml FirewallRole iam-least-privilege: labelled pass, vouch fail',
  // "the nested stack's template ... is not read, and it is passed RemoteAccessCIDR": a remote Quick Start child is unknown in vouch; nested stacks are not labelled
  'quickstart-jenkins-main-nested-vpc-bastion.yaml BastionStack bastion-only: labelled pass, vouch unknown',
  // "dynamodb:ExportTableToPointInTime on a resource that depends on Fn::Sub ${SourceTableArn}/export/*": a parameter table ARN is read as unknown (fail closed); the label took it as one table
  'solution-dynamodb-export-to-s3-scheduler.yaml WorkflowRole iam-least-privilege: labelled pass, vouch unknown',
  // "Allow of write action mediaconvert:CreateJob on all resources": vouch reads arn:...:mediaconvert:<region>:<account>:* as every resource; the label took the account-scoped ARN as scoped
  'solution-media-transcode-pipeline-mediaconvert.yaml SubmitJobRole iam-least-privilege: labelled pass, vouch fail',
];
// scout16cdk (session 14, scout: YewLens/YewFlags/YewKitchen in synth-cdk.mjs, 275 resources; labels.scout16cdk.yaml
// frozen in 12706b4c before vouch ran). First run: tp 42, fp 1, fn 2 (P 0.977, R 0.955), no unexpected unknowns.
KNOWN_MISMATCHES.scout16cdk = [
  // no rule judges https-redirect on an S3 REST bucket without an aws:SecureTransport deny (catalog §3.1 "S3 REST access"; tls-min fails both)
  'cdk-YewFlags.template.json ConsoleSiteE9309495 https-redirect: labelled fail, vouch none',
  'cdk-YewKitchen.template.json MenuImagesEF27B5B4 https-redirect: labelled fail, vouch none',
];
// scout17cdk (session 14, scout: ZincLinks/ZincPixels/ZincWiki/ZincSync in synth-cdk.mjs, 277 resources; labels.scout17cdk.yaml
// frozen in 08118b0c before vouch ran). First run: tp 43, fp 1, fn 2 (P 0.977, R 0.956), no unexpected unknowns; the fp
// (CurateJobRole, AWSGlueServiceRole glue:* on *) was a label mistake against the blindcdk call, fixed in ee9dd7a2.
KNOWN_MISMATCHES.scout17cdk = [
  // no rule judges https-redirect on an S3 REST bucket without an aws:SecureTransport deny (catalog §3.1 "S3 REST access"; tls-min fails it)
  'cdk-ZincPixels.template.json Thumbnails115905A6 https-redirect: labelled fail, vouch none',
  // "the task is written without settings: DMS keeps task logs off by default (Security Hub DMS.7), which this rule judges only where the settings are written"
  'cdk-ZincSync.template.json BillingFullLoad audit-logging: labelled fail, vouch not-applicable',
];
// scout28 (session 14, scout: the middle of the distribution, 86 templates / 277 resources of types the corpus held 5-40
// times; labels.scout28.yaml frozen in 4032ae1b before vouch ran, three plain label mistakes fixed in 703ca86c). First
// run: tp 86, fp 7, fn 3 (P 0.925, R 0.966), 19 unexpected unknowns; after the label fixes tp 88, fp 5, fn 2 (P 0.946, R 0.978).
KNOWN_MISMATCHES.scout28 = [
  // "AtRestEncryptionEnabled: false asks for a cache that is not encrypted ...": vouch reads the deprecated AppSync cache flags; the house call (AppSync API reference: both flags deprecated, caches always encrypted) passes them
  'appsync-private-api-cache-and-ddb.json BackOfficeCache cache-no-backup: labelled pass, vouch fail',
  'appsync-private-api-cache-and-ddb.json BackOfficeCache enc-rest: labelled pass, vouch fail',
  'appsync-private-api-cache-and-ddb.json BackOfficeCache tls-min: labelled pass, vouch fail',
  // "cannot tell whether its instances get a public address: ComputeResources.Subnets depends on Ref Subnets": subnets and security groups are parameters (fail closed); the label passes what the template does not open
  'batch-ec2-render-farm-spot.json RenderCompute bastion-only: labelled pass, vouch unknown',
  // "cannot tell whether the primary node gets a public IP: subnet 0 depends on Ref PublicSubnet": the label fails the key-pair primary node behind a group open on 22 to 0.0.0.0/0 (its group TrinoMasterAccess fails in both); vouch needs the subnet to judge the cluster
  'emr-adhoc-presto-public-subnet.yaml AdhocTrino bastion-only: labelled fail, vouch unknown',
  'emr-adhoc-presto-public-subnet.yaml AdhocTrino public-access: labelled pass, vouch unknown',
  'emr-spark-cluster-security-config-split.yaml RiskSparkCluster bastion-only: labelled pass, vouch unknown',
  'emr-spark-cluster-security-config-split.yaml RiskSparkCluster public-access: labelled pass, vouch unknown',
  // "query log group Ref QueryLogGroupArn (Route 53 writes query logs only to us-east-1)": Route 53 accepts only a log group in
  // us-east-1 (Developer Guide, public DNS query logging), outside EU whatever the parameter says; labels.scout34 ShopZone fails
  // the same zone logging (fixAN); this label leaves it silent
  'route53-private-zone-acm-dns-validated.yaml PaymentsZone data-residency: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.scout29 = [
  // "LogGroupName depends on Fn::Sub "/lz/vpc-flow/${VpcId}"; cannot tell whether it holds request-logs": fail-closed on a name whose only variable is a VPC id (vpc-...), which can never match *request-log*
  'flow-logs-cloudwatch-kms-group.yaml FlowLogGroup data-retention: labelled pass, vouch unknown',
  // "CustomerManagedPolicyReferences[0] names the customer managed policy lz-deny-data-read ...; its document is not in this template": fail-closed on a referenced policy the label read by its name
  'identity-center-finance-inline-permission-set.json AuditorSet iam-least-privilege: labelled pass, vouch unknown',
  // no finding: no rule reads a CloudTrail trail's KMSKeyId for enc-rest (FSBP CloudTrail.2); the trail rule judges regions and validation only
  'legacy-account-trail-2017.json AccountTrail enc-rest: labelled fail, vouch none',
  // "the bastion has a public IP ...; its security group must admit only the admin CIDRs": vouch fails the open group and passes the jump host itself; the label fails the public host too (as ScannerHost, which vouch fails)
  'shared-network-vpc-no-flow-logs.json JumpHost bastion-only: labelled fail, vouch pass',
];

// scout30 (session 14, held out): 51 data- and analytics-platform templates (lake houses, streaming, warehouses,
// operational stores, ML, orchestration, BI, caches), 190 resources; labels.scout30.yaml frozen in fd8d4ac6 before vouch
// ran. First run: tp 69, fp 1, fn 5 (P 0.986, R 0.932), 6 unexpected unknowns; no label changed after the run.
KNOWN_MISMATCHES.scout30 = [
  // "cannot tell: ... depends on Fn::Sub "${ArchiveBucketArn}/*"": object writes on a parameter bucket ARN are unknown to vouch; the label passes a policy scoped to one bucket
  'datasync-nfs-archive-to-s3-nightly.yaml DataSyncS3Role iam-least-privilege: labelled pass, vouch unknown',
  // "cannot tell whether the primary node gets a public IP: subnet 0 depends on Ref SubnetId": the label fails a key-pair primary node behind 22 open to 0.0.0.0/0 (as scout28 AdhocTrino); vouch needs the subnet
  'emr-spark-adhoc-cluster-ssh-open.yaml AdhocSpark bastion-only: labelled fail, vouch unknown',
  'emr-spark-adhoc-cluster-ssh-open.yaml AdhocSpark public-access: labelled pass, vouch unknown',
  // "cluster encrypted at rest (AWS-owned key)" / "the default parameter group requires TLS on every connection": vouch applies the January 2025 Redshift defaults; labels.yaml's session-6 defaults say neither
  'redshift-legacy-dc2-marketing-mart.json MarketingMart enc-rest: labelled fail, vouch pass',
  'redshift-legacy-dc2-marketing-mart.json MarketingMart tls-min: labelled fail, vouch pass',
  // "log bucket: receives logs from WeatherOpenData": the bucket also holds staging data (KMS-encrypted), so the label (new call) requires its own access logs
  's3-open-data-weather-public-dataset.yaml WeatherStaging audit-logging: labelled fail, vouch not-applicable',
];
KNOWN_MISMATCHES.scout32 = [
  // (first run: 3 false alarms, all splits decided in adjudications.yaml: two EFS file systems without backups, opt-in-backups-off
  // 99 : 29; one SNS topic without a key, sns-topic-without-kms 73 : 9; the set's labels are overridden there)
];
KNOWN_MISMATCHES.scout31 = [
  // "joins the global database <Ref LoyaltyGlobal>: every member replicates its data, and no other member is in the scanned templates": vouch fails closed on unseen members; the label leaves data-residency on (stack)
  'aurora-mysql-global-database-legacy.yaml LoyaltyPrimaryCluster data-residency: labelled pass, vouch unknown',
  // "topic has no server-side encryption" (the StackSet's inline SNS topic): vouch fails SNS without KmsMasterKeyId; the labels follow labels.vault6 (SNS disk encryption by default)
  'org-governance-delegations-and-stacksets.yaml BaselineStackSet enc-rest: labelled pass, vouch fail',
  // "instances launched from this template get a public IP and are not the bastion": the label puts the open SSH on LoginSecurityGroup only
  'parallel-computing-slurm-cluster.yaml LoginTemplate bastion-only: labelled pass, vouch fail',
  // "its AWS principal is not known (... depends on Ref TrainerRoleArn (parameter without a value))": a parameter principal is unknown to vouch; the label reads it as one role
  's3-express-tables-and-multi-region-access.yaml TrainingShards public-access: labelled pass, vouch unknown',
  's3-express-tables-and-multi-region-access.yaml TrainingShardsPolicy public-access: labelled pass, vouch unknown',
  // "vended log delivery destination ... is in us-east-1 (US)": vouch fails the Logs::Delivery as well as its destination; the label names the destination only
  'vended-logs-delivery-to-us-siem-stream.yaml UserActivityDelivery data-residency: labelled pass, vouch fail',
];

// scout33 (session 15, scout): 57 templates centred on bastion-only, public-access and iam-least-privilege (VPN / RD Gateway
// / NAT / firewall appliances, IPv6, ENIs, fleets, prefix lists; resource policies on less common types; role shapes),
// 346 resources; labels.scout33.yaml frozen in fef4b1ab before vouch ran (header counts fixed in cd610622; one plain label
// mistake fixed in fc2e39d3: WikiDb tls-min unknown, MariaDB's default version decides). First run: tp 92, fp 9, fn 5
// (P 0.911, R 0.948), 15 mismatches (14 after the fix).
KNOWN_MISMATCHES.scout33 = [
  // "cannot tell whether the instance gets a public IP: the subnet depends on Ref DualStackPublicSubnet": the label takes the jump host as the bastion (only its ::/0 rule fails); vouch needs the subnet
  'ad-admin-jump-host-rdp-ipv6-ingress.yaml JumpHost bastion-only: labelled pass, vouch unknown',
  // no finding: no rule reads a Lambda-backed custom resource that adds createVolumePermission group all to a snapshot
  'ami-snapshot-sharing-release-automation.yaml ShareSeedSnapshot public-access: labelled fail, vouch none',
  // "2 managed policies attached, none an AWS managed policy that grants service:*": no rule reads AmazonEC2ContainerRegistryPowerUser's ecr:PutImage / layer uploads on "*" (label: named writes on every repository)
  'ec2-fleet-ci-runners-bastion-chain.yaml RunnerRole iam-least-privilege: labelled fail, vouch pass',
  // no finding: no rule reads an internet-facing NLB listener forwarding a data-store port (TCP 5432) to a database address
  'nlb-internet-facing-postgres-for-field-tablets.yaml SyncListener public-access: labelled fail, vouch none',
  // "the instance is not the bastion and has a public IP: NetworkInterfaces[0].AssociatePublicIpAddress is true": the label takes the VPN appliance as the network's entry (its group's SSH fails, the host is not labelled)
  'openvpn-access-server-appliance-2019.json VpnServer bastion-only: labelled pass, vouch fail',
  // "replication destination is in us-east-1 (US), outside the allowed regions": ECR registry replication of a renderer image; the label (scout12's AMI call) holds a container image is not customer data
  'report-exports-bucket-dr-copies-virginia.yaml RendererRegistryReplication data-residency: labelled pass, vouch fail',
];
KNOWN_MISMATCHES.scout34 = [
  // "custom domain: security policy TLS_1_2 accepts TLS 1.2+": vouch takes TLS_1_2 as the default of a REST custom domain without SecurityPolicy; the label reads it as TLS_1_0
  // (fixAR: the documented default is TLS_1_2 for a new custom domain of any endpoint type (developer guide, security policies list; the CLI's
  // create-domain-name example without --security-policy returns TLS_1_2); labels on omitted SecurityPolicy across all sets: 2 TLS_1_0 (sealed DevApiDomain, here) : 0, below rule zero; kept)
  'apigw-rest-edge-domain-tls10-default-endpoint.json PointsDomain tls-min: labelled fail, vouch pass',
  // "rds.force_ssl is 0: databases using this group accept unencrypted connections": vouch fails the parameter group as well; the label puts the failure on the cluster only (vouch fails it too)
  // (fixAR count, every set: insecure parameter groups used by a cluster/instance of the same template, labelled fail on the group 23 (RDS 7, DocumentDB tls 5, Redshift 11) : not 6 (RDS 2, DocumentDB 1, Redshift 1, Neptune audit 2); rule zero keeps the group's own verdict)
  'aurora-postgres-legacy-params-force-ssl-off.json ClaimsClusterParams tls-min: labelled pass, vouch fail',
  // no enc-rest finding on a CloudTrail trail without KMSKeyId (house call: FSBP CloudTrail.2)
  'cloudtrail-multi-region-trail-lifecycle-bucket.yaml AccountTrail enc-rest: labelled fail, vouch none',
  // "the bastion has a public IP ... its security group must admit only the admin CIDRs": vouch takes the SSH-open public host for the bastion and fails only its group; the house fails the instance too
  'ec2-jump-host-ssh-world-eip.yaml JumpHost bastion-only: labelled fail, vouch pass',
  // "its AWS principal is not known (... depends on Ref AppRoleArn (parameter without a value ...))": the label reads the parameter as one role ARN
  'elasticsearch-legacy-domain-no-endpoint-options.yaml SiteSearch public-access: labelled pass, vouch unknown',
  // "expiration rules cover only part of the bucket (prefix/tag/size filters)": the request logs land under raw/, whose own rule keeps them 400 days, so the data set fails either way
  'firehose-api-request-logs-to-s3-lifecycle.yaml RequestLogLake data-retention: labelled fail, vouch unknown',
  // "primary key ... is in us-east-1 (US), outside the allowed regions": the label (new call) holds that a KMS key holds no customer data
  'kms-multi-region-key-and-replica.yaml UsKeyReplica data-residency: labelled pass, vouch fail',
  // no enc-rest finding on AWS::KMS::ReplicaKey: its rotation is the primary's, outside the template (label unknown)
  'kms-multi-region-key-and-replica.yaml UsKeyReplica enc-rest: labelled unknown, vouch none',
  // "domain accepts plain-HTTP requests (EnforceHTTPS is not true)": vouch fails tls-min as well; the house call fails https-redirect only when the TLS policy is 1.2
  // (fixAR count, every set: OpenSearch/Elasticsearch domains with EnforceHTTPS false and a Policy-Min-TLS-1-2 policy, tls-min labelled fail 4 (holdout, scout2cdk,
  // scout7cdk, scout11cdk) : pass 4 (scout11, scout12, here, scout35): below rule zero, unchanged)
  'opensearch-public-logs-domain-http-allowed.json OpsLogSearch tls-min: labelled pass, vouch fail',
  // no public-access finding on a Transfer Family server with EndpointType PUBLIC (house call)
  'transfer-ftps-sftp-partner-exchange.yaml PartnerSftp public-access: labelled fail, vouch none',
];
// scout18cdk (session 15, scout: AspenBoxOffice/AspenModelServe/AspenStatements/AspenPodcasts in synth-cdk.mjs, 349 resources;
// labels.scout18cdk.yaml frozen in 2bd1a964 before vouch ran). First run: tp 47, fp 0, fn 3 (P 1.000, R 0.940), one
// unexpected unknown; no label changed after the run.
KNOWN_MISMATCHES.scout18cdk = [
  // no rule judges https-redirect on an S3 REST bucket without an aws:SecureTransport deny (catalog §3.1 "S3 REST access"; tls-min fails it)
  'cdk-AspenBoxOffice.template.json OrganizerUploads0AB6645D https-redirect: labelled fail, vouch none',
  'cdk-AspenModelServe.template.json InferenceCapture0714B450 https-redirect: labelled fail, vouch none',
];
// scout36 (session 15, scout: 55 templates centred on backup-retention, data-retention and audit-logging, 240 resources;
// labels.scout36.yaml frozen in 5f39a2d5 before vouch ran). First run: tp 79, fp 2, fn 6 (P 0.975, R 0.929), three
// unexpected unknowns; no label changed after the run.
KNOWN_MISMATCHES.scout36 = [
  // "stage logs execution at INFO for every method (no access log)": vouch takes execution logs for the audit log; the house fails a stage without AccessLogSetting
  'apigw-rest-partner-api-access-logs.yaml SandboxStage audit-logging: labelled fail, vouch pass',
  // "its AWS principal is not known (... depends on Ref AdminRoleArn (parameter without a value ...))": the label reads the parameter as one role ARN
  'opensearch-siem-domain-audit-and-slowlogs.yaml LabDomain public-access: labelled pass, vouch unknown',
  'opensearch-siem-domain-audit-and-slowlogs.yaml SiemDomain public-access: labelled pass, vouch unknown',
  // "expiration rules cover only part of the bucket (prefix/tag/size filters)": the label holds that keys outside statements/ of the tagged bucket never expire
  's3-report-exports-lifecycle-filters.yaml StatementExports data-retention: labelled fail, vouch unknown',
  // "server access logging is off": the label takes a bucket that only receives Firehose-delivered flow logs for a log-delivery bucket
  'vpc-flow-logs-s3-cloudwatch-firehose.yaml FlowFirehoseBucket audit-logging: labelled pass, vouch fail',
];
// scout35 (session 15, scout: 58 CloudFormation templates, 245 resources, mid-distribution types with rarely set options;
// labels.scout35.yaml frozen in 39b0d1e7 before vouch ran). First run: tp 69, fp 8, fn 2 (P 0.896, R 0.972), one
// unexpected unknown; one plain label mistake fixed after it in 7a0a61c2 (HelpCentreDistribution tls-min: an S3 origin
// uses the viewer's protocol), leaving tp 70, fp 7, fn 2.
KNOWN_MISMATCHES.scout35 = [
  // "AtRestEncryptionEnabled / TransitEncryptionEnabled: false asks for a cache that is not encrypted ... a cache created with false before that change stays unencrypted": the label applies the vault17 call (deprecated flags, AppSync encrypts every cache created now; scout15 had called it the other way)
  'appsync-partner-catalog-api-key-cache-no-logs.yaml PartnerCatalogCache cache-no-backup: labelled pass, vouch fail',
  'appsync-partner-catalog-api-key-cache-no-logs.yaml PartnerCatalogCache enc-rest: labelled pass, vouch fail',
  'appsync-partner-catalog-api-key-cache-no-logs.yaml PartnerCatalogCache tls-min: labelled pass, vouch fail',
  // "write CloudWatch logs without Glue encryption (DISABLED); job bookmarks without Glue encryption (DISABLED)": the house call passes CloudWatch/bookmark DISABLED when S3 output is encrypted (CloudWatch Logs encrypts by default)
  // (fixAR count: S3 encrypted, CloudWatch and bookmarks DISABLED, enc-rest fail 4 : pass 3 across all sets, below rule zero)
  'glue-claims-etl-kms-output-plain-bookmarks.yaml ClaimsEtlSecurity enc-rest: labelled pass, vouch fail',
  // "neptune_enable_audit_log 0 turns auditing off": vouch fails the parameter group as well; the label puts the failure on the cluster only (vouch fails it too)
  // (fixAR count, every set: insecure parameter groups used by a cluster/instance of the same template, labelled fail on the group 23 (RDS 7, DocumentDB tls 5, Redshift 11) : not 6 (RDS 2, DocumentDB 1, Redshift 1, Neptune audit 2); rule zero keeps the group's own verdict)
  'neptune-2019-recommendations-graph.json RecoGraphParams audit-logging: labelled pass, vouch fail',
  // "domain accepts plain-HTTP requests (EnforceHTTPS is not true)": vouch fails tls-min as well; the house call fails https-redirect only when the TLS policy is 1.2 (as scout34 OpsLogSearch)
  // (fixAR count: EnforceHTTPS false with a TLS 1.2 policy, tls-min fail 4 : pass 4 across all sets, below rule zero)
  'opensearch-app-logs-enforce-https-off-snapshot-hour.yaml AppLogSearch tls-min: labelled pass, vouch fail',
  // no public-access finding on a Transfer Family server with EndpointType PUBLIC (house call, as scout34 PartnerSftp)
  'transfer-legacy-public-sftp-unlogged.json SupplierDropServer public-access: labelled fail, vouch none',
];
