/**
 * One block per class of error issue 17 saw on real policies. Sentences are
 * written for these tests (not taken from the corpus or any published policy).
 */
import { describe, it, expect } from 'vitest';
import { classify } from '../../src/claims/classify.js';
import { extractClaims } from '../../src/claims/extract.js';

const c = (s: string, ctx?: Parameters<typeof classify>[1]) => classify(s, ctx);
const claimsOf = (text: string, file = 'p.md') => extractClaims(text, file).profile.claims;

describe('class 1: attestation vocabulary', () => {
  it.each([
    ['Each new hire is background-checked before their first day.', /background-check/],
    ['We scan every container image for vulnerabilities and patch critical ones within 5 days.', /Vulnerability scan results/],
    ['Our servers are built from a hardened baseline.', /hardening baseline/],
    ['The disaster recovery plan is exercised twice a year.', /disaster-recovery tests/],
    ['We test restores from backup every quarter.', /restore/],
    ['We sign a Data Processing Agreement with any customer who asks.', /signed DPA/],
    ['Request logs are redacted so that tokens never appear in them.', /Log redaction/],
    ['Support engineers only open a workspace with the owner\'s permission.', /consent/],
    ['User passwords are stored using one-way encryption.', /password hashing/],
  ])('%s → attestation', (s, evidence) => {
    const r = c(s);
    expect(r.controls).toEqual([]);
    expect(r.attestation).toMatch(evidence);
  });
});

describe('class 2: a stored thing being encrypted is encryption at rest', () => {
  it.each(['Backups are encrypted.', 'The disks behind each cluster are encrypted.', 'Database backups are encrypted as well.', 'We encrypt every snapshot.'])('%s → enc-rest', (s) => {
    expect(c(s).controls).toEqual(['enc-rest']);
    expect(c(s).review).toBeUndefined();
  });

  it('a bare "encrypted" about data (not a stored thing) still goes to review', () => {
    expect(c('Your data is encrypted.').review).toMatch(/without saying at rest or in transit/);
  });
});

describe('class 3: access limits without the keywords', () => {
  it.each([
    ['Production cannot be reached from outside our corporate network.', 'bastion-only'],
    ['Engineers get as-needed access to the infrastructure.', 'iam-least-privilege'],
    ['Access to customer databases is limited to the on-call team.', 'iam-least-privilege'],
    ['Operators connect through AWS Systems Manager sessions, not SSH.', 'bastion-only'],
  ])('%s → %s', (s, control) => expect(c(s).controls).toContain(control));
});

describe('class 4: backup frequency is not retention', () => {
  it('"backed up every 24 hours" says how often, not how long', () => {
    const r = c('All databases are backed up every 24 hours.');
    expect(r.controls).toEqual(['backup-retention']);
    expect(r.parameters?.backup).toEqual({ frequencyHours: 24 });
    expect(r.rationale.join(' ')).toMatch(/how often/);
  });

  it('frequency and retention together, each in its own field', () => {
    expect(c('Snapshots are taken nightly and kept for 14 days.').parameters?.backup).toEqual({ frequencyHours: 24, maxDays: 14, mode: 'exact' });
  });

  it('"rotated every 30 days" is a rotation cycle, not a frequency', () => {
    expect(c('Backups are rotated every 30 days.').parameters?.backup).toEqual({ maxDays: 30, mode: 'exact' });
  });

  it('a minimum and a maximum', () => {
    expect(c('Backups are kept for at least 7 days and at most 30 days.').parameters?.backup).toEqual({ minDays: 7, maxDays: 30, mode: 'max' });
  });
});

describe('class 5: residency phrasing', () => {
  it.each([
    ['Your projects live in the EU.', ['EU']],
    ['Customer data never leaves EU territory.', ['EU']],
    ['The region depends on your plan: US, EU or Australia.', ['US', 'EU', 'AU']],
    ['We do not store customer data outside Canada.', ['CA']],
    ['Our servers are located in Japan.', ['JP']],
  ])('%s → %j', (s, regions) => {
    const r = c(s);
    expect(r.controls).toEqual(['data-residency']);
    expect(r.parameters?.allowedRegions).toEqual(regions);
  });

  it('"not stored in the US" names no allowed place: not a claim', () => {
    expect(c('Customer data is not stored in the United States.').controls).toEqual([]);
  });
});

