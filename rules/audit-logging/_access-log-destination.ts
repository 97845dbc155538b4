/**
 * Where an API Gateway stage (REST, HTTP or WebSocket) sends its access logs.
 * API Gateway accepts a CloudWatch Logs log group ARN or, for REST APIs, a
 * Kinesis Data Firehose stream whose name starts with `amazon-apigateway-`.
 * Access logging is off unless a destination is given.
 */
import type { Verdict } from '../../src/evaluate/rule.js';
import { ev, pass, fail, text, NeedsValue, pointerNote } from '../../src/evaluate/facts.js';
import { isRef, isUnresolved, SHAPE_SPECIFIC, SHAPE_UNKNOWN, shownShape } from '../../src/model/values.js';
import { notAValidValue } from '../../src/lib/tls.js';

const LOGS_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:]+(?::\*)?$/;
const FIREHOSE_ARN = /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/amazon-apigateway-.+$/;

/**
 * An ARN built with Fn::Sub / Fn::Join from pseudo parameters or names
 * (`arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Name}`)
 * whose literal text already says it is a log group (or Firehose stream): the
 * unresolved pieces only pick which one. Returns the shape as text, or undefined.
 */
export function destinationShape(v: unknown, firehose: boolean): string | undefined {
  if (!isUnresolved(v) || v.shape === undefined) return undefined;
  const shape = shownShape(v.shape);
  const logs = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:.+$/.test(shape);
  const stream = firehose && /^arn:[^:]+:firehose:[^:]*:[^:]*:deliverystream\/amazon-apigateway-.*$/.test(shape);
  return logs || stream ? shape : undefined;
}

/**
 * `raw` is the value at `path` as written, `read` reads it through `knownPointer`: a destination left
 * to deploy time (a parameter, an import, Fn::Sub of one alone) is access logging on, since API Gateway
 * accepts only a log group (or Firehose stream) ARN; an ARN built around literal text that names
 * neither is unknown. `what`
 * names the stage in messages, `firehose` whether the API kind accepts Firehose.
 */
export function judgeAccessLogDestination(raw: unknown, read: () => unknown, path: string, what: string, firehose: boolean, omittedNote: string): Verdict {
  const expected = firehose ? 'a CloudWatch Logs log group or amazon-apigateway-* Firehose stream ARN' : 'a CloudWatch Logs log group ARN';
  const shape = destinationShape(raw, firehose);
  if (shape) return pass(`${what} writes access logs to ${shape}`, ev(path, raw, expected, 'an ARN built from pseudo parameters or names whose literal text names a log destination'));
  const dest = read();
  if (isUnresolved(dest)) {
    if (dest.shape !== undefined && dest.shape.replaceAll(SHAPE_SPECIFIC, '').replaceAll(SHAPE_UNKNOWN, '') !== '') throw new NeedsValue(path, dest.expression);
    return pass(`${what} writes access logs to a destination set at deploy time`, ev(path, dest, expected, pointerNote(dest, 'the destination')));
  }
  if (dest === undefined || dest === null || dest === '') return fail(`${what} writes no access logs`, ev(path, null, expected, omittedNote));
  // A Ref/GetAtt of a resource in the stack: a log group (or stream) the stack creates.
  if (isRef(dest)) return pass(`${what} writes access logs to ${text(dest)}`, ev(path, dest, expected));
  const s = typeof dest === 'string' ? dest : undefined;
  if (s !== undefined && (LOGS_ARN.test(s) || (firehose && FIREHOSE_ARN.test(s)))) return pass(`${what} writes access logs to ${s}`, ev(path, s, expected));
  return fail(
    `${what}: access log destination ${text(dest)} is not a valid value, so no access logs are written`,
    ev(path, dest, expected, notAValidValue('DestinationArn', text(dest), expected)),
  );
}
