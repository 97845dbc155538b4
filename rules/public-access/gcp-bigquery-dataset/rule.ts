import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { PUBLIC_MEMBERS, requireCollected } from '../../../src/lib/gcp.js';

/** CIS GCP 7.1: no dataset access entry for allUsers or allAuthenticatedUsers (as `specialGroup` or `iamMember`). */
export default defineRule({
  id: 'public-access/gcp-bigquery-dataset',
  control: 'public-access',
  title: 'BigQuery datasets are not readable by allUsers or allAuthenticatedUsers',
  severity: 'critical',
  risk: 'An access entry for allUsers or allAuthenticatedUsers lets anyone (or any Google account) query the dataset\'s tables.',
  remediation: { text: 'Remove the allUsers / allAuthenticatedUsers entries from the dataset\'s access list (bq show --format=prettyjson, edit, bq update --source).', cli: 'bq update --source=ACCESS.json PROJECT:DATASET' },
  references: ['https://cloud.google.com/bigquery/docs/control-access-to-resources-iam', 'https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets'],
  types: ['gcp.bigquery.dataset'],
  sources: ['live'],
  check(r) {
    requireCollected(r, 'access');
    const access = asArray(known(r, 'access')).map((a) => asRecord(a));
    const out: Verdict[] = [];
    access.forEach((a, i) => {
      const who = [a.specialGroup, a.iamMember].find((m) => typeof m === 'string' && PUBLIC_MEMBERS.has(m));
      if (who) out.push({ ...fail(`${String(a.role ?? 'a role')} granted to ${String(who)}`, ev(`access[${i}]`, a, 'no allUsers / allAuthenticatedUsers')), subId: `${String(a.role ?? '')}:${String(who)}` });
    });
    if (out.length) return out;
    return pass(`${access.length} access entries, none public`, ev('access', `${access.length} entries`, 'no allUsers / allAuthenticatedUsers'));
  },
});
