import { Construct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { elbPolicyMinTls, meetsFloor } from '../src/lib/tls.js';
import type { TlsVersion } from '../src/evaluate/claims-profile.js';
import { resolveClaims, type ClaimsSource } from './claims.js';
import { contradiction, warnWeakened } from './guard.js';
import { SecureBucket } from './secure-bucket.js';

export interface HttpsOnlyLoadBalancerProps {
  /** The VPC the load balancer lives in. */
  readonly vpc: ec2.IVpc;
  /** Certificates for the HTTPS listener (at least one). */
  readonly certificates: elbv2.IListenerCertificate[];
  /**
   * Claims the listener must keep (TLS floor).
   * @default - the `vouch:claims` context value, else TLS 1.2
   */
  readonly claims?: ClaimsSource;
  /**
   * Reachable from the internet. Only when asked: an internal load balancer
   * is the default.
   * @default false
   */
  readonly internetFacing?: boolean;
  /**
   * HTTPS listener security policy. Must accept no TLS version below the claim.
   * @default - ELBSecurityPolicy-TLS13-1-3-2021-06 for a TLS 1.3 claim, else ELBSecurityPolicy-TLS13-1-2-2021-06
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /**
   * Open port 80 with a listener that only answers 301 → HTTPS. `false`
   * leaves no plain-HTTP entry point at all (also compliant).
   * @default true
   */
  readonly redirectHttp?: boolean;
  /**
   * Where access logs go. `false` turns them off (warns).
   * @default - a new SecureBucket
   */
  readonly accessLogsBucket?: s3.IBucket | false;
  /**
   * Port of the HTTPS listener.
   * @default 443
   */
  readonly httpsPort?: number;
  /**
   * Subnets the load balancer is placed in.
   * @default - public subnets when internet-facing, else private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Protect against deletion.
   * @default false
   */
  readonly deletionProtection?: boolean;
}

/**
 * An Application Load Balancer that only speaks HTTPS: a TLS listener whose
 * security policy meets the claim's floor (TLS 1.3-only or 1.2+), port 80
 * answering only a 301 redirect to HTTPS, invalid headers dropped, access
 * logs on, and internal unless `internetFacing` is asked for.
 */
export class HttpsOnlyLoadBalancer extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly httpsListener: elbv2.ApplicationListener;
  readonly httpListener?: elbv2.ApplicationListener;
  readonly accessLogsBucket?: s3.IBucket;

  constructor(scope: Construct, id: string, props: HttpsOnlyLoadBalancerProps) {
    super(scope, id);
    const claims = resolveClaims(this, props.claims);
    if (!props.certificates || props.certificates.length === 0)
      throw contradiction(this, 'VouchAlbCertificateRequired', 'HttpsOnlyLoadBalancer: at least one certificate is required for the HTTPS listener');
    const sslPolicy = props.sslPolicy ?? defaultPolicy(claims.tlsMin);
    const min = elbPolicyMinTls(sslPolicy);
    if (!min || !meetsFloor(min, claims.tlsMin))
      throw contradiction(
        this,
        'VouchAlbTlsFloor',
        `HttpsOnlyLoadBalancer: sslPolicy ${sslPolicy} ${min ? `accepts TLS ${min}` : 'is not one vouch can classify'}; the claim requires TLS ${claims.tlsMin} or newer`,
      );

    const internetFacing = props.internetFacing ?? false;
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc: props.vpc,
      internetFacing,
      vpcSubnets: props.vpcSubnets ?? { subnetType: internetFacing ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_WITH_EGRESS },
      dropInvalidHeaderFields: true,
      deletionProtection: props.deletionProtection ?? false,
    });

    if (props.accessLogsBucket === false) {
      warnWeakened(this, 'alb-access-logs-off', 'HttpsOnlyLoadBalancer: access logs turned off; requests leave no audit trail');
    } else if (Token.isUnresolved(this.loadBalancer.stack.region) && !props.accessLogsBucket) {
      // ELB log delivery needs the region's ELB account; an environment-agnostic stack cannot name it.
      warnWeakened(this, 'alb-access-logs-no-region', 'HttpsOnlyLoadBalancer: access logs need a stack with a concrete region; none were configured');
    } else {
      this.accessLogsBucket = props.accessLogsBucket ?? new SecureBucket(this, 'AccessLogs', { claims: props.claims, logTarget: true }).bucket;
      this.loadBalancer.logAccessLogs(this.accessLogsBucket);
    }

    const httpsPort = props.httpsPort ?? 443;
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: httpsPort,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: props.certificates,
      sslPolicy,
      open: internetFacing,
    });
    if (!internetFacing) this.loadBalancer.connections.allowFrom(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(httpsPort), 'HTTPS from inside the VPC');

    if (props.redirectHttp ?? true) {
      this.httpListener = this.loadBalancer.addListener('HttpRedirect', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: internetFacing,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: String(httpsPort), permanent: true }),
      });
      if (!internetFacing) this.loadBalancer.connections.allowFrom(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(80), 'HTTP (redirect only) from inside the VPC');
    }
  }

  /** Forward HTTPS traffic to targets (the HTTP listener never forwards). */
  addTargets(id: string, props: elbv2.AddApplicationTargetsProps): elbv2.ApplicationTargetGroup {
    return this.httpsListener.addTargets(id, props);
  }
}

function defaultPolicy(floor: TlsVersion): elbv2.SslPolicy {
  return floor === '1.3' ? elbv2.SslPolicy.TLS13_13 : elbv2.SslPolicy.RECOMMENDED_TLS;
}
