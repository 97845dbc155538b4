import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-location',
  control: 'enc-rest',
  title: 'Amazon Location trackers and geofence collections are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Device positions and geofences are personal data; Amazon Location always encrypts them under an AWS owned key, so a claim that requires customer-managed keys is broken by a tracker or collection created without KmsKeyId (the key can only be chosen at creation).',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the tracker or geofence collection with KmsKeyId (a second layer of encryption under your key).',
    cdk: "new location.CfnTracker(this, 'Fleet', { trackerName: 'fleet', kmsKeyId: key.keyArn })",
    cloudformation: 'Type: AWS::Location::Tracker\nProperties:\n  TrackerName: fleet\n  KmsKeyId: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/location/latest/developerguide/encryption-at-rest.html'],
  types: ['aws.location.tracker', 'aws.location.geofence-collection'],
  // No live collector reads Amazon Location: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, {
      attested: 'Amazon Location Developer Guide: data at rest is always encrypted under AWS owned keys; KmsKeyId adds a customer managed key',
      keyPath: 'KmsKeyId',
    });
  },
});
