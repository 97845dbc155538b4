import { Construct } from 'constructs';
import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kms from 'aws-cdk-lib/aws-kms';
import { resolveClaims, type ClaimsSource } from './claims.js';
import { contradiction, warnWeakened, withDefaults } from './guard.js';
import { acknowledge } from './acknowledge.js';

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

    const merged0 = { versioned: props.versioned ?? true };
    if (expiry === 1 && merged0.versioned)
      throw contradiction(this, 'VouchBucketExpiryVersioned', 'SecureBucket: a 1-day retention cannot hold on a versioned bucket (a replaced object lives on as a noncurrent version); set versioned: false');
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
          ...(expiry !== undefined ? [retentionRule(expiry, merged0.versioned !== false)] : []),
        ],
      },
    );
    if (!wantLogs) {
      (merged as { serverAccessLogsBucket?: s3.IBucket }).serverAccessLogsBucket = undefined;
      (merged as { serverAccessLogsPrefix?: string }).serverAccessLogsPrefix = undefined;
    }
    this.bucket = new s3.Bucket(this, 'Bucket', merged);
    // Log buckets hold logs, not customer data: say so, for vouch's audit-logging rules.
    if (props.logTarget) Tags.of(this.bucket).add(CUSTOMER_DATA_TAG, 'false');
    if (this.accessLogsBucket) Tags.of(this.accessLogsBucket).add(CUSTOMER_DATA_TAG, 'false');
    // Log delivery (S3 server access logs, ELB access logs) writes only to SSE-S3 buckets: a
    // customer-managed-key claim cannot hold there. Say so in the evidence instead of failing.
    if (claims.requireCustomerManagedKeys) {
      const why = 'AWS log delivery writes only to SSE-S3 encrypted buckets; this bucket holds logs, not customer data';
      if (props.logTarget) acknowledge(this.bucket, 'enc-rest/aws-s3-bucket', why);
      if (this.accessLogsBucket) acknowledge(this.accessLogsBucket, 'enc-rest/aws-s3-bucket', why);
    }
    this.encryptionKey = this.bucket.encryptionKey;
  }
}

/** Tag vouch reads to tell log buckets (no customer data) from data buckets. */
export const CUSTOMER_DATA_TAG = 'vouch:customer-data';

const S3_LOGS_USE_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

/**
 * Delete objects within `days` of creation, counting the time an overwritten
 * or deleted object lives on as a noncurrent version: current objects expire
 * after days - 1, noncurrent versions one day later.
 */
function retentionRule(days: number, versioned: boolean): s3.LifecycleRule {
  return {
    id: 'vouch-retention',
    expiration: Duration.days(versioned ? days - 1 : days),
    noncurrentVersionExpiration: versioned ? Duration.days(1) : undefined,
    expiredObjectDeleteMarker: undefined,
    abortIncompleteMultipartUploadAfter: Duration.days(1),
  };
}

function blocksAll(b: s3.BlockPublicAccess): boolean {
  return Boolean(b.blockPublicAcls && b.blockPublicPolicy && b.ignorePublicAcls && b.restrictPublicBuckets);
}

/** The props s3.Bucket understands (ours removed). */
function stripOwn(props: SecureBucketProps): s3.BucketProps {
  const { claims: _c, expireAfterDays: _e, accessLogs: _a, logTarget: _l, ...rest } = props;
  return rest;
}
