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

/**
 * Verdicts one resource lists, at most: a resource has a few dozen targets at most (there are about 35
 * regions), but a hostile list does not stop there. 50 Lex bots of 5,000 replica regions each made
 * 150,000 findings (157 MB of evidence from a 20 MB template, fixP2); past this many, the rest are
 * one verdict, as bad as the worst of them (100 in all, the bound of src/evaluate/evaluate.ts).
 */
export const MAX_LISTED = 99;

/** The offending verdicts (fail/unknown) when there are any; else one pass that names every target. */
export function offendersOrPass(out: Verdict[]): Verdict[] {
  const bad = out.filter((v) => v.status === 'fail' || v.status === 'unknown');
  if (bad.length) {
    if (bad.length <= MAX_LISTED) return bad;
    // Fails first, so a failing target is never folded away behind unknown ones.
    const ordered = [...bad.filter((v) => v.status === 'fail'), ...bad.filter((v) => v.status === 'unknown')];
    const rest = ordered.slice(MAX_LISTED);
    const fails = rest.filter((v) => v.status === 'fail').length;
    const more: Verdict = fails
      ? fail(`and ${rest.length} more targets (${fails} outside the allowed regions), not listed one by one`, ...(rest[0]!.evidence ?? []))
      : unknown(`and ${rest.length} more targets vouch cannot place in a jurisdiction, not listed one by one`, ...(rest[0]!.evidence ?? []));
    return [...ordered.slice(0, MAX_LISTED), { ...more, subId: '(more targets)' }];
  }
  const passes = out.filter((v) => v.status === 'pass');
  if (passes.length <= 1) return out;
  const shown = passes.slice(0, MAX_LISTED);
  const tail = passes.length > MAX_LISTED ? `; and ${passes.length - MAX_LISTED} more in allowed regions` : '';
  return [pass(shown.map((v) => v.message).join('; ') + tail, ...shown.flatMap((v) => v.evidence ?? []))];
}
