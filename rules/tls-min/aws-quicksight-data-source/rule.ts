import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';

const P = 'SslProperties.DisableSsl';

/**
 * QuickSight connects to a database data source over SSL unless `SslProperties.DisableSsl` is true
 * (omitted: false). With SSL disabled, the queries and every row QuickSight reads cross the network
 * in plain text.
 */
export default defineRule({
  id: 'tls-min/aws-quicksight-data-source',
  control: 'tls-min',
  title: 'QuickSight data sources connect to their databases over SSL/TLS',
  severity: 'medium',
  risk: 'A data source with DisableSsl true reads the database in plain text: credentials, queries and result rows can be read or changed on the way.',
  remediation: {
    text: 'Remove SslProperties.DisableSsl (or set it to false) and make the database accept TLS.',
    cdk: "new quicksight.CfnDataSource(this, 'Source', { ..., sslProperties: { disableSsl: false } })",
    cloudformation: 'SslProperties:\n  DisableSsl: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-quicksight-datasource-sslproperties.html'],
  types: ['aws.quicksight.data-source'],
  sources: ['iac'],
  check(r) {
    const raw = known(r, P);
    const off = asBool(raw);
    if (raw === undefined || off === false) return pass('QuickSight connects to the data source over SSL', ev(P, raw ?? null, false, raw === undefined ? 'omitted: SSL is used (DisableSsl defaults to false)' : undefined));
    if (off === undefined) return fail(`DisableSsl ${JSON.stringify(raw)} is not a valid value`, ev(P, raw, false, 'not a valid value: true or false'));
    return fail('QuickSight reads this data source without SSL: queries and results cross the network in plain text', ev(P, raw, false));
  },
});
