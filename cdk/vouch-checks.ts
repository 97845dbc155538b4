/**
 * The synth-time validation plugin: the very rules `vouch check` runs, over
 * the templates `cdk synth` just wrote, reported through CDK's policy
 * validation report (with construct paths). Register it with
 * `Validations.of(app).addPlugins(new VouchChecks({ claims }))`.
 *
 * CDK calls `validate()` synchronously. Compiled rules (dist/rules) are
 * loaded synchronously with `loadRulesSync`; when running from TypeScript
 * sources, `await VouchChecks.preload()` (or `loadRules()`) before synth.
 */
import { relative } from 'node:path';
import type { App, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Stage } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { loadIac } from '../src/sources/iac/load.js';
import { loadRules, loadRulesSync } from '../src/evaluate/registry.js';
import { runEvaluation } from '../src/evaluate/run.js';
import { SEVERITY_RANK, type Rule, type Severity } from '../src/evaluate/rule.js';
import type { EvidenceDocument, Finding } from '../src/findings/evidence.js';
import { VERSION } from '../src/util/version.js';
import { CLAIMS_CONTEXT, toProfile, type ClaimsSource } from './claims.js';

export interface VouchChecksProps {
  /**
   * Claims the templates are judged against.
   * @default - the app's `vouch:claims` context value, else vouch's default profile (every control)
   */
  readonly claims?: ClaimsSource;
  /**
   * Failures at or above this severity fail the synthesis; lower ones are
   * reported as warnings.
   * @default 'low'
   */
  readonly failOn?: Severity;
  /**
   * How `unknown` verdicts (a value vouch could not determine) are reported.
   * They are never dropped: fail closed means "not shown to pass".
   * @default 'warning'
   */
  readonly unknownAs?: 'warning' | 'error';
  /**
   * Report every failure as a warning and never fail the synthesis (the
   * assembly is still written, so `vouch check` can gate later).
   * @default false
   */
  readonly reportOnly?: boolean;
  /**
   * The rules to run.
   * @default - every rule in vouch's rules/ tree
   */
  readonly rules?: readonly Rule[];
}

/** Plugin name; CDK derives the acknowledgement namespace from it (`vouch::<rule id>`). */
export const PLUGIN_NAME = 'vouch';

export class VouchChecks implements IPolicyValidationPlugin {
  readonly name = PLUGIN_NAME;
  readonly version = VERSION;
  /** The evidence document of the last validation (for tests and tooling). */
  lastEvidence?: EvidenceDocument;

  /** Load the rule set ahead of synthesis (needed when running from TypeScript sources). */
  static async preload(): Promise<void> {
    await loadRules();
  }

  /** Create the plugin and register it on an app or stage. */
  static addTo(scope: App | Stage, props: VouchChecksProps = {}): VouchChecks {
    const plugin = new VouchChecks(props);
    Validations.of(scope).addPlugins(plugin);
    return plugin;
  }

  constructor(private readonly props: VouchChecksProps = {}) {}

  get ruleIds(): string[] {
    try {
      return [...(this.props.rules ?? loadRulesSync())].map((r) => r.id);
    } catch {
      return [];
    }
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const rules = this.props.rules ?? loadRulesSync();
    const claims = this.props.claims ?? (context.appConstruct.node.tryGetContext(CLAIMS_CONTEXT) as ClaimsSource | undefined);
    const profile = toProfile(claims);
    const stacks = context.stackTemplates;
    const sameEnv = (k: 'region' | 'accountId') => (stacks.every((s) => s[k] === stacks[0]?.[k]) ? stacks[0]?.[k] : undefined);
    const paths = stacks.map((s) => s.templatePath);
    const inventory = loadIac(paths, { region: sameEnv('region'), account: sameEnv('accountId') });
    const doc = runEvaluation({ inventory, rules, profile, command: 'cdk synth (VouchChecks)', inputs: paths.map((p) => relative(process.cwd(), p)) });
    this.lastEvidence = doc;

    const byFile = new Map(paths.map((p) => [relative(process.cwd(), p), p]));
    const failOn = SEVERITY_RANK[this.props.failOn ?? 'low'];
    const violations: PolicyViolation[] = [];
    let blocking = false;
    for (const f of doc.findings) {
      if (f.status !== 'fail' && f.status !== 'unknown') continue;
      if (f.suppression && !f.suppression.expired) continue; // acknowledged in template metadata
      const rule = rules.find((r) => r.id === f.ruleId);
      const error =
        !this.props.reportOnly &&
        (f.status === 'fail' ? SEVERITY_RANK[f.severity] >= failOn : this.props.unknownAs === 'error');
      blocking ||= error;
      violations.push({
        ruleName: f.ruleId,
        description: `${f.status === 'unknown' ? '[unknown] ' : ''}${f.message} (${f.title ?? rule?.title ?? f.ruleId})`,
        fix: rule?.remediation.cdk ? `${rule.remediation.text}\n${rule.remediation.cdk}` : rule?.remediation.text,
        severity: error ? 'error' : 'warning',
        ruleMetadata: { control: f.control, severity: f.severity, status: f.status },
        violatingResources: [violatingResource(f, byFile, stacks)],
      });
    }
    const s = doc.summary.byStatus;
    return {
      success: !blocking,
      violations,
      pluginVersion: VERSION,
      metadata: {
        profile: profile.name,
        rules: String(doc.run.rules),
        pass: String(s.pass),
        fail: String(s.fail),
        unknown: String(s.unknown),
        suppressed: String(s.suppressed),
      },
    };
  }
}

function violatingResource(f: Finding, byFile: Map<string, string>, stacks: IPolicyValidationContext['stackTemplates']) {
  const templatePath = (f.resource.file && byFile.get(f.resource.file)) ?? f.resource.file;
  const locations = f.evidence.map((e) => `Properties/${e.path.replace(/\./g, '/')}`);
  if (f.resource.logicalId) return { resourceLogicalId: f.resource.logicalId, templatePath, locations };
  // Stack-level findings (residency of the stack itself): point at the stack construct.
  const stack = stacks.find((s) => s.templatePath === templatePath);
  return { constructPath: stack?.stackConstructPath ?? f.resource.id, locations };
}
