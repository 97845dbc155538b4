import { defineRule } from '../../../src/evaluate/rule.js';
import { unknown, ev, knownDocument } from '../../../src/evaluate/facts.js';
import { SERVICE_WILDCARD_REFERENCES } from '../../../src/lib/iam.js';
import { judgeDocument, passDocuments } from '../_policy.js';

/**
 * An AWS IoT Core policy is attached to device certificates and Cognito
 * identities and uses the IAM policy grammar (Effect, Action, Resource,
 * Condition), so it is read with the same statement reading as IAM policies:
 * `iot:*` or `*` on `*` lets any device holding the certificate connect as any
 * client id, publish and subscribe to every topic and update every shadow.
 */
export default defineRule({
  id: 'iam-least-privilege/aws-iot-policy',
  control: 'iam-least-privilege',
  title: 'IoT Core policies grant no wildcard permissions',
  severity: 'high',
  risk: 'A device policy that allows iot:* on * lets one leaked device certificate impersonate every device, read every topic and command, and change every thing shadow.',
  remediation: {
    text: 'Grant each device only iot:Connect on its own client id and iot:Publish / iot:Subscribe / iot:Receive on its own topics, using policy variables such as ${iot:Connection.Thing.ThingName}.',
    cdk: "new iot.CfnPolicy(this, 'DevicePolicy', { policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `arn:aws:iot:${region}:${account}:client/\\${iot:Connection.Thing.ThingName}` }] } })",
    cloudformation: "Type: AWS::IoT::Policy\nProperties:\n  PolicyDocument:\n    Version: '2012-10-17'\n    Statement:\n      - Effect: Allow\n        Action: iot:Connect\n        Resource: !Sub 'arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:client/${!iot:Connection.Thing.ThingName}'",
  },
  references: ['https://docs.aws.amazon.com/iot/latest/developerguide/iot-policies.html', 'https://docs.aws.amazon.com/iot/latest/developerguide/security-best-practices.html', ...SERVICE_WILDCARD_REFERENCES],
  types: ['aws.iot.policy'],
  // The live collector does not read IoT Core.
  sources: ['iac'],
  check(r) {
    // JSON text (literal, or built with Fn::Sub/Fn::Join) is read as the object form; anything else unresolved is unknown.
    const doc = knownDocument(r, 'PolicyDocument');
    if (doc === undefined || doc === null) return unknown('the policy has no document', ev('PolicyDocument', null));
    const problems = judgeDocument(doc, 'PolicyDocument');
    return problems.length ? problems : passDocuments(1, 'PolicyDocument');
  },
});
