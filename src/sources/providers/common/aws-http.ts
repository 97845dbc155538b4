/**
 * The request handler every AWS SDK client of vouch sends through (scan
 * clients, DigitalOcean Spaces, `vouch merge s3://`): the SDK's own
 * NodeHttpHandler, bounded.
 *
 * - One deadline per attempt covers the whole exchange, connection to the
 *   last byte of the body (NodeHttpHandler's `requestTimeout` is an idle
 *   timer: a server trickling one byte a second never trips it).
 * - The run's `--deadline` aborts every attempt in flight and refuses new ones.
 * - The body is read here, at most `maxBodyBytes`, and a 2xx answer must pass
 *   the shared answer policy (answers.ts) before the SDK parses it: an empty,
 *   HTML, foreign or cut-short answer is a BAD_RESPONSE failure, never an
 *   empty list.
 */
import { Readable } from 'node:stream';
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import { BadResponse, CallTimeout, MAX_ANSWER_BYTES, checkAnswer, readBounded, type AnswerFormat } from './answers.js';
import { anySignal, runSignal } from './deadline.js';

export interface BoundedOptions {
  /** Whole-attempt deadline: connection, headers and body. */
  timeoutMs: number;
  maxBodyBytes?: number;
  /**
   * Streaming answers (S3 GetObject in `merge`): the body is read within the
   * bounds and handed on as a stream, without the API-answer format checks.
   */
  streaming?: (req: HttpRequest) => boolean;
  /** Options for the wrapped NodeHttpHandler (agents, connection timeout). */
  node?: NodeHttpHandlerOptions;
}

/** The format an AWS API answers in, from the request: awsJson (X-Amz-Target) → JSON, Query (form body) → XML; REST protocols are judged on the body. */
function expectedFormat(req: HttpRequest): AnswerFormat | undefined {
  const h = req.headers;
  if (h['x-amz-target'] ?? h['X-Amz-Target']) return 'json';
  const ct = String(h['content-type'] ?? h['Content-Type'] ?? '');
  if (ct.startsWith('application/x-www-form-urlencoded')) return 'xml';
  return undefined;
}

function headerOf(res: HttpResponse, name: string): string {
  for (const [k, v] of Object.entries(res.headers)) if (k.toLowerCase() === name) return String(v);
  return '';
}

export class BoundedHttpHandler implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly inner: NodeHttpHandler;
  private readonly maxBody: number;

  constructor(private readonly o: BoundedOptions) {
    this.inner = new NodeHttpHandler({
      connectionTimeout: Math.min(10_000, o.timeoutMs),
      requestTimeout: o.timeoutMs,
      throwOnRequestTimeout: true,
      ...o.node,
    });
    this.maxBody = o.maxBodyBytes ?? MAX_ANSWER_BYTES;
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const what = `${request.method} ${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new CallTimeout(`no whole answer within ${this.o.timeoutMs} ms (${what})`)), this.o.timeoutMs);
    const signal = anySignal(ac.signal, options.abortSignal as AbortSignal | undefined, runSignal())!;
    try {
      signal.throwIfAborted();
      const { response } = await this.inner.handle(request as never, { ...options, abortSignal: signal as never });
      const stream = response.body as Readable | undefined;
      const body = stream && typeof stream.on === 'function' ? await readBounded(stream, { maxBytes: this.maxBody, signal, what }) : Buffer.alloc(0);
      if (this.o.streaming?.(request) && response.statusCode >= 200 && response.statusCode < 300) {
        response.body = Readable.from(body.length ? [body] : []);
        return { response };
      }
      try {
        checkAnswer({ status: response.statusCode, method: request.method, contentType: headerOf(response, 'content-type'), body: body.toString('utf8'), expect: expectedFormat(request), what });
      } catch (e) {
        if (e instanceof BadResponse) Object.assign(e, { $metadata: { httpStatusCode: response.statusCode, requestId: headerOf(response, 'x-amzn-requestid') || headerOf(response, 'x-amz-request-id') || undefined } });
        throw e;
      }
      response.body = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      return { response };
    } catch (e) {
      // The abort reason (timeout, run deadline) says more than the handler's generic AbortError.
      if (signal.aborted && (e as Error)?.name === 'AbortError' && signal.reason instanceof Error) throw signal.reason;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  updateHttpClientConfig(key: keyof NodeHttpHandlerOptions, value: NodeHttpHandlerOptions[typeof key]): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): NodeHttpHandlerOptions {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}
