import type { EvidenceDocument } from '../engine/evidence.js';

export function renderJson(doc: EvidenceDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
