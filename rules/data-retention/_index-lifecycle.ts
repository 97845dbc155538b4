/**
 * OpenSearch Serverless data lifecycle policies (`AWS::OpenSearchServerless::LifecyclePolicy`, Type
 * `retention`): each rule of the policy document keeps the documents of the indexes its `Resource`
 * patterns name (`index/<collection>/<index pattern>`) for `MinIndexRetention` (`24h` to `3650d`), or
 * indefinitely with `NoMinIndexRetention: true`; OpenSearch Serverless then deletes them (OpenSearch
 * Service Developer Guide, "Using data lifecycle policies with Amazon OpenSearch Serverless"). The data
 * set an index holds is read from its pattern, as a log group's from its name: `index/weblogs/request-logs-*`
 * holds request logs under `*request-log*`. A more specific pattern takes precedence over a broader one,
 * so each pattern is judged with its own rule's retention.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import type { Inventory } from '../../src/model/inventory.js';
import { asArray, asBool, ev, get, jsonDocument, must, notApplicable, NeedsValue, text } from '../../src/evaluate/facts.js';
import { judgeRetention } from './_datasets.js';
import type { Kept } from './_kept.js';
import { isUnresolved, shownShape } from '../../src/model/values.js';

const DAY = 24;

/** How long one lifecycle rule keeps its indexes' documents. */
function ruleKept(rule: unknown, at: string): Kept {
  const forever = asBool(must(get(rule, 'NoMinIndexRetention'), `${at}.NoMinIndexRetention`));
  if (forever === true) return { hours: Infinity, evidence: ev(`${at}.NoMinIndexRetention`, true, undefined, 'OpenSearch Serverless keeps these indexes indefinitely') };
  const raw = must(get(rule, 'MinIndexRetention'), `${at}.MinIndexRetention`);
  const m = typeof raw === 'string' ? /^(\d+)([hd])$/.exec(raw.trim()) : null;
  if (!m) throw new NeedsValue(`${at}.MinIndexRetention`, `${text(raw ?? null)}, which is not a retention period (24h to 3650d)`);
  const hours = Number(m[1]) * (m[2] === 'd' ? DAY : 1);
  return { hours, evidence: ev(`${at}.MinIndexRetention`, raw, undefined, 'documents are deleted after this period, typically within 48 hours or 10% of it') };
}

/** An index pattern for messages: a built one with each computed piece as `${…}`. */
function shown(pattern: unknown): string {
  return isUnresolved(pattern) && pattern.shape !== undefined ? shownShape(pattern.shape) : text(pattern);
}

export function judgeIndexLifecycle(r: Resource, params: Parameters, inventory: Inventory): Verdict | Verdict[] {
  const type = must(get(r.properties, 'Type'), 'Type');
  if (type !== 'retention') return notApplicable(`a ${text(type)} lifecycle policy, not a retention policy`);
  const doc = jsonDocument(r, 'Policy', 100_000);
  const rules = asArray(must(get(doc, 'Rules'), 'Policy.Rules'));
  const out: Verdict[] = [];
  rules.forEach((rule, i) => {
    const at = `Policy.Rules[${i}]`;
    const kind = must(get(rule, 'ResourceType'), `${at}.ResourceType`);
    if (kind !== 'index') return;
    asArray(must(get(rule, 'Resource'), `${at}.Resource`)).forEach((pattern, j) => {
      // The pattern stands for the name of the indexes it covers; a pattern built from a parameter stays unresolved.
      const named: Resource = { ...r, name: undefined, properties: { Resource: pattern } };
      const v = judgeRetention(r, params, 'Resource', () => ruleKept(rule, at), named, inventory);
      if (v.status === 'not-applicable') return;
      out.push({ ...v, message: `indexes ${shown(pattern)}: ${v.message}`, subId: `${at}.Resource[${j}]` });
    });
  });
  return out.length ? out : notApplicable(`no index pattern of the policy matches a retention data set in the claims profile (${params.retention.map((s) => s.dataSet).join(', ')})`);
}
