/**
 * Claims profiles: the company's published sentences, each mapped to the
 * controls (and parameters) it implies. A profile is YAML validated with zod;
 * rules read only the effective `Parameters` computed here.
 */
import { INPUT_LIMITS, readInputText } from './input-file.js';
import { z } from 'zod';
import { CONTROL_IDS, DEFAULT_CONTROL_IDS, type ControlId } from './controls.js';
import { parseYamlFile } from './yaml-file.js';
import { InputError } from './errors.js';

export const TLS_VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

const tlsVersion = z.preprocess((v) => (typeof v === 'number' ? v.toFixed(1) : v), z.enum(TLS_VERSIONS));
const cidr = z
  .string()
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected a CIDR such as 203.0.113.0/24 or 2001:db8::/32');

const retentionRule = z.strictObject({
  /** Name of the data set in the policy, e.g. `telemetry`. */
  dataSet: z.string().min(1),
  maxDays: z.number().int().positive(),
  /**
   * `max` (the default): data is gone within maxDays ("deleted within 30 days",
   * "up to 90 days"); `exact`: the policy names the period itself ("kept for one
   * year"), so data is kept that long and then deleted.
   */
  mode: z.enum(['max', 'exact']).optional(),
  /**
   * What the days count from: `creation` (the default: data older than maxDays is
   * gone) or `deletion` ("30 days after deletion": copies of deleted data, such as
   * noncurrent object versions or soft-deleted items, are gone maxDays later).
   */
  after: z.enum(['creation', 'deletion']).optional(),
  /** Which resources hold this data set: name glob and/or tags. */
  match: z
    .strictObject({
      name: z.string().optional(),
      tags: z.record(z.string(), z.string()).optional(),
      types: z.array(z.string()).optional(),
    })
    .default({}),
});

const parametersShape = z.strictObject({
  /** Lowest TLS version any endpoint may accept. */
  tlsMin: tlsVersion.optional(),
  backup: z
    .strictObject({
      /** Backups must be deleted after at most this many days. */
      maxDays: z.number().int().positive().optional(),
      /** Backups must be kept at least this many days (0: no minimum). */
      minDays: z.number().int().nonnegative().optional(),
      /** `max`: retention ≤ maxDays; `exact`: retention = maxDays (a rotation cycle). */
      mode: z.enum(['max', 'exact']).optional(),
      /**
       * How often a backup is taken, in hours, as the policy says ("every 6 hours",
       * "nightly" = 24). A frequency promises that backups exist, not how long they
       * are kept: it never sets maxDays.
       */
      frequencyHours: z.number().positive().optional(),
    })
    .optional(),
  /**
   * Regions data may live in: region ids (`eu-west-1`, `europe-west1`, `nyc3`),
   * globs (`us-*`), or the jurisdictions `US` and `EU` (strict reading:
   * London, Zurich and other non-EU European regions are not EU).
   */
  allowedRegions: z.array(z.string().min(1)).optional(),
  bastion: z
    .strictObject({
      /** Security group ids, names or logical ids of the bastion's group(s). */
      securityGroups: z.array(z.string()).optional(),
      /** Tags that mark a bastion (AWS tag, GCP label): `{ Role: bastion }`. */
      tags: z.record(z.string(), z.string()).optional(),
      /** Names/logical ids (globs) of bastion instances. */
      names: z.array(z.string()).optional(),
      /** GCP network tags and service accounts that identify the bastion. */
      gcpNetworkTags: z.array(z.string()).optional(),
      gcpServiceAccounts: z.array(z.string()).optional(),
      /** DigitalOcean droplet tags / ids of the bastion. */
      doTags: z.array(z.string()).optional(),
      doDropletIds: z.array(z.string()).optional(),
      /** Treat SSM Session Manager / EC2 Instance Connect / IAP as allowed admin paths. */
      allowManagedAccess: z.boolean().optional(),
    })
    .optional(),
  /** CIDRs administrators connect from (VPN egress, office). */
  adminCidrs: z.array(cidr).optional(),
  retention: z.array(retentionRule).optional(),
  /** Require customer-managed keys (fail platform-default encryption). */
  requireCustomerManagedKeys: z.boolean().optional(),
  /**
   * The cipher the policy names for data at rest. `AES-256` is what every
   * platform-default and KMS encryption vouch checks uses; enc-rest rules that
   * can see a weaker or unknown algorithm fail or answer unknown.
   */
  cipher: z.enum(['AES-256']).optional(),
  /** Credential hygiene (live IAM): oldest active access key, longest-unused credential. */
  credentials: z
    .strictObject({
      maxAccessKeyAgeDays: z.number().int().positive().optional(),
      maxUnusedDays: z.number().int().positive().optional(),
    })
    .optional(),
});
export type ParametersInput = z.infer<typeof parametersShape>;

