import { describe, it, expect } from 'vitest';
import { classify } from '../../src/claims/classify.js';
import { readTls, readDurations, readPlaces } from '../../src/claims/parse-values.js';
import { splitSentences } from '../../src/claims/sentences.js';

const controlsOf = (s: string) => classify(s).controls;

describe('TLS versions', () => {
  it.each([
    ['All traffic uses TLS 1.2+.', '1.2'],
    ['Connections require TLS 1.2 or higher.', '1.2'],
    ['We accept TLS 1.2 and above.', '1.2'],
    ['Endpoints negotiate at least TLS 1.2.', '1.2'],
    ['We support TLSv1.3 only.', '1.3'],
    ['Data in transit is protected with TLS 1.3.', '1.3'],
    ['We support TLS 1.2 and 1.3.', '1.2'],
    ['We support TLS 1.2/1.3.', '1.2'],
    ['TLS versions below 1.2 are disabled.', '1.2'],
    ['TLS 1.0 and 1.1 are disabled.', '1.2'],
    ['We use TLS 1.3; TLS 1.0 is disabled.', '1.3'],
  ])('%s → floor %s', (s, floor) => {
    const c = classify(s);
    expect(c.controls).toContain('tls-min');
    expect(c.parameters?.tlsMin).toBe(floor);
  });

  it('"TLS 1.0 is disabled" promises only that 1.0 is refused: floor 1.1, and says 1.1 is deprecated', () => {
    const c = classify('TLS 1.0 is disabled on all endpoints.');
    expect(c.parameters?.tlsMin).toBe('1.1');
    expect(c.rationale.join(' ')).toMatch(/RFC 8996/);
    expect(readTls('We no longer support TLS 1.0.').tlsMin).toBe('1.1');
  });

  it('refusing SSL 3.0 only sets a floor of TLS 1.0', () => {
    expect(classify('SSLv3 is disabled.').parameters?.tlsMin).toBe('1.0');
  });

  it('a version vouch does not know is not used as a floor', () => {
    const r = readTls('We use TLS 1.4.');
    expect(r.tlsMin).toBeUndefined();
  });

  it('encryption in transit without a version maps to tls-min with no parameter', () => {
    const c = classify('All data is encrypted in transit.');
    expect(c.controls).toEqual(['tls-min']);
    expect(c.parameters).toBeUndefined();
  });

  it('connections to our databases are encrypted → tls-min', () => {
    expect(controlsOf('Connections to our databases are encrypted with TLS.')).toEqual(['tls-min']);
    expect(controlsOf('All database connections use SSL.')).toEqual(['tls-min']);
  });

  it('outbound connections to third parties are an attestation item, not tls-min', () => {
    const c = classify('Connections to third-party APIs are encrypted with TLS.');
    expect(c.controls).toEqual([]);
    expect(c.attestation).toMatch(/outbound/);
  });
});

describe('encryption at rest and secrets', () => {
  it('AES-256 and "encrypted at rest" → enc-rest', () => {
    expect(controlsOf('Customer data is encrypted with AES-256.')).toEqual(['enc-rest']);
    expect(controlsOf('All data is encrypted at rest.')).toEqual(['enc-rest']);
    expect(controlsOf('Files are stored encrypted.')).toEqual(['enc-rest']);
  });

  it('"not encrypted" is not a promise of encryption: it goes to review', () => {
    const c = classify('Log archives are not encrypted at rest.');
    expect(c.controls).toEqual([]);
    expect(c.review).toMatch(/negated/);
  });

  it('a bare "encrypted" (neither at rest nor in transit) goes to review', () => {
    const c = classify('All customer data is encrypted.');
    expect(c.controls).toEqual([]);
    expect(c.review).toMatch(/without saying at rest or in transit/);
  });

  it('customer-managed keys set requireCustomerManagedKeys', () => {
    expect(classify('Data is encrypted at rest with customer-managed keys.').parameters).toEqual({ requireCustomerManagedKeys: true });
  });

  it('tokens and credentials encrypted → secrets-encrypted; "never logged" → attestation', () => {
    const c = classify('API tokens are encrypted and never logged.');
    expect(c.controls).toEqual(['secrets-encrypted']);
    expect(c.attestation).toMatch(/logs/);
    expect(controlsOf('Credentials are kept in a secrets manager.')).toEqual(['secrets-encrypted']);
  });
});

