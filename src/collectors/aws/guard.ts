/**
 * Read-only by construction: every AWS client vouch creates carries this
 * middleware, which refuses any operation that is not a read before the
 * request is serialized, signed or sent. Reads that would return secret
 * values (GetSecretValue, SSM GetParameter*, S3 GetObject, Lambda GetFunction's
 * code URL) are refused too.
 */
import type { Client, InitializeMiddleware, MetadataBearer } from '@smithy/types';

/** Operations that read a value vouch must never hold, although their names look like reads. */
const SECRET_READS = new Set([
  'GetSecretValue',
  'BatchGetSecretValue',
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
  'GetParameterHistory',
  'GetObject',
  'GetObjectTorrent',
  'SelectObjectContent',
  'GetPasswordData',
  'GetConsoleOutput',
  'GetConsoleScreenshot',
  'GetAuthorizationToken',
  'GetSessionToken',
  'GetFederationToken',
  'GetLoginProfile',
  'Decrypt',
  'GenerateDataKey',
  // Function code (Lambda: a presigned download URL; CloudFront Functions: the code itself).
  'GetFunction',
  'GetLayerVersion',
  'GetLayerVersionByArn',
]);

/** Reads that do not start with Get/List/Describe, and the STS calls a scan needs to reach an account. */
const EXTRA_READS = new Set(['GenerateCredentialReport', 'AssumeRole', 'HeadBucket', 'LookupEvents']);

export function isReadOperation(operation: string): boolean {
  if (SECRET_READS.has(operation)) return false;
  if (EXTRA_READS.has(operation)) return true;
  return /^(Get|List|Describe)[A-Z]/.test(operation);
}

export class WriteRefused extends Error {
  readonly code = 'VouchReadOnly';
  constructor(readonly operation: string) {
    super(`vouch is read-only: refused to call ${operation} (not in the read allow-list)`);
  }
}

const readOnlyMiddleware: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
  const name = String((context as { commandName?: string }).commandName ?? '').replace(/Command$/, '');
  if (!isReadOperation(name)) throw new WriteRefused(name || '(unnamed operation)');
  return next(args);
};

/** Attach the guard to a client; it runs first, before serialization. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function guardReadOnly<C extends Client<any, any, any>>(client: C): C {
  client.middlewareStack.add(readOnlyMiddleware as never, { step: 'initialize', priority: 'high', name: 'vouchReadOnly' });
  return client;
}
