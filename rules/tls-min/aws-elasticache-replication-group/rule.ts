import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeTransitEncryption } from '../_elasticache-transit.js';

export default defineRule({
  id: 'tls-min/aws-elasticache-replication-group',
  control: 'tls-min',
  title: 'ElastiCache replication groups require TLS (TransitEncryptionEnabled, mode required)',
  severity: 'high',
  risk: 'Without in-transit encryption, or in preferred mode, cached data and AUTH tokens cross the network in plaintext.',
  remediation: {
    text: 'Set TransitEncryptionEnabled: true and TransitEncryptionMode: required (after clients have moved to TLS).',
    cdk: "new elasticache.CfnReplicationGroup(this, 'Cache', { ..., transitEncryptionEnabled: true, transitEncryptionMode: 'required' })",
    cloudformation: 'TransitEncryptionEnabled: true\nTransitEncryptionMode: required',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html'],
  types: ['aws.elasticache.replication-group'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    return judgeTransitEncryption(r, params.tlsMin, 'replication group');
  },
});
