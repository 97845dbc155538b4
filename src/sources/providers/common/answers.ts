/**
 * One policy for every cloud answer, whichever cloud and client asked: an
 * answer is evidence only if it is what was asked for. A 2xx answer that is
 * empty, an HTML page (a captive portal, a proxy's login page), cut short, in
 * another format than the API's, or larger than the bound is a failed call
 * (`BAD_RESPONSE`), never an empty list. Bodies are read with a size bound and
 * within the call's deadline, so a trickling or endless answer ends the call
 * instead of the scan.
 *
 * The format is judged on the body, not only on the declared content type:
 * emulators (moto) label JSON answers `text/html` and an S3 bucket policy
 * (JSON) `application/xml`, while a real HTML page never passes the body
 * checks. Where the protocol fixes the format (AWS JSON and Query protocols,
 * Google and DigitalOcean JSON APIs) the body must be in it; a declared type
 * outside JSON/XML/text (an image, octet-stream where an API answer is due) is
 * refused.
 */
import type { Readable } from 'node:stream';

/** The largest API answer vouch reads (the largest real pages, IAM authorization details, are a few MB).
 * Several calls run at once, so this bounds memory as concurrency × this size. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

export class BadResponse extends Error {
  override readonly name = 'BAD_RESPONSE';
  readonly code = 'BAD_RESPONSE';
  /** The SDK's retry strategy reads this: a foreign answer is not transient. */
  readonly $retryable = undefined;
}

export class CallTimeout extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'TimeoutError';
}

export type AnswerFormat = 'json' | 'xml';

const HTML = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** The format a body is in, judged on its first bytes; `html` and `other` are never evidence. */
export function sniff(text: string): AnswerFormat | 'html' | 'other' | 'empty' {
  const t = text.trimStart();
  if (t === '') return 'empty';
  if (HTML.test(t.slice(0, 200))) return 'html';
  const c = t[0];
  if (c === '{' || c === '[') return 'json';
  if (c === '<') return 'xml';
  return 'other';
}

/**
 * An XML document is whole if its root element closes at its end (or is
 * self-closing): a cheap, linear test that catches a body cut short, which
 * lenient XML parsers would otherwise read as a shorter list.
 */
export function xmlIsWhole(text: string): boolean {
  let i = 0;
  const n = text.length;
  // Skip the prolog: declarations, processing instructions, comments, whitespace.
  for (;;) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const e = text.indexOf('?>', i + 2);
      if (e < 0) return false;
      i = e + 2;
    } else if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e < 0) return false;
      i = e + 3;
    } else if (text.startsWith('<!', i)) {
      const e = text.indexOf('>', i + 2);
      if (e < 0) return false;
      i = e + 1;
    } else break;
  }
  const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 300));
  if (!m) return false;
  const root = m[1]!;
  const tail = text.trimEnd();
  if (tail.endsWith(`</${root}>`)) return true;
  // A self-closing root is the whole document: `<Root attr="x"/>`.
  const close = text.indexOf('>', i);
  return close > 0 && text[close - 1] === '/' && tail.length === close + 1;
}

function declaredFormat(contentType: string): AnswerFormat | 'lenient' | 'other' {
  const ct = contentType.toLowerCase();
  if (ct === '') return 'lenient';
  if (ct.includes('json')) return 'json';
  if (ct.includes('xml')) return 'xml';
  // A bare `text` (moto's CloudWatch JSON answers) says nothing either way: the body decides.
  if (ct.startsWith('text/html') || ct.startsWith('text/plain') || ct === 'text') return 'lenient';
  return 'other';
}

export interface AnswerCheck {
  status: number;
  method: string;
  contentType: string;
  body: string;
  /** The format the API answers in, when the caller knows it. */
  expect?: AnswerFormat;
  /** Where the answer came from, for the message (no query string, no credentials). */
  what?: string;
}

