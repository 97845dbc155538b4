/**
 * The run manifest (`DIR/manifest.json`), defined once: the SHA-256 of each
 * file a run wrote, the tool version, the rules' content hash and the run id,
 * and with `--sign-key` an Ed25519 signature over its canonical JSON (keys
 * sorted, no whitespace, without `signature`). Types are inferred here
 * (src/reporters/manifest.ts writes and verifies it) and
 * `schema/manifest.schema.json` is generated from it.
 */
import { z } from 'zod';

export const manifestFileSchema = z.object({
  name: z.string().regex(/^(?!\.\.?$)[^/\\\u0000]+$/).describe('A file in the run directory (no path separators).'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
});

export const manifestSchema = z
  .object({
    manifestVersion: z.literal(1),
    tool: z.object({ name: z.literal('vouch'), version: z.string() }),
    rulesHash: z.string(),
    runId: z.string(),
    createdAt: z.string().meta({ format: 'date-time' }),
    files: z.array(manifestFileSchema),
    signature: z
      .object({
        algorithm: z.literal('ed25519'),
        publicKey: z.string().describe('The signing key’s public half, PEM (SPKI): checks integrity only unless verify is given the expected key.'),
        value: z.string().describe('Base64 Ed25519 signature of the canonical JSON of the manifest without signature.'),
      })
      .optional(),
  })
  .meta({
    $id: 'https://vouch.dev/schema/manifest-1.json',
    title: 'vouch run manifest',
    description: 'manifest.json beside a run’s reports: the SHA-256 of each file, the tool version, the rules hash and the run id, optionally signed (Ed25519); checked by vouch verify.',
  });

export type ManifestFile = z.output<typeof manifestFileSchema>;
export type Manifest = z.output<typeof manifestSchema>;
