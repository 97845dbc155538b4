/** A Glue security configuration's three encryption settings, read once for the configuration and for the jobs, crawlers and endpoints that use it. */
import type { Resource } from '../../src/model/resource.js';
import type { EvidenceItem, Verdict } from '../../src/evaluate/rule.js';
import { known, must, asArray, asRecord, get, ev, pass, fail, text, NeedsValue } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';
import { isUnresolved } from '../../src/model/values.js';

interface Part {
  /** What Glue writes under this setting. */
  what: string;
  path: string;
  raw: unknown;
  key: unknown;
  keyPath: string;
}

/**
 * One setting of a Glue security configuration: DISABLED (or omitted: the Glue
 * API default) writes the data without Glue's own encryption, so only what the
 * destination does on its own applies (S3 bucket default encryption, CloudWatch
 * Logs' service keys; job bookmarks have none documented). SSE-S3 uses an
 * S3-owned key; SSE-KMS / CSE-KMS without KmsKeyArn the AWS managed key.
 */
function judgePart(p: Part, allowed: string[], cmk: boolean, bad: string[], evidence: EvidenceItem[]): void {
  const mode = p.raw === undefined || p.raw === null ? 'DISABLED' : text(p.raw).trim().toUpperCase();
  const expected = cmk ? `${allowed.filter((a) => a.includes('KMS')).join(' or ')} with a customer-managed KmsKeyArn` : allowed.join(' or ');
  const note = p.raw === undefined || p.raw === null ? 'omitted: Glue does not encrypt it (the API default is DISABLED)' : undefined;
  if (mode === 'DISABLED') {
    bad.push(`${p.what} without Glue encryption (${p.raw === undefined || p.raw === null ? 'not configured' : 'DISABLED'})`);
    evidence.push(ev(p.path, p.raw ?? null, expected, note));
    return;
  }
  if (!allowed.includes(mode)) {
    bad.push(`${p.what}: ${JSON.stringify(mode)} is not a valid mode`);
    evidence.push(ev(p.path, p.raw, expected, notAValidValue(p.path, mode, ['DISABLED', ...allowed].join(', '))));
    return;
  }
  const noKey = p.key === undefined || p.key === null || p.key === '';
  if (cmk && (mode === 'SSE-S3' || noKey)) {
    bad.push(`${p.what} with ${mode === 'SSE-S3' ? 'an S3-owned key (SSE-S3)' : 'the AWS managed key (no KmsKeyArn)'}, but the claim requires customer-managed keys`);
    evidence.push(ev(p.path, p.raw, expected), ev(p.keyPath, p.key ?? null, 'a customer-managed KMS key'));
    return;
  }
  evidence.push(ev(p.path, p.raw, expected));
  if (isUnresolved(p.key)) evidence.push(ev(p.keyPath, p.key.expression, 'a KMS key', 'the key is not known (it depends on a value the template does not settle); the mode encrypts whichever key it names'));
}

/** Judge a Glue security configuration: every setting must encrypt (fail lists each that does not). */
export function judgeGlueSecurityConfiguration(r: Resource, cmk: boolean): Verdict {
  const bad: string[] = [];
  const evidence: EvidenceItem[] = [];
  // The key is needed only when the claim requires customer-managed keys: with a KMS mode written, Glue
  // encrypts with whichever key KmsKeyArn names (the AWS managed key when it is empty), so a key from a
  // parameter leaves open whose key it is, not whether the data is encrypted. Labels across sets: 7
  // resources (2 configurations, 5 jobs and crawlers using them) with a parameter key, all labelled pass, 0 unknown.
  const keyOf = (v: unknown, path: string) => (cmk ? must(v, path) : v);
  // Each setting is read on its own: one DISABLED setting fails the configuration even when
  // another is unresolved; an unresolved one with nothing failing leaves the verdict unknown.
  let pending: NeedsValue | undefined;
  const read = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof NeedsValue)) throw e;
      pending ??= e;
    }
  };
  read(() => {
    const s3 = asArray(known(r, 'EncryptionConfiguration.S3Encryptions'));
    if (s3.length === 0) judgePart({ what: 'S3 output', path: 'EncryptionConfiguration.S3Encryptions', raw: undefined, key: undefined, keyPath: '' }, ['SSE-S3', 'SSE-KMS'], cmk, bad, evidence);
    s3.forEach((e, i) =>
      read(() => {
        const entry = asRecord(must(e, `EncryptionConfiguration.S3Encryptions[${i}]`));
        const path = `EncryptionConfiguration.S3Encryptions[${i}]`;
        judgePart({ what: 'S3 output', path: `${path}.S3EncryptionMode`, raw: must(entry.S3EncryptionMode, `${path}.S3EncryptionMode`), key: keyOf(entry.KmsKeyArn, `${path}.KmsKeyArn`), keyPath: `${path}.KmsKeyArn` }, ['SSE-S3', 'SSE-KMS'], cmk, bad, evidence);
      }),
    );
  });
  read(() => {
    const cw = known(r, 'EncryptionConfiguration.CloudWatchEncryption');
    const path = 'EncryptionConfiguration.CloudWatchEncryption';
    judgePart({ what: 'CloudWatch logs', path: `${path}.CloudWatchEncryptionMode`, raw: must(get(cw, 'CloudWatchEncryptionMode'), `${path}.CloudWatchEncryptionMode`), key: keyOf(get(cw, 'KmsKeyArn'), `${path}.KmsKeyArn`), keyPath: `${path}.KmsKeyArn` }, ['SSE-KMS'], cmk, bad, evidence);
  });
  read(() => {
    const jb = known(r, 'EncryptionConfiguration.JobBookmarksEncryption');
    const path = 'EncryptionConfiguration.JobBookmarksEncryption';
    judgePart({ what: 'job bookmarks', path: `${path}.JobBookmarksEncryptionMode`, raw: must(get(jb, 'JobBookmarksEncryptionMode'), `${path}.JobBookmarksEncryptionMode`), key: keyOf(get(jb, 'KmsKeyArn'), `${path}.KmsKeyArn`), keyPath: `${path}.KmsKeyArn` }, ['CSE-KMS'], cmk, bad, evidence);
  });
  if (bad.length) return fail(`jobs, crawlers and endpoints using this configuration write ${bad.join('; ')}`, ...evidence);
  if (pending) throw pending;
  return pass('S3 output, CloudWatch logs and job bookmarks are encrypted by Glue', ...evidence);
}
