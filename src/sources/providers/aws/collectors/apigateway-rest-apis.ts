/**
 * API Gateway REST APIs, per region (apigateway:GetRestApis, paginated), as
 * CloudFormation's AWS::ApiGateway::RestApi: endpoint types, whether the
 * default execute-api endpoint is on, and its TLS security policy.
 */
import { APIGatewayClient, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import { type AwsScope, pages, liveResource, compact } from './context.js';

/** API tags as a map → CloudFormation's `[{Key, Value}]`. */
export function tagList(tags: Record<string, string> | undefined): { Key: string; Value: string }[] | undefined {
  const entries = Object.entries(tags ?? {});
  return entries.length ? entries.map(([Key, Value]) => ({ Key, Value })) : undefined;
}

export async function collectRestApis(scope: AwsScope, region: string): Promise<void> {
  const api = scope.clients.get('apigateway', region, APIGatewayClient);
  const listed = await pages(scope, 'apigateway:GetRestApis', region, () => paginateGetRestApis({ client: api, pageSize: 500 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const a of p.data.items ?? []) {
      if (!a.id) continue;
      scope.emit(
        liveResource(
          scope,
          'aws.apigateway.rest-api',
          `arn:${scope.partition}:apigateway:${region}::/restapis/${a.id}`,
          region,
          compact({
            Name: a.name,
            Description: a.description,
            // The API answers false when the default endpoint is on, as a template that omits it.
            DisableExecuteApiEndpoint: a.disableExecuteApiEndpoint === true,
            EndpointConfiguration: a.endpointConfiguration ? compact({ Types: a.endpointConfiguration.types, VpcEndpointIds: a.endpointConfiguration.vpcEndpointIds }) : undefined,
            // Omitted: the endpoint type's default policy applies (as in a template).
            SecurityPolicy: a.securityPolicy,
            ApiKeySourceType: a.apiKeySource,
            Tags: tagList(a.tags),
            Live: compact({ RestApiId: a.id, ApiStatus: a.apiStatus }),
          }),
          p.raw,
          { id: a.id, name: a.name, endpointConfiguration: a.endpointConfiguration, disableExecuteApiEndpoint: a.disableExecuteApiEndpoint, securityPolicy: a.securityPolicy },
          a.name,
        ),
      );
    }
  }
}
