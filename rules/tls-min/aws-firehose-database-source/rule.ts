import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const SSL_MODES = ['Enabled', 'Disabled'];

/**
 * A Firehose stream with a database source (DatabaseSourceConfiguration: MySQL or PostgreSQL change capture into
 * Iceberg tables) reads the database over the connection `SSLMode` describes: Enabled or Disabled, "the mode to
 * enable or disable SSL when Firehose connects to the database endpoint" (DatabaseSourceConfiguration). Disabled
 * moves every captured row, and the database login, in plain text inside the VPC link: fails. Neither the API nor
 * CloudFormation reference documents a default, so an omitted SSLMode is unknown, never a pass. Streams with any
 * other source are not applicable.
 */
export default defineRule({
  id: 'tls-min/aws-firehose-database-source',
  control: 'tls-min',
  title: 'Firehose streams read their source databases over SSL',
  severity: 'medium',
  risk: 'With SSL disabled Firehose reads every changed row, and signs in to the database, over an unencrypted connection.',
  remediation: {
    text: 'Set DatabaseSourceConfiguration.SSLMode to Enabled (and have the database require TLS).',
    cloudformation: 'DatabaseSourceConfiguration:\n  Type: PostgreSQL\n  Endpoint: orders.cluster-abc.eu-west-1.rds.amazonaws.com\n  Port: 5432\n  SSLMode: Enabled',
  },
  references: [
    'https://docs.aws.amazon.com/firehose/latest/APIReference/API_DatabaseSourceConfiguration.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kinesisfirehose-deliverystream-databasesourceconfiguration.html',
  ],
  types: ['aws.firehose.delivery-stream'],
  // The live collector does not read database sources.
  sources: ['iac'],
  check(r) {
    const source = known(r, 'DatabaseSourceConfiguration');
    if (source === undefined || source === null) return notApplicable('the stream has no database source', ev('DatabaseSourceConfiguration', null));
    const raw = known(r, 'DatabaseSourceConfiguration.SSLMode');
    const e = ev('DatabaseSourceConfiguration.SSLMode', raw ?? null, 'Enabled');
    if (raw === undefined || raw === null) return unknown('the stream reads its source database without saying whether SSL is used (no documented default)', { ...e, note: 'omitted: no documented default' });
    const mode = SSL_MODES.find((m) => m.toLowerCase() === text(raw).trim().toLowerCase());
    if (!mode) return fail(`SSLMode ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('SSLMode', text(raw), SSL_MODES.join(', ')) });
    return mode === 'Enabled' ? pass('the stream reads its source database over SSL', e) : fail('the stream reads its source database without SSL (SSLMode Disabled)', e);
  },
});
