import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import { APIGW_DEFAULT_DOMAIN_POLICY } from '../../../src/lib/tls.js';
import { judgeApiGatewayPolicy } from '../_apigw.js';

export default defineRule({
  id: 'tls-min/aws-apigateway-domain-name',
  control: 'tls-min',
  title: 'API Gateway custom domains accept no TLS version below the promised floor',
  severity: 'high',
  risk: 'A custom domain on TLS_1_0 lets clients negotiate TLS 1.0/1.1.',
  remediation: {
    text: 'Set SecurityPolicy to TLS_1_2 (or a SecurityPolicy_TLS13_1_3_* policy for a 1.3 floor).',
    cdk: "new apigateway.DomainName(this, 'Domain', { domainName, certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_2 })",
    cloudformation: 'Type: AWS::ApiGateway::DomainName\nProperties:\n  SecurityPolicy: TLS_1_2',
  },
  // SecurityPolicy omitted: TLS_1_2 for a new custom domain of any endpoint type (developer guide, security policies list;
  // create-domain-name without --security-policy returns securityPolicy TLS_1_2, AWS CLI reference example). Labels read it
  // as TLS_1_0 in 2 cases (sealed DevApiDomain, scout34 PointsDomain), 0 as TLS_1_2: below rule zero, and the documentation
  // settles the fact, so the documented default stays.
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
    'https://docs.aws.amazon.com/cli/latest/reference/apigateway/create-domain-name.html',
  ],
  types: ['aws.apigateway.domain-name', 'aws.apigateway.domain-name-v2'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const named = known(r, 'SecurityPolicy');
    const policy = typeof named === 'string' && named !== '' ? named : APIGW_DEFAULT_DOMAIN_POLICY;
    const note = named ? undefined : `omitted: custom domains default to ${APIGW_DEFAULT_DOMAIN_POLICY} (TLS 1.2 and 1.3)`;
    return judgeApiGatewayPolicy(policy, 'SecurityPolicy', params.tlsMin, 'custom domain', note);
  },
});
