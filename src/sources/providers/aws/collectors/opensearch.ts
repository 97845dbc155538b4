/**
 * OpenSearch Service domains (and legacy Elasticsearch ones), per region:
 * es:ListDomainNames (every domain with its engine, one call), then
 * es:DescribeDomains five names at a time (the API's limit), as
 * CloudFormation's AWS::OpenSearchService::Domain / AWS::Elasticsearch::Domain.
 */
import { OpenSearchClient, ListDomainNamesCommand, DescribeDomainsCommand, type DomainStatus } from '@aws-sdk/client-opensearch';
import { type AwsScope, call, liveResource, compact, arn, addGap } from './context.js';

const BATCH = 5;

function properties(d: DomainStatus, engine: string | undefined): Record<string, unknown> {
  const e = d.DomainEndpointOptions;
  return compact({
    DomainName: d.DomainName,
    [engine === 'Elasticsearch' ? 'ElasticsearchVersion' : 'EngineVersion']: engine === 'Elasticsearch' ? d.EngineVersion?.replace(/^Elasticsearch_/, '') : d.EngineVersion,
    // Absent from the answer is not "off": the collector records a gap for it (fail closed).
    EncryptionAtRestOptions: d.EncryptionAtRestOptions ? compact({ Enabled: d.EncryptionAtRestOptions.Enabled === true, KmsKeyId: d.EncryptionAtRestOptions.KmsKeyId }) : undefined,
    NodeToNodeEncryptionOptions: d.NodeToNodeEncryptionOptions ? { Enabled: d.NodeToNodeEncryptionOptions.Enabled === true } : undefined,
    DomainEndpointOptions: e ? compact({ EnforceHTTPS: e.EnforceHTTPS === true, TLSSecurityPolicy: e.TLSSecurityPolicy, CustomEndpointEnabled: e.CustomEndpointEnabled, CustomEndpoint: e.CustomEndpoint }) : undefined,
    AccessPolicies: d.AccessPolicies ? safeJson(d.AccessPolicies) : undefined,
    Live: compact({ DomainId: d.DomainId, Deleted: d.Deleted, Processing: d.Processing }),
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export async function collectOpenSearch(scope: AwsScope, region: string): Promise<void> {
  const os = scope.clients.get('opensearch', region, OpenSearchClient);
  const listed = await call(scope, 'es:ListDomainNames', region, () => os.send(new ListDomainNamesCommand({})));
  if (!listed.ok) return;
  const domains = (listed.data.DomainNames ?? []).filter((d) => d.DomainName);
  const engineOf = new Map(domains.map((d) => [d.DomainName!, d.EngineType]));
  for (let i = 0; i < domains.length; i += BATCH) {
    const names = domains.slice(i, i + BATCH).map((d) => d.DomainName!);
    const described = await call(scope, 'es:DescribeDomains', region, () => os.send(new DescribeDomainsCommand({ DomainNames: names })));
    // A failed batch: its domains are not emitted, and the failure makes their rules not collected.
    if (!described.ok) continue;
    for (const d of described.data.DomainStatusList ?? []) {
      if (!d.DomainName) continue;
      const engine = engineOf.get(d.DomainName) ?? (d.EngineVersion?.startsWith('Elasticsearch_') ? 'Elasticsearch' : 'OpenSearch');
      const r = liveResource(
        scope,
        engine === 'Elasticsearch' ? 'aws.elasticsearch.domain' : 'aws.opensearch.domain',
        d.ARN ?? arn(scope, 'es', region, `domain/${d.DomainName}`),
        region,
        properties(d, engine),
        described.raw,
        { DomainName: d.DomainName, ARN: d.ARN, EngineVersion: d.EngineVersion, EncryptionAtRestOptions: d.EncryptionAtRestOptions, DomainEndpointOptions: d.DomainEndpointOptions, NodeToNodeEncryptionOptions: d.NodeToNodeEncryptionOptions },
        d.DomainName,
      );
      if (!d.EncryptionAtRestOptions) addGap(r, 'EncryptionAtRestOptions', 'MissingField: es:DescribeDomains: the domain status has no EncryptionAtRestOptions');
      if (!d.NodeToNodeEncryptionOptions) addGap(r, 'NodeToNodeEncryptionOptions', 'MissingField: es:DescribeDomains: the domain status has no NodeToNodeEncryptionOptions');
      scope.emit(r);
    }
  }
}
