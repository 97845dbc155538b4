/**
 * `scan aws --cdk-out DIR`: drift in the same run. The assembly is loaded
 * before any cloud call (a bad path is exit 2 at once), checked with the same
 * rules and claims profile as the live scan, and compared with the live
 * evidence (./compare.ts) and, with the live inventory at hand, the deployed
 * templates with the assembly (./assembly.ts). The result goes into the
 * evidence document as `drift`, so every report renders it; live findings
 * owned by a stack get `owner.code`: the source line from the assembly's
 * stack traces, else the resource in its template (SARIF points there).
 */
import type { EvidenceDocument, Finding } from '../evidence.js';
import type { Inventory } from '../../model/inventory.js';
import type { ClaimsProfile } from '../../evaluate/claims-profile.js';
import { loadIac } from '../../sources/iac/load.js';
import { loadRules } from '../../evaluate/registry.js';
import { runEvaluation } from '../../evaluate/run.js';
import { compareDrift } from './compare.js';
import { codeStacks, compareAssembly, propertiesReadByRules } from './assembly.js';
import { sourceLines } from './traces.js';
import { missingLive } from './missing.js';

export interface CodeDriftStage {
  /** Compare the live document with the code and write the result into it. */
  augment(doc: EvidenceDocument, inventory: Inventory): void;
}

/** Load the assembly now (input errors before any cloud call); judge and compare later. */
export async function prepareCodeDrift(paths: string[], profile: ClaimsProfile): Promise<CodeDriftStage> {
  const code = loadIac(paths);
  const rules = await loadRules();
  return {
    augment(doc, inventory) {
      const codeDoc = runEvaluation({ inventory: code, rules, profile, command: `check ${paths.join(' ')}`, inputs: code.coverage.inputs ?? paths });
      const assembly = compareAssembly([...inventory.all()], codeStacks([...code.all()]), propertiesReadByRules(codeDoc));
      const drift = compareDrift(doc, codeDoc, assembly);
      drift.missingLive = missingLive([...inventory.all()], inventory.coverage);
      attachCode(doc.findings, codeDoc, sourceLines(paths));
      doc.drift = drift;
    },
  };
}

/** Set `owner.code` on live findings whose owning stack resource is in the assembly. */
export function attachCode(findings: Finding[], code: EvidenceDocument, traces: Map<string, { file: string; line: number }>): void {
  const where = new Map<string, { file?: string; line?: number; stack: string; logicalId: string }>();
  for (const f of code.findings) {
    const r = f.resource;
    if (r.source !== 'iac' || !r.stack || !r.logicalId) continue;
    const v = { file: r.file, line: r.line, stack: r.stack, logicalId: r.logicalId };
    where.set(`s\u0000${r.stack}\u0000${r.logicalId}`, v);
    if (r.constructPath) where.set(`p\u0000${r.constructPath}`, v);
  }
  for (const f of findings) {
    const o = f.resource.owner;
    if (f.resource.source !== 'live' || o?.status !== 'stack' || !o.stackName || !o.logicalId) continue;
    const w = where.get(`s\u0000${o.stackName}\u0000${o.logicalId}`) ?? (o.constructPath ? where.get(`p\u0000${o.constructPath}`) : undefined);
    if (!w) continue;
    const t = traces.get(`${w.stack}\u0000${w.logicalId}`);
    if (t) f.resource.owner = { ...o, code: { file: t.file, line: t.line, via: 'trace' } };
    else if (w.file) f.resource.owner = { ...o, code: { file: w.file, ...(w.line ? { line: w.line } : {}), via: 'template' } };
  }
}
