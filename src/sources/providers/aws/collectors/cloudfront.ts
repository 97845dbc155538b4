/**
 * CloudFront (global): distributions in AWS::CloudFront::Distribution's
 * DistributionConfig shape. A list item without its default cache behavior or
 * viewer certificate (an emulator's or a partial answer) is never read as
 * "plain HTTP": the distribution's config is read with GetDistributionConfig,
 * and if that fails too the fields are gaps, so the rules answer `unknown`.
 */
import { CloudFrontClient, GetDistributionConfigCommand, paginateListDistributions, type DistributionSummary, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import { type AwsScope, pages, call, liveResource, compact, addGap, gapOf } from './context.js';
import { mapLimit } from '../../common/limit.js';

/** The fields a summary and a DistributionConfig share, which is all the rules read. */
type ConfigFields = Pick<DistributionSummary, 'Enabled' | 'Aliases' | 'HttpVersion' | 'PriceClass' | 'WebACLId' | 'ViewerCertificate' | 'DefaultCacheBehavior' | 'CacheBehaviors' | 'Origins'>;

/** The fields without which the TLS and HTTPS-redirect rules cannot judge a distribution. */
const NEEDED = ['DefaultCacheBehavior', 'ViewerCertificate'] as const;

function config(d: ConfigFields): Record<string, unknown> {
  const vc = d.ViewerCertificate;
  return compact({
    Enabled: d.Enabled,
    Aliases: d.Aliases?.Items,
    HttpVersion: d.HttpVersion,
    PriceClass: d.PriceClass,
    WebACLId: d.WebACLId || undefined,
    ViewerCertificate: vc
      ? compact({
          CloudFrontDefaultCertificate: vc.CloudFrontDefaultCertificate,
          AcmCertificateArn: vc.ACMCertificateArn,
          IamCertificateId: vc.IAMCertificateId,
          MinimumProtocolVersion: vc.MinimumProtocolVersion,
          SslSupportMethod: vc.SSLSupportMethod,
        })
      : undefined,
    DefaultCacheBehavior: d.DefaultCacheBehavior ? compact({ TargetOriginId: d.DefaultCacheBehavior.TargetOriginId, ViewerProtocolPolicy: d.DefaultCacheBehavior.ViewerProtocolPolicy }) : undefined,
    CacheBehaviors: d.CacheBehaviors?.Items?.map((b) => compact({ PathPattern: b.PathPattern, TargetOriginId: b.TargetOriginId, ViewerProtocolPolicy: b.ViewerProtocolPolicy })),
    Origins: d.Origins?.Items?.map((o) =>
      compact({
        Id: o.Id,
        DomainName: o.DomainName,
        S3OriginConfig: o.S3OriginConfig ? compact({ OriginAccessIdentity: o.S3OriginConfig.OriginAccessIdentity }) : undefined,
        OriginAccessControlId: o.OriginAccessControlId || undefined,
        CustomOriginConfig: o.CustomOriginConfig
          ? compact({
              OriginProtocolPolicy: o.CustomOriginConfig.OriginProtocolPolicy,
              OriginSSLProtocols: o.CustomOriginConfig.OriginSslProtocols?.Items,
              HTTPPort: o.CustomOriginConfig.HTTPPort,
              HTTPSPort: o.CustomOriginConfig.HTTPSPort,
            })
          : undefined,
      }),
    ),
  });
}

export async function collectCloudFront(scope: AwsScope, concurrency = 8): Promise<void> {
  const cf = scope.clients.get('cloudfront', 'us-east-1', CloudFrontClient);
  const listed = await pages(scope, 'cloudfront:ListDistributions', 'us-east-1', () => paginateListDistributions({ client: cf, pageSize: 100 }, {}), { fields: ['DistributionList'] });
  if (listed.error) return;
  const items = listed.pages.flatMap((p) => (p.data.DistributionList?.Items ?? []).map((d) => ({ d, raw: p.raw })));
  await mapLimit(items, concurrency, async ({ d, raw }) => {
    let fields: ConfigFields = d;
    const missing = NEEDED.filter((k) => d[k] === undefined);
    const r = () => liveResource(scope, 'aws.cloudfront.distribution', d.ARN!, undefined, { DistributionConfig: config(fields), Live: compact({ DomainName: d.DomainName, Status: d.Status, Id: d.Id }) }, raw, d, d.Id);
    if (missing.length === 0 || !d.Id) {
      const res = r();
      for (const k of missing) addGap(res, `DistributionConfig.${k}`, `MissingField: cloudfront:ListDistributions: the list item has no ${k}`);
      scope.emit(res);
      return;
    }
    const got = await call(scope, 'cloudfront:GetDistributionConfig', 'us-east-1', () => cf.send(new GetDistributionConfigCommand({ Id: d.Id })), [], { fields: ['DistributionConfig'] });
    if (got.ok) fields = { ...d, ...(got.data.DistributionConfig as DistributionConfig) } as ConfigFields;
    const res = r();
    if (got.ok) {
      (res.raw ??= []).push(got.raw);
      for (const k of NEEDED) if (fields[k] === undefined) addGap(res, `DistributionConfig.${k}`, `MissingField: cloudfront:GetDistributionConfig: the answer has no ${k}`);
    } else for (const k of missing) addGap(res, `DistributionConfig.${k}`, gapOf(got, 'cloudfront:GetDistributionConfig'));
    scope.emit(res);
  });
}
