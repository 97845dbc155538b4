/**
 * Read an evidence document written by an earlier run, for `vouch report`,
 * `vouch diff` and `vouch merge`. It is checked against the one evidence
 * schema (src/schema/evidence.ts, the source of schema/evidence.schema.json);
 * unknown extra fields are allowed and kept, for documents from newer minor
 * versions. Any problem is one line naming the file and the field.
 */
import { readInputText } from '../util/input-file.js';
import type { EvidenceDocument } from '../findings/evidence.js';
import { parseJsonAs } from '../util/json-file.js';
import { evidenceSchema } from '../schema/evidence.js';

/** Larger files are refused rather than read into memory (≈ 1.5 million findings). */
export const MAX_EVIDENCE_BYTES = 1024 * 1024 * 1024;

export function parseEvidence(text: string, file: string): EvidenceDocument {
  return parseJsonAs(text, file, evidenceSchema, 'not a vouch evidence document') as EvidenceDocument;
}

export function loadEvidence(file: string): EvidenceDocument {
  const text = readInputText(file, {
    maxBytes: MAX_EVIDENCE_BYTES,
    tooBig: (size) => `${Math.round(size / 1048576)} MB is larger than the ${MAX_EVIDENCE_BYTES / 1048576} MB vouch reads`,
  });
  return parseEvidence(text, file);
}
