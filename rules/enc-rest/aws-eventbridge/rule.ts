import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

/**
 * EventBridge stores what it keeps (events on a bus and in an archive, a
 * connection's authorization parameters, a schedule's target input, a pipe's
 * filter patterns and input templates) encrypted at rest, under an AWS owned
 * key unless a customer managed key is named. Nothing in a template turns that
 * off; what a claim can still ask for is the customer managed key.
 */
const KEY: Record<string, { path: string; what: string }> = {
  'aws.events.event-bus': { path: 'KmsKeyIdentifier', what: 'event bus' },
  'aws.events.archive': { path: 'KmsKeyIdentifier', what: 'archive' },
  'aws.events.connection': { path: 'KmsKeyIdentifier', what: 'connection' },
  'aws.scheduler.schedule': { path: 'KmsKeyArn', what: 'schedule' },
  'aws.pipes.pipe': { path: 'KmsKeyIdentifier', what: 'pipe' },
};

export default defineRule({
  id: 'enc-rest/aws-eventbridge',
  control: 'enc-rest',
  title: 'EventBridge buses, archives, connections, schedules and pipes are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'EventBridge always encrypts the events and settings it stores; a claim that requires customer-managed keys is broken by a bus, archive, connection, schedule or pipe left on the AWS owned key, whose use the account cannot see or control.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, name a symmetric KMS key (KmsKeyIdentifier; KmsKeyArn on a schedule) and allow EventBridge to use it in the key policy.',
    cdk: "new events.CfnEventBus(this, 'Orders', { name: 'orders', kmsKeyIdentifier: key.keyArn })",
    cloudformation: 'Type: AWS::Events::EventBus\nProperties:\n  Name: orders\n  KmsKeyIdentifier: !GetAtt Key.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-at-rest-key-options.html',
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-pipes-cmkey.html',
    'https://docs.aws.amazon.com/scheduler/latest/UserGuide/encryption-rest.html',
  ],
  types: Object.keys(KEY),
  // No live collector reads EventBridge buses, schedules or pipes: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const k = KEY[r.type]!;
    return judgePlatformEncrypted(r, params, {
      attested: `EventBridge User Guide: every ${k.what} is encrypted at rest (AES-256 under an AWS owned key unless ${k.path} names a customer managed key)`,
      keyPath: k.path,
    });
  },
});
