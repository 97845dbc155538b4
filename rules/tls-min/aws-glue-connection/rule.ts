import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, notApplicable, asRecord, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const BASE = 'ConnectionInput.ConnectionProperties';

/**
 * Whether a Glue connection makes its client use TLS. Kafka connections: `KAFKA_SSL_ENABLED`
 * (Glue's default "true"); "false" connects in plaintext. JDBC connections: `JDBC_ENFORCE_SSL`
 * "true" makes Glue require SSL from the driver; an explicit "false" turns that requirement off and
 * fails. Omitted, Glue does not enforce SSL and the driver and database settle it between them: the
 * corpus labels split on that case (two sets fail it, five pass it), so an omitted setting is
 * reported as not judged (not-applicable, with the default in the evidence), never as a pass.
 * Other connection types (NETWORK, MONGODB, MARKETPLACE, CUSTOM, …) name no TLS switch here.
 */
export default defineRule({
  id: 'tls-min/aws-glue-connection',
  control: 'tls-min',
  title: 'Glue JDBC and Kafka connections do not turn TLS off',
  severity: 'medium',
  risk: 'A Glue connection with SSL switched off reads the database or Kafka topic in plaintext: rows, messages and the connection credentials cross the network readable.',
  remediation: {
    text: 'JDBC connections: set JDBC_ENFORCE_SSL "true" (and a custom certificate where the database uses a private CA). Kafka connections: keep KAFKA_SSL_ENABLED "true" (the default).',
    cloudformation: 'Type: AWS::Glue::Connection\nProperties:\n  CatalogId: !Ref AWS::AccountId\n  ConnectionInput:\n    ConnectionType: JDBC\n    ConnectionProperties:\n      JDBC_CONNECTION_URL: jdbc:postgresql://warehouse.internal:5432/dw\n      JDBC_ENFORCE_SSL: "true"\n      SECRET_ID: !Ref WarehouseSecret',
  },
  references: [
    'https://docs.aws.amazon.com/glue/latest/dg/connection-properties.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-glue-connection-connectioninput.html',
  ],
  types: ['aws.glue.connection'],
  // The live collector does not read Glue connections.
  sources: ['iac'],
  check(r) {
    const type = text(known(r, 'ConnectionInput.ConnectionType')).toUpperCase();
    const typeEv = ev('ConnectionInput.ConnectionType', type);
    const props = asRecord(known(r, BASE));
    if (type === 'KAFKA') {
      const path = `${BASE}.KAFKA_SSL_ENABLED`;
      const raw = must(props.KAFKA_SSL_ENABLED, path);
      const on = raw === undefined ? true : asBool(raw);
      const e = ev(path, raw ?? null, 'true', raw === undefined ? 'omitted: Glue connects to Kafka over SSL (default "true")' : undefined);
      if (on === undefined) return fail(`KAFKA_SSL_ENABLED ${text(raw)} is not a valid value`, typeEv, { ...e, note: notAValidValue('KAFKA_SSL_ENABLED', text(raw), 'true, false') });
      return on ? pass('the Kafka connection uses SSL', typeEv, e) : fail('the Kafka connection has SSL turned off: it reads the cluster in plaintext', typeEv, e);
    }
    if (type === 'JDBC') {
      const path = `${BASE}.JDBC_ENFORCE_SSL`;
      const raw = must(props.JDBC_ENFORCE_SSL, path);
      if (raw === undefined)
        return notApplicable(
          'JDBC_ENFORCE_SSL is not set: Glue does not enforce SSL and leaves it to the driver and the database (not judged)',
          typeEv,
          ev(path, null, 'true', 'omitted: Glue does not enforce SSL (default "false"); whether the connection is encrypted depends on the driver and the database'),
        );
      const on = asBool(raw);
      const e = ev(path, raw, 'true');
      if (on === undefined) return fail(`JDBC_ENFORCE_SSL ${text(raw)} is not a valid value`, typeEv, { ...e, note: notAValidValue('JDBC_ENFORCE_SSL', text(raw), 'true, false') });
      return on ? pass('Glue requires SSL on the JDBC connection', typeEv, e) : fail('the JDBC connection has SSL enforcement turned off', typeEv, e);
    }
    return notApplicable(`a ${type} connection has no TLS setting judged here`, typeEv);
  },
});
