/**
 * Read-only by construction: every AWS client vouch creates carries this
 * middleware, which refuses any operation the providers do not declare
 * (src/sources/providers/aws) before the request is serialized, signed or sent. So a
 * write is refused, and so is a read no collector needs — above all reads
 * that return secrets or customer data (GetSecretValue, GetParameter,
 * GetObject, GetItem, GetLogEvents, GetApiKeys, DescribeInstanceAttribute's
 * userData), however read-like their names.
 */
import type { Client, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { aws } from '../index.js';
import type { ReadCall } from '../../types.js';

/** Operations that read a value vouch must never hold: refused even if a declaration named one by mistake. */
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
  'GetFunction',
  'GetLayerVersion',
  'GetLayerVersionByArn',
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'GetRecords',
  'GetShardIterator',
  'ReceiveMessage',
  'GetLogEvents',
  'FilterLogEvents',
  'GetApiKey',
  'GetApiKeys',
  'GetDataAccess',
  'GetWebIdentityToken',
  'DescribeInstanceAttribute',
  'GetLaunchTemplateData',
  // cloudformation:GetTemplate is declared (ownership): its body is parsed in memory for
  // aws:cdk:path metadata only and never stored (src/sources/providers/aws/collectors/cloudformation.ts).
]);

const commandOf = (op: string) => op.slice(op.indexOf(':') + 1);
const opsOf = (reads: readonly ReadCall[]) => reads.map((r) => commandOf(r.op));

/** Every operation any declared service (or the scan itself) calls. */
const DECLARED = new Set([aws.base, ...aws.services].flatMap((d) => opsOf(d.reads)));

/** Per client (`--endpoint` name): the operations of the services that use it. */
const BY_CLIENT = new Map<string, Set<string>>();
for (const d of [aws.base, ...aws.services]) {
  for (const client of Object.keys(d.endpoints)) {
    const set = BY_CLIENT.get(client) ?? new Set<string>();
    for (const op of opsOf(d.reads)) set.add(op);
    BY_CLIENT.set(client, set);
  }
}
// The scan's own reads on service clients (ec2:DescribeRegions).
for (const r of aws.base.reads) {
  const client = r.op.slice(0, r.op.indexOf(':'));
  const set = BY_CLIENT.get(client) ?? new Set<string>();
  set.add(commandOf(r.op));
  BY_CLIENT.set(client, set);
}

/** True when some collector declares `operation` (an SDK command name without `Command`). */
export function isReadOperation(operation: string): boolean {
  return !SECRET_READS.has(operation) && DECLARED.has(operation);
}

/** The operations a client for `service` may send; undefined for an unknown client name. */
export function allowedOperations(service: string): ReadonlySet<string> | undefined {
  return BY_CLIENT.get(service);
}

export class WriteRefused extends Error {
  readonly code = 'VouchReadOnly';
  constructor(readonly operation: string) {
    super(`vouch is read-only: refused to call ${operation} (not in the read allow-list)`);
  }
}

function middleware(allowed: ReadonlySet<string> | undefined): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    const name = String((context as { commandName?: string }).commandName ?? '').replace(/Command$/, '');
    if (!isReadOperation(name) || (allowed && !allowed.has(name))) throw new WriteRefused(name || '(unnamed operation)');
    return next(args);
  };
}

/**
 * Attach the guard to a client; it runs first, before serialization. With a
 * `service` (the client's `--endpoint` name), only that service's declared
 * operations pass; without, any declared operation.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function guardReadOnly<C extends Client<any, any, any>>(client: C, service?: string): C {
  const allowed = service === undefined ? undefined : (allowedOperations(service) ?? new Set<string>());
  client.middlewareStack.add(middleware(allowed) as never, { step: 'initialize', priority: 'high', name: 'vouchReadOnly' });
  return client;
}
