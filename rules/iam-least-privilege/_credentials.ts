/** Shared by the credential-hygiene rules: credential-report facts and the time they describe. */
import type { Resource } from '../../src/model/resource.js';
import { known } from '../../src/evaluate/facts.js';

export interface AccessKeyFacts {
  Slot: number;
  Active?: boolean;
  LastRotated?: string;
  LastUsed?: string;
}

export interface CredentialFacts {
  PasswordEnabled?: boolean;
  PasswordLastUsed?: string;
  MfaActive?: boolean;
  UserCreationTime?: string;
  AccessKeys?: AccessKeyFacts[];
}

/**
 * Ages are measured at the report's generation time, so a verdict does not drift with the clock.
 * A time the collector found insane (years old, in the future) is a gap: `known` makes the verdict unknown.
 */
export function reportTime(r: Resource): number {
  const at = known(r, 'Live.CredentialReportGeneratedAt');
  const t = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}

export function daysBetween(fromIso: string | undefined, now: number): number | undefined {
  if (!fromIso) return undefined;
  const t = Date.parse(fromIso);
  return Number.isFinite(t) ? Math.floor((now - t) / 86_400_000) : undefined;
}
