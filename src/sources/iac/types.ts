/**
 * CloudFormation type → canonical type. `AWS::ElasticLoadBalancingV2::Listener`
 * → `aws.elbv2.listener`: service by the table below (the short names the
 * live collectors use), resource part in kebab case. Every type maps, so
 * future rules can judge types nobody listed.
 */
const SERVICES: Record<string, string> = {
  ElasticLoadBalancingV2: 'elbv2',
  ElasticLoadBalancing: 'elb',
  OpenSearchService: 'opensearch',
  Elasticsearch: 'elasticsearch',
  SecretsManager: 'secretsmanager',
  CertificateManager: 'acm',
  ApiGateway: 'apigateway',
  ApiGatewayV2: 'apigatewayv2',
  CloudFormation: 'cloudformation',
  Logs: 'logs',
  Cognito: 'cognito',
  KinesisFirehose: 'firehose',
};

export function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1-') // a lookahead: `([A-Z]+)([A-Z][a-z])` was quadratic on a run of capitals
    .toLowerCase();
}

/**
 * Types whose kebab-case name would collide with a canonical type vouch itself
 * gives to something else. `aws.cloudformation.stack` is the stack vouch loaded
 * (region, account); a nested stack's `AWS::CloudFormation::Stack` resource is
 * only the pointer to a template that is loaded as a stack of its own.
 */
const SPECIAL: Record<string, string> = {
  'AWS::CloudFormation::Stack': 'aws.cloudformation.nested-stack',
};

export function canonicalType(cfnType: string): string {
  const special = SPECIAL[cfnType];
  if (special) return special;
  const parts = cfnType.split('::');
  if (parts.length !== 3) return `aws.custom.${kebab(cfnType.replace(/[^A-Za-z0-9]+/g, '-'))}`;
  const [vendor, service, resource] = parts as [string, string, string];
  if (vendor !== 'AWS') return `aws.${kebab(vendor)}.${kebab(service)}-${kebab(resource)}`;
  return `aws.${SERVICES[service] ?? service.toLowerCase()}.${kebab(resource)}`;
}
