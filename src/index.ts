/**
 * vouch's programmatic API (`import { check } from 'vouch'`): the same
 * pipeline the CLI runs, without the process around it. Nothing here prints,
 * exits or writes a file unless asked to (`renderReports`); bad input throws
 * an `InputError` whose message names the file and the problem.
 *
 * Stable from 1.0 under semver: the functions and types exported here. Deep
 * imports (`vouch/dist/...`) are not part of the API.
 */
import { loadIac, DEFAULT_MAX_TEMPLATE_BYTES } from './sources/iac/load.js';
import { Inventory } from './model/inventory.js';
import { loadInventory } from './sources/inventory-file.js';
import { loadRules } from './evaluate/registry.js';
import { runEvaluation } from './evaluate/run.js';
import { defaultProfile, loadProfile, type ClaimsProfile } from './evaluate/claims-profile.js';
import { loadSuppressions, type Suppression } from './findings/suppressions.js';
import { SEVERITIES, type Rule, type Severity } from './evaluate/rule.js';
import { InputError } from './util/errors.js';
import { parseFormats, writeReports, knownFormats } from './reporters/index.js';
import { loadEvidence as readEvidence } from './reporters/load-evidence.js';
import type { EvidenceDocument } from './findings/evidence.js';
import { VERSION } from './util/version.js';

export type { Resource, Provider, SourceKind, Location, RawRecord, Acknowledgement } from './model/resource.js';
export type { EvidenceDocument, Finding, FindingResource, SuppressionRecord, Summary, StatusCounts, RuleInfo } from './findings/evidence.js';
export type { EvidenceItem, Verdict, Rule, RuleDefinition, RuleContext, Severity, Status, Remediation } from './evaluate/rule.js';
export type { ClaimsProfile, Claim, Parameters } from './evaluate/claims-profile.js';
export type { Suppression } from './findings/suppressions.js';
export type { Coverage } from './model/inventory.js';
export type { ControlId } from './evaluate/controls.js';
export { Inventory, InputError, VERSION, SEVERITIES, loadInventory, loadRules, knownFormats };

/**
 * An evidence document. Every finding's `evidence[]` lists what was observed,
 * where, and what was expected; `Evidence` is the whole document.
 */
export type Evidence = EvidenceDocument;

export interface EvaluateOptions {
  /**
   * The claims profile: a path to a claims YAML file, or a profile already
   * loaded. Default: every control with common parameters (TLS 1.2, 35-day backups).
   */
  claims?: string | ClaimsProfile;
  /** Acknowledged findings: a path to a suppressions YAML file, or the entries. */
  suppressions?: string | Suppression[];
  /** Failures at or above this severity make `summary.exitCode` 1. Default `low`. */
  failOn?: Severity;
  /** The rules to run. Default: every rule vouch ships. */
  rules?: readonly Rule[];
  /** Recorded as `run.command` in the evidence. */
  command?: string;
  /** Recorded as `run.inputs` in the evidence. */
  inputs?: string[];
  /** The clock suppressions' expiry dates are judged against. Default: now. */
  now?: Date;
  /** Directory IaC file paths and the repository path are taken relative to. Default: `process.cwd()`. */
  cwd?: string;
}

export interface CheckOptions extends EvaluateOptions {
  /** Template parameter values (`--parameter K=V`), over the templates' defaults. */
  parameters?: Record<string, string>;
  /** Region of bare templates (cdk.out stacks take theirs from the manifest). */
  region?: string;
  /** Account id of bare templates. */
  account?: string;
  /** Largest template read, in bytes. Default 20 MB. */
  maxTemplateBytes?: number;
  /** Resources the templates may expand to in all (nested stacks, loops, SAM). Default 1,000,000. */
  maxResources?: number;
}

function profileOf(claims: EvaluateOptions['claims']): ClaimsProfile {
  if (claims === undefined) return defaultProfile();
  return typeof claims === 'string' ? loadProfile(claims) : claims;
}

function suppressionsOf(s: EvaluateOptions['suppressions']): Suppression[] {
  if (s === undefined) return [];
  return typeof s === 'string' ? loadSuppressions(s) : s;
}

function failOnOf(failOn: Severity | undefined): Severity | undefined {
  if (failOn !== undefined && !SEVERITIES.includes(failOn)) throw new InputError(`failOn: expected one of ${SEVERITIES.join(', ')}, got '${String(failOn)}'`);
  return failOn;
}

/**
 * Judge an inventory (resources from `loadInventory`, from a source of your
 * own, or from `check`'s loader) with the rules and a claims profile.
 * Returns the evidence document; `summary.exitCode` is the code the CLI
 * would exit with (0, 1 or 3).
 */
export async function evaluate(inventory: Inventory, options: EvaluateOptions = {}): Promise<EvidenceDocument> {
  if (!(inventory instanceof Inventory)) throw new InputError('evaluate: expected an Inventory (build one with new Inventory(resources) or loadInventory(file))');
  const profile = profileOf(options.claims);
  const suppressions = suppressionsOf(options.suppressions);
  const failOn = failOnOf(options.failOn);
  const rules = options.rules ?? (await loadRules());
  return runEvaluation({
    inventory,
    rules,
    profile,
    suppressions,
    failOn,
    command: options.command ?? 'evaluate',
    inputs: options.inputs ?? inventory.coverage.inputs ?? [],
    now: options.now,
    cwd: options.cwd,
  });
}

/**
 * `vouch check` as a function: load CloudFormation templates, directories of
 * them or CDK cloud assemblies (`cdk.out`), and judge them. Loads no cloud
 * SDK and not aws-cdk-lib.
 */
export async function check(paths: string | string[], options: CheckOptions = {}): Promise<EvidenceDocument> {
  const list = typeof paths === 'string' ? [paths] : [...paths];
  if (!list.length) throw new InputError('check: name at least one template, directory or cdk.out');
  // Validate the cheap inputs before reading templates.
  const profile = profileOf(options.claims);
  const suppressions = suppressionsOf(options.suppressions);
  const failOn = failOnOf(options.failOn);
  const inventory = loadIac(list, {
    parameters: options.parameters,
    region: options.region,
    account: options.account,
    maxTemplateBytes: options.maxTemplateBytes ?? DEFAULT_MAX_TEMPLATE_BYTES,
    ...(options.maxResources !== undefined ? { maxResources: options.maxResources } : {}),
    cwd: options.cwd,
  });
  return evaluate(inventory, {
    ...options,
    claims: profile,
    suppressions,
    failOn,
    command: options.command ?? `check ${list.join(' ')}`,
    inputs: options.inputs ?? inventory.coverage.inputs ?? list,
  });
}

/** Read and validate an evidence document written by an earlier run (`evidence.json`). */
export function loadEvidence(file: string): EvidenceDocument {
  return readEvidence(file);
}

export interface RenderOptions {
  /** Formats, as `--format` takes them: `json`, `md`, `html`, `sarif`, `junit`, `ocsf`, `csv`, `claims`, `all`. Default `json,md`. */
  formats?: string | string[];
  /** An earlier run: the Markdown summary lists what is new first. */
  baseline?: EvidenceDocument;
}

/**
 * Write the reports of an evidence document into `outDir` (created if
 * missing), plus `manifest.json` with each file's SHA-256. `evidence.json`
 * and `claims.json` are always written. Returns the paths written.
 */
export function renderReports(doc: EvidenceDocument, outDir: string, options: RenderOptions = {}): string[] {
  return writeReports(doc, outDir, parseFormats(options.formats), { baseline: options.baseline });
}
