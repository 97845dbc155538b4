/**
 * One evaluation run: inventory + rules + claims profile + suppressions →
 * the evidence document. Shared by `check`, `scan`, `evaluate` and the CDK plugin.
 */
import { randomUUID } from 'node:crypto';
import type { Rule, Severity } from './rule.js';
import type { Inventory } from './inventory.js';
import type { ClaimsProfile } from './claims.js';
import type { EvidenceDocument } from './evidence.js';
import { SCHEMA_VERSION } from './evidence.js';
import { evaluate, summarize } from './evaluate.js';
import { applySuppressions, type Suppression } from './suppressions.js';
import { rulesHash } from './registry.js';
import { VERSION } from './version.js';

export interface RunOptions {
  inventory: Inventory;
  rules: readonly Rule[];
  profile: ClaimsProfile;
  suppressions?: Suppression[];
  failOn?: Severity;
  command: string;
  inputs: string[];
  startedAt?: Date;
  now?: Date;
}

export function runEvaluation(o: RunOptions): EvidenceDocument {
  const startedAt = o.startedAt ?? new Date();
  const failOn = o.failOn ?? 'low';
  const findings = evaluate(o.inventory, o.rules, {
    controls: o.profile.controls,
    ctx: { params: o.profile.parameters, inventory: o.inventory },
  });
  applySuppressions(findings, o.suppressions ?? [], (f) => o.inventory.get(f.resource.id)?.acknowledgements, o.now ?? new Date());
  const sourceFailures = o.inventory.coverage.failures?.length ?? 0;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'vouch', version: VERSION, rulesHash: rulesHash([...o.rules]) },
    run: {
      id: randomUUID(),
      command: o.command,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      inputs: o.inputs,
      failOn,
      rules: o.rules.filter((r) => o.profile.controls.includes(r.control)).length,
    },
    claims: {
      profile: o.profile.name,
      ...(o.profile.file ? { file: o.profile.file } : {}),
      ...(o.profile.policy ? { policy: o.profile.policy } : {}),
      parameters: o.profile.parameters,
      controls: o.profile.controls,
      items: o.profile.claims,
    },
    coverage: o.inventory.coverage,
    findings,
    summary: summarize(findings, failOn, sourceFailures),
  };
}
