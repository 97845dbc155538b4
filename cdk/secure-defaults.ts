/**
 * SecureDefaults: an opt-in, MUTATING aspect. It fills in controls that
 * L1/L2 resources leave out, and never overrides a value someone set:
 *
 * - S3 buckets: default encryption (SSE-S3), all four public-access blocks,
 *   and SSL-only statements (no plain HTTP, no TLS below the claim) in the bucket policy (L2 buckets: merged into
 *   their policy; L1 buckets without any policy: a new one).
 * - ELBv2 HTTPS/TLS listeners without an `SslPolicy`: the claim's policy
 *   (CloudFormation would default to ELBSecurityPolicy-2016-08, TLS 1.0).
 * - ElastiCache replication groups: at-rest and in-transit encryption
 *   (`TransitEncryptionMode: required`) when unset. Turning at-rest
 *   encryption on replaces an existing replication group: review the diff.
 *
 * Each change adds an info annotation on the resource and an entry in
 * `changes`; a value it will not touch (set, but weaker than the claim) gets
 * a warning instead.
 *
 *     const defaults = new SecureDefaults({ claims });
 *     Aspects.of(app).add(defaults);
 *     app.synth();
 *     console.log(defaults.changes);
 */
import { IConstruct } from 'constructs';
import { Annotations, Stack, Token, type IAspect } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { elbPolicyMinTls, meetsFloor } from '../src/lib/tls.js';
import { resolveClaims, type ClaimsSource } from './claims.js';

export interface SecureDefaultsProps {
  /**
   * Claims (TLS floor for listener policies).
   * @default - the `vouch:claims` context value, else TLS 1.2
   */
  readonly claims?: ClaimsSource;
}

export interface SecureDefaultsChange {
  /** Construct path of the changed L1 resource. */
  readonly path: string;
  readonly resourceType: string;
  /** What was set, e.g. `BucketEncryption = AES256`. */
  readonly change: string;
}

export class SecureDefaults implements IAspect {
  /** Every change made, in visiting order. */
  readonly changes: SecureDefaultsChange[] = [];
  private readonly sslOnlyDone = new Set<s3.IBucket>();

  constructor(private readonly props: SecureDefaultsProps = {}) {}

  visit(node: IConstruct): void {
    if (node instanceof s3.CfnBucket) this.bucket(node);
    else if (node instanceof elbv2.CfnListener) this.listener(node);
    else if (node instanceof elasticache.CfnReplicationGroup) this.cache(node);
  }

  /** One line per change, for logs. */
  summary(): string[] {
    return this.changes.map((c) => `${c.path} (${c.resourceType}): ${c.change}`);
  }

  private record(node: IConstruct & { cfnResourceType: string }, change: string): void {
    this.changes.push({ path: node.node.path, resourceType: node.cfnResourceType, change });
    Annotations.of(node).addInfo(`vouch SecureDefaults set ${change}`);
  }

  private bucket(b: s3.CfnBucket): void {
    if (b.bucketEncryption === undefined) {
      b.bucketEncryption = { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] };
      this.record(b, 'BucketEncryption = SSE-S3 (AES256)');
    }
    if (b.publicAccessBlockConfiguration === undefined) {
      b.publicAccessBlockConfiguration = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
      this.record(b, 'PublicAccessBlockConfiguration = all four blocks on');
    }
    const parent = b.node.scope;
    if (parent instanceof s3.Bucket) {
      if (this.sslOnlyDone.has(parent) || hasSslOnlyStatement(parent)) return;
      this.sslOnlyDone.add(parent);
      for (const st of sslOnlyStatements(parent.bucketArn, this.floor(b))) parent.addToResourcePolicy(st);
      this.record(b, `bucket policy: Deny aws:SecureTransport=false and s3:TlsVersion < ${this.floor(b)}`);
      return;
    }
    // Plain L1 bucket: add a policy only when no policy in the stack names it (one policy per bucket).
    const stack = Stack.of(b);
    const named = stack.node.findAll().some((c) => c instanceof s3.CfnBucketPolicy && JSON.stringify(stack.resolve(c.bucket)) === JSON.stringify(stack.resolve(b.ref)));
    if (named) {
      Annotations.of(b).addWarningV2('vouch:defaults-bucket-policy-exists', 'SecureDefaults: this bucket already has an L1 bucket policy; add a Deny on aws:SecureTransport=false to it yourself');
      return;
    }
    const arn = b.attrArn;
    new s3.CfnBucketPolicy(b.node.scope!, `${b.node.id}VouchSslOnly`, {
      bucket: b.ref,
      policyDocument: new iam.PolicyDocument({ statements: sslOnlyStatements(arn, this.floor(b)) }),
    });
    this.record(b, `new bucket policy: Deny aws:SecureTransport=false and s3:TlsVersion < ${this.floor(b)}`);
  }

  private floor(node: IConstruct): string {
    return resolveClaims(node, this.props.claims).tlsMin;
  }

  private listener(l: elbv2.CfnListener): void {
    if (l.protocol !== 'HTTPS' && l.protocol !== 'TLS') return;
    const floor = resolveClaims(l, this.props.claims).tlsMin;
    if (l.sslPolicy === undefined) {
      l.sslPolicy = floor === '1.3' ? elbv2.SslPolicy.TLS13_13 : elbv2.SslPolicy.RECOMMENDED_TLS;
      this.record(l, `SslPolicy = ${l.sslPolicy}`);
      return;
    }
    if (Token.isUnresolved(l.sslPolicy)) return;
    const min = elbPolicyMinTls(l.sslPolicy);
    if (!min || !meetsFloor(min, floor))
      Annotations.of(l).addWarningV2('vouch:defaults-listener-policy-weak', `SecureDefaults: SslPolicy ${l.sslPolicy} was set explicitly and accepts TLS below ${floor}; not changed`);
  }

  private cache(c: elasticache.CfnReplicationGroup): void {
    if (c.atRestEncryptionEnabled === undefined) {
      c.atRestEncryptionEnabled = true;
      this.record(c, 'AtRestEncryptionEnabled = true');
    }
    if (c.transitEncryptionEnabled === undefined) {
      c.transitEncryptionEnabled = true;
      this.record(c, 'TransitEncryptionEnabled = true');
    }
    if (c.transitEncryptionMode === undefined && c.transitEncryptionEnabled === true) {
      c.transitEncryptionMode = 'required';
      this.record(c, 'TransitEncryptionMode = required');
    }
  }
}

/** Deny plain HTTP, and TLS below the claim's floor (S3 supports the `s3:TlsVersion` key). */
function sslOnlyStatements(bucketArn: string, floor: string): iam.PolicyStatement[] {
  const base = { effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:*'], resources: [bucketArn, `${bucketArn}/*`] };
  return [
    new iam.PolicyStatement({ ...base, sid: 'VouchDenyInsecureTransport', conditions: { Bool: { 'aws:SecureTransport': 'false' } } }),
    new iam.PolicyStatement({ ...base, sid: 'VouchDenyOldTls', conditions: { NumericLessThan: { 's3:TlsVersion': Number(floor) } } }),
  ];
}

function hasSslOnlyStatement(bucket: s3.Bucket): boolean {
  const doc = bucket.policy?.document;
  if (!doc) return false;
  return JSON.stringify(Stack.of(bucket).resolve(doc.toJSON())).includes('aws:SecureTransport');
}
