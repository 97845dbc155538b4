import { Construct } from 'constructs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kms from 'aws-cdk-lib/aws-kms';
import { resolveClaims, type ClaimsSource } from './claims.js';
import { contradiction, warnWeakened, withDefaults } from './guard.js';

/**
 * Properties of a {@link SecureBucket}: every `s3.BucketProps` field, plus
 * the claim-derived ones. Secure defaults apply where a field is omitted.
 */
export interface SecureBucketProps extends s3.BucketProps {
  /**
   * Claims this bucket must keep (TLS floor, customer-managed keys).
   * @default - the `vouch:claims` context value, else TLS 1.2 and SSE-S3
   */
  readonly claims?: ClaimsSource;
  /**
   * Expire objects (and noncurrent versions) this many days after creation,
   * for a data-retention claim ("telemetry is kept 90 days").
   * @default - objects do not expire
   */
  readonly expireAfterDays?: number;
  /**
   * Write server access logs. `true` creates a dedicated, equally locked-down
   * log bucket unless `serverAccessLogsBucket` is given.
   * @default true
   */
  readonly accessLogs?: boolean;
  /**
   * This bucket receives logs (S3 server access logs, ELB access logs):
   * SSE-S3, the only encryption log delivery supports, and no access logs of
   * its own (logging a log bucket into itself loops), without warnings.
   * @default false
   */
  readonly logTarget?: boolean;
}

/**
 * An S3 bucket that keeps the policy's promises by default: encrypted at rest
 * (SSE-S3 AES-256, or KMS when the claims require customer keys), reachable
 * only over TLS at the claim's minimum version (SSL-only bucket policy), all
 * public access blocked, versioned, with server access logging.
 *
 * Weakening a default (versioning off, access logs off) is allowed and warns
 * (`vouch:bucket-*`); props that contradict a control (`enforceSSL: false`,
 * `publicReadAccess: true`, a lower `minimumTLSVersion`, an open
 * `blockPublicAccess`) throw a `ValidationError`.
 */
export class SecureBucket extends Construct {
  readonly bucket: s3.Bucket;
  /** The bucket receiving this bucket's access logs, when created here. */
  readonly accessLogsBucket?: s3.Bucket;
  readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: SecureBucketProps = {}) {
    super(scope, id);
    // Grant log delivery through a bucket policy, not the legacy LogDeliveryWrite ACL (which needs
    // ACLs enabled on the log bucket). Set on this subtree only; the app's own flags are untouched.
    this.node.setContext(S3_LOGS_USE_POLICY, true);
    const claims = resolveClaims(this, props.claims);
    const tlsFloor = claims.tlsMin === '1.3' ? 1.3 : 1.2;

    if (props.enforceSSL === false) throw contradiction(this, 'VouchBucketSslRequired', 'SecureBucket: enforceSSL: false contradicts the TLS-in-transit claim; remove it');
    if (props.publicReadAccess) throw contradiction(this, 'VouchBucketPublicRead', 'SecureBucket: publicReadAccess: true contradicts the no-public-data-store control');
    if (props.blockPublicAccess && !blocksAll(props.blockPublicAccess))
      throw contradiction(this, 'VouchBucketPublicAccessBlock', 'SecureBucket: blockPublicAccess must block all four kinds of public access');
    if (props.minimumTLSVersion !== undefined && props.minimumTLSVersion < tlsFloor)
      throw contradiction(this, 'VouchBucketTlsFloor', `SecureBucket: minimumTLSVersion ${props.minimumTLSVersion} is below the claimed TLS ${claims.tlsMin}`);
    if (props.encryption === s3.BucketEncryption.UNENCRYPTED)
      throw contradiction(this, 'VouchBucketUnencrypted', 'SecureBucket: encryption UNENCRYPTED contradicts the encryption-at-rest claim');
    if (claims.requireCustomerManagedKeys && props.encryption === s3.BucketEncryption.S3_MANAGED && !props.logTarget)
      throw contradiction(this, 'VouchBucketCustomerKey', 'SecureBucket: the claims require customer-managed keys; S3_MANAGED encryption does not use one');

    if (props.versioned === false) warnWeakened(this, 'bucket-versioning-off', 'SecureBucket: versioning turned off; overwritten or deleted objects cannot be recovered');
    const wantLogs = props.accessLogs ?? !props.logTarget;
    if (!wantLogs && !props.logTarget) warnWeakened(this, 'bucket-access-logs-off', 'SecureBucket: server access logging turned off; reads and writes leave no audit trail');

    if (wantLogs && !props.serverAccessLogsBucket) {
      // Log delivery only supports SSE-S3 on the target bucket.
      this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        minimumTLSVersion: tlsFloor,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: true,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
    }

    const customerKey = claims.requireCustomerManagedKeys && !props.encryption && !props.encryptionKey && !props.logTarget;
    const expiry = props.expireAfterDays;
    if (expiry !== undefined && (!Number.isInteger(expiry) || expiry < 1))
      throw contradiction(this, 'VouchBucketExpiry', `SecureBucket: expireAfterDays must be a positive whole number, got ${expiry}`);

    const merged = withDefaults<s3.BucketProps>(
      {
        encryption: customerKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
        bucketKeyEnabled: customerKey ? true : undefined,
        versioned: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removalPolicy: RemovalPolicy.RETAIN,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: wantLogs ? 'access-logs/' : undefined,
      },
      stripOwn(props),
      {
        enforceSSL: true,
        minimumTLSVersion: Math.max(props.minimumTLSVersion ?? tlsFloor, tlsFloor),
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        publicReadAccess: false,
        lifecycleRules: [
          ...(props.lifecycleRules ?? []),
          ...(expiry !== undefined
            ? [{ id: 'vouch-retention', expiration: Duration.days(expiry), noncurrentVersionExpiration: Duration.days(expiry), abortIncompleteMultipartUploadAfter: Duration.days(1) }]
            : []),
        ],
      },
    );
    if (!wantLogs) {
      (merged as { serverAccessLogsBucket?: s3.IBucket }).serverAccessLogsBucket = undefined;
      (merged as { serverAccessLogsPrefix?: string }).serverAccessLogsPrefix = undefined;
    }
    this.bucket = new s3.Bucket(this, 'Bucket', merged);
    this.encryptionKey = this.bucket.encryptionKey;
  }
}

const S3_LOGS_USE_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

function blocksAll(b: s3.BlockPublicAccess): boolean {
  return Boolean(b.blockPublicAcls && b.blockPublicPolicy && b.ignorePublicAcls && b.restrictPublicBuckets);
}

/** The props s3.Bucket understands (ours removed). */
function stripOwn(props: SecureBucketProps): s3.BucketProps {
  const { claims: _c, expireAfterDays: _e, accessLogs: _a, logTarget: _l, ...rest } = props;
  return rest;
}
