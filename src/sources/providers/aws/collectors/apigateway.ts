/**
 * API Gateway (REST), per region: custom domain names with their TLS security
 * policy. Private custom domain names (AWS::ApiGateway::DomainNameV2) come in
 * the same list, told apart by their domain name id.
 */
import { APIGatewayClient, paginateGetDomainNames } from '@aws-sdk/client-api-gateway';
import { type AwsScope, pages, liveResource, compact } from './context.js';

export async function collectApiGateway(scope: AwsScope, region: string): Promise<void> {
  const api = scope.clients.get('apigateway', region, APIGatewayClient);
  const listed = await pages(scope, 'apigateway:GetDomainNames', region, () => paginateGetDomainNames({ client: api, pageSize: 500 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const d of p.data.items ?? []) {
      const name = d.domainName!;
      scope.emit(
        liveResource(
          scope,
          d.domainNameId ? 'aws.apigateway.domain-name-v2' : 'aws.apigateway.domain-name',
          d.domainNameId && d.domainNameArn ? d.domainNameArn : `arn:${scope.partition}:apigateway:${region}::/domainnames/${name}`,
          region,
          compact({
            DomainName: name,
            // Omitted securityPolicy: API Gateway applies TLS_1_0 (as CloudFormation does).
            SecurityPolicy: d.securityPolicy,
            EndpointConfiguration: d.endpointConfiguration ? compact({ Types: d.endpointConfiguration.types }) : undefined,
            CertificateArn: d.certificateArn,
            RegionalCertificateArn: d.regionalCertificateArn,
            Live: compact({ DomainNameStatus: d.domainNameStatus }),
          }),
          p.raw,
          d,
          name,
        ),
      );
    }
  }
}