/**
 * Throws BadResponse unless a 2xx answer is a whole answer in the API's
 * format. Non-2xx answers are left to the client (they are failed calls
 * anyway, with the API's own error code when it sent one).
 */
export function checkAnswer(a: AnswerCheck): void {
  // Reads only (GET, and the POSTs of RPC-style read APIs): vouch sends nothing else, and a test's own writes answer empty.
  const m = a.method.toUpperCase();
  if (a.status < 200 || a.status >= 300 || a.status === 204 || (m !== 'GET' && m !== 'POST')) return;
  const where = a.what ? `${a.what}: ` : '';
  const kind = sniff(a.body);
  if (kind === 'empty') throw new BadResponse(`${where}empty answer (HTTP ${a.status}, no body): not evidence of anything`);
  if (kind === 'html') throw new BadResponse(`${where}an HTML page instead of the API's answer (HTTP ${a.status}; a captive portal or proxy login page?)`);
  if (kind === 'other') throw new BadResponse(`${where}answer is neither JSON nor XML (content type '${a.contentType.slice(0, 60)}')`);
  const declared = declaredFormat(a.contentType);
  if (declared === 'other') throw new BadResponse(`${where}content type '${a.contentType.slice(0, 60)}' is not the API's`);
  if (a.expect && a.expect !== kind) throw new BadResponse(`${where}expected a ${a.expect.toUpperCase()} answer, got ${kind.toUpperCase()}`);
  if (kind === 'json') {
    try {
      JSON.parse(a.body);
    } catch {
      throw new BadResponse(`${where}JSON answer does not parse (cut short?)`);
    }
  } else if (!xmlIsWhole(a.body)) throw new BadResponse(`${where}XML answer is not a whole document (cut short?)`);
}

/**
 * Bytes held by every answer being read right now. Calls run concurrently, so
 * the per-answer bound alone lets memory grow with concurrency; this bound does
 * not (an answer that would cross it is a failed read, never a partial one).
 */
export const MAX_IN_FLIGHT_BYTES = 128 * 1024 * 1024;
let inFlightBytes = 0;

/** Bytes currently held by answers being read (for tests). */
export const bytesInFlight = () => inFlightBytes;

/**
 * Read a body stream to the end, at most `maxBytes`, stopping when `signal`
 * fires. The stream is destroyed on any early stop, so its socket is never
 * reused.
 */
export function readBounded(stream: Readable, o: { maxBytes: number; signal?: AbortSignal; what?: string }): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: unknown, value?: Buffer) => {
      if (done) return;
      done = true;
      inFlightBytes -= size;
      o.signal?.removeEventListener('abort', onAbort);
      if (err !== undefined) {
        stream.destroy();
        reject(err);
      } else resolve(value!);
    };
    const onAbort = () => finish(o.signal!.reason ?? new CallTimeout('aborted'));
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (c: Buffer | string) => {
      if (done) return; // a chunk already buffered when the read ended is not held
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      size += b.length;
      inFlightBytes += b.length;
      if (size > o.maxBytes) return finish(new BadResponse(`${o.what ? `${o.what}: ` : ''}answer larger than ${Math.round(o.maxBytes / 1048576)} MiB: not read further`));
      if (inFlightBytes > MAX_IN_FLIGHT_BYTES)
        return finish(new BadResponse(`${o.what ? `${o.what}: ` : ''}answers being read at once hold more than ${Math.round(MAX_IN_FLIGHT_BYTES / 1048576)} MiB: not read further`));
      chunks.push(b);
    });
    stream.on('end', () => finish(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    stream.on('error', (e) => finish(e));
    stream.on('close', () => finish(new Error(`${o.what ? `${o.what}: ` : ''}connection closed before the answer ended`)));
  });
}

/** An error's one-line message with anything credential-like in a URL removed. */
export function withoutUserInfo(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^@/\s?#]*@/gi, '$1<redacted>@');
}
