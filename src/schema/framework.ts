/**
 * A benchmark profile (frameworks/<id>.yaml, read by `--benchmark`): the
 * controls of a benchmark and the rules that decide each. Loaded by
 * src/evaluate/frameworks/profile.ts.
 */
import { z } from 'zod';
import { PROVIDER_NAMES, PROVIDER_PATTERN } from '../model/provider-names.js';

const ruleRef = z.string().regex(new RegExp(`^[a-z0-9-]+/(${PROVIDER_PATTERN})-[a-z0-9-]+(\\[[^[\\]]+\\])?$`), 'expected <control>/<provider>-<subject>, optionally [subId]');

const controlShape = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9.]+$/, 'control ids are letters, digits and dots (1.4, 2.1.1, EC2.2)'),
    title: z.string().min(5),
    section: z.string().min(1).optional(),
    assessment: z.enum(['automated', 'manual']),
    rules: z.array(ruleRef).default([]),
    note: z.string().min(1).optional(),
    attest: z.string().min(1).optional(),
  })
  .refine((c) => c.assessment === 'automated' || c.rules.length > 0 || c.attest, { message: 'a manual control without rules says what a person must show (attest)' });

export const frameworkSchema = z
  .strictObject({
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    /** Edition of the benchmark the control ids and titles follow. */
    edition: z.string().min(1),
    provider: z.enum(PROVIDER_NAMES),
    url: z.string().url().optional(),
    /** What the profile leaves out (for FSBP: services vouch does not collect). */
    scope: z.string().optional(),
    controls: z.array(controlShape).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.controls.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['controls', i, 'id'], message: `duplicate control id ${c.id}` });
      seen.add(c.id);
    });
  });
export type FrameworkInput = z.infer<typeof frameworkSchema>;
