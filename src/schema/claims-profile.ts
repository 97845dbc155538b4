/**
 * The claims profile (`--claims FILE`), defined once: its TypeScript types are
 * inferred here, src/evaluate/claims-profile.ts loads profiles through it, and
 * `schema/claims-profile.schema.json` is generated from it.
 */
import { z } from 'zod';
import { publishedAs } from './json-as.js';
import { CONTROL_IDS } from '../evaluate/controls.js';

export const TLS_VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

// YAML reads a bare 1.2 as a number: both forms are accepted.
const tlsVersion = publishedAs(
  z.preprocess((v) => (typeof v === 'number' ? v.toFixed(1) : v), z.enum(TLS_VERSIONS)),
  { anyOf: [{ type: 'string', enum: [...TLS_VERSIONS] }, { type: 'number', enum: TLS_VERSIONS.map(Number) }] },
);
const cidr = z
  .string()
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected a CIDR such as 203.0.113.0/24 or 2001:db8::/32');

export const retentionRuleSchema = z.strictObject({
  /** Name of the data set in the policy, e.g. `telemetry`. */
  dataSet: z.string().min(1).describe("Name of the data set in the policy, e.g. telemetry."),
  maxDays: z.number().int().positive(),
  /**
   * `max` (the default): data is gone within maxDays ("deleted within 30 days",
   * "up to 90 days"); `exact`: the policy names the period itself ("kept for one
   * year"), so data is kept that long and then deleted.
   */
  mode: z.enum(['max', 'exact']).optional().describe("max (the default): data is gone within maxDays (\"deleted within 30 days\", \"up to 90 days\"); exact: the policy names the period itself (\"kept for one year\"), so data is kept that long and then deleted."),
  /**
   * What the days count from: `creation` (the default: data older than maxDays is
   * gone) or `deletion` ("30 days after deletion": copies of deleted data, such as
   * noncurrent object versions or soft-deleted items, are gone maxDays later).
   */
  after: z.enum(['creation', 'deletion']).optional().describe("What the days count from: creation (the default: data older than maxDays is gone) or deletion (\"30 days after deletion\": copies of deleted data, such as noncurrent object versions or soft-deleted items, are gone maxDays later)."),
  /** Which resources hold this data set: name glob and/or tags. */
  match: z
    .strictObject({
      name: z.string().optional(),
      tags: z.record(z.string(), z.string()).optional(),
      types: z.array(z.string()).optional(),
    })
    .default({}).describe("Which resources hold this data set: name glob and/or tags."),
});

export const parametersSchema = z.strictObject({
  /** Lowest TLS version any endpoint may accept. */
  tlsMin: tlsVersion.optional().describe("Lowest TLS version any endpoint may accept."),
  backup: z
    .strictObject({
      /** Backups must be deleted after at most this many days. */
      maxDays: z.number().int().positive().optional().describe("Backups must be deleted after at most this many days."),
      /** Backups must be kept at least this many days (0: no minimum). */
      minDays: z.number().int().nonnegative().optional().describe("Backups must be kept at least this many days (0: no minimum)."),
      /** `max`: retention ≤ maxDays; `exact`: retention = maxDays (a rotation cycle). */
      mode: z.enum(['max', 'exact']).optional().describe("max: retention ≤ maxDays; exact: retention = maxDays (a rotation cycle)."),
      /**
       * How often a backup is taken, in hours, as the policy says ("every 6 hours",
       * "nightly" = 24). A frequency promises that backups exist, not how long they
       * are kept: it never sets maxDays.
       */
      frequencyHours: z.number().positive().optional().describe("How often a backup is taken, in hours, as the policy says (\"every 6 hours\", \"nightly\" = 24). A frequency promises that backups exist, not how long they are kept: it never sets maxDays."),
    })
    .optional(),
  /**
   * Regions data may live in: region ids (`eu-west-1`, `europe-west1`, `nyc3`),
   * globs (`us-*`), or the jurisdictions `US` and `EU` (strict reading:
   * London, Zurich and other non-EU European regions are not EU).
   */
  allowedRegions: z.array(z.string().min(1)).optional().describe("Regions data may live in: region ids (eu-west-1, europe-west1, nyc3), globs (us-*), or the jurisdictions US and EU (strict reading: London, Zurich and other non-EU European regions are not EU)."),
  bastion: z
    .strictObject({
      /** Security group ids, names or logical ids of the bastion's group(s). */
      securityGroups: z.array(z.string()).optional().describe("Security group ids, names or logical ids of the bastion's group(s)."),
      /** Tags that mark a bastion (AWS tag, GCP label): `{ Role: bastion }`. */
      tags: z.record(z.string(), z.string()).optional().describe("Tags that mark a bastion (AWS tag, GCP label): { Role: bastion }."),
      /** Names/logical ids (globs) of bastion instances. */
      names: z.array(z.string()).optional().describe("Names/logical ids (globs) of bastion instances."),
      /** GCP network tags and service accounts that identify the bastion. */
      gcpNetworkTags: z.array(z.string()).optional().describe("GCP network tags and service accounts that identify the bastion."),
      gcpServiceAccounts: z.array(z.string()).optional(),
      /** DigitalOcean droplet tags / ids of the bastion. */
      doTags: z.array(z.string()).optional().describe("DigitalOcean droplet tags / ids of the bastion."),
      doDropletIds: z.array(z.string()).optional(),
      /** Treat SSM Session Manager / EC2 Instance Connect / IAP as allowed admin paths. */
      allowManagedAccess: z.boolean().optional().describe("Treat SSM Session Manager / EC2 Instance Connect / IAP as allowed admin paths."),
    })
    .optional(),
  /** CIDRs administrators connect from (VPN egress, office). */
  adminCidrs: z.array(cidr).optional().describe("CIDRs administrators connect from (VPN egress, office)."),
  retention: z.array(retentionRuleSchema).optional(),
  /** Require customer-managed keys (fail platform-default encryption). */
  requireCustomerManagedKeys: z.boolean().optional().describe("Require customer-managed keys (fail platform-default encryption)."),
  /**
   * The cipher the policy names for data at rest. `AES-256` is what every
   * platform-default and KMS encryption vouch checks uses; enc-rest rules that
   * can see a weaker or unknown algorithm fail or answer unknown.
   */
  cipher: z.enum(['AES-256']).optional().describe("The cipher the policy names for data at rest. AES-256 is what every platform-default and KMS encryption vouch checks uses; enc-rest rules that can see a weaker or unknown algorithm fail or answer unknown."),
  /** Credential hygiene (live IAM): oldest active access key, longest-unused credential. */
  credentials: z
    .strictObject({
      maxAccessKeyAgeDays: z.number().int().positive().optional(),
      maxUnusedDays: z.number().int().positive().optional(),
    })
    .optional().describe("Credential hygiene (live IAM): oldest active access key, longest-unused credential."),
});

