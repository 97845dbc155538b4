import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { daxAtRest, daxEndpoint, DAX_SSE, DAX_ENDPOINT } from '../_dax.js';

/**
 * DAX is a cache in front of DynamoDB: the cache promise (short-lived, encrypted, never backed up) holds
 * when its nodes encrypt at rest and its endpoint requires TLS. DAX has no snapshot or backup feature, so
 * that part always holds. As for ElastiCache (labels.yaml: a cache not encrypted in transit breaks the
 * cache promise as well as tls-min); six labelled sets fail a DAX cluster without TLS here, three older
 * ones leave DAX out of this control.
 */
export default defineRule({
  id: 'cache-no-backup/aws-dax-cluster',
  control: 'cache-no-backup',
  title: 'DAX clusters encrypt cached items at rest and in transit',
  severity: 'high',
  risk: 'A DAX cluster without server-side encryption keeps cached DynamoDB items on unencrypted node storage, and one without TLS serves them in clear; neither can be changed after creation.',
  remediation: {
    text: 'Create the cluster with SSESpecification.SSEEnabled: true and ClusterEndpointEncryptionType: TLS (both fixed at creation: replace the cluster).',
    cdk: "new dax.CfnCluster(this, 'Cache', { ..., sseSpecification: { sseEnabled: true }, clusterEndpointEncryptionType: 'TLS' })",
    cloudformation: 'SSESpecification:\n  SSEEnabled: true\nClusterEndpointEncryptionType: TLS',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html'],
  types: ['aws.dax.cluster'],
  // No live collector reads DAX: judged in templates only.
  sources: ['iac'],
  check(r) {
    const { raw: sse, on } = daxAtRest(r);
    const { raw: tls, mode } = daxEndpoint(r);
    const evidence = [
      ev(DAX_SSE, sse ?? null, true, sse === undefined ? 'omitted: DAX encrypts at rest only when enabled' : undefined),
      ev(DAX_ENDPOINT, tls ?? null, 'TLS', tls === undefined ? 'omitted: the DAX default is NONE (unencrypted endpoint)' : undefined),
      ev('(platform)', 'no snapshots', undefined, 'platform-attested: DAX has no backup or snapshot feature; cached items live only on the nodes'),
    ];
    const problems: string[] = [];
    if (on !== true) problems.push('cached items are not encrypted at rest');
    if (mode !== 'TLS') problems.push(mode === 'NONE' ? 'the cluster endpoint is unencrypted' : `ClusterEndpointEncryptionType ${text(tls)} is not a valid value (NONE or TLS)`);
    return problems.length ? fail(problems.join('; '), ...evidence) : pass('cached items encrypted at rest and served only over TLS; DAX keeps no backups', ...evidence);
  },
});
