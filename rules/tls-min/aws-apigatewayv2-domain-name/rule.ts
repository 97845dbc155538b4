import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, asArray } from '../../../src/evaluate/facts.js';
import { judgeApiGatewayPolicy } from '../_apigw.js';

export default defineRule({
  id: 'tls-min/aws-apigatewayv2-domain-name',
  control: 'tls-min',
  title: 'HTTP/WebSocket API custom domains accept no TLS version below the promised floor',
  severity: 'medium',
  risk: 'HTTP and WebSocket API domains support only TLS_1_2 (TLS 1.2 and 1.3); a 1.3-only claim cannot be met on them.',
  remediation: {
    text: 'Use SecurityPolicy TLS_1_2 on every DomainNameConfigurations entry. For a TLS 1.3-only claim, front the API with CloudFront (TLSv1.3_2025) or a REST API domain with a SecurityPolicy_TLS13_1_3_* policy.',
    cdk: "new apigwv2.DomainName(this, 'Domain', { domainName, certificate, securityPolicy: apigwv2.SecurityPolicy.TLS_1_2 })",
    cloudformation: 'DomainNameConfigurations:\n  - CertificateArn: arn:aws:acm:...\n    SecurityPolicy: TLS_1_2',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ciphers.html'],
  types: ['aws.apigatewayv2.domain-name'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const configs = asArray(known(r, 'DomainNameConfigurations'));
    if (configs.length === 0)
      return judgeApiGatewayPolicy('TLS_1_2', 'DomainNameConfigurations', params.tlsMin, 'custom domain', 'omitted: HTTP/WebSocket domains use TLS_1_2, the only policy they support');
    return configs.map((c, i): Verdict => {
      const path = `DomainNameConfigurations[${i}].SecurityPolicy`;
      const named = must((c as Record<string, unknown> | null)?.SecurityPolicy, path);
      const policy = typeof named === 'string' && named !== '' ? named : 'TLS_1_2';
      const v = judgeApiGatewayPolicy(policy, path, params.tlsMin, `custom domain configuration ${i}`, named ? undefined : 'omitted: TLS_1_2 is the default and only policy');
      return configs.length > 1 ? { ...v, subId: `config-${i}` } : v;
    });
  },
});