describe('HTTPS redirect', () => {
  it.each([
    'HTTP requests are redirected to HTTPS.',
    'Any attempt to connect over HTTP is redirected to HTTPS.',
    'We enable HSTS on every domain and serve HTTPS.',
  ])('%s → https-redirect', (s) => expect(controlsOf(s)).toEqual(['https-redirect']));

  it('a redirect that is not about HTTPS is not https-redirect', () => {
    expect(controlsOf('Users are redirected to the login page.')).toEqual([]);
  });
});

describe('access', () => {
  it('least privilege, minimum permissions, read-only access → iam-least-privilege', () => {
    expect(controlsOf('We enforce least privilege for all staff.')).toEqual(['iam-least-privilege']);
    expect(controlsOf('Integrations get read-only access.')).toEqual(['iam-least-privilege']);
    expect(controlsOf('Access is role-based access control for all systems.')).toEqual(['iam-least-privilege']);
  });

  it('"more than read-only access" is not a read-only promise', () => {
    const c = classify('If a provider grants more than read-only access, we will not use it.');
    expect(c.controls).toEqual([]);
    expect(c.review).toMatch(/more than/);
  });

  it.each(['MFA is required for all staff.', 'Two-factor authentication is mandatory for admins.', '2FA is enforced for every account.', 'Admins sign in with two-step verification.'])(
    '%s → mfa',
    (s) => expect(controlsOf(s)).toEqual(['mfa']),
  );

  it('"we may use MFA" is not a promise: review, with the hedge named', () => {
    const c = classify('We may use MFA for some accounts.');
    expect(c.controls).toEqual([]);
    expect(c.review).toMatch(/hedged \('may'\)/);
    expect(classify('MFA is available on request.').review).toMatch(/hedged/);
    expect(classify('MFA is not required for read-only users.').controls).not.toContain('mfa');
  });

  it('bastion hosts, firewalls and VPNs → bastion-only', () => {
    expect(controlsOf('Servers are reachable only through bastion hosts.')).toEqual(['bastion-only']);
    expect(controlsOf('Administrators connect over a VPN.')).toEqual(['bastion-only']);
    expect(controlsOf('Production sits behind firewalls.')).toEqual(['bastion-only']);
  });
});

describe('backups, caches, retention', () => {
  it('backup rotation → backup-retention with days and mode', () => {
    expect(classify('Backups are rotated on a 35-day cycle.').parameters).toEqual({ backup: { maxDays: 35, mode: 'exact' } });
    expect(classify('Backups are kept for up to 30 days.').parameters).toEqual({ backup: { maxDays: 30, mode: 'max' } });
    expect(classify('Backups are retained for thirty-five days.').parameters).toEqual({ backup: { maxDays: 35, mode: 'exact' } });
    expect(classify('Snapshots are kept for 5 weeks.').parameters).toEqual({ backup: { maxDays: 35, mode: 'exact' } });
  });

  it('"never in a backup" → cache-no-backup; a plain mention of backups maps to nothing', () => {
    expect(controlsOf('Your data is never stored in a backup.')).toEqual(['cache-no-backup']);
    expect(controlsOf('Cache contents are excluded from backups.')).toEqual(['cache-no-backup']);
    expect(controlsOf('We take backups.')).toEqual([]);
  });

  it('short-lived caches → cache-no-backup', () => {
    expect(controlsOf('Data stays in short-lived caches.')).toEqual(['cache-no-backup']);
  });

  it('"retained for 90 days" → data-retention with the data set named', () => {
    const c = classify('Access logs are retained for 90 days.');
    expect(c.controls).toEqual(['data-retention']);
    expect(c.parameters?.retention).toEqual([{ dataSet: 'access logs', maxDays: 90, mode: 'exact', match: { tags: { DataSet: 'access-logs' } } }]);
  });

  it('"7 / 90 days" takes the longest as the bound and says so', () => {
    const c = classify('Run telemetry is retained for 7 / 90 days depending on plan.');
    expect(c.parameters?.retention?.[0]?.maxDays).toBe(90);
    expect(c.rationale.join(' ')).toMatch(/several periods/);
  });

  it('"30 days after deletion" counts from deletion', () => {
    const c = classify('We delete personal data within 30 days after account closure.');
    expect(c.parameters?.retention?.[0]).toMatchObject({ maxDays: 30, after: 'deletion' });
  });

  it('"we do not keep logs for more than 14 days" is a maximum, not a negation', () => {
    expect(classify('We do not keep logs for more than 14 days.').parameters?.retention?.[0]?.maxDays).toBe(14);
  });
});

