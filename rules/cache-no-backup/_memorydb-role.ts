/**
 * Is a MemoryDB cluster a cache or a database? AWS positions MemoryDB as "a durable, in-memory
 * database service" that can serve as a primary database (MemoryDB Developer Guide: data is kept
 * in a Multi-AZ transaction log and stays durable with automatic snapshots off); the cache service
 * is ElastiCache. So a cluster is read as a database (backup-retention) unless the template says
 * it is used as a cache: its ClusterName, Description or a tag (key or value) has the word cache
 * (cache, caches, cached, caching; words split as secret names are). One reading, used by
 * cache-no-backup/aws-memorydb-cluster and backup-retention/aws-memorydb-cluster, so each cluster
 * is judged by exactly one of them.
 */
import type { Resource } from '../../src/model/resource.js';
import type { EvidenceItem } from '../../src/evaluate/rule.js';
import { get, ev, asArray } from '../../src/evaluate/facts.js';
import { nameWords } from '../../src/lib/secrets.js';
import { isUnresolved } from '../../src/model/values.js';

const CACHE_WORDS = new Set(['cache', 'caches', 'cached', 'caching']);

/** A literal, or the literal parts of a name built with Fn::Sub/Fn::Join (`${AWS::StackName}-cache`). */
function says(v: unknown): boolean {
  const text = isUnresolved(v) ? v.shape : v;
  return typeof text === 'string' && nameWords(text).some((w) => CACHE_WORDS.has(w));
}

/** Where the template says the cluster is a cache, or undefined when it does not (a database). */
export function memoryDbCacheSignal(r: Resource): EvidenceItem | undefined {
  for (const path of ['ClusterName', 'Description'] as const) {
    const v = get(r.properties, path);
    if (says(v)) return ev(path, v, undefined, 'names the cluster a cache');
  }
  for (const [i, tag] of asArray(get(r.properties, 'Tags')).entries()) {
    const key = get(tag, 'Key');
    const value = get(tag, 'Value');
    if (says(key) || says(value)) return ev(`Tags[${i}]`, { Key: key, Value: value }, undefined, 'tags the cluster as a cache');
  }
  return undefined;
}

/** The evidence a database reading carries: what was read and found not to say cache. */
export function memoryDbDatabaseEvidence(r: Resource): EvidenceItem {
  return ev(
    'ClusterName',
    get(r.properties, 'ClusterName') ?? null,
    undefined,
    'MemoryDB is a durable primary database unless its name, description or tags say cache (MemoryDB Developer Guide: "a durable, in-memory database service")',
  );
}
