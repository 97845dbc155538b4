/**
 * When a list call fails there is no resource to hang the failure on, yet a
 * rule must still say "could not check" for that project. A collection gap is
 * a stand-in resource of the listed type whose every property is a gap, so
 * each rule on that type answers `unknown` with the error, never `pass`.
 */
import type { Resource } from '../../../../model/resource.js';
import type { GcpCallError } from './errors.js';

export function collectionGap(type: string, project: string, error: GcpCallError, scope = ''): Resource {
  const id = `gcp-unlisted:${type}:${project}${scope ? `:${scope}` : ''}`;
  return {
    type,
    provider: 'gcp',
    source: 'live',
    id,
    name: `(${type.split('.').pop()} list of ${project}${scope ? ` ${scope}` : ''}: not collected)`,
    properties: {},
    raw: [{ operation: error.operation, error: { code: error.info.code, message: error.info.message } }],
    location: { account: project },
    relations: {},
    gaps: { '*': error.gap },
  };
}

/** Was this resource a stand-in for a list that could not be read? */
export function isCollectionGap(r: Resource): boolean {
  return r.id.startsWith('gcp-unlisted:');
}
