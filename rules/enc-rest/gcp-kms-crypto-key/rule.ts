import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

const MAX_DAYS = 90;
const DAY = 86_400;

/** `7776000s` → seconds. */
function seconds(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * CIS GCP 1.10: symmetric keys rotate automatically at most every 90 days.
 * Only ENCRYPT_DECRYPT keys support automatic rotation; asymmetric and MAC
 * keys are not applicable (the benchmark covers symmetric keys).
 */
export default defineRule({
  id: 'enc-rest/gcp-kms-crypto-key',
  control: 'enc-rest',
  title: 'Cloud KMS symmetric keys rotate automatically within 90 days',
  severity: 'medium',
  risk: 'A key that never rotates protects ever more data with one key version: a leaked or broken version exposes all of it.',
  remediation: { text: 'Set a rotation period of 90 days or less (and a next rotation time) on the key.', cli: 'gcloud kms keys update KEY --keyring=RING --location=LOC --rotation-period=90d --next-rotation-time=TIME' },
  references: ['https://cloud.google.com/kms/docs/key-rotation', 'https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys'],
  types: ['gcp.kms.crypto-key'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const purpose = String(known(r, 'purpose') ?? 'ENCRYPT_DECRYPT');
    if (purpose !== 'ENCRYPT_DECRYPT') return notApplicable(`a ${purpose} key: Cloud KMS rotates only symmetric keys automatically`, ev('purpose', purpose));
    const period = known(r, 'rotationPeriod');
    const next = known(r, 'nextRotationTime');
    const secs = seconds(period);
    const e = ev('rotationPeriod', period ?? null, `<= ${MAX_DAYS * DAY}s (${MAX_DAYS} days)`, period === undefined ? 'not set: the key never rotates' : undefined);
    const en = ev('nextRotationTime', next ?? null, `within ${MAX_DAYS} days`);
    if (secs === undefined) return fail('automatic rotation is off', e, en);
    if (secs > MAX_DAYS * DAY) return fail(`rotates every ${Math.round(secs / DAY)} days, more than ${MAX_DAYS}`, e, en);
    const t = typeof next === 'string' ? Date.parse(next) : NaN;
    if (!Number.isFinite(t)) return fail('a rotation period is set but no next rotation time: the key will not rotate', e, en);
    if (t - Date.now() > MAX_DAYS * DAY * 1000) return fail(`the next rotation is more than ${MAX_DAYS} days away`, e, en);
    return pass(`rotates every ${Math.round(secs / DAY)} days`, e, en);
  },
});
