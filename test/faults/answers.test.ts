/** The shared answer policy (src/sources/providers/common/answers.ts) and the scan flags' validation. */
import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { checkAnswer, xmlIsWhole, readBounded, sniff, MAX_IN_FLIGHT_BYTES, bytesInFlight } from '../../src/sources/providers/common/answers.js';
import { parseSeconds, listFlag, normalizeScanFlags, checkEndpointValues } from '../../src/cli/options.js';

const ok = (body: string, contentType = 'application/json', status = 200, method = 'GET') => () => checkAnswer({ status, method, contentType, body });

describe('an answer is evidence only if it parses as what was asked', () => {
  it('refuses an empty 2xx body, but not a 204 or a HEAD', () => {
    expect(ok('')).toThrow(/empty answer/);
    expect(ok('   \n')).toThrow(/empty answer/);
    expect(ok('', '', 204)).not.toThrow();
    expect(ok('', '', 200, 'HEAD')).not.toThrow();
  });

  it('refuses a captive-portal HTML page, whatever content type it claims', () => {
    const portal = '<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body>Log in</body></html>';
    expect(ok(portal, 'text/html')).toThrow(/HTML page/);
    expect(ok(portal, 'application/json')).toThrow(/HTML page/);
    expect(ok('<html><body>sign in</body></html>', 'text/xml')).toThrow(/HTML page/);
  });

  it('refuses JSON and XML cut short', () => {
    expect(ok('{"SecurityGroups": [{"GroupId": "sg-1"}')).toThrow(/does not parse/);
    expect(ok('<DescribeSecurityGroupsResponse><securityGroupInfo><item>', 'text/xml')).toThrow(/not a whole document/);
  });

  it('refuses a body in another format than the protocol\'s, and a foreign content type', () => {
    expect(ok('{"a":1}', 'image/png')).toThrow(/not the API's/);
    expect(ok('hello', 'text/plain')).toThrow(/neither JSON nor XML/);
    expect(() => checkAnswer({ status: 200, method: 'POST', contentType: '', body: '<A/>', expect: 'json' })).toThrow(/expected a JSON answer/);
  });

  it('accepts whole answers, including JSON labelled text/html by an emulator', () => {
    expect(ok('{"Keys": []}')).not.toThrow();
    expect(ok('{"Functions": []}', 'text/html; charset=utf-8')).not.toThrow();
    expect(ok('<?xml version="1.0"?>\n<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>\n', 'application/xml')).not.toThrow();
    expect(ok('<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>', 'application/xml')).not.toThrow();
  });

  it('leaves non-2xx answers to the client (they are failed calls anyway)', () => {
    expect(ok('<html>503</html>', 'text/html', 503)).not.toThrow();
  });

  it('xmlIsWhole: the root must close at the end', () => {
    expect(xmlIsWhole('<!-- c --><a><b/></a>')).toBe(true);
    expect(xmlIsWhole('<a><b/></a><c>')).toBe(false);
    expect(xmlIsWhole('<a x="1"/>')).toBe(true);
    expect(xmlIsWhole('<a x="1"/><b/>')).toBe(false);
    expect(xmlIsWhole('<?xml version="1.0"')).toBe(false);
    expect(sniff('  [1]')).toBe('json');
  });
});

describe('readBounded', () => {
  it('stops an endless body at the bound, without holding more than the bound', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 65536;
        this.push(Buffer.alloc(65536, 0x61));
      },
    });
    await expect(readBounded(endless, { maxBytes: 1024 * 1024 })).rejects.toThrow(/larger than 1 MiB/);
    expect(produced).toBeLessThan(4 * 1024 * 1024);
    expect(endless.destroyed).toBe(true);
  });

  it('bounds what concurrent reads hold together: the read that would cross the budget fails, and every byte is released', async () => {
    const endless = () =>
      new Readable({
        read() {
          this.push(Buffer.alloc(1024 * 1024, 0x61));
        },
      });
    // Each read alone is allowed more than the budget shared by all of them.
    const per = 2 * MAX_IN_FLIGHT_BYTES;
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => readBounded(endless(), { maxBytes: per, what: 'x' })));
    const reasons = results.map((r) => (r.status === 'rejected' ? String((r.reason as Error).message) : 'read'));
    expect(reasons.some((m) => /answers being read at once hold more than 128 MiB/.test(m))).toBe(true);
    expect(reasons.every((m) => /hold more than|larger than/.test(m))).toBe(true);
    expect(bytesInFlight()).toBe(0);
  });

  it('stops a trickle when the signal fires', async () => {
    const trickle = new Readable({ read() {} });
    const t = setInterval(() => trickle.push('x'), 20);
    const started = Date.now();
    await expect(readBounded(trickle, { maxBytes: 1e6, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    clearInterval(t);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('scan flags', () => {
  it('--request-timeout and --deadline: ranges are checked, no overflow to 1 ms', () => {
    expect(() => parseSeconds('request-timeout', 1e10, { min: 0.1, max: 3600 })).toThrow(/from 0.1 to 3600/);
    expect(() => parseSeconds('request-timeout', 'Infinity', { min: 0.1, max: 3600 })).toThrow();
    expect(() => parseSeconds('request-timeout', -1, { min: 0.1, max: 3600 })).toThrow();
    expect(parseSeconds('request-timeout', 2.5, { min: 0.1, max: 3600 })).toBe(2.5);
    expect(parseSeconds('deadline', '15m', { min: 1, max: 604800, units: true })).toBe(900);
    expect(() => parseSeconds('deadline', '15 fortnights', { min: 1, max: 604800, units: true })).toThrow(/duration/);
  });

  it('list flags accept repeats and commas; single flags given twice are an input error', () => {
    expect(listFlag(['eu-west-1,us-east-1', 'eu-central-1'])).toEqual(['eu-west-1', 'us-east-1', 'eu-central-1']);
    const argv: Record<string, unknown> = { regions: ['eu-west-1', 'us-east-1'], 'spaces-regions': ['fra1', 'ams3'] };
    normalizeScanFlags(argv);
    expect(argv.regions).toBe('eu-west-1,us-east-1');
    expect(argv.spacesRegions).toBe('fra1,ams3');
    expect(() => normalizeScanFlags({ profile: ['a', 'b'] })).toThrow(/given 2 times/);
  });

  it('--endpoint with a password is refused without echoing it', () => {
    try {
      checkEndpointValues(['s3=http://admin:hunter2secret@127.0.0.1:9000']);
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).not.toMatch(/hunter2|admin/);
      expect(String((e as Error).message)).toMatch(/credentials in the URL/);
    }
    expect(checkEndpointValues(['s3=http://127.0.0.1:9000'])).toEqual(['s3=http://127.0.0.1:9000']);
  });
});
