/** The retention window a claims profile allows, and judging a number of days against it. */
import type { Parameters } from '../../src/evaluate/claims-profile.js';

/** Where the default lower bound comes from (a profile may set its own `backup.minDays`). */
export const FLOOR_SOURCE = 'backup.minDays; the default 7 days follows AWS Foundational Security Best Practices RDS.11 and CIS';

export function windowText(p: Parameters): string {
  const b = p.backup;
  return b.mode === 'exact' ? `exactly ${b.maxDays} days` : `${b.minDays}–${b.maxDays} days`;
}

/** Undefined when `days` is inside the window, else why not. */
export function outsideWindow(days: number, p: Parameters): string | undefined {
  const b = p.backup;
  if (b.mode === 'exact') return days === b.maxDays ? undefined : `${days} days, not the ${b.maxDays}-day cycle the claim promises`;
  if (days > b.maxDays) return `${days} days, longer than the ${b.maxDays}-day maximum (the upper bound: the claimed cycle)`;
  if (days < b.minDays)
    return days === 0
      ? 'automated backups are disabled (0 days)'
      : `${days} day${days === 1 ? '' : 's'}, shorter than the ${b.minDays}-day minimum (the lower bound: ${FLOOR_SOURCE})`;
  return undefined;
}
