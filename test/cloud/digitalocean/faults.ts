/**
 * DigitalOcean faults for the generic proxy (../proxy.ts): request matchers
 * by API path, and the API's real error bodies and headers.
 */
import type { FaultRule, ProxiedRequest } from '../proxy.js';
import { ERRORS } from './server.js';

export const onPath = (re: RegExp) => (r: ProxiedRequest) => re.test(r.url.split('?')[0]!);

const rateHeaders = (resetInSeconds: number) => ({
  'ratelimit-limit': '250',
  'ratelimit-remaining': '0',
  'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds),
});

export const doFaults = {
  /** 429 with `ratelimit-reset` this many seconds ahead. */
  throttle(match: (r: ProxiedRequest) => boolean, resetInSeconds: number, times?: number): FaultRule {
    return { match, times, fault: { kind: 'respond', status: 429, headers: rateHeaders(resetInSeconds), body: JSON.stringify(ERRORS.tooMany) } };
  },
  serverError(match: (r: ProxiedRequest) => boolean, times?: number): FaultRule {
    return { match, times, fault: { kind: 'respond', status: 500, headers: rateHeaders(60), body: JSON.stringify({ ...ERRORS.serverError, request_id: 'f00d' }) } };
  },
  forbidden(match: (r: ProxiedRequest) => boolean): FaultRule {
    return { match, fault: { kind: 'respond', status: 403, headers: rateHeaders(60), body: JSON.stringify({ id: 'Forbidden', message: 'You are not authorized to perform this operation' }) } };
  },
  hang(match: (r: ProxiedRequest) => boolean): FaultRule {
    return { match, fault: { kind: 'hang' } };
  },
  /** Drop `links.pages.next`: the list looks complete but `meta.total` says otherwise. */
  truncatePages(match: (r: ProxiedRequest) => boolean): FaultRule {
    return {
      match,
      fault: {
        kind: 'rewrite',
        transform: (body) => {
          const b = JSON.parse(body);
          if (b?.links?.pages) delete b.links.pages.next;
          return JSON.stringify(b);
        },
      },
    };
  },
  /** Lose the last item of a page while `meta.total` still counts it (a truncated response). */
  dropLastItem(match: (r: ProxiedRequest) => boolean, key: string): FaultRule {
    return {
      match,
      fault: {
        kind: 'rewrite',
        transform: (body) => {
          const b = JSON.parse(body);
          if (Array.isArray(b?.[key])) b[key].pop();
          return JSON.stringify(b);
        },
      },
    };
  },
  /** Point `links.pages.next` at another host: the client must refuse to send its token there. */
  foreignNext(match: (r: ProxiedRequest) => boolean, to = 'http://127.0.0.2:9/v2/droplets?page=2'): FaultRule {
    return {
      match,
      fault: {
        kind: 'rewrite',
        transform: (body) => {
          const b = JSON.parse(body);
          if (b?.links?.pages?.next) b.links.pages.next = to;
          return JSON.stringify(b);
        },
      },
    };
  },
};
