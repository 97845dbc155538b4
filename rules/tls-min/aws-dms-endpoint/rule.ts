import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const SSL_MODES = ['none', 'require', 'verify-ca', 'verify-full'];
const KAFKA_PROTOCOLS = ['plaintext', 'ssl-authentication', 'ssl-encryption', 'sasl-ssl'];
const REDIS_PROTOCOLS = ['plaintext', 'ssl-encryption'];
/**
 * Endpoints DMS reaches through the service's own HTTPS API (or, for Redshift, over a
 * connection that is always SSL): SslMode does not apply, and CloudFormation allows
 * only `none` for S3.
 */
const API_ENGINES = ['s3', 'dynamodb', 'kinesis', 'elasticsearch', 'opensearch', 'neptune', 'redshift', 'redshift-serverless'];

/**
 * How a DMS endpoint connects to its database. For database engines `SslMode`
 * defaults to `none`: data moves in plain text between the replication
 * instance and the source or target (Security Hub DMS.9). Kafka targets are
 * plaintext unless `KafkaSettings.SecurityProtocol` names an SSL protocol; Redis
 * targets default to `ssl-encryption` (DMS.12 fails `plaintext`). No setting
 * names a TLS version: a pass says SSL is required, not which version.
 */
export default defineRule({
  id: 'tls-min/aws-dms-endpoint',
  control: 'tls-min',
  title: 'DMS endpoints connect to their databases over SSL/TLS',
  severity: 'medium',
  risk: 'Without SSL, everything a migration or replication task copies (whole tables, change data) crosses the network in plain text, with the database credentials.',
  remediation: {
    text: 'Set SslMode to require, verify-ca or verify-full (verify-* with CertificateArn); for Kafka set KafkaSettings.SecurityProtocol to ssl-encryption, ssl-authentication or sasl-ssl; for Redis keep RedisSettings.SslSecurityProtocol at ssl-encryption.',
    cdk: "new dms.CfnEndpoint(this, 'Source', { endpointType: 'source', engineName: 'postgres', sslMode: 'verify-full', certificateArn: cert.ref, ... })",
    cloudformation: 'Type: AWS::DMS::Endpoint\nProperties:\n  EngineName: postgres\n  SslMode: verify-full\n  CertificateArn: !Ref RdsCaCertificate',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-endpoint.html#cfn-dms-endpoint-sslmode',
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_KafkaSettings.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_RedisSettings.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/dms-controls.html',
  ],
  types: ['aws.dms.endpoint'],
  // The live collector does not read DMS endpoints.
  sources: ['iac'],
  check(r) {
    const engine = text(known(r, 'EngineName')).toLowerCase();
    const engineEv = ev('EngineName', engine);
    if (API_ENGINES.includes(engine)) return notApplicable(`DMS reaches ${engine} through its HTTPS API (or an always-SSL connection): SslMode does not apply`, engineEv);
    if (engine === 'kafka') {
      const raw = known(r, 'KafkaSettings.SecurityProtocol');
      const p = raw === undefined ? 'plaintext' : text(raw);
      const e = ev('KafkaSettings.SecurityProtocol', raw ?? null, 'ssl-encryption, ssl-authentication or sasl-ssl', raw === undefined ? 'omitted: DMS connects to Kafka in plaintext' : undefined);
      if (!KAFKA_PROTOCOLS.includes(p)) return fail(`Kafka security protocol ${p} is not a valid value`, engineEv, { ...e, note: notAValidValue('SecurityProtocol', p, KAFKA_PROTOCOLS.join(', ')) });
      return p === 'plaintext' ? fail('the Kafka target is written in plaintext', engineEv, e) : pass(`the Kafka target is reached over TLS (${p})`, engineEv, e);
    }
    if (engine === 'redis') {
      const raw = known(r, 'RedisSettings.SslSecurityProtocol');
      const p = raw === undefined ? 'ssl-encryption' : text(raw);
      const e = ev('RedisSettings.SslSecurityProtocol', raw ?? null, 'ssl-encryption', raw === undefined ? 'omitted: defaults to ssl-encryption' : undefined);
      if (!REDIS_PROTOCOLS.includes(p)) return fail(`Redis SSL protocol ${p} is not a valid value`, engineEv, { ...e, note: notAValidValue('SslSecurityProtocol', p, REDIS_PROTOCOLS.join(', ')) });
      return p === 'plaintext' ? fail('the Redis target is written in plaintext', engineEv, e) : pass('the Redis target is reached over TLS', engineEv, e);
    }
    const raw = known(r, 'SslMode');
    const mode = raw === undefined ? 'none' : text(raw);
    const e = ev('SslMode', raw ?? null, 'require, verify-ca or verify-full', raw === undefined ? 'omitted: SslMode defaults to none' : undefined);
    if (!SSL_MODES.includes(mode)) return fail(`SslMode ${mode} is not a valid value`, engineEv, { ...e, note: notAValidValue('SslMode', mode, SSL_MODES.join(', ')) });
    if (mode === 'none') return fail(`the ${engine} endpoint connects without SSL`, engineEv, e);
    return pass(`the ${engine} endpoint requires SSL (${mode}${mode === 'require' ? ': encrypted, server certificate not verified' : ''})`, engineEv, e);
  },
});
