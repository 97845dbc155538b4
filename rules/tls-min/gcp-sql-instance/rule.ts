import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

const ENCRYPTED = new Set(['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED']);

export default defineRule({
  id: 'tls-min/gcp-sql-instance',
  control: 'tls-min',
  title: 'Cloud SQL instances refuse unencrypted connections',
  severity: 'high',
  risk: 'With sslMode ALLOW_UNENCRYPTED_AND_ENCRYPTED, clients connecting directly to the instance IP may send credentials and data in clear text.',
  remediation: {
    text: 'Set the instance SSL mode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED). Connections through the Cloud SQL Auth Proxy / connectors are encrypted by the connector.',
    cli: 'gcloud sql instances patch DB --ssl-mode=ENCRYPTED_ONLY',
  },
  references: ['https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#sslmode'],
  types: ['gcp.sql.instance'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const mode = known(r, 'settings.ipConfiguration.sslMode');
    const requireSsl = asBool(known(r, 'settings.ipConfiguration.requireSsl'));
    const evidence = [ev('settings.ipConfiguration.sslMode', mode ?? null, 'ENCRYPTED_ONLY | TRUSTED_CLIENT_CERTIFICATE_REQUIRED'), ev('settings.ipConfiguration.requireSsl', requireSsl ?? null)];
    if (typeof mode === 'string' && ENCRYPTED.has(mode)) return pass(`sslMode ${mode}: unencrypted connections are refused`, ...evidence);
    // Legacy setting: requireSsl true (without a newer sslMode) enforces TLS and client certificates.
    if ((mode === undefined || mode === 'SSL_MODE_UNSPECIFIED') && requireSsl === true)
      return pass('requireSsl true (legacy setting): unencrypted connections are refused', ...evidence);
    return fail(`sslMode ${String(mode ?? '(unset)')}${requireSsl ? '' : ', requireSsl not set'}: the instance accepts unencrypted connections`, ...evidence);
  },
});
