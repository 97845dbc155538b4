import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool } from '../../../src/evaluate/facts.js';
import { ageInDays, requireCollected } from '../../../src/lib/gcp.js';

/** CIS Google Cloud Foundations 1.7: user-managed keys rotated within 90 days. */
const MAX_KEY_AGE_DAYS = 90;

export default defineRule({
  id: 'iam-least-privilege/gcp-service-account-key',
  control: 'iam-least-privilege',
  title: `User-managed service account keys are disabled or younger than ${MAX_KEY_AGE_DAYS} days`,
  severity: 'medium',
  risk: 'A long-lived exported key is a bearer credential that works from anywhere until it is deleted; old keys are often forgotten in repositories and laptops.',
  remediation: {
    text: 'Prefer workload identity / attached service accounts over exported keys; rotate user-managed keys at least every 90 days and delete unused ones (org policy iam.disableServiceAccountKeyCreation prevents new ones).',
    cli: 'gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL',
  },
  references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys'],
  types: ['gcp.iam.service-account-key'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const created = known(r, 'validAfterTime');
    const expires = known(r, 'validBeforeTime');
    const disabled = asBool(known(r, 'disabled')) === true || asBool(known(r, 'serviceAccount.disabled')) === true;
    const age = ageInDays(created);
    const evidence = [ev('validAfterTime', created ?? null, `within ${MAX_KEY_AGE_DAYS} days`, age !== undefined ? `${age} days old` : undefined), ev('keyType', known(r, 'keyType') ?? 'USER_MANAGED')];
    if (disabled) return pass('key (or its service account) is disabled', ...evidence, ev('disabled', true));
    const left = ageInDays(expires);
    if (left !== undefined && left > 0) return pass(`key expired ${left} days ago`, ...evidence, ev('validBeforeTime', expires));
    if (age === undefined) return unknown('key creation time is missing or unreadable', ...evidence);
    if (age > MAX_KEY_AGE_DAYS) return fail(`user-managed key is ${age} days old (rotate within ${MAX_KEY_AGE_DAYS})`, ...evidence);
    return pass(`user-managed key is ${age} days old (within ${MAX_KEY_AGE_DAYS}); prefer keyless workload identity`, ...evidence);
  },
});
