import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-datazone-domain',
  control: 'enc-rest',
  title: 'Amazon DataZone domains are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'A DataZone domain holds the catalog of an organisation\'s data sets, their metadata and reports, always encrypted under AWS owned keys; a claim that requires customer-managed keys is broken by a domain created without KmsKeyIdentifier (the key can only be chosen at creation).',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the domain with KmsKeyIdentifier.',
    cdk: "new datazone.CfnDomain(this, 'Catalog', { name: 'catalog', domainExecutionRole: role.roleArn, kmsKeyIdentifier: key.keyArn })",
    cloudformation: 'Type: AWS::DataZone::Domain\nProperties:\n  Name: catalog\n  DomainExecutionRole: !GetAtt DomainRole.Arn\n  KmsKeyIdentifier: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/datazone/latest/userguide/encryption-rest-datazone.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-datazone-domain.html'],
  types: ['aws.datazone.domain'],
  // No live collector reads DataZone: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, {
      attested: 'Amazon DataZone User Guide: data at rest is always encrypted under AWS owned keys unless a customer managed key is chosen at creation',
      keyPath: 'KmsKeyIdentifier',
    });
  },
});
