import { defineRule } from '../../../src/evaluate/rule.js';
import { get, knownDocument, ev, pass } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * A MediaStore container's resource policy (`Policy`, JSON text). An Allow for Principal "*" without
 * a pinning condition lets anyone on the internet read (or write) the container's objects. Without a
 * policy MediaStore applies its default, which grants only the account's own principals.
 */
export default defineRule({
  id: 'public-access/aws-mediastore-container',
  control: 'public-access',
  title: 'MediaStore container policies do not open the container to everyone',
  severity: 'high',
  risk: 'A container policy that allows Principal "*" serves (or accepts) objects for anyone who knows the endpoint, bypassing the CDN and any authentication in front of it.',
  remediation: {
    text: 'Allow only named principals (the CloudFront origin-access role, the encoder\'s role), or pin the caller with a condition (aws:SourceArn, aws:PrincipalOrgID, aws:SourceIp).',
    cloudformation: 'Type: AWS::MediaStore::Container\nProperties:\n  ContainerName: origin\n  Policy: !Sub \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${AWS::AccountId}:role/origin-reader"},"Action":"mediastore:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}\'',
  },
  references: [
    'https://docs.aws.amazon.com/mediastore/latest/ug/policies.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mediastore-container.html',
  ],
  types: ['aws.mediastore.container'],
  // No live collector reads MediaStore: judged in templates only.
  sources: ['iac'],
  check(r) {
    if (get(r.properties, 'Policy') === undefined)
      return pass('no container policy: MediaStore applies its default, which grants only the account\'s own principals', ev('Policy', null, 'no Allow for everyone', 'omitted: the default container policy'));
    return judgePublicPolicy(knownDocument(r, 'Policy'), { path: 'Policy', what: 'read or write objects in the container' });
  },
});