export type ParametersInput = z.infer<typeof parametersSchema>;
type Given<T> = Required<NonNullable<T>>;
type BackupInput = NonNullable<ParametersInput['backup']>;

/** Effective parameters: the profile's, every omitted one filled from the defaults (src/evaluate/claims-profile.ts DEFAULT_PARAMETERS). */
export interface Parameters {
  tlsMin: TlsVersion;
  backup: Required<Omit<BackupInput, 'frequencyHours'>> & Pick<BackupInput, 'frequencyHours'>;
  allowedRegions?: ParametersInput['allowedRegions'];
  bastion: Given<ParametersInput['bastion']>;
  adminCidrs: string[];
  retention: z.output<typeof retentionRuleSchema>[];
  requireCustomerManagedKeys: boolean;
  /** Cipher the policy names for data at rest (undefined: none named). */
  cipher?: ParametersInput['cipher'];
  credentials: Given<ParametersInput['credentials']>;
}

export const claimSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/i, 'ids are letters, digits, - _ .'),
    /** The sentence as published, quoted exactly. */
    text: z.string().min(1).describe("The sentence as published, quoted exactly."),
    source: z
      .strictObject({
        document: z.string().optional(),
        section: z.string().optional(),
        line: z.number().int().positive().optional(),
      })
      .optional(),
    controls: z.array(z.enum(CONTROL_IDS)).default([]),
    parameters: parametersSchema.optional(),
    /** For promises no API can show: what a person must present instead. */
    attestation: z.strictObject({ evidence: z.string().min(1) }).optional().describe("For promises no API can show: what a person must present instead."),
    /** Why the mapping was made (the words that triggered it), for review. */
    rationale: z.string().optional().describe("Why the mapping was made (the words that triggered it), for review."),
    /**
     * How sure the extractor is, with the words that triggered the mapping:
     * `high` (explicit wording), `medium` (read with context: a list's lead-in,
     * the provider named elsewhere, a place it does not know), `low` (a bound
     * read through a hedge, several periods).
     */
    confidence: z.enum(['high', 'medium', 'low']).optional().describe("How sure the extractor is, with the words that triggered the mapping: high (explicit wording), medium (read with context: a list's lead-in, the provider named elsewhere, a place it does not know), low (a bound read through a hedge, several periods)."),
    triggers: z.array(z.string()).optional(),
    reviewed: z.boolean().optional(),
  })
  .refine((c) => c.controls.length > 0 || c.attestation, {
    message: 'a claim needs at least one control or an attestation',
  });
export type Claim = z.infer<typeof claimSchema>;

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
  parameters: parametersSchema.optional(),
  /**
   * The claims. A draft from `vouch claims extract` may have none (the policy
   * promised nothing checkable; `extracted` says so); such a profile is refused
   * when loaded for a check, since it would check nothing.
   */
  claims: z.array(claimSchema).describe("The claims. A draft from vouch claims extract may have none (the policy promised nothing checkable; extracted says so); such a profile is refused when loaded for a check, since it would check nothing."),
  /** Written by `vouch claims extract` when it found nothing checkable: why. */
  extracted: z.strictObject({ nothingCheckable: z.string().min(1) }).optional().describe("Written by vouch claims extract when it found nothing checkable: why."),
  /**
   * Public endpoints the promises cover (`https://shop.example.com`,
   * `api.example.com:8443`): probed with the inventory's endpoints when a
   * command runs with --probe (docs/probe.md). Nothing is probed without it.
   */
  endpoints: z.array(z.string().min(1).max(300)).max(1000).optional().describe("Public endpoints the promises cover (https://shop.example.com, api.example.com:8443): probed with the inventory's endpoints when a command runs with --probe (docs/probe.md). Nothing is probed without it."),
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
    .optional().describe("Sentences that read like promises but map to no control (written by vouch claims extract for a person to review). Not checked; kept so that nothing the policy says is silently dropped."),
}).meta({
  $id: 'https://vouch.dev/schema/claims-profile-1.json',
  title: 'vouch claims profile',
  description: "A company's published security promises (claims), each mapped to the controls and parameters it implies (--claims FILE, YAML). Written by hand or drafted by vouch claims extract.",
});
export type ProfileInput = z.infer<typeof profileSchema>;
