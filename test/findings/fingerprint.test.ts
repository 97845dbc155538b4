/**
 * Fingerprints are a stable surface (suppressions, baselines and diffs match on them): the first
 * 32 hex digits of sha256 over `rule \0 sub-id \0 type \0 identity`, computed here independently.
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { fingerprintOf } from '../../src/findings/evidence.js';
import type { FindingResource } from '../../src/findings/evidence.js';

const expected = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);

describe('fingerprintOf', () => {
  it('hashes rule, sub-id, type and the stack/logical id of a template resource', () => {
    const r = { source: 'iac', type: 'AWS::S3::Bucket', id: 'x', stack: 'app', logicalId: 'Logs' } as unknown as FindingResource;
    expect(fingerprintOf('enc-rest/aws-s3-bucket', undefined, r)).toBe(expected('enc-rest/aws-s3-bucket\u0000\u0000AWS::S3::Bucket\u0000app/Logs'));
    expect(fingerprintOf('enc-rest/aws-s3-bucket', 'sse', r)).toBe(expected('enc-rest/aws-s3-bucket\u0000sse\u0000AWS::S3::Bucket\u0000app/Logs'));
    // Same rule, sub-id and type again (a cached prefix): only the identity differs.
    const r2 = { ...r, logicalId: 'Données' } as FindingResource;
    expect(fingerprintOf('enc-rest/aws-s3-bucket', 'sse', r2)).toBe(expected('enc-rest/aws-s3-bucket\u0000sse\u0000AWS::S3::Bucket\u0000app/Données'));
    expect(fingerprintOf('enc-rest/aws-s3-bucket', 'sse', r2)).not.toBe(fingerprintOf('enc-rest/aws-s3-bucket', undefined, r2));
  });

  it('hashes the ARN (else the id) of a live resource', () => {
    const live = { source: 'live', type: 'AWS::S3::Bucket', id: 'logs', arn: 'arn:aws:s3:::logs' } as unknown as FindingResource;
    expect(fingerprintOf('public-access/aws-s3-bucket', undefined, live)).toBe(expected('public-access/aws-s3-bucket\u0000\u0000AWS::S3::Bucket\u0000arn:aws:s3:::logs'));
    const noArn = { source: 'live', type: 'AWS::S3::Bucket', id: 'logs' } as unknown as FindingResource;
    expect(fingerprintOf('public-access/aws-s3-bucket', undefined, noArn)).toBe(expected('public-access/aws-s3-bucket\u0000\u0000AWS::S3::Bucket\u0000logs'));
  });
});