describe('residency', () => {
  it.each([
    ['Personal data may be processed in the United States and the European Union.', ['US', 'EU']],
    ['Data is stored in the EU and US.', ['EU', 'US']],
    ['Customer data is hosted only in the European Union.', ['EU']],
    ['Data is kept in Frankfurt.', ['eu-central-1', 'europe-west3', 'fra1', 'germanywestcentral']],
  ])('%s → %j', (s, regions) => {
    const c = classify(s);
    expect(c.controls).toEqual(['data-residency']);
    expect(c.parameters?.allowedRegions).toEqual(regions);
  });

  it('"Europe" is read strictly as the EU, and the rationale says so', () => {
    const c = classify('All data is stored in Europe.');
    expect(c.parameters?.allowedRegions).toEqual(['EU']);
    expect(c.rationale.join(' ')).toMatch(/strictly/);
  });

  it('a place vouch does not know is not guessed but kept visible as place:<name>, so the allowed set is not narrowed', () => {
    const c = classify('Data is stored in Narnia.');
    expect(c.parameters?.allowedRegions).toEqual(['place:Narnia']);
    expect(c.rationale.join(' ')).toMatch(/does not know/);
    expect(c.confidence).toBe('medium');
    expect(readPlaces('the moon')).toEqual([]);
  });
});

describe('attestation items', () => {
  it.each([
    ['We are SOC 2 Type II audited.', /audit reports/],
    ['We run annual penetration tests.', /penetration test/],
    ['All staff complete security awareness training.', /Training records/],
    ['We will notify you of a breach within 72 hours.', /incident response/],
    ['We run a public bug bounty program.', /bug bounty/],
  ])('%s', (s, evidence) => {
    const c = classify(s);
    expect(c.controls).toEqual([]);
    expect(c.attestation).toMatch(evidence);
  });
});

describe('review and non-promises', () => {
  it('promise words without a pattern go to review; plain statements do not', () => {
    expect(classify('We will never sell your data.').review).toMatch(/'will'/);
    expect(classify('We log API requests.').review).toBeUndefined();
    expect(classify('For paid plans, tax identifiers may be required.').review).toBeUndefined();
  });
});

describe('durations and sentences', () => {
  it('reads numbers in words and units', () => {
    expect(readDurations('kept for thirty-five days')[0]?.days).toEqual([35]);
    expect(readDurations('within 72 hours')[0]?.days).toEqual([3]);
    expect(readDurations('for 2 years')[0]?.days).toEqual([730]);
  });

  it('splits sentences but not after abbreviations, decimals or e-mail addresses', () => {
    const text = 'Fantesty Inc. ("we") uses TLS 1.3. Write to a@b.io. We use e.g. AES. Data stays in the U.S. at all times.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Fantesty Inc. ("we") uses TLS 1.3.',
      'Write to a@b.io.',
      'We use e.g. AES.',
      'Data stays in the U.S. at all times.',
    ]);
  });
});
