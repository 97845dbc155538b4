/**
 * Shared by the construct tests: a CDK app that synthesizes to a temp dir
 * (without CDK's built-in CloudFormation validation, which costs ~10 s on
 * first use and is not what these tests are about), and vouch's own engine
 * run over the synthesized assembly, exactly as `vouch check cdk.out` does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { ClaimsProfile } from '../../src/evaluate/claims-profile.js';
import type { ControlId } from '../../src/evaluate/controls.js';
import { SecureBucket } from '../../cdk/secure-bucket.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import type { EvidenceDocument, Finding } from '../../src/findings/evidence.js';
import { toProfile, type ClaimsSource } from '../../cdk/claims.js';

export const ENV = { account: '111111111111', region: 'eu-west-1' };

export function newApp(context: Record<string, unknown> = {}): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'vouch-cdk-')), builtinCloudFormationValidation: false, context });
}

export function newStack(context: Record<string, unknown> = {}, props: StackProps = { env: ENV }): Stack {
  return new Stack(newApp(context), 'Test', props);
}

/** A VPC as a careful user builds it: flow logs on, into a locked-down log bucket. */
export function newVpc(scope: Construct, id = 'Vpc', props: ec2.VpcProps = { maxAzs: 2, natGateways: 1 }): ec2.Vpc {
  const logs = new SecureBucket(scope, `${id}FlowLogs`, { logTarget: true });
  return new ec2.Vpc(scope, id, { ...props, flowLogs: { all: { destination: ec2.FlowLogDestination.toS3(logs.bucket) } } });
}

/** A profile judging only some controls (what a construct or aspect is about). */
export function onlyControls(controls: ControlId[], claims?: ClaimsSource): ClaimsProfile {
  const p = toProfile(claims);
  return { ...p, controls: p.controls.filter((c) => controls.includes(c)) };
}

/** Synthesize the stack's app to its temp dir and evaluate every rule in rules/ on it. */
export async function vouchCheck(stack: Stack, claims?: ClaimsSource): Promise<EvidenceDocument> {
  const app = stack.node.root as App;
  const assembly = app.synth();
  const inventory = loadIac([assembly.directory]);
  const rules = await loadRules();
  return runEvaluation({ inventory, rules, profile: toProfile(claims), command: 'test', inputs: [assembly.directory] });
}

/** Active (unsuppressed) failures and unknowns, one line each, for readable assertions. */
export function problems(doc: EvidenceDocument): string[] {
  return doc.findings
    .filter((f: Finding) => (f.status === 'fail' || f.status === 'unknown') && !(f.suppression && !f.suppression.expired))
    .map((f) => `${f.status} ${f.ruleId} ${f.resource.constructPath ?? f.resource.id}: ${f.message}`);
}

/** Rule ids that passed on at least one resource: proof the check actually ran on something. */
export function passedRules(doc: EvidenceDocument): Set<string> {
  return new Set(doc.findings.filter((f) => f.status === 'pass').map((f) => f.ruleId));
}
