import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const P = 'TLSEnabled';

/**
 * TLSEnabled is a switch to turn TLS off (only possible with the open-access
 * ACL); a cluster created without it has TLS on, and MemoryDB accepts TLS 1.2
 * and later since 2023-07-20.
 * A multi-Region cluster (AWS::MemoryDB::MultiRegionCluster) has the same TLSEnabled switch (fixR, session 12):
 * false fails; omitted it is unknown, since neither the CloudFormation nor the CreateMultiRegionCluster
 * reference documents its default. No corpus set has a multi-Region cluster.
 */
export default defineRule({
  id: 'tls-min/aws-memorydb-cluster',
  control: 'tls-min',
  title: 'MemoryDB clusters and multi-Region clusters require TLS',
  severity: 'high',
  risk: 'A MemoryDB cluster with TLSEnabled false sends every command, key and value between clients and nodes, and between primary and replicas, in clear; it cannot be changed after creation.',
  remediation: {
    text: 'Create the cluster with TLSEnabled: true (or omit it) and connect with a TLS client.',
    cdk: "new memorydb.CfnCluster(this, 'Db', { ..., tlsEnabled: true })",
    cloudformation: 'Type: AWS::MemoryDB::Cluster\nProperties:\n  TLSEnabled: true',
  },
  references: [
    'https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-memorydb-cluster.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-memorydb-multiregioncluster.html',
    'https://docs.aws.amazon.com/memorydb/latest/APIReference/API_CreateMultiRegionCluster.html',
  ],
  types: ['aws.memorydb.cluster', 'aws.memorydb.multi-region-cluster'],
  // No live collector reads MemoryDB: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, P);
    if ((raw === undefined || raw === null) && r.type === 'aws.memorydb.multi-region-cluster')
      return unknown('TLSEnabled is not set and the default of a multi-Region cluster is not documented', ev(P, null, true, 'omitted: no documented default'));
    const on = raw === undefined || raw === null ? true : asBool(raw);
    if (on === undefined) return fail(`${P} ${text(raw)} is not a valid value`, ev(P, raw, true, notAValidValue(P, text(raw), 'true or false')));
    const e = ev(P, raw ?? null, true, raw === undefined ? 'omitted: MemoryDB creates clusters with TLS on' : undefined);
    if (!on) return fail('cluster accepts plaintext connections (TLS off)', e);
    if (params.tlsMin === '1.3') return unknown('TLS is required, but MemoryDB has no setting that refuses TLS 1.2', e, ev('(TLS versions)', 'TLS 1.2 and later', 'TLS 1.3 only'));
    return pass('TLS required (TLS 1.2 and later)', e);
  },
});
