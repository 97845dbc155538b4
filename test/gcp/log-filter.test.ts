/** The Logging query parser behind the CIS GCP 2.4–2.11 rule: coverage by meaning, not by text. */
import { describe, it, expect } from 'vitest';
import { filterCovers, parseFilter, dnf } from '../../rules/platform-hardening/_gcp-log-filter.js';
import { LOG_ALERTS } from '../../rules/platform-hardening/gcp-log-metric-alerts/rule.js';

const covers = (metric: string, required: string) => filterCovers(metric, required);
const ROUTES = LOG_ALERTS.find((c) => c.subId === 'routes')!.filter;

describe('Cloud Logging filter coverage', () => {
  it('OR binds tighter than AND, as in the Logging query language', () => {
    expect(dnf(parseFilter('a=1 AND b=2 OR c=3')).map((t) => t.map((x) => `${x.field}${x.op}${x.value}`))).toEqual([
      ['a=1', 'b=2'],
      ['a=1', 'c=3'],
    ]);
  });

  it('every benchmark filter covers itself, and survives reordering, spacing and quoting', () => {
    for (const c of LOG_ALERTS) expect(covers(c.filter, c.filter), c.subId).toEqual({ covers: true });
    expect(covers('(protoPayload.methodName:"compute.routes.insert"  OR protoPayload.methodName:"compute.routes.delete") resource.type = gce_route', ROUTES)).toEqual({ covers: true });
  });

  it('a broader filter covers; a narrower one, a negated one or another field does not', () => {
    expect(covers('resource.type="gce_route"', ROUTES)).toEqual({ covers: true });
    expect(covers('protoPayload.methodName:"compute.routes"', ROUTES)).toEqual({ covers: true });
    expect(covers('resource.type="gce_route" AND protoPayload.methodName:"compute.routes.insert"', ROUTES)).toEqual({ covers: false });
    expect(covers('resource.type="gce_route" AND NOT protoPayload.methodName:"compute.routes.delete"', ROUTES)).toEqual({ covers: false });
    expect(covers('resource.type="gce_route" AND severity>=ERROR', ROUTES)).toEqual({ covers: false });
    expect(covers('resource.type="gce_network"', ROUTES)).toEqual({ covers: false });
  });

  it('a filter that does not parse, or expands past the bound, is undecided, never covering', () => {
    expect(covers('resource.type="gce_route" AND (', ROUTES)).toHaveProperty('undecided');
    const huge = Array.from({ length: 12 }, (_, i) => `(a${i}=1 OR b${i}=2)`).join(' AND ');
    expect(covers(huge, ROUTES)).toHaveProperty('undecided');
  });
});
