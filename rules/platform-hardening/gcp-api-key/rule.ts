import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { ageInDays, requireCollected } from '../../../src/lib/gcp.js';

const MAX_AGE_DAYS = 90;
const ANY_SOURCE = new Set(['0.0.0.0/0', '::/0', '0.0.0.0', '::']);

/**
 * CIS GCP 1.13 (`application-restrictions`), 1.14 (`api-restrictions`),
 * 1.15 (`rotation`). Judged on metadata only; the key string is never read.
 * 1.12 (keys only for services still in use) needs a person: whether the
 * service behind a key is active is not visible in its metadata.
 */
export default defineRule({
  id: 'platform-hardening/gcp-api-key',
  control: 'platform-hardening',
  title: 'API keys are restricted to their callers and APIs, and rotated within 90 days',
  severity: 'medium',
  risk: 'An API key is a bearer secret: anyone who finds an unrestricted one can call the project\'s APIs at its expense and with its access.',
  remediation: {
    text: 'Delete keys no service needs; restrict each remaining key to its referrers, IPs or apps and to the APIs it calls (never cloudapis.googleapis.com); replace keys older than 90 days.',
    cli: 'gcloud services api-keys update KEY --allowed-referrers=REFERRER --api-target=service=SERVICE',
  },
  references: ['https://cloud.google.com/docs/authentication/api-keys', 'https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys'],
  types: ['gcp.apikeys.key'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const restr = asRecord(known(r, 'restrictions'));
    const browser = asArray(asRecord(restr.browserKeyRestrictions).allowedReferrers).map(String);
    const server = asArray(asRecord(restr.serverKeyRestrictions).allowedIps).map(String);
    const android = asArray(asRecord(restr.androidKeyRestrictions).allowedApplications);
    const ios = asArray(asRecord(restr.iosKeyRestrictions).allowedBundleIds);
    const open = [...browser.filter((x) => /^\*(\.\*)?$|^\*\/\*$/.test(x.trim())), ...server.filter((x) => ANY_SOURCE.has(x.trim()))];
    const apps = ev('restrictions', { browser, server, android: android.length, ios: ios.length }, 'referrers, IPs or apps, none matching everything');
    const appRestricted = browser.length + server.length + android.length + ios.length > 0 && open.length === 0;
    const targets = asArray(restr.apiTargets).map((t) => String(asRecord(t).service ?? ''));
    const apis = ev('restrictions.apiTargets[].service', targets, 'named APIs, not cloudapis.googleapis.com');
    const apiRestricted = targets.length > 0 && !targets.includes('cloudapis.googleapis.com');
    const created = known(r, 'createTime');
    // Age when the key was listed (the answer's time), so a report re-judged later does not age it.
    const listedAt = Date.parse(String(r.raw?.[0]?.at ?? ''));
    const age = ageInDays(created, Number.isFinite(listedAt) ? listedAt : Date.now());
    const ea = ev('createTime', created ?? null, `within ${MAX_AGE_DAYS} days`);
    return [
      { ...(appRestricted ? pass('restricted to named callers', apps) : fail(open.length ? `restricted to everyone (${open.join(', ')})` : 'no application restriction: usable from anywhere', apps)), subId: 'application-restrictions' },
      { ...(apiRestricted ? pass(`restricted to ${targets.join(', ')}`, apis) : fail(targets.length ? 'restricted to cloudapis.googleapis.com: every Google API' : 'no API restriction: usable for every enabled API', apis)), subId: 'api-restrictions' },
      { ...(age === undefined || age < 0 ? unknown(age === undefined ? 'the creation time could not be read' : 'the creation time is after the listing: the clock or the answer is wrong', ea) : age <= MAX_AGE_DAYS ? pass(`created ${age} days ago`, ea) : fail(`created ${age} days ago, more than ${MAX_AGE_DAYS}`, ea)), subId: 'rotation' },
    ];
  },
});
