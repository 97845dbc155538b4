/**
 * Claims profiles: the company's published sentences, each mapped to the
 * controls (and parameters) it implies. A profile is YAML validated with the
 * one zod schema of src/schema/claims-profile.ts;
 * rules read only the effective `Parameters` computed here.
 */
import { INPUT_LIMITS, readInputText } from '../util/input-file.js';
import { CONTROL_IDS, DEFAULT_CONTROL_IDS, type ControlId } from './controls.js';
import { parseYamlFile } from '../util/yaml-file.js';
import { InputError } from '../util/errors.js';

export { TLS_VERSIONS, claimSchema, parametersSchema, profileSchema } from '../schema/claims-profile.js';
export type { Claim, Parameters, ParametersInput, ProfileInput, TlsVersion } from '../schema/claims-profile.js';
import { profileSchema, type Claim, type Parameters, type ParametersInput, type ProfileInput, type TlsVersion } from '../schema/claims-profile.js';

export interface ClaimsProfile {
  name: string;
  file?: string;
  policy?: ProfileInput['policy'];
  claims: Claim[];
  /** Promise-like sentences not mapped to any control, left for review. */
  review: NonNullable<ProfileInput['review']>;
  /** Effective parameters after merging defaults, profile and claims. */
  parameters: Parameters;
  /** Controls any claim implies: only their rules run. */
  controls: ControlId[];
  /** Public endpoints named by the profile, probed only with --probe. */
  endpoints?: string[];
}

export const DEFAULT_PARAMETERS: Parameters = {
  tlsMin: '1.2',
  // Floor: AWS Foundational Security Best Practices (RDS.11) and CIS ask for at least 7 days of automated backups.
  backup: { maxDays: 35, minDays: 7, mode: 'max' },
  allowedRegions: undefined,
  bastion: {
    securityGroups: [],
    tags: { Role: 'bastion' },
    names: ['*bastion*', '*Bastion*'],
    gcpNetworkTags: ['bastion'],
    gcpServiceAccounts: [],
    doTags: ['bastion'],
    doDropletIds: [],
    allowManagedAccess: true,
  },
  adminCidrs: [],
  retention: [],
  requireCustomerManagedKeys: false,
  // CIS AWS Foundations: rotate access keys within 90 days, disable credentials unused for 45 days.
  credentials: { maxAccessKeyAgeDays: 90, maxUnusedDays: 45 },
};

const TLS_RANK: Record<TlsVersion, number> = { '1.0': 0, '1.1': 1, '1.2': 2, '1.3': 3 };

/**
 * Merge parameters. Where two claims set the same orderable parameter, the
 * stricter wins (higher TLS floor, shorter backup maximum); lists and maps
 * from a later source replace earlier ones.
 */
export function mergeParameters(base: Parameters, input: ParametersInput | undefined, strictest: boolean): Parameters {
  if (!input) return base;
  const out: Parameters = structuredClone(base);
  if (input.tlsMin) {
    out.tlsMin = strictest && TLS_RANK[base.tlsMin] > TLS_RANK[input.tlsMin] ? base.tlsMin : input.tlsMin;
  }
  if (input.backup) {
    const b = input.backup;
    if (b.maxDays !== undefined) out.backup.maxDays = strictest ? Math.min(base.backup.maxDays, b.maxDays) : b.maxDays;
    if (b.minDays !== undefined) out.backup.minDays = strictest ? Math.max(base.backup.minDays, b.minDays) : b.minDays;
    if (b.mode) out.backup.mode = strictest && base.backup.mode === 'exact' ? 'exact' : b.mode;
    if (b.frequencyHours !== undefined)
      out.backup.frequencyHours = strictest && base.backup.frequencyHours !== undefined ? Math.min(base.backup.frequencyHours, b.frequencyHours) : b.frequencyHours;
  }
  // Between claims, places add up: each residency claim names where some data may be.
  if (input.allowedRegions)
    out.allowedRegions = strictest && base.allowedRegions ? [...new Set([...base.allowedRegions, ...input.allowedRegions])] : [...input.allowedRegions];
  if (input.bastion) {
    for (const [k, v] of Object.entries(input.bastion)) {
      if (v !== undefined) (out.bastion as Record<string, unknown>)[k] = v;
    }
  }
  if (input.adminCidrs) out.adminCidrs = [...input.adminCidrs];
  if (input.retention) out.retention = input.retention.map((r) => ({ ...r, match: r.match ?? {} }));
  if (input.requireCustomerManagedKeys !== undefined)
    out.requireCustomerManagedKeys = strictest ? base.requireCustomerManagedKeys || input.requireCustomerManagedKeys : input.requireCustomerManagedKeys;
  if (input.cipher) out.cipher = input.cipher;
  if (input.credentials) {
    const c = input.credentials;
    if (c.maxAccessKeyAgeDays !== undefined) out.credentials.maxAccessKeyAgeDays = strictest ? Math.min(base.credentials.maxAccessKeyAgeDays, c.maxAccessKeyAgeDays) : c.maxAccessKeyAgeDays;
    if (c.maxUnusedDays !== undefined) out.credentials.maxUnusedDays = strictest ? Math.min(base.credentials.maxUnusedDays, c.maxUnusedDays) : c.maxUnusedDays;
  }
  return out;
}

export function buildProfile(input: ProfileInput, file?: string): ClaimsProfile {
  let params = mergeParameters(DEFAULT_PARAMETERS, input.parameters, false);
  // Claims were written after the profile defaults were chosen; the stricter wins.
  const fromClaims = input.parameters ? params : DEFAULT_PARAMETERS;
  let claimParams: Parameters | undefined;
  for (const c of input.claims) {
    if (!c.parameters) continue;
    claimParams = mergeParameters(claimParams ?? fromClaims, c.parameters, claimParams !== undefined);
  }
  if (claimParams) params = claimParams;
  const controls = [...new Set(input.claims.flatMap((c) => c.controls))];
  controls.sort((a, b) => CONTROL_IDS.indexOf(a) - CONTROL_IDS.indexOf(b));
  const out: ClaimsProfile = { name: input.name, file, policy: input.policy, claims: input.claims, review: input.review ?? [], parameters: params, controls };
  if (input.endpoints?.length) out.endpoints = [...input.endpoints];
  return out;
}

export function parseProfile(data: unknown, file: string): ClaimsProfile {
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new InputError(`${file}: ${where}: ${issue.message}${more}`);
  }
  if (!parsed.data.claims.length) {
    const why = parsed.data.extracted?.nothingCheckable;
    throw new InputError(`${file}: claims: the profile has no claims, so a check would check nothing${why ? ` (the draft says: ${why})` : ''}; add a claim or leave out --claims`);
  }
  return buildProfile(parsed.data, file);
}

export function loadProfile(file: string): ClaimsProfile {
  const text = readInputText(file, { maxBytes: INPUT_LIMITS.claims, what: 'claims profile' });
  return parseProfile(parseYamlFile(text, file), file);
}

/** The profile used when no `--claims` is given: every control, common parameters. */
export function defaultProfile(): ClaimsProfile {
  return buildProfile(
    {
      version: 1,
      name: 'vouch default profile',
      // Opt-in controls (benchmark hygiene) run only when claimed or named by --benchmark.
      claims: DEFAULT_CONTROL_IDS.map((id) => ({
        id: `default-${id}`,
        text: `Default check for control ${id}.`,
        controls: [id],
      })),
    },
    undefined,
  );
}
