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

// The record and its parts are defined once, in zod (src/schema/inventory.ts, src/schema/evidence.ts).
export type { Acknowledgement, Location, Provider, RawRecord, Resource } from '../schema/inventory.js';
export type { OwnerClaim, ResourceOwner } from '../schema/evidence.js';

/** `probe`: observed by a client at an endpoint (src/probe), never produced by a collector. */
export type SourceKind = 'iac' | 'live' | 'probe';
