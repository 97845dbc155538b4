import { Construct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { resolveClaims, type ClaimsSource } from './claims.js';
import { contradiction, warnWeakened } from './guard.js';
import { SecureBucket } from './secure-bucket.js';

export interface SecureDistributionProps extends cloudfront.DistributionProps {
  /**
   * Claims (TLS floor).
   * @default - the `vouch:claims` context value, else TLS 1.2
   */
  readonly claims?: ClaimsSource;
}

const TLS12_OR_NEWER = new Set<string>([
  cloudfront.SecurityPolicyProtocol.TLS_V1_2_2018,
  cloudfront.SecurityPolicyProtocol.TLS_V1_2_2019,
  cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
  cloudfront.SecurityPolicyProtocol.TLS_V1_2_2025,
  cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025,
]);
const TLS13 = new Set<string>([cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025]);
const HTTPS_VIEWER = new Set<string>([cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cloudfront.ViewerProtocolPolicy.HTTPS_ONLY]);

/**
 * A CloudFront distribution that only serves HTTPS: every behavior redirects
 * HTTP to HTTPS, viewers need TLSv1.2_2021 or newer (TLSv1.3_2025 under a TLS
 * 1.3 claim), SNI only, origins reached over HTTPS, standard logging into a
 * locked-down bucket. A custom certificate is required: with CloudFront's
 * default certificate, the minimum protocol is TLSv1 whatever is configured.
 */
export class SecureDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly logBucket?: s3.IBucket;

  constructor(scope: Construct, id: string, props: SecureDistributionProps) {
    super(scope, id);
    const claims = resolveClaims(this, props.claims);
    if (!props.certificate || !props.domainNames?.length)
      throw contradiction(
        this,
        'VouchDistributionCertificate',
        'SecureDistribution: a custom certificate and domain names are required; the default *.cloudfront.net certificate allows TLSv1',
      );
    const floor = claims.tlsMin === '1.3' ? cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025 : cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021;
    const wanted = props.minimumProtocolVersion;
    if (wanted && (!TLS12_OR_NEWER.has(wanted) || (claims.tlsMin === '1.3' && !TLS13.has(wanted))))
      throw contradiction(this, 'VouchDistributionTlsFloor', `SecureDistribution: minimumProtocolVersion ${wanted} accepts TLS below the claimed ${claims.tlsMin}`);
    if (props.sslSupportMethod === cloudfront.SSLMethod.VIP)
      throw contradiction(this, 'VouchDistributionVip', 'SecureDistribution: the VIP SSL method serves legacy clients and is not allowed; use SNI');
    const behaviors = [['defaultBehavior', props.defaultBehavior] as const, ...Object.entries(props.additionalBehaviors ?? {})];
    for (const [path, b] of behaviors) {
      if (b.viewerProtocolPolicy && !HTTPS_VIEWER.has(b.viewerProtocolPolicy))
        throw contradiction(this, 'VouchDistributionHttp', `SecureDistribution: behavior ${path} serves plain HTTP (${b.viewerProtocolPolicy}); use REDIRECT_TO_HTTPS`);
    }
    const redirect = (b: cloudfront.BehaviorOptions): cloudfront.BehaviorOptions => ({
      ...b,
      viewerProtocolPolicy: b.viewerProtocolPolicy ?? cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    });

    if (props.enableLogging === false) warnWeakened(this, 'distribution-logging-off', 'SecureDistribution: standard logging turned off');
    const logging = props.enableLogging ?? true;
    if (logging && !props.logBucket) {
      // CloudFront standard logging writes through an ACL grant, so this bucket keeps ACLs enabled (not public).
      this.logBucket = new SecureBucket(this, 'Logs', {
        claims: props.claims,
        logTarget: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      }).bucket;
    } else this.logBucket = props.logBucket;

    const { claims: _c, ...rest } = props;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      ...rest,
      defaultBehavior: redirect(props.defaultBehavior),
      additionalBehaviors: Object.fromEntries(Object.entries(props.additionalBehaviors ?? {}).map(([k, b]) => [k, redirect(b)])),
      minimumProtocolVersion: wanted ?? floor,
      sslSupportMethod: cloudfront.SSLMethod.SNI,
      enableLogging: logging,
      logBucket: this.logBucket,
    });

    // Origins are bound by now: refuse any that CloudFront would reach over plain HTTP.
    const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    const config = Stack.of(this).resolve(cfn.distributionConfig) as { origins?: { id?: string; customOriginConfig?: { originProtocolPolicy?: string } }[] };
    for (const o of config.origins ?? []) {
      if (o.customOriginConfig?.originProtocolPolicy && o.customOriginConfig.originProtocolPolicy !== 'https-only')
        throw contradiction(this, 'VouchDistributionOriginHttp', `SecureDistribution: origin ${o.id ?? ''} is reached with ${o.customOriginConfig.originProtocolPolicy}; use OriginProtocolPolicy.HTTPS_ONLY`);
    }
  }
}
