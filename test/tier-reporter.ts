/**
 * Prints, after vitest's own summary, the integration test files that were
 * skipped because a prerequisite is missing (outside CI), or the
 * prerequisites missing under CI (where those files run and fail).
 */
import type { Reporter, TestModule } from 'vitest/node';
import type { Vitest } from 'vitest/node';
import type { TierPlan } from './tiers.js';
import { PREREQS_VAR } from './prereqs.js';

export class TierReporter implements Reporter {
  private integration = false;
  constructor(private readonly plan: TierPlan) {}

  onInit(vitest: Vitest): void {
    this.integration = vitest.projects.some((p) => p.name === 'integration');
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>): void {
    if (!this.integration) return;
    const lines: string[] = [];
    if (this.plan.skipped.length) {
      const byWhy = new Map<string, string[]>();
      for (const s of this.plan.skipped) {
        const why = s.needs.map((n) => `${n.need}: ${n.why}`).join('; ');
        byWhy.set(why, [...(byWhy.get(why) ?? []), s.file]);
      }
      for (const [why, files] of byWhy) lines.push(`   Skipped  ${files.length} test file${files.length > 1 ? 's' : ''} (${why}): ${files.join(', ')}`);
      lines.push(`            prerequisites are set with ${PREREQS_VAR} (docs/CONTRIBUTING.md); under CI=true a missing one fails instead`);
    } else if (this.plan.ci && this.plan.missing.length) {
      for (const m of this.plan.missing) lines.push(`   Missing  ${m.need} under CI=true, so its tests failed: ${m.why}`);
    }
    if (lines.length) process.stdout.write(lines.join('\n') + '\n\n');
  }
}
