import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { daxEndpoint, DAX_ENDPOINT as P } from '../../cache-no-backup/_dax.js';

export default defineRule({
  id: 'tls-min/aws-dax-cluster',
  control: 'tls-min',
  title: 'DAX cluster endpoints encrypt connections with TLS',
  severity: 'high',
  risk: 'A DAX endpoint without TLS sends cached items and queries between the application and the cluster in clear; the setting cannot be changed after creation.',
  remediation: {
    text: 'Create the cluster with ClusterEndpointEncryptionType: TLS and connect with a TLS-capable DAX client.',
    cdk: "new dax.CfnCluster(this, 'Cache', { ..., clusterEndpointEncryptionType: 'TLS' })",
    cloudformation: 'ClusterEndpointEncryptionType: TLS',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dax-cluster.html'],
  types: ['aws.dax.cluster'],
  // No live collector reads DAX: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const { raw, mode: v } = daxEndpoint(r);
    const evidence = ev(P, raw ?? null, 'TLS', raw === undefined ? 'omitted: the DAX default is NONE (unencrypted endpoint)' : undefined);
    if (v === 'NONE') return fail('cluster endpoint is unencrypted', evidence);
    if (v !== 'TLS') return fail(`ClusterEndpointEncryptionType ${text(raw)} is not a valid value`, ev(P, raw, 'TLS', notAValidValue(P, text(raw), 'NONE or TLS')));
    if (params.tlsMin === '1.3') return unknown('the endpoint requires TLS, but DAX has no setting that refuses TLS 1.2', evidence);
    return pass('cluster endpoint requires TLS', evidence);
  },
});
