/**
 * The lean per-bucket S3 path (src/sources/providers/aws/collectors/s3-bucket-reader.ts) must
 * be indistinguishable from the SDK: same signature as @smithy/signature-v4,
 * and — against moto — the same output (or the same error code) as the SDK
 * command for every operation on buckets configured every way moto accepts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpResponse } from '@smithy/core/protocols';
import {
  S3Client,
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutBucketAclCommand,
  PutBucketVersioningCommand,
  PutBucketLoggingCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketReplicationCommand,
  PutBucketOwnershipControlsCommand,
} from '@aws-sdk/client-s3';
import { startMoto, type Moto } from './moto.js';
import { BUCKET_COMMANDS } from '../../src/sources/providers/aws/collectors/s3.js';
import { ClientFactory } from '../../src/sources/providers/aws/collectors/clients.js';
import { BUCKET_OPS, signGet, parseXml, parseBucketResponse, s3ResponseError, type BucketOp } from '../../src/sources/providers/aws/collectors/s3-bucket-reader.js';
import { WriteRefused } from '../../src/sources/providers/aws/collectors/guard.js';
import { underDeadline } from '../../src/sources/providers/common/deadline.js';

// AWS's published Signature Version 4 example "GET Bucket Lifecycle" (Amazon S3 API Reference,
// "Signature Calculations for the Authorization Header: Transferring Payload in a Single Chunk"):
// the example keys, 24 May 2013 00:00:00 UTC, us-east-1, GET https://examplebucket.s3.amazonaws.com/?lifecycle.
const AWS_EXAMPLE = {
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  date: new Date('2013-05-24T00:00:00Z'),
  url: new URL('https://examplebucket.s3.amazonaws.com/'),
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
};

describe('signGet', () => {
  const signing = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region = 'us-east-1') => ({
    signer: new SignatureV4({ credentials, region, service: 's3', sha256: new S3Client({ region }).config.sha256, uriEscapePath: false, applyChecksum: true }),
    region,
    service: 's3',
  });

  it("signs AWS's published GET Bucket Lifecycle example to the published signature", async () => {
    const h = await signGet(signing(AWS_EXAMPLE.credentials), AWS_EXAMPLE.url, 'lifecycle', AWS_EXAMPLE.date);
    expect(h.authorization).toBe(AWS_EXAMPLE.authorization);
    expect([h.host, h['x-amz-date'], h['x-amz-content-sha256']]).toEqual(['examplebucket.s3.amazonaws.com', '20130524T000000Z', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']);
  });

  it('signs with the scope the endpoint rules give, and signs the session token when there is one', async () => {
    const s = { ...signing({ ...AWS_EXAMPLE.credentials, sessionToken: 'FwoGZXIvYXdzEJr//token==' }), region: 'eu-west-1' };
    const h = await signGet(s, new URL('http://127.0.0.1:4566/my.dotted.bucket'), 'acl', AWS_EXAMPLE.date);
    expect(h.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20130524\/eu-west-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    expect([h.host, h['x-amz-security-token']]).toEqual(['127.0.0.1:4566', 'FwoGZXIvYXdzEJr//token==']);
    // Same request, other day or other secret: another signature (the cached key is not reused).
    const nextDay = await signGet(s, new URL('http://127.0.0.1:4566/my.dotted.bucket'), 'acl', new Date('2013-05-25T00:00:00Z'));
    const otherSecret = await signGet({ ...signing({ ...AWS_EXAMPLE.credentials, secretAccessKey: 'other', sessionToken: 'FwoGZXIvYXdzEJr//token==' }), region: 'eu-west-1' }, new URL('http://127.0.0.1:4566/my.dotted.bucket'), 'acl', AWS_EXAMPLE.date);
    expect(new Set([h.authorization, nextDay.authorization, otherSecret.authorization]).size).toBe(3);
  });

  it('sends exactly the signed request on the wire: GET path?sub with the signing headers, no credential in anything but the signature', async () => {
    const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/xml' }).end('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const secret = 'wire-test-secret-0000000000000000000000';
    const factory = new ClientFactory({ credentials: { accessKeyId: 'AKIAWIRETEST00000001', secretAccessKey: secret }, endpoints: { s3: url }, concurrency: 1, maxAttempts: 1, requestTimeoutMs: 5_000 });
    const reader = factory.s3Reader();
    const target = (await reader.target(factory.get('s3', 'eu-west-1', S3Client), 'wire-bucket', 'eu-west-1'))!;
    const out = await reader.read(target, 'GetBucketVersioning');
    expect(out.Status).toBe('Enabled');
    const [r] = seen;
    expect([r!.method, r!.url]).toEqual(['GET', '/wire-bucket?versioning']);
    expect(r!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAWIRETEST00000001\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(JSON.stringify(r!.headers)).not.toContain(secret);
    reader.close();
    server.close();
  });
});

describe('S3 response parsing', () => {
  it('maps XML to the SDK shapes: flattened and wrapped lists, numbers, booleans, dates, xsi:type, entities', () => {
    const acl = parseBucketResponse(
      'GetBucketAcl',
      `<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>abc</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>`,
    );
    expect(acl).toEqual({ Owner: { ID: 'abc' }, Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] });
    const life = parseBucketResponse(
      'GetBucketLifecycleConfiguration',
      `<LifecycleConfiguration><Rule><ID>a &amp; b</ID><Filter><And><Prefix>logs/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></And></Filter><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition><Transition><Days>90</Days><StorageClass>DEEP_ARCHIVE</StorageClass></Transition><Expiration><Date>2027-01-01T00:00:00.000Z</Date></Expiration></Rule><Rule><Filter></Filter><Status>Disabled</Status><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule></LifecycleConfiguration>`,
      { 'x-amz-transition-default-minimum-object-size': 'all_storage_classes_128K' },
    );
    expect(life).toEqual({
      Rules: [
        {
          ID: 'a & b',
          Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'k', Value: 'v' }], ObjectSizeGreaterThan: 10 } },
          Status: 'Enabled',
          Transitions: [
            { Days: 30, StorageClass: 'GLACIER' },
            { Days: 90, StorageClass: 'DEEP_ARCHIVE' },
          ],
          Expiration: { Date: new Date('2027-01-01T00:00:00.000Z') },
        },
        { Filter: {}, Status: 'Disabled', Expiration: { ExpiredObjectDeleteMarker: true } },
      ],
      TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
    });
    const repl = parseBucketResponse(
      'GetBucketReplication',
      `<ReplicationConfiguration><Role>arn:aws:iam::1:role/r</Role><Rule><ID>x</ID><Priority>2</Priority><Filter><Not><Or><Prefix>a/</Prefix><Prefix>b/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Or></Not></Filter><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket><ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime></Destination></Rule></ReplicationConfiguration>`,
    );
    expect(repl).toEqual({
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::1:role/r',
        Rules: [{ ID: 'x', Priority: 2, Filter: { Not: { Or: { Prefixes: ['a/', 'b/'], Tags: [{ Key: 'k', Value: 'v' }] } } }, Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::d', ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } } } }],
      },
    });
    expect(parseBucketResponse('GetBucketVersioning', '<VersioningConfiguration/>')).toEqual({});
    expect(parseBucketResponse('GetBucketPolicy', '{"Version":"2012-10-17"}')).toEqual({ Policy: '{"Version":"2012-10-17"}' });
  });

  // Documents in the shapes real S3 answers with (namespaces, xsi:type, every member the SDK models),
  // fed to the SDK through a handler that returns them: both parsers must agree.
  const DOCS: [BucketOp, string][] = [
    ['GetBucketEncryption', `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms:dsse</SSEAlgorithm><KMSMasterKeyID>arn:aws:kms:eu-west-1:1:key/k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`],
    ['GetPublicAccessBlock', `<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>`],
    ['GetBucketAcl', `<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o1</ID><DisplayName>owner</DisplayName></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>o1</ID><DisplayName>owner</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="AmazonCustomerByEmail"><EmailAddress>a@example.com</EmailAddress></Grantee><Permission>READ_ACP</Permission></Grant><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>`],
    ['GetBucketVersioning', `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Suspended</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>`],
    ['GetBucketLogging', `<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>p/</TargetPrefix><TargetGrants><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/s3/LogDelivery</URI></Grantee><Permission>WRITE</Permission></Grant></TargetGrants><TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>EventTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>`],
    ['GetBucketLogging', `<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix></TargetPrefix><TargetObjectKeyFormat><SimplePrefix/></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>`],
    ['GetBucketLogging', `<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/" />`],
    ['GetBucketLifecycleConfiguration', `<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ID>all</ID><Filter><ObjectSizeGreaterThan>1024</ObjectSizeGreaterThan></Filter><Status>Enabled</Status><Transition><Date>2027-01-01T00:00:00.000Z</Date><StorageClass>GLACIER_IR</StorageClass></Transition><NoncurrentVersionTransition><NoncurrentDays>10</NoncurrentDays><StorageClass>ONEZONE_IA</StorageClass><NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionTransition><NoncurrentVersionExpiration><NoncurrentDays>40</NoncurrentDays><NewerNoncurrentVersions>5</NewerNoncurrentVersions></NoncurrentVersionExpiration><AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule><Rule><ID>legacy</ID><Prefix>old/</Prefix><Status>Enabled</Status><Expiration><Days>35</Days></Expiration></Rule><Rule><Filter><And><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value>2</Value></Tag><ObjectSizeLessThan>99</ObjectSizeLessThan></And></Filter><Status>Disabled</Status><Expiration><ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker></Expiration></Rule></LifecycleConfiguration>`],
    ['GetBucketReplication', `<ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Role>arn:aws:iam::1:role/r</Role><Rule><ID>all</ID><Priority>1</Priority><Filter><And><Prefix>x/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter><Status>Enabled</Status><SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects><ReplicaModifications><Status>Disabled</Status></ReplicaModifications></SourceSelectionCriteria><ExistingObjectReplication><Status>Enabled</Status></ExistingObjectReplication><Destination><Bucket>arn:aws:s3:::dest</Bucket><Account>222233334444</Account><StorageClass>STANDARD</StorageClass><AccessControlTranslation><Owner>Destination</Owner></AccessControlTranslation><EncryptionConfiguration><ReplicaKmsKeyID>arn:aws:kms:eu-west-1:2:key/r</ReplicaKmsKeyID></EncryptionConfiguration><ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime><Metrics><Status>Enabled</Status><EventThreshold><Minutes>15</Minutes></EventThreshold></Metrics></Destination><DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication></Rule><Rule><ID>legacy</ID><Prefix>p/</Prefix><Status>Disabled</Status><Destination><Bucket>arn:aws:s3:::dest2</Bucket></Destination></Rule></ReplicationConfiguration>`],
    ['GetBucketOwnershipControls', `<OwnershipControls xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>`],
  ];
  for (const [op, xml] of DOCS)
    it(`parses ${op} exactly as the SDK does (${xml.length} bytes)`, async () => {
      const requestHandler = { handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/xml' }, body: Readable.from([Buffer.from(xml)]) }) }) };
      const client = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' }, requestHandler: requestHandler as never, responseChecksumValidation: 'WHEN_REQUIRED' });
      const { $metadata: _m, ...sdk } = (await client.send(new BUCKET_COMMANDS[op]({ Bucket: 'b' }))) as unknown as Record<string, unknown>;
      expect(parseBucketResponse(op, xml)).toEqual(sdk);
    });

  it('reads XML with comments, CDATA, character references and prefixes, and refuses what it cannot read exactly', () => {
    expect(parseXml(`<?xml version="1.0"?><!-- c --><a:R xmlns:a="urn:x"><B k='v' a:t="1">x &amp; &#65;&#x42;<![CDATA[<raw>]]></B><B/><C><D>1</D></C></a:R>`)).toEqual({
      R: { B: [{ '@_k': 'v', '@_t': '1', '#text': 'x & AB<raw>' }, ''], C: { D: '1' } },
    });
    for (const bad of [
      '<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>',
      '<r><a></r>',
      '<r>',
      '<r></r><r></r>',
      '<r>&unknown;</r>',
      '<r>a & b</r>',
      '<r>&#0;</r>',
      '<r',
      '<r><!-- never closed',
    ])
      expect(() => parseXml(bad), bad).toThrow();
  });

  it('refuses hostile or foreign bodies with a clear error, in bounded time', () => {
    const hostile: [string, string, RegExp][] = [
      ['entity expansion (billion laughs)', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><VersioningConfiguration><Status>&lol3;</Status></VersioningConfiguration>`, /DOCTYPE/],
      ['an external entity', `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`, /DOCTYPE/],
      ['an undeclared entity', '<r>&x;</r>', /unknown entity/],
      ['an HTML entity', '<r>&nbsp;</r>', /unknown entity/],
      ['huge nesting', '<a>'.repeat(200_000) + '</a>'.repeat(200_000), /nested/i],
      ['a mismatched end tag', '<r><a></r>', /closing tag/],
      ['text instead of XML', 'Service Unavailable', /not expected/],
      ['JSON instead of XML', '{"Status":"Enabled"}', /not expected/],
      ['an object-prototype element name', '<r><__proto__><Status>Enabled</Status></__proto__></r>', /reserved/],
    ];
    for (const [what, body, message] of hostile) {
      const started = performance.now();
      expect(() => parseXml(body), what).toThrow(message);
      expect(performance.now() - started, what).toBeLessThan(1_000);
      // Through the operation mapping too: an error, never an empty configuration.
      expect(() => parseBucketResponse('GetBucketVersioning', body), what).toThrow();
    }
  });

  it('turns error bodies into SDK-like errors that keep the code, the request id and the status', () => {
    const e = s3ResponseError(404, '<?xml version="1.0"?><Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist &amp; never did</Message><RequestId>R1</RequestId></Error>', {}) as Error & { Code: string; $metadata: { httpStatusCode: number; requestId: string } };
    expect([e.name, e.Code, e.message, e.$metadata.httpStatusCode, e.$metadata.requestId]).toEqual(['NoSuchBucketPolicy', 'NoSuchBucketPolicy', 'The bucket policy does not exist & never did', 404, 'R1']);
    expect(s3ResponseError(503, '', { 'x-amz-request-id': 'R2' }).name).toBe('HTTP503');
    expect(s3ResponseError(403, '<html>denied</html>', {}).name).toBe('Forbidden');
  });
});

describe('the lean path against moto, call for call with the SDK', () => {
  let moto: Moto;
  const creds = { accessKeyId: 'AKIAREADERTEST000001', secretAccessKey: 'reader-test-secret' };
  const acct = '123456789012';
  const BUCKETS = ['reader-bare', 'reader-full', 'reader-kms', 'reader-eu'] as const;

  beforeAll(async () => {
    moto = await startMoto();
    const s3 = (region: string) => new S3Client({ region, endpoint: moto.url, forcePathStyle: true, credentials: creds });
    const us = s3('us-east-1');
    for (const b of BUCKETS.slice(0, 3)) await us.send(new CreateBucketCommand({ Bucket: b }));
    await s3('eu-west-1').send(new CreateBucketCommand({ Bucket: 'reader-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await us.send(new CreateBucketCommand({ Bucket: 'reader-logs' }));
    await us.send(new PutBucketAclCommand({ Bucket: 'reader-logs', ACL: 'log-delivery-write' as never }));
    const B = 'reader-full';
    await us.send(new PutBucketEncryptionCommand({ Bucket: B, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } }));
    await us.send(new PutBucketEncryptionCommand({ Bucket: 'reader-kms', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:us-east-1:${acct}:key/k1` }, BucketKeyEnabled: true }] } }));
    await us.send(new PutPublicAccessBlockCommand({ Bucket: B, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false } }));
    await us.send(new PutBucketPolicyCommand({ Bucket: B, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Tls & more', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${B}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) }));
    await us.send(new PutBucketAclCommand({ Bucket: 'reader-kms', ACL: 'public-read' }));
    await us.send(new PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
    await us.send(new PutBucketVersioningCommand({ Bucket: 'reader-kms', VersioningConfiguration: { Status: 'Suspended' } }));
    await us.send(new PutBucketLoggingCommand({ Bucket: B, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'reader-logs', TargetPrefix: 'full/', TargetGrants: [{ Grantee: { Type: 'CanonicalUser', ID: 'c0ffee' }, Permission: 'READ' }] } } }));
    await us.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: B,
        LifecycleConfiguration: {
          Rules: [
            { ID: 'expire', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 35 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
            {
              ID: 'archive',
              Status: 'Enabled',
              Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'class', Value: 'audit' }, { Key: 'keep', Value: 'yes' }] } },
              Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }, { Days: 90, StorageClass: 'GLACIER' }],
              NoncurrentVersionTransitions: [{ NoncurrentDays: 30, StorageClass: 'GLACIER' }],
              NoncurrentVersionExpiration: { NoncurrentDays: 365 },
            },
            { ID: 'markers', Status: 'Disabled', Filter: { Tag: { Key: 'gone', Value: '1' } }, Expiration: { ExpiredObjectDeleteMarker: true } },
          ],
        },
      }),
    );
    await us.send(
      new PutBucketReplicationCommand({
        Bucket: B,
        ReplicationConfiguration: {
          Role: `arn:aws:iam::${acct}:role/replication`,
          Rules: [{ ID: 'to-eu', Priority: 1, Status: 'Enabled', Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::reader-eu', StorageClass: 'STANDARD_IA' } }],
        },
      }),
    );
    await us.send(new PutBucketOwnershipControlsCommand({ Bucket: B, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
  }, 120_000);
  afterAll(async () => moto?.stop());

  const settle = async (p: Promise<unknown>) => {
    try {
      const { $metadata: _m, ...out } = (await p) as Record<string, unknown>;
      return { out };
    } catch (e) {
      return { error: (e as Error).name };
    }
  };

  it('returns what the SDK returns for every operation on every bucket', async () => {
    const factory = new ClientFactory({ credentials: creds, endpoints: { s3: moto.url }, concurrency: 4, maxAttempts: 2, requestTimeoutMs: 10_000 });
    const reader = factory.s3Reader();
    let compared = 0;
    const outcomes = new Set<string>();
    for (const bucket of BUCKETS) {
      const region = bucket === 'reader-eu' ? 'eu-west-1' : 'us-east-1';
      const client = factory.get('s3', region, S3Client);
      const target = await reader.target(client, bucket, region);
      expect(target, 'a plain SigV4 bucket takes the lean path').toBeDefined();
      for (const op of Object.keys(BUCKET_OPS) as BucketOp[]) {
        const sdk = await settle(client.send(new BUCKET_COMMANDS[op]({ Bucket: bucket })));
        const lean = await settle(reader.read(target!, op));
        expect(lean, `${bucket} ${op}`).toEqual(sdk);
        outcomes.add(`${op}:${sdk.error ? 'error' : 'ok'}`);
        compared++;
      }
    }
    expect(compared).toBe(BUCKETS.length * Object.keys(BUCKET_OPS).length);
    // The comparison covered both answers and "not configured" errors for every operation moto supports.
    for (const op of ['GetBucketEncryption', 'GetPublicAccessBlock', 'GetBucketPolicy', 'GetBucketLifecycleConfiguration', 'GetBucketReplication', 'GetBucketOwnershipControls'])
      expect([outcomes.has(`${op}:ok`), outcomes.has(`${op}:error`)], op).toEqual([true, true]);
    reader.close();
  }, 60_000);

  it('leaves a bucket to the full client when the endpoint rules refuse it or ask for another auth scheme', async () => {
    const factory = new ClientFactory({ credentials: creds, endpoints: { s3: moto.url }, concurrency: 1, maxAttempts: 1, requestTimeoutMs: 5_000 });
    const reader = factory.s3Reader();
    const client = factory.get('s3', 'us-east-1', S3Client);
    const provider = client.config.endpointProvider;
    try {
      (client.config as { endpointProvider: unknown }).endpointProvider = () => {
        throw new Error('Invalid ARN: not a bucket');
      };
      expect(await reader.target(client, 'arn:aws:s3:::x', 'us-east-1')).toBeUndefined();
      (client.config as { endpointProvider: unknown }).endpointProvider = () => ({ url: new URL('https://x--use1-az4--x-s3.s3express-use1-az4.us-east-1.amazonaws.com/'), properties: { authSchemes: [{ name: 'sigv4-s3express', signingName: 's3express', signingRegion: 'us-east-1' }] } });
      expect(await reader.target(client, 'x--use1-az4--x-s3', 'us-east-1')).toBeUndefined();
    } finally {
      (client.config as { endpointProvider: unknown }).endpointProvider = provider;
    }
    expect(await reader.target(client, 'reader-bare', 'us-east-1')).toBeDefined();
    reader.close();
  });

  it('a scan whose buckets all fall back to the full client yields the same buckets as the lean path', async () => {
    const { scanAws } = await import('../../src/sources/providers/aws/collectors/scan.js');
    const { S3BucketReader } = await import('../../src/sources/providers/aws/collectors/s3-bucket-reader.js');
    const run = async () => {
      const { inventory } = await scanAws({ regions: ['us-east-1', 'eu-west-1'], services: ['s3'], concurrency: 4, endpoints: { default: moto.url }, credentials: creds, progress: false, maxAttempts: 2, requestTimeoutMs: 10_000 });
      expect(inventory.coverage.failures).toEqual([]);
      return Object.fromEntries(inventory.ofType('aws.s3.bucket').map((r) => [r.id, { props: r.properties, gaps: r.gaps, relations: r.relations }]));
    };
    const lean = await run();
    const target = S3BucketReader.prototype.target;
    let asked = 0;
    S3BucketReader.prototype.target = async () => (asked++, undefined);
    try {
      const full = await run();
      expect(asked).toBeGreaterThanOrEqual(BUCKETS.length);
      expect(Object.keys(lean).sort()).toEqual(Object.keys(full).sort());
      expect(lean).toEqual(full);
    } finally {
      S3BucketReader.prototype.target = target;
    }
  }, 60_000);

  it('refuses anything that is not one of its reads before sending', async () => {
    const factory = new ClientFactory({ credentials: creds, endpoints: { s3: moto.url }, concurrency: 1, maxAttempts: 1, requestTimeoutMs: 5_000 });
    const reader = factory.s3Reader();
    const target = (await reader.target(factory.get('s3', 'us-east-1', S3Client), 'reader-bare', 'us-east-1'))!;
    await expect(reader.read(target, 'PutBucketPolicy' as BucketOp)).rejects.toBeInstanceOf(WriteRefused);
    await expect(reader.read(target, 'GetObject' as BucketOp)).rejects.toBeInstanceOf(WriteRefused);
    reader.close();
  });
});

describe('the lean path under faults', () => {
  it('retries throttling with the client retry strategy, counts each throttled attempt, then gives up with the S3 code', async () => {
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits++;
      res.writeHead(503, { 'content-type': 'application/xml', 'x-amz-request-id': `R${hits}` });
      res.end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let throttles = 0;
    const factory = new ClientFactory({ credentials: { accessKeyId: 'A', secretAccessKey: 'B' }, endpoints: { s3: url }, concurrency: 2, maxAttempts: 3, requestTimeoutMs: 5_000, onThrottle: () => throttles++ });
    const reader = factory.s3Reader();
    const target = (await reader.target(factory.get('s3', 'us-east-1', S3Client), 'b', 'us-east-1'))!;
    const err = (await reader.read(target, 'GetBucketAcl').catch((e) => e)) as Error & { $metadata: { attempts: number; requestId: string } };
    expect([err.name, hits, throttles, err.$metadata.attempts, err.$metadata.requestId]).toEqual(['SlowDown', 3, 3, 3, 'R3']);
    reader.close();
    server.close();
  }, 30_000);

  it('times out a hung request with TimeoutError', async () => {
    const server = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const factory = new ClientFactory({ credentials: { accessKeyId: 'A', secretAccessKey: 'B' }, endpoints: { s3: url }, concurrency: 1, maxAttempts: 1, requestTimeoutMs: 300 });
    const reader = factory.s3Reader();
    const target = (await reader.target(factory.get('s3', 'us-east-1', S3Client), 'b', 'us-east-1'))!;
    const err = (await reader.read(target, 'GetBucketPolicy').catch((e) => e)) as Error;
    expect(err.name).toBe('TimeoutError');
    reader.close();
    server.closeAllConnections();
    server.close();
  }, 30_000);

  it("ends a call in flight with the run's own reason when the run is interrupted or its deadline passes, and sends nothing after", async () => {
    let hits = 0;
    const server = http.createServer(() => {
      hits++; // never answers
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const factory = new ClientFactory({ credentials: { accessKeyId: 'A', secretAccessKey: 'B' }, endpoints: { s3: url }, concurrency: 2, maxAttempts: 3, requestTimeoutMs: 20_000 });
    const reader = factory.s3Reader();
    const target = (await reader.target(factory.get('s3', 'us-east-1', S3Client), 'b', 'us-east-1'))!;
    const stop = new AbortController();
    const started = Date.now();
    const interrupted = await underDeadline(
      undefined,
      'test',
      async () => {
        const inFlight = reader.read(target, 'GetBucketAcl').catch((e) => e as Error);
        await new Promise((r) => setTimeout(r, 200));
        stop.abort('SIGINT');
        const first = await inFlight;
        const later = await reader.read(target, 'GetBucketPolicy').catch((e) => e as Error);
        return [first, later];
      },
      stop.signal,
      false,
    );
    expect(interrupted.map((e) => e.name)).toEqual(['INTERRUPTED', 'INTERRUPTED']);
    expect(interrupted[0]!.message).toMatch(/interrupted \(SIGINT\)/);
    expect(hits, 'the call after the interrupt was never sent').toBe(1);
    const late = await underDeadline(300, 'test', () => reader.read(target, 'GetBucketVersioning').catch((e) => e as Error), undefined, false);
    expect([late.name, hits]).toEqual(['DEADLINE_EXCEEDED', 2]);
    expect(Date.now() - started).toBeLessThan(5_000);
    reader.close();
    server.closeAllConnections();
    server.close();
  }, 30_000);

  const answering = async (answer: (res: http.ServerResponse) => void) => {
    const server = http.createServer((req, res) => {
      req.resume();
      answer(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const factory = new ClientFactory({ credentials: { accessKeyId: 'A', secretAccessKey: 'B' }, endpoints: { s3: url }, concurrency: 1, maxAttempts: 1, requestTimeoutMs: 600 });
    const reader = factory.s3Reader();
    const target = (await reader.target(factory.get('s3', 'us-east-1', S3Client), 'b', 'us-east-1'))!;
    return { reader, target, server };
  };

  for (const [name, answer] of [
    ['an empty 200', (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/xml' }).end()],
    ['an HTML page with 200', (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Sign in to the hotel Wi-Fi</title></head><body>Accept</body></html>')],
    ['a cut-short XML answer', (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/xml' }).end('<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>')],
  ] as const) {
    it(`${name} to a bucket read is a failed read (BAD_RESPONSE), never an empty configuration`, async () => {
      const { reader, target, server } = await answering(answer);
      const err = (await reader.read(target, 'GetBucketEncryption').then(() => undefined, (e) => e)) as Error | undefined;
      expect(err?.name).toBe('BAD_RESPONSE');
      reader.close();
      server.closeAllConnections();
      server.close();
    }, 30_000);
  }

  it('a hostile 200 answer (an external DTD) is a failed read with a one-line reason, never a configuration', async () => {
    const { reader, target, server } = await answering((res) =>
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(`<?xml version="1.0"?><!DOCTYPE VersioningConfiguration SYSTEM "http://127.0.0.1:9/evil.dtd"><VersioningConfiguration><Status>&ext;</Status></VersioningConfiguration>`),
    );
    const err = (await reader.read(target, 'GetBucketVersioning').then(() => undefined, (e) => e)) as Error | undefined;
    expect([err?.name, err?.message]).toEqual(['InvalidResponse', 'GetBucketVersioning: response is not valid XML (DOCTYPE and entity declarations are not accepted)']);
    reader.close();
    server.closeAllConnections();
    server.close();
  }, 30_000);

  it('a trickled answer is cut at the request timeout, not kept alive by each byte', async () => {
    let timer: NodeJS.Timeout | undefined;
    const { reader, target, server } = await answering((res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      // One byte every 200 ms: never idle for the 600 ms timeout, never finished.
      timer = setInterval(() => res.write(' '), 200);
    });
    const started = Date.now();
    const err = (await reader.read(target, 'GetBucketVersioning').then(() => undefined, (e) => e)) as Error | undefined;
    expect(err?.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(5_000);
    clearInterval(timer);
    reader.close();
    server.closeAllConnections();
    server.close();
  }, 30_000);
});
