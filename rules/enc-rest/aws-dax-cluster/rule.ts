import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { daxAtRest, DAX_SSE as S } from '../../cache-no-backup/_dax.js';

export default defineRule({
  id: 'enc-rest/aws-dax-cluster',
  control: 'enc-rest',
  title: 'DAX clusters encrypt their cache at rest',
  severity: 'high',
  risk: 'A DAX cluster without server-side encryption keeps cached DynamoDB items, logs and configuration unencrypted on its nodes; encryption can only be chosen when the cluster is created.',
  remediation: {
    text: 'Create the cluster with SSESpecification SSEEnabled: true (DAX uses an AWS-owned key; customer-managed keys are not offered).',
    cdk: "new dax.CfnCluster(this, 'Cache', { ..., sseSpecification: { sseEnabled: true } })",
    cloudformation: 'SSESpecification:\n  SSEEnabled: true',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dax-cluster-ssespecification.html'],
  types: ['aws.dax.cluster'],
  // No live collector reads DAX: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const { raw, on } = daxAtRest(r);
    if (on === undefined) return fail(`SSEEnabled ${text(raw)} is not a valid value`, ev(S, raw, true, notAValidValue('SSEEnabled', text(raw), 'true or false')));
    const evidence = ev(S, raw ?? null, true, raw === undefined ? 'omitted: DAX creates clusters without encryption at rest unless SSEEnabled is true' : undefined);
    if (!on) return fail('cluster does not encrypt its cache at rest', evidence);
    if (params.requireCustomerManagedKeys) return fail('DAX encrypts only with an AWS-owned key, but the claim requires customer-managed keys', evidence);
    return pass('cluster encrypts its cache at rest (AES-256, AWS-owned key)', evidence);
  },
});
