/**
 * AWS-specific pieces for the generic fault proxy (../proxy.ts): matchers
 * that recognise an AWS operation on the wire, and the error responses AWS
 * really sends, per protocol.
 *
 * Wire protocols: Query (IAM, EC2, ELBv2, RDS, STS: form body `Action=...`),
 * JSON (KMS, DynamoDB, SSM, Logs, ECS, ...: `X-Amz-Target: Service.Operation`),
 * REST-XML (S3: method + path + query sub-resource such as `?encryption`),
 * REST-JSON (API Gateway, Backup, Lambda: method + path, e.g. `GET /2015-03-31/functions/`).
 */
import type { FaultRule, ProxiedRequest, Fault } from '../proxy.js';

export const byAction = (action: string) => (r: ProxiedRequest) => new URLSearchParams(r.body).get('Action') === action || new URL(r.url, 'http://x').searchParams.get('Action') === action;
export const byTarget = (operation: string) => (r: ProxiedRequest) => String(r.headers['x-amz-target'] ?? '').endsWith(`.${operation}`);
/** S3 bucket sub-resource, e.g. `encryption`, `policy`, `publicAccessBlock`; `list` = ListBuckets. */
export const byS3 = (sub: string) => (r: ProxiedRequest) => {
  const u = new URL(r.url, 'http://x');
  if (sub === 'list') return r.method === 'GET' && (u.pathname === '/' || u.pathname === '') && !u.searchParams.has('Action');
  return r.method === 'GET' && u.searchParams.has(sub) && u.pathname.split('/').filter(Boolean).length === 1;
};
export const byPath = (method: string, prefix: string) => (r: ProxiedRequest) => r.method === method && new URL(r.url, 'http://x').pathname.startsWith(prefix);

const requestId = () => `vouch-fault-${Math.random().toString(16).slice(2, 10)}`;

/** Query protocol error (IAM, ELBv2, RDS, STS): ErrorResponse XML. */
export function queryError(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
  };
}

/** EC2 error XML (its own shape: Response/Errors/Error). */
export function ec2Error(status: number, code: string, message: string): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId()}</RequestID></Response>`,
  };
}

/** S3 REST-XML error. */
export function s3Error(status: number, code: string, message: string): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId() },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId()}</RequestId><HostId>vouch</HostId></Error>`,
  };
}

/** JSON protocol error (awsJson1.0/1.1: `__type`), also REST-JSON with the x-amzn-errortype header. */
export function jsonError(status: number, code: string, message: string): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazonaws/`, 'x-amzn-requestid': requestId() },
    body: JSON.stringify({ __type: code, message }),
  };
}

export const faults = {
  throttling: (match: FaultRule['match']): FaultRule => ({ match, fault: queryError(400, 'Throttling', 'Rate exceeded') }),
  slowDown: (match: FaultRule['match']): FaultRule => ({ match, fault: s3Error(503, 'SlowDown', 'Please reduce your request rate.') }),
  tooManyRequests: (match: FaultRule['match']): FaultRule => ({ match, fault: jsonError(429, 'TooManyRequestsException', 'Too Many Requests') }),
  accessDeniedQuery: (match: FaultRule['match'], action: string): FaultRule => ({
    match,
    fault: queryError(403, 'AccessDenied', `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`),
  }),
  /** JSON and REST-JSON services (KMS, ECS, Lambda...): `AccessDeniedException`, HTTP 403. */
  accessDeniedJson: (match: FaultRule['match'], action: string): FaultRule => ({
    match,
    fault: jsonError(403, 'AccessDeniedException', `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`),
  }),
  unauthorizedEc2: (match: FaultRule['match']): FaultRule => ({ match, fault: ec2Error(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.') }),
  internalError: (match: FaultRule['match']): FaultRule => ({ match, fault: queryError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 'Receiver') }),
  hang: (match: FaultRule['match']): FaultRule => ({ match, fault: { kind: 'hang' } }),
  latency: (ms: number, match: FaultRule['match'] = () => true): FaultRule => ({ match, fault: { kind: 'latency', ms } }),
};
