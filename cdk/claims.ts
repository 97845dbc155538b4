/**
 * Claim-derived settings for the constructs and the plugin: the TLS floor,
 * the backup cycle, admin CIDRs. They come from (first found) the construct's
 * `claims` prop, the `vouch:claims` context value (a profile file path or an
 * object), or vouch's defaults (TLS 1.2, 35-day backups).
 */
import type { IConstruct } from 'constructs';
import { buildProfile, defaultProfile, loadProfile, type ClaimsProfile, type TlsVersion } from '../src/evaluate/claims-profile.js';
import { DEFAULT_CONTROL_IDS } from '../src/evaluate/controls.js';

/** Claim settings given inline instead of a claims profile file. */
export interface ClaimSettings {
  /**
   * Lowest TLS version any endpoint may accept.
   * @default '1.2'
   */
  readonly tlsMin?: '1.2' | '1.3';
  /**
   * Days automated backups are kept: the backup rotation cycle.
   * @default 35
   */
  readonly backupDays?: number;
  /**
   * CIDRs administrators connect from (VPN egress, office).
   * @default - none: administrative access only through SSM Session Manager
   */
  readonly adminCidrs?: string[];
  /**
   * Require customer-managed KMS keys instead of platform-default encryption.
   * @default false
   */
  readonly requireCustomerManagedKeys?: boolean;
}

/** A claims profile file path, a loaded profile, or inline settings. */
export type ClaimsSource = string | ClaimsProfile | ClaimSettings;

/** Context key an app can set once (`-c vouch:claims=claims.yaml` or in cdk.json). */
export const CLAIMS_CONTEXT = 'vouch:claims';

export interface ResolvedClaims {
  readonly profile: ClaimsProfile;
  readonly tlsMin: TlsVersion;
  readonly backupDays: number;
  readonly backupMode: 'max' | 'exact';
  readonly adminCidrs: string[];
  readonly requireCustomerManagedKeys: boolean;
}

const byFile = new Map<string, ClaimsProfile>();

function isProfile(v: object): v is ClaimsProfile {
  return 'parameters' in v && 'controls' in v && 'claims' in v;
}

/** Inline settings as a profile covering every control, so the plugin judges them all. */
export function profileFromSettings(s: ClaimSettings): ClaimsProfile {
  if (s.tlsMin !== undefined && s.tlsMin !== '1.2' && s.tlsMin !== '1.3') throw new Error(`claims.tlsMin must be '1.2' or '1.3', got ${String(s.tlsMin)}`);
  if (s.backupDays !== undefined && (!Number.isInteger(s.backupDays) || s.backupDays < 1 || s.backupDays > 35))
    throw new Error(`claims.backupDays must be a whole number of days from 1 to 35 (the RDS maximum), got ${String(s.backupDays)}`);
  return buildProfile(
    {
      version: 1,
      name: 'vouch CDK claims',
      parameters: {
        ...(s.tlsMin ? { tlsMin: s.tlsMin } : {}),
        ...(s.backupDays !== undefined ? { backup: { maxDays: s.backupDays } } : {}),
        ...(s.adminCidrs ? { adminCidrs: [...s.adminCidrs] } : {}),
        ...(s.requireCustomerManagedKeys !== undefined ? { requireCustomerManagedKeys: s.requireCustomerManagedKeys } : {}),
      },
      // Opt-in controls (benchmark hygiene) are not CDK guardrails unless a claims file names them.
      claims: DEFAULT_CONTROL_IDS.map((id) => ({ id: `cdk-${id}`, text: `CDK guardrail for control ${id}.`, controls: [id] })),
    },
    undefined,
  );
}

/** Turn any claims source into a profile (profile files are read once per process). */
export function toProfile(source: ClaimsSource | undefined): ClaimsProfile {
  if (source === undefined) return defaultProfile();
  if (typeof source === 'string') {
    let p = byFile.get(source);
    if (!p) {
      p = loadProfile(source);
      byFile.set(source, p);
    }
    return p;
  }
  return isProfile(source) ? source : profileFromSettings(source);
}

/** The claims in force for a construct: its prop, else the `vouch:claims` context, else defaults. */
export function resolveClaims(scope: IConstruct, explicit?: ClaimsSource): ResolvedClaims {
  const fromContext = scope.node.tryGetContext(CLAIMS_CONTEXT) as ClaimsSource | undefined;
  const profile = toProfile(explicit ?? fromContext);
  const p = profile.parameters;
  return {
    profile,
    tlsMin: p.tlsMin,
    backupDays: p.backup.maxDays,
    backupMode: p.backup.mode,
    adminCidrs: p.adminCidrs,
    requireCustomerManagedKeys: p.requireCustomerManagedKeys,
  };
}
