import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asBool, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'secrets-encrypted/aws-glue-data-catalog-encryption-settings',
  control: 'secrets-encrypted',
  title: 'The Glue Data Catalog keeps connection passwords encrypted',
  severity: 'high',
  risk: 'With ReturnConnectionPasswordEncrypted false (the default) GetConnection returns the passwords of JDBC and other connections in plain text to anyone allowed to read the catalog.',
  remediation: {
    text: 'Set DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted to true with a KmsKeyId (or keep connection passwords in Secrets Manager: SECRET_ID).',
    cdk: "new glue.CfnDataCatalogEncryptionSettings(this, 'Catalog', { catalogId: this.account, dataCatalogEncryptionSettings: { connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, kmsKeyId: key.keyId } } })",
    cloudformation: 'Type: AWS::Glue::DataCatalogEncryptionSettings\nProperties:\n  CatalogId: !Ref AWS::AccountId\n  DataCatalogEncryptionSettings:\n    ConnectionPasswordEncryption:\n      ReturnConnectionPasswordEncrypted: true\n      KmsKeyId: !Ref Key',
  },
  references: ['https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html', 'https://docs.aws.amazon.com/glue/latest/webapi/API_ConnectionPasswordEncryption.html'],
  types: ['aws.glue.data-catalog-encryption-settings'],
  // No live collector reads Glue: judged in templates only.
  sources: ['iac'],
  check(r) {
    const path = 'DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted';
    const raw = known(r, 'DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted');
    const omitted = raw === undefined || raw === null;
    const on = omitted ? false : asBool(raw);
    if (on === undefined) return fail(`ReturnConnectionPasswordEncrypted ${JSON.stringify(text(raw))} is not a valid value`, ev(path, raw, true, notAValidValue('ReturnConnectionPasswordEncrypted', text(raw), 'true or false')));
    const evidence = ev(path, raw ?? null, true, omitted ? 'omitted: connection passwords are returned in plain text (the default is false)' : undefined);
    return on ? pass('connection passwords stay encrypted in the Data Catalog', evidence) : fail('GetConnection returns connection passwords in plain text', evidence);
  },
});
