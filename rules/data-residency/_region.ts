/** Judging one region against the profile's allowed regions. */
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import type { Provider } from '../../src/model/resource.js';
import { ev, pass, fail, unknown, notApplicable } from '../../src/evaluate/facts.js';
import { jurisdictionOf, regionAllowed } from '../../src/lib/regions.js';

export const NO_ALLOWED_REGIONS = 'the claims profile sets no allowedRegions, so residency is not judged (add parameters.allowedRegions, e.g. [US, EU])';

export function noAllowedRegions(params: Parameters): Verdict | undefined {
  return params.allowedRegions && params.allowedRegions.length ? undefined : notApplicable(NO_ALLOWED_REGIONS);
}

export function judgeRegion(provider: Provider, region: string, params: Parameters, path: string, label: string): Verdict {
  const allowed = params.allowedRegions ?? [];
  const j = jurisdictionOf(provider, region);
  const evidence = ev(path, region, allowed.join(', '), j ? `jurisdiction: ${j}` : undefined);
  const ok = regionAllowed(provider, region, allowed);
  if (ok === true) return pass(`${label} is in ${region}, an allowed region`, evidence);
  if (ok === undefined) return unknown(`${label} is in ${region}, which vouch cannot place in a jurisdiction`, evidence);
  return fail(`${label} is in ${region}${j ? ` (${j})` : ''}, outside the allowed regions`, evidence);
}

/** The offending verdicts (fail/unknown) when there are any; else one pass that names every target. */
export function offendersOrPass(out: Verdict[]): Verdict[] {
  const bad = out.filter((v) => v.status === 'fail' || v.status === 'unknown');
  if (bad.length) return bad;
  const passes = out.filter((v) => v.status === 'pass');
  if (passes.length <= 1) return out;
  return [pass(passes.map((v) => v.message).join('; '), ...passes.flatMap((v) => v.evidence ?? []))];
}
