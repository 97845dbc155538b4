import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const P = 'RequireTLS';

/**
 * RequireTLS omitted is false in CloudFormation and the RDS API (FSBP RDS.43
 * fails it); aws-cdk-lib's DatabaseProxy writes RequireTLS: true by default.
 * The proxy negotiates TLS 1.2 or later with clients that use TLS.
 */
export default defineRule({
  id: 'tls-min/aws-rds-db-proxy',
  control: 'tls-min',
  title: 'RDS proxies require TLS from their clients',
  severity: 'high',
  risk: 'A proxy that does not require TLS accepts plaintext client connections, so queries, results and database credentials can cross the network in clear even when the database itself enforces TLS behind the proxy.',
  remediation: {
    text: 'Set RequireTLS: true on the proxy and connect with TLS (the proxy uses certificates from AWS Certificate Manager).',
    cdk: "new rds.DatabaseProxy(this, 'Proxy', { proxyTarget, secrets, vpc, requireTLS: true })",
    cloudformation: 'Type: AWS::RDS::DBProxy\nProperties:\n  RequireTLS: true',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.howitworks.html#rds-proxy-security.tls',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-43',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbproxy.html',
  ],
  types: ['aws.rds.db-proxy'],
  // No live collector reads RDS proxies: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, P);
    const on = raw === undefined || raw === null ? false : asBool(raw);
    if (on === undefined) return fail(`${P} ${text(raw)} is not a valid value`, ev(P, raw, true, notAValidValue(P, text(raw), 'true or false')));
    const e = ev(P, raw ?? null, true, raw === undefined ? 'omitted: RDS Proxy does not require TLS unless RequireTLS is true' : undefined);
    if (!on) return fail('the proxy accepts plaintext client connections', e);
    if (params.tlsMin === '1.3') return unknown('the proxy requires TLS, but RDS Proxy has no setting that refuses TLS 1.2', e, ev('(TLS versions)', 'TLS 1.2 and later', 'TLS 1.3 only'));
    return pass('the proxy requires TLS from every client', e);
  },
});
