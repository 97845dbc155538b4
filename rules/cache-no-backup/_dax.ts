/**
 * The two encryption settings of a DAX cluster (AWS::DAX::Cluster), read one way for enc-rest,
 * tls-min and cache-no-backup. Both are fixed at creation and off when omitted: SSESpecification
 * SSEEnabled defaults to false, ClusterEndpointEncryptionType to NONE.
 */
import type { Resource } from '../../src/model/resource.js';
import { known, asBool, text } from '../../src/evaluate/facts.js';

export const DAX_SSE = 'SSESpecification.SSEEnabled';
export const DAX_ENDPOINT = 'ClusterEndpointEncryptionType';

/** SSEEnabled as written, and whether it is on: false when omitted, undefined when not a boolean. Unresolved: NeedsValue. */
export function daxAtRest(r: Resource): { raw: unknown; on: boolean | undefined } {
  const raw = known(r, DAX_SSE);
  return { raw, on: raw === undefined || raw === null ? false : asBool(raw) };
}

/** ClusterEndpointEncryptionType as written, and its mode upper-cased: NONE when omitted. Unresolved: NeedsValue. */
export function daxEndpoint(r: Resource): { raw: unknown; mode: string } {
  const raw = known(r, DAX_ENDPOINT);
  return { raw, mode: raw === undefined || raw === null ? 'NONE' : text(raw).trim().toUpperCase() };
}
