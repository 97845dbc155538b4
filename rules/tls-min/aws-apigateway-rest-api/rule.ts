import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, get, ev, asBool, asArray, notApplicable } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { APIGW_DEFAULT_PRIVATE_API_POLICY, APIGW_DEFAULT_PUBLIC_API_POLICY } from '../../../src/lib/tls.js';
import { judgeApiGatewayPolicy } from '../_apigw.js';

const OAS_EXTENSION = 'x-amazon-apigateway-security-policy';

export default defineRule({
  id: 'tls-min/aws-apigateway-rest-api',
  control: 'tls-min',
  title: 'REST APIs\' default execute-api endpoints accept no TLS version below the promised floor',
  severity: 'high',
  risk: 'A regional or edge REST API keeps its execute-api endpoint on TLS_1_0 by default, even when a TLS 1.2 custom domain sits in front of it.',
  remediation: {
    text: 'Disable the default endpoint (DisableExecuteApiEndpoint: true) and serve the API through a TLS 1.2+ custom domain, or set the API\'s SecurityPolicy to TLS_1_2 or an enhanced SecurityPolicy_TLS13_* policy.',
    cdk: "new apigateway.RestApi(this, 'Api', { disableExecuteApiEndpoint: true, domainName: { domainName, certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_2 } })",
    cloudformation: 'Type: AWS::ApiGateway::RestApi\nProperties:\n  DisableExecuteApiEndpoint: true',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html'],
  types: ['aws.apigateway.rest-api'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const disabled = known(r, 'DisableExecuteApiEndpoint');
    if (asBool(disabled) === true)
      return notApplicable('the default execute-api endpoint is disabled: clients reach the API only through its custom domains', ev('DisableExecuteApiEndpoint', disabled, true));
    // Each endpoint type and the OpenAPI extension are facts the verdict turns on: one the template does not
    // settle (a {{resolve:ssm:…}} reference) is unknown, never read as "not PRIVATE" or "no policy".
    const types = asArray(known(r, 'EndpointConfiguration.Types')).map((t, i) => String(must(t, `EndpointConfiguration.Types[${i}]`)));
    const isPrivate = types.includes('PRIVATE');
    const named = known(r, 'SecurityPolicy');
    // An imported OpenAPI definition may carry the policy as an extension.
    const body = get(r.properties, 'Body');
    const fromBody = body && typeof body === 'object' && !isUnresolved(body) ? must(get(body, OAS_EXTENSION), `Body.${OAS_EXTENSION}`) : undefined;
    if (typeof named === 'string' && named !== '') return judgeApiGatewayPolicy(named, 'SecurityPolicy', params.tlsMin, 'execute-api endpoint');
    if (typeof fromBody === 'string' && fromBody !== '') return judgeApiGatewayPolicy(fromBody, `Body.${OAS_EXTENSION}`, params.tlsMin, 'execute-api endpoint');
    if (known(r, 'BodyS3Location') !== undefined && !isPrivate)
      return {
        status: 'unknown',
        message: `the API definition is in S3 (BodyS3Location); its ${OAS_EXTENSION} cannot be read from the template`,
        evidence: [ev('BodyS3Location', r.properties.BodyS3Location)],
      };
    const policy = isPrivate ? APIGW_DEFAULT_PRIVATE_API_POLICY : APIGW_DEFAULT_PUBLIC_API_POLICY;
    const kind = isPrivate ? 'private' : types.includes('REGIONAL') ? 'regional' : 'edge-optimized';
    const note = `omitted: ${kind} REST APIs default to ${policy}${types.length === 0 ? ' (no EndpointConfiguration: edge-optimized)' : ''}`;
    return judgeApiGatewayPolicy(policy, 'SecurityPolicy', params.tlsMin, `${kind} execute-api endpoint`, note);
  },
});
