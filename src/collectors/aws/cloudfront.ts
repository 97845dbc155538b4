/** CloudFront (global): distributions in AWS::CloudFront::Distribution's DistributionConfig shape. */
import { CloudFrontClient, paginateListDistributions, type DistributionSummary } from '@aws-sdk/client-cloudfront';
import { type AwsScope, pages, liveResource, compact } from './context.js';

function config(d: DistributionSummary): Record<string, unknown> {
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

export async function collectCloudFront(scope: AwsScope): Promise<void> {
  const cf = scope.clients.get('cloudfront', 'us-east-1', CloudFrontClient);
  const listed = await pages(scope, 'cloudfront:ListDistributions', 'us-east-1', () => paginateListDistributions({ client: cf, pageSize: 100 }, {}));
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const d of p.data.DistributionList?.Items ?? []) {
      scope.emit(
        liveResource(scope, 'aws.cloudfront.distribution', d.ARN!, undefined, { DistributionConfig: config(d), Live: compact({ DomainName: d.DomainName, Status: d.Status, Id: d.Id }) }, p.raw, d, d.Id),
      );
    }
  }
}