describe('class 6: places', () => {
  it('region ids, zones and provider display names', () => {
    expect(c('Workloads run in us-east-2.').parameters?.allowedRegions).toEqual(['us-east-2']);
    expect(c('Data is stored in us-central1-b.').parameters?.allowedRegions).toEqual(['us-central1']);
    expect(c('We host on AWS in US East (Ohio).').parameters?.allowedRegions).toEqual(['us-east-2']);
  });

  it('US states and cities map to the regions of the provider the sentence names', () => {
    expect(c('Data is hosted on Google Cloud in Iowa.').parameters?.allowedRegions).toEqual(['us-central1']);
    expect(c('Data is hosted on Microsoft Azure in Frankfurt.').parameters?.allowedRegions).toEqual(['germanywestcentral']);
    expect(c('Data is hosted in Frankfurt.').parameters?.allowedRegions).toEqual(['eu-central-1', 'europe-west3', 'fra1', 'germanywestcentral']);
  });

  it('the provider named elsewhere in the document is used, with lower confidence', () => {
    const claims = claimsOf('# Hosting\n\nWe run on DigitalOcean.\n\nAll data is kept in Amsterdam.\n');
    const res = claims.find((x) => x.controls.includes('data-residency') && /Amsterdam/.test(x.text))!;
    expect(res.parameters?.allowedRegions).toEqual(['ams2', 'ams3']);
    expect(res.confidence).toBe('medium');
  });

  it('blocs and countries: APAC, EEA', () => {
    expect(c('Data is stored in the EEA.').parameters?.allowedRegions).toEqual(['EU', 'NO', 'IS', 'LI']);
    expect(c('Data is stored in APAC.').parameters?.allowedRegions).toContain('AU');
  });

  it('an unknown place in a list stays visible instead of narrowing the allowed set', () => {
    const r = c('Data is stored in Frankfurt, Vienna and Gotham.');
    expect(r.parameters?.allowedRegions).toEqual(expect.arrayContaining(['eu-central-1', 'place:Vienna', 'place:Gotham']));
    expect(r.confidence).toBe('medium');
  });

  it("the reader's location is not an allowed place", () => {
    const r = c('If you are located in the EU, your data is transferred to and stored in the United States.');
    expect(r.parameters?.allowedRegions).toEqual(['US']);
    expect(r.rationale.join(' ')).toMatch(/reader's/);
    expect(c('For customers in Canada, data is stored in Ireland.').parameters?.allowedRegions).toEqual(['IE']);
  });

  it('a narrower place inside a broader one wins: "Frankfurt, Germany", "the EU (Dublin)"', () => {
    expect(c('Servers are in Frankfurt, Germany, on AWS.').parameters?.allowedRegions).toEqual(['eu-central-1']);
    expect(c('Data is hosted on AWS in the EU (Dublin).').parameters?.allowedRegions).toEqual(['eu-west-1']);
  });
});

describe('class 7: bounds said with "should" or "may … up to"', () => {
  it('"should be purged within 90 days" → a maximum of 90 days', () => {
    const r = c('Closed tickets should be purged within 90 days.');
    expect(r.parameters?.retention?.[0]).toMatchObject({ maxDays: 90, mode: 'max' });
    expect(r.confidence).toBe('low');
  });

  it('"may be held in backups for up to 30 days" → backup maximum 30 days', () => {
    expect(c('Removed files may be held in backups for up to 30 days.').parameters?.backup).toEqual({ maxDays: 30, mode: 'max' });
  });

  it('a plain "may" without a bound still hedges', () => {
    expect(c('We may use MFA for some accounts.').controls).toEqual([]);
  });
});

describe('class 8: in-transit variants and envelope encryption', () => {
  it.each([
    ['We encrypt all traffic between you and our servers.', undefined],
    ['Every request uses Transport Layer Security (TLS) 1.2 or higher.', '1.2'],
    ['Connections are protected with Transport Layer Security version 1.3.', '1.3'],
  ])('%s → tls-min %s', (s, floor) => {
    const r = c(s);
    expect(r.controls).toEqual(['tls-min']);
    expect(r.parameters?.tlsMin).toBe(floor);
  });

  it('envelope encryption → enc-rest', () => expect(c('Attachments are protected with envelope encryption.').controls).toEqual(['enc-rest']));

  it('the cipher is a parameter enc-rest can check', () => {
    expect(c('Stored files are encrypted with 256-bit AES.').parameters).toEqual({ cipher: 'AES-256' });
    expect(c('Volumes use AES\u00ad256 encryption at rest.').parameters).toEqual({ cipher: 'AES-256' });
  });
});

describe('class 9: structure', () => {
  it('a list item is read with its lead-in', () => {
    const claims = claimsOf('Backups of your data are kept as follows:\n\n- daily copies are available for 30 days\n- weekly copies for 90 days\n');
    const daily = claims.find((x) => x.text === 'daily copies are available for 30 days')!;
    expect(daily.controls).toEqual(['backup-retention']);
    expect(daily.parameters?.backup).toMatchObject({ maxDays: 30, frequencyHours: 24 });
    expect(daily.rationale).toMatch(/lead-in/);
  });

  it('a statement without a final period is not merged with the next line', () => {
    const claims = claimsOf('Data is encrypted at rest with AES-256\nBackups are kept for 14 days\n', 'p.txt');
    expect(claims.map((x) => x.text)).toEqual(['Data is encrypted at rest with AES-256', 'Backups are kept for 14 days']);
    expect(claims[1]!.parameters).toEqual({ backup: { maxDays: 14, mode: 'exact' } });
  });

  it('a sentence starting with a lower-case brand name is a sentence of its own (parameters do not leak)', () => {
    const claims = claimsOf('We require TLS 1.3 on every endpoint. acmecorp keeps backups for 7 days.\n');
    expect(claims.map((x) => x.text)).toEqual(['We require TLS 1.3 on every endpoint.', 'acmecorp keeps backups for 7 days.']);
    expect(claims[1]!.parameters).toEqual({ backup: { maxDays: 7, mode: 'exact' } });
  });

  it('soft hyphens and zero-width characters do not break patterns', () => {
    expect(c('All traffic uses TLS\u200b 1.2 or high\u00ader.').parameters?.tlsMin).toBe('1.2');
  });

  it('an FAQ answer is read with its question; a question alone is no claim', () => {
    const claims = claimsOf('Where is the data hosted?\nOn AWS in eu-west-1.\n', 'faq.txt');
    expect(claims).toHaveLength(1);
    expect(claims[0]!.parameters?.allowedRegions).toEqual(['eu-west-1']);
  });

  it('a table cell is read with its row label, and the label itself is no claim', () => {
    const claims = claimsOf('| Area | Practice |\n|---|---|\n| Hosting | Google Cloud, europe-west1 |\n| Encryption at rest | AES-256 on every disk |\n');
    expect(claims.map((x) => [x.text, x.controls])).toEqual([
      ['Google Cloud, europe-west1', ['data-residency']],
      ['AES-256 on every disk', ['enc-rest']],
    ]);
  });
});

describe('class 10: negation scope', () => {
  it('a "no" in one conjunct does not veto the other', () => {
    expect(c('We keep no card numbers, and all stored data is encrypted at rest.').controls).toEqual(['enc-rest']);
  });

  it('a "not" several words before the trigger is still a negation', () => {
    expect(c('Backups of the staging systems are not, as a rule, encrypted.').controls).toEqual([]);
  });

  it('"cannot … without our VPN" is a restriction, not a negation', () => {
    expect(c('Staff cannot reach production without going through our VPN.').controls).toEqual(['bastion-only']);
  });

  it('bounds with negation words are not negations ("no later than")', () => {
    expect(c('Deleted data is purged no later than 30 days after deletion.').parameters?.retention?.[0]).toMatchObject({ maxDays: 30, after: 'deletion', mode: 'max' });
  });
});

describe('class 11: sentences that promise nothing of the company', () => {
  it.each([
    'Deploy the agent in a private network or use a firewall.',
    'Customers should enable MFA for their users.',
    'If you self-host the server, you are responsible for TLS termination.',
    'We recommend that you rotate your API keys every 90 days.',
    'The customer is responsible for keeping backups of exported data.',
  ])('an instruction to the reader: %s', (s) => {
    const r = c(s);
    expect(r.controls).toEqual([]);
    expect(r.attestation).toBeUndefined();
  });

  it.each(['ISO 27001 certification is planned for Q4.', 'We are working towards a SOC 2 Type II report.', 'We are not SOC 2 certified yet.'])('a plan is no held certification: %s', (s) => {
    expect(c(s).attestation).toBeUndefined();
  });

  it('a keyword in a product feature or a list of data is no claim', () => {
    expect(c('The Enterprise plan includes SSO and audit logs.').controls).toEqual([]);
    expect(c('We store your name, e-mail address, audit logs and invoices, including billing history.').controls).not.toContain('audit-logging');
  });

  it('a TLS test score is no TLS promise', () => expect(c('Our SSL servers scored an A+ on a public scan.').controls).toEqual([]));

  it('MFA on the company GitHub organisation and connector encryption are attestation, not cloud controls', () => {
    const gh = c('Two-factor authentication is enforced on our GitHub organisation.');
    expect(gh.controls).toEqual([]);
    expect(gh.attestation).toMatch(/MFA enforcement setting/);
    const out = c('Connections from the connector to your data warehouse are encrypted with TLS.');
    expect(out.controls).toEqual([]);
    expect(out.attestation).toMatch(/outbound/);
  });

  it('an instruction in one clause does not veto the promise in the next', () => {
    const r = c('You may ask for deletion at any time; we will respond within 30 days.');
    expect(r.attestation).toMatch(/request log/);
  });
});