export interface Parameters {
  tlsMin: TlsVersion;
  backup: { maxDays: number; minDays: number; mode: 'max' | 'exact'; frequencyHours?: number };
  allowedRegions?: string[];
  bastion: {
    securityGroups: string[];
    tags: Record<string, string>;
    names: string[];
    gcpNetworkTags: string[];
    gcpServiceAccounts: string[];
    doTags: string[];
    doDropletIds: string[];
    allowManagedAccess: boolean;
  };
  adminCidrs: string[];
  retention: { dataSet: string; maxDays: number; mode?: 'max' | 'exact'; after?: 'creation' | 'deletion'; match: { name?: string; tags?: Record<string, string>; types?: string[] } }[];
  requireCustomerManagedKeys: boolean;
  /** Cipher the policy names for data at rest (undefined: none named). */
  cipher?: 'AES-256';
  credentials: { maxAccessKeyAgeDays: number; maxUnusedDays: number };
}

const claimShape = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/i, 'ids are letters, digits, - _ .'),
    /** The sentence as published, quoted exactly. */
    text: z.string().min(1),
    source: z
      .strictObject({
        document: z.string().optional(),
        section: z.string().optional(),
        line: z.number().int().positive().optional(),
      })
      .optional(),
    controls: z.array(z.enum(CONTROL_IDS)).default([]),
    parameters: parametersShape.optional(),
    /** For promises no API can show: what a person must present instead. */
    attestation: z.strictObject({ evidence: z.string().min(1) }).optional(),
    /** Why the mapping was made (the words that triggered it), for review. */
    rationale: z.string().optional(),
    /**
     * How sure the extractor is, with the words that triggered the mapping:
     * `high` (explicit wording), `medium` (read with context: a list's lead-in,
     * the provider named elsewhere, a place it does not know), `low` (a bound
     * read through a hedge, several periods).
     */
    confidence: z.enum(['high', 'medium', 'low']).optional(),
    triggers: z.array(z.string()).optional(),
    reviewed: z.boolean().optional(),
  })
  .refine((c) => c.controls.length > 0 || c.attestation, {
    message: 'a claim needs at least one control or an attestation',
  });
export type Claim = z.infer<typeof claimShape>;

export const profileSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1),
  policy: z
    .strictObject({
      title: z.string().optional(),
      file: z.string().optional(),
      url: z.string().optional(),
      effective: z.string().optional(),
      version: z.string().optional(),
    })
    .optional(),
  parameters: parametersShape.optional(),
  /**
   * The claims. A draft from `vouch claims extract` may have none (the policy
   * promised nothing checkable; `extracted` says so); such a profile is refused
   * when loaded for a check, since it would check nothing.
   */
  claims: z.array(claimShape),
  /** Written by `vouch claims extract` when it found nothing checkable: why. */
  extracted: z.strictObject({ nothingCheckable: z.string().min(1) }).optional(),
  /**
   * Public endpoints the promises cover (`https://shop.example.com`,
   * `api.example.com:8443`): probed with the inventory's endpoints when a
   * command runs with --probe (docs/probe.md). Nothing is probed without it.
   */
  endpoints: z.array(z.string().min(1).max(300)).max(1000).optional(),
  /**
   * Sentences that read like promises but map to no control (written by
   * `vouch claims extract` for a person to review). Not checked; kept so that
   * nothing the policy says is silently dropped.
   */
  review: z
    .array(
      z.strictObject({
        text: z.string().min(1),
        source: z.strictObject({ document: z.string().optional(), section: z.string().optional(), line: z.number().int().positive().optional() }).optional(),
        reason: z.string().min(1),
      }),
    )
    .optional(),
});
export type ProfileInput = z.infer<typeof profileSchema>;

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
