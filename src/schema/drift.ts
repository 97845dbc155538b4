/**
 * The drift report (`vouch drift`'s drift.json, and the evidence document's
 * optional `drift` field): types only, defined here so the evidence schema
 * can name them without importing the drift code (no import cycle). The
 * comparison that fills them is src/findings/drift/compare.ts.
 */
import type { ControlId } from '../evaluate/controls.js';
import type { Status } from '../model/verdict-values.js';

export interface AssemblyResourceRef {
  stack: string;
  /** Region of the deployed stack compared (absent for a stack not deployed anywhere scanned). */
  region?: string;
  logicalId: string;
  type: string;
  constructPath?: string;
}

export interface AssemblyDrift {
  /** Stacks of the assembly compared with a deployed stack (one per region it is deployed in). */
  compared: number;
  /** Assembly stacks no scanned region has deployed. */
  stacksNotDeployed: string[];
  /** In the assembly, not in the deployed template. */
  notDeployed: AssemblyResourceRef[];
  /** In the deployed template, not in the assembly. */
  notInAssembly: AssemblyResourceRef[];
  /** In both, with top-level properties that differ: `readByRules` are those a rule read on this resource. */
  changed: (AssemblyResourceRef & { properties: string[]; readByRules: string[] })[];
  /** Stacks that could not be compared, with why (never counted as in step). */
  notCompared: { stack: string; region?: string; reason: string }[];
}

export type DriftKind = 'passes-in-code-fails-live' | 'fails-in-code-passes-live' | 'undetermined' | 'in-step';

export interface ResourceRef {
  type: string;
  id: string;
  account?: string;
  region?: string;
}

export interface VerdictDrift {
  kind: DriftKind;
  ruleId: string;
  subId?: string;
  control: ControlId;
  live: ResourceRef & { status: Status };
  code: { stack: string; logicalId: string; constructPath?: string; file?: string; line?: number; status: Status };
  /** CloudFormation's own drift status of the resource, shown beside vouch's view. */
  cfnDriftStatus?: string;
  /** CloudFormation's property differences on it (paths and kinds, never values). */
  cfnDriftDifferences?: string[];
}

export interface DriftReport {
  schemaVersion: '1';
  live: { run: string; inputs: string[] };
  code?: { run: string; inputs: string[] };
  ownership: { resources: number; owned: number; none: number; ambiguous: number; unknown: number; notRead: number };
  shadow: { byType: Record<string, number>; resources: ResourceRef[] };
  /** Live resources whose owner could not be determined, with why: not counted as shadow. */
  unknownOwnership: (ResourceRef & { reason: string })[];
  ambiguous: (ResourceRef & { stacks: string[] })[];
  verdicts: VerdictDrift[];
  /** Owned live resources the given assembly does not have (another version deployed, or code not given). */
  notInCode: (ResourceRef & { stack: string; logicalId: string; constructPath?: string })[];
  counts: Record<DriftKind, number>;
  /** Per control: drifted verdicts, and the distinct live resources behind them (`resources`). */
  byControl: Record<string, ControlDrift>;
  /** Per claim of the live run's profile with drift on its controls: the claim-level line. */
  claims?: ClaimDrift[];
  /** The deployed templates against the assembly (only when the live inventory was at hand: `scan aws --cdk-out`). */
  assembly?: AssemblyDrift;
  /** Resources a stack owns that the scan did not find live: deleted outside the pipeline (`scan aws --cdk-out`). */
  missingLive?: MissingLive[];
}

export interface ControlDrift {
  passesInCodeFailsLive: number;
  failsInCodePassesLive: number;
  undetermined: number;
  /** Distinct live resources per kind. */
  resources?: { passesInCodeFailsLive: number; failsInCodePassesLive: number; undetermined: number };
}

export interface ClaimDrift {
  id: string;
  text: string;
  controls: string[];
  /** Distinct live resources on which a rule of the claim's controls passes in code and fails live. */
  brokenLive: number;
  /** … fails in code and passes live. */
  fixedByHand: number;
  undetermined: number;
  /** "holds in code, broken live on 2 resources". */
  line: string;
}

/** A resource a stack owns that the scan did not find live (src/findings/drift/missing.ts). */
export interface MissingLive {
  stack: string;
  region?: string;
  logicalId: string;
  type: string;
  physicalId: string;
  constructPath?: string;
}
