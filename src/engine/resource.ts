/**
 * The inventory model: one `Resource` per thing a rule can judge, whether it
 * came from a template (source `iac`) or from a cloud API (source `live`).
 *
 * Canonical types are shared by both sources: `aws.s3.bucket` is the same type
 * whether it came from `AWS::S3::Bucket` or from `s3:ListBuckets`.
 *
 * Property vocabulary: for AWS, normalized properties use CloudFormation's
 * property names and shapes (`BucketEncryption.ServerSideEncryptionConfiguration`),
 * because the AWS APIs use the same shapes almost everywhere; live collectors
 * map API responses into them and add facts a template cannot carry under
 * names that say so (e.g. `Live.AccountPublicAccessBlock`). For GCP and
 * DigitalOcean the REST resource shapes (camelCase / snake_case as the API
 * returns them) are the vocabulary. Values a template leaves unresolved are
 * `Unresolved` markers (see ./values.ts), never guessed.
 */

export type Provider = 'aws' | 'gcp' | 'digitalocean';
/** `probe`: observed by a client at an endpoint (src/probe), never produced by a collector. */
export type SourceKind = 'iac' | 'live' | 'probe';

export interface Location {
  /** IaC: template path relative to the working directory. */
  file?: string;
  /** IaC: 1-based line of the resource's logical id in the template. */
  line?: number;
  logicalId?: string;
  /** IaC: CDK construct path from `aws:cdk:path` metadata. */
  constructPath?: string;
  /** IaC: stack name (CDK artifact id or template file stem). */
  stack?: string;
  /** Live: AWS account id, GCP project id, DigitalOcean team. */
  account?: string;
  region?: string;
  /** Live: ARN, self-link or URN. */
  arn?: string;
}

/** Where a piece of raw material came from: an API call, or a template fragment. */
export interface RawRecord {
  /** `s3:GetBucketEncryption`, `compute.firewalls.list`, or `template` */
  operation: string;
  region?: string;
  requestId?: string;
  at?: string;
  /** The response or template fragment (secrets already redacted). */
  data?: unknown;
  /** Set when the call failed: the error code and message (never credentials). */
  error?: { code: string; message: string };
}

export interface Resource {
  /** Canonical type, e.g. `aws.s3.bucket`, `aws.elbv2.listener`, `gcp.compute.firewall`. */
  type: string;
  provider: Provider;
  source: SourceKind;
  /**
   * Stable identity, unique in one inventory. IaC: `<stack>/<logicalId>`;
   * live: ARN / self-link / URN. Fingerprints are derived from it.
   */
  id: string;
  name?: string;
  /** Normalized facts the rules read. */
  properties: Record<string, unknown>;
  /** Raw material: API responses or the template fragment. */
  raw?: RawRecord[];
  location: Location;
  /** Named relations to other resources, by their `id`. Resolved by the source. */
  relations: Record<string, string[]>;
  /**
   * Facts the source could not collect (access denied, throttled): a field
   * path → why. Rules that need such a field answer `unknown` with this reason.
   */
  gaps?: Record<string, string>;
  /**
   * Live: the CloudFormation stack that owns the resource (src/drift/ownership.ts),
   * set on every ownable live AWS resource when the scan read CloudFormation.
   */
  owner?: ResourceOwner;
  /** Acknowledgements carried by the resource itself (template metadata, CDK acknowledge). */
  acknowledgements?: Acknowledgement[];
}

/** One stack's claim on a physical resource. */
export interface OwnerClaim {
  stackName: string;
  stackId: string;
  logicalId: string;
  /** CDK construct path, from the deployed template's `aws:cdk:path` metadata. */
  constructPath?: string;
  /** CloudFormation's own drift status of the resource, where drift detection has run (`IN_SYNC`, `MODIFIED`, `DELETED`, `NOT_CHECKED`). */
  cfnDriftStatus?: string;
  /** CloudFormation's property differences, `PropertyPath (DifferenceType)` (DescribeStackResourceDrifts; never values). */
  cfnDriftDifferences?: string[];
}

/**
 * Who owns a live resource. `stack`: exactly one stack claims its physical id
 * (the claim's fields are set). `none`: every stack that could own it was read
 * and none does (a shadow resource). `ambiguous`: several stacks claim it
 * (`claims` lists them; none is chosen). `unknown`: a stack that might own it
 * could not be read (`reason` says which and why).
 */
export interface ResourceOwner extends Partial<OwnerClaim> {
  status: 'stack' | 'none' | 'ambiguous' | 'unknown' | 'managed';
  claims?: OwnerClaim[];
  /** `managed` (GCP, DigitalOcean; src/drift/labels.ts): the tool a label or tag names (`terraform`, `pulumi`, `config-connector`, ...). */
  tool?: string;
  /** `managed`: the label or tag that says so (`goog-terraform-provisioned=true`, `k8s:<cluster id>`). */
  label?: string;
  reason?: string;
  /**
   * Where the owning code is (set by `scan aws --cdk-out`): the CDK app's
   * source line from the assembly's stack traces (`via: 'trace'`), else the
   * resource in the assembly's template (`via: 'template'`).
   */
  code?: { file: string; line?: number; via: 'trace' | 'template' };
}

export interface Acknowledgement {
  /** Rule id, optionally with `[subId]`; `*` globs allowed. */
  rule: string;
  reason: string;
  owner?: string;
  expires?: string;
  /** Where it was declared: `metadata` (template), `cdk` (Validations.acknowledge), or a file path. */
  origin: string;
}
