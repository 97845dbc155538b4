import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, notApplicable, text, must } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const PROVIDER_SSL_MODES = ['none', 'require', 'verify-ca', 'verify-full'];

/**
 * A DMS data provider (AWS::DMS::DataProvider, used by Schema Conversion and homogeneous migrations)
 * says how DMS connects to one database: `Settings.<Engine>Settings.SslMode`, none | require |
 * verify-ca | verify-full (DmsSslModeValue). As for DMS endpoints (tls-min/aws-dms-endpoint, FSBP
 * DMS.9), `none`, or SslMode omitted (DMS's default is none), moves the database's schema, data and
 * credentials in plain text. Redshift settings have no SslMode (DMS reaches Redshift over SSL):
 * not applicable. scout15 labels a data provider with SslMode none fail.
 */
export default defineRule({
  id: 'tls-min/aws-dms-data-provider',
  control: 'tls-min',
  title: 'DMS data providers connect to their databases over SSL/TLS',
  severity: 'medium',
  risk: 'Without SSL, DMS Schema Conversion and migrations read schemas and data, and send the database credentials, across the network in plain text.',
  remediation: {
    text: 'Set SslMode to require, verify-ca or verify-full in the engine settings (verify-* with a CertificateArn).',
    cdk: "new dms.CfnDataProvider(this, 'Source', { engine: 'postgres', settings: { postgreSqlSettings: { serverName, port: 5432, databaseName: 'app', sslMode: 'verify-full', certificateArn } } })",
    cloudformation: 'Type: AWS::DMS::DataProvider\nProperties:\n  Engine: postgres\n  Settings:\n    PostgreSqlSettings:\n      SslMode: verify-full\n      CertificateArn: !Ref RdsCaCertificate',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-dataprovider.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateDataProvider.html',
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html',
  ],
  types: ['aws.dms.data-provider'],
  // No live collector reads DMS: judged in templates only.
  sources: ['iac'],
  check(r) {
    const engine = text(must(get(r.properties, 'Engine'), 'Engine') ?? '');
    const engineEv = ev('Engine', engine);
    const settings = must(get(r.properties, 'Settings'), 'Settings');
    const blocks = settings && typeof settings === 'object' && !Array.isArray(settings) ? Object.entries(settings as Record<string, unknown>) : [];
    if (blocks.length === 0)
      return fail(`the ${engine} data provider sets no SslMode: DMS connects without SSL`, engineEv, ev('Settings', null, 'engine settings with SslMode require, verify-ca or verify-full', 'omitted: SslMode defaults to none'));
    const out: Verdict[] = [];
    for (const [name, block] of blocks) {
      if (name === 'RedshiftSettings') {
        out.push({ ...notApplicable('DMS reaches Redshift over SSL: the Redshift settings have no SslMode', engineEv), subId: name });
        continue;
      }
      const path = `Settings.${name}.SslMode`;
      const raw = must(get(block, 'SslMode'), path);
      const mode = raw === undefined || raw === null ? 'none' : text(raw).toLowerCase();
      const e = ev(path, raw ?? null, 'require, verify-ca or verify-full', raw === undefined || raw === null ? 'omitted: SslMode defaults to none' : undefined);
      let v: Verdict;
      if (!PROVIDER_SSL_MODES.includes(mode)) v = fail(`SslMode ${text(raw)} is not a valid value`, engineEv, { ...e, note: notAValidValue('SslMode', text(raw), PROVIDER_SSL_MODES.join(', ')) });
      else if (mode === 'none') v = fail(`the ${engine} data provider connects without SSL`, engineEv, e);
      else v = pass(`the ${engine} data provider requires SSL (${mode}${mode === 'require' ? ': encrypted, server certificate not verified' : ''})`, engineEv, e);
      out.push(blocks.length > 1 ? { ...v, subId: name } : v);
    }
    return out.length === 1 ? out[0]! : out;
  },
});
