/**
 * IAM Access Analyzer, per region (CIS AWS 1.20): the analyzers of the
 * region, one paginated ListAnalyzers. Emits one `aws.accessanalyzer.region`.
 */
import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { type AwsScope, pages, liveResource, addGap, gapOf, compact, arn } from './context.js';

export async function collectAccessAnalyzer(scope: AwsScope, region: string): Promise<void> {
  const aa = scope.clients.get('accessanalyzer', region, AccessAnalyzerClient);
  const listed = await pages(scope, 'access-analyzer:ListAnalyzers', region, () => paginateListAnalyzers({ client: aa }, {}), { fields: ['analyzers'] });
  const analyzers = listed.pages.flatMap((p) => p.data.analyzers ?? []).map((a) => compact({ name: a.name, arn: a.arn, type: a.type, status: a.status }));
  const first = listed.pages[0]?.raw ?? { operation: 'access-analyzer:ListAnalyzers', at: new Date().toISOString(), region };
  const r = liveResource(scope, 'aws.accessanalyzer.region', arn(scope, 'access-analyzer', region, 'analyzers'), region, { Region: region, Analyzers: analyzers }, first, undefined, `access analyzer ${region}`);
  r.raw!.push(...listed.pages.slice(1).map((p) => p.raw));
  if (listed.error) addGap(r, 'Analyzers', gapOf(listed.error, 'access-analyzer:ListAnalyzers'));
  scope.emit(r);
}
