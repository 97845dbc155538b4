/**
 * API Gateway v2 (HTTP and WebSocket APIs) custom domain names, per region
 * (apigatewayv2:GetDomainNames, paged by NextToken), as CloudFormation's
 * AWS::ApiGatewayV2::DomainName with each configuration's TLS security policy.
 */
import { ApiGatewayV2Client, GetDomainNamesCommand, type GetDomainNamesCommandOutput } from '@aws-sdk/client-apigatewayv2';
import { type AwsScope, pages, liveResource, compact } from './context.js';
import { tagList } from './apigateway-rest-apis.js';

/** Bounded: a server that keeps answering with a token cannot keep the scan going. */
const MAX_PAGES = 1000;

export async function collectApiGatewayV2(scope: AwsScope, region: string): Promise<void> {
  const api = scope.clients.get('apigatewayv2', region, ApiGatewayV2Client);
  const listed = await pages(scope, 'apigatewayv2:GetDomainNames', region, async function* (): AsyncGenerator<GetDomainNamesCommandOutput> {
    let token: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await api.send(new GetDomainNamesCommand({ MaxResults: '100', ...(token ? { NextToken: token } : {}) }));
      yield page;
      if (!page.NextToken || page.NextToken === token) return;
      token = page.NextToken;
    }
    throw Object.assign(new Error(`more than ${MAX_PAGES} pages`), { name: 'TooManyPages' });
  });
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const d of p.data.Items ?? []) {
      if (!d.DomainName) continue;
      scope.emit(
        liveResource(
          scope,
          'aws.apigatewayv2.domain-name',
          d.DomainNameArn ?? `arn:${scope.partition}:apigateway:${region}::/domainnames/${d.DomainName}`,
          region,
          compact({
            DomainName: d.DomainName,
            DomainNameConfigurations: (d.DomainNameConfigurations ?? []).map((c) =>
              compact({ CertificateArn: c.CertificateArn, EndpointType: c.EndpointType, IpAddressType: c.IpAddressType, SecurityPolicy: c.SecurityPolicy })),
            MutualTlsAuthentication: d.MutualTlsAuthentication ? compact({ TruststoreUri: d.MutualTlsAuthentication.TruststoreUri, TruststoreVersion: d.MutualTlsAuthentication.TruststoreVersion }) : undefined,
            Tags: tagList(d.Tags),
            Live: compact({ Statuses: (d.DomainNameConfigurations ?? []).map((c) => c.DomainNameStatus ?? null) }),
          }),
          p.raw,
          d,
          d.DomainName,
        ),
      );
    }
  }
}
