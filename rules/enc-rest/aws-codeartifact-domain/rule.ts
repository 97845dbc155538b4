import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-codeartifact-domain',
  control: 'enc-rest',
  title: 'CodeArtifact domains are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: "CodeArtifact encrypts a domain's assets: encryption at rest holds; a claim that requires customer-managed keys is not met without EncryptionKey.",
  remediation: {
    text: 'Nothing to do for encryption itself; set EncryptionKey to a customer-managed key when the claim requires one (only when the domain is created).',
    cdk: "new codeartifact.CfnDomain(this, 'Packages', { domainName, encryptionKey: key.keyArn })",
    cloudformation: 'Type: AWS::CodeArtifact::Domain\nProperties:\n  EncryptionKey: !GetAtt DataKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/codeartifact/latest/ug/domain-create.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-codeartifact-domain.html',
  ],
  types: ['aws.codeartifact.domain'],
  // The live collector does not read CodeArtifact.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: "CodeArtifact encrypts a domain's assets with the AWS managed key aws/codeartifact", keyPath: 'EncryptionKey', managedKeyAlias: 'alias/aws/codeartifact' });
  },
});
