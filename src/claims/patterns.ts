/**
 * The pattern table: what words in a policy sentence map to which controls
 * (or attestation items), as data. Each entry is explainable on its own: the
 * words its trigger matched go into the claim's rationale.
 *
 * Conventions the classifier applies to every entry (see classify.ts):
 * - negation right before the trigger, or inside its match, vetoes a control
 *   pattern ("not encrypted"), unless the entry says `negatable: false`
 *   (its meaning already includes the negation: "never in a backup");
 * - a hedge in the same clause ("where possible", "available", "optional",
 *   "at the customer's choice") vetoes it; a modal ("may", "can") too, unless
 *   `modalOk` ("data may be processed in the US and the EU" lists where data may be);
 * - a vetoed match is never dropped: the sentence goes to `review` with the reason.
 */
import type { ControlId } from '../engine/controls.js';
import type { ParametersInput } from '../engine/claims.js';
import { readDataSet, readDurations, readPlaces, readTls } from './parse-values.js';

export interface ParamReading {
  parameters?: ParametersInput;
  notes?: string[];
  /** The match does not make a claim after all; why (goes to review). */
  veto?: string;
  /** The trigger matched but what it needs is absent (no period, no place): as if it had not matched. */
  none?: string;
}

export interface PatternContext {
  /** The sentence, normalized (same length and offsets as the quote). */
  sentence: string;
  /** The clause the match is in. */
  clause: string;
  clauseStart: number;
  match: RegExpExecArray;
}

export interface Pattern {
  id: string;
  label: string;
  trigger: RegExp;
  /** A sentence this pattern must map (checked by test/claims/pattern-table.test.ts). */
  example: string;
  /** Lower-case words one of which must occur for the trigger to be tried (a fast pre-check). */
  gate?: string[];
  /** Must also occur somewhere in the sentence. */
  requires?: RegExp;
  /** Vetoes the match when present in the sentence. */
  unless?: { re: RegExp; reason: string };
  controls?: ControlId[];
  /** For promises no API can show: what a person must present. */
  attestation?: string;
  negatable?: boolean;
  modalOk?: boolean;
  /** Ids of patterns that this one makes redundant when both match. */
  supersedes?: string[];
  /** Says what "encrypted" means in the sentence (so it needs no review for a bare "encrypted"). */
  explainsEncryption?: boolean;
  params?: (ctx: PatternContext) => ParamReading;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'data';

export const PATTERNS: readonly Pattern[] = [
  // ── Encryption in transit ────────────────────────────────────────────────
  {
    id: 'tls-version',
    example: 'All endpoints require TLS 1.2 or higher.',
    gate: ['tls', 'ssl'],
    label: 'TLS version',
    trigger: /\b(?:TLS|SSL)\s*v?\s*\d(?:\.\d)?|\b(?:TLS|SSL)\s+(?:versions?|protocols?)\s+(?:below|older than|lower than|prior to|earlier than|before|under|less than)\s+(?:TLS\s*)?v?\d/i,
    controls: ['tls-min'],
    negatable: false,
    explainsEncryption: true,
    supersedes: ['tls-generic', 'db-connections'],
    params: ({ sentence }) => {
      const t = readTls(sentence);
      if (!t.tlsMin && !t.words.length) return { veto: `names ${/SSL/i.test(sentence) ? 'an SSL' : 'a TLS'} version vouch cannot use as a floor`, notes: t.notes };
      return { ...(t.tlsMin ? { parameters: { tlsMin: t.tlsMin } } : {}), notes: [...(t.tlsMin ? [`floor ${t.tlsMin} from '${t.words.join("', '")}'`] : []), ...t.notes] };
    },
  },
  {
    id: 'tls-generic',
    example: 'Data is encrypted in transit.',
    gate: ['tls', 'ssl', 'https', 'encrypt'],
    label: 'encryption in transit',
    trigger:
      /\b(?:TLS|SSL)\b|\bHTTPS\b(?!:\/\/)|\bencrypt\w*\s+(?:\w+\s+)?(?:in transit|in flight|in motion|during (?:transit|transmission|transfer)|over (?:the )?(?:network|wire|internet|public networks?))|\b(?:in transit|in-transit|in flight|traveling|travelling|transmitted|transmission|transfers? between)\b[^.;]{0,100}\bencrypt\w*|\bconnections?\b[^.;]{0,160}\bencrypt\w*/i,
    controls: ['tls-min'],
    explainsEncryption: true,
    params: () => ({ notes: ['no TLS version named: the profile default floor (1.2) applies'] }),
  },
  {
    id: 'db-connections',
    example: 'Database connections are encrypted.',
    gate: ['connection'],
    label: 'encrypted database connections',
    trigger: /\b(?:database|DB)\s+connections?\b[^.;]{0,100}\b(?:encrypt\w*|TLS|SSL)|\bconnections?\s+(?:to|with)\s+(?:our|the)\s+databases?\b[^.;]{0,100}\b(?:encrypt\w*|TLS|SSL)/i,
    controls: ['tls-min'],
    explainsEncryption: true,
    supersedes: ['tls-generic'],
  },
  {
    id: 'outbound-connections',
    example: 'Connections to third-party services are encrypted with TLS.',
    gate: ['connect'],
    label: 'encryption of outbound connections',
    trigger:
      /\bconnect(?:ions?|ing)?\s+(?:from\s+(?:us|\p{Lu}[\w-]*)\s+)?to\s+(?:(?:a|the|our|their)\s+)?(?:customers?['’]?s?|your|third[- ]part\w*|external|partners?['’]?s?|data\s+(?:sources?|destinations?)|other\s+services)/iu,
    requires: /\bencrypt\w*|\bTLS\b|\bSSL\b|\bHTTPS\b/i,
    attestation: 'Client TLS settings of the outbound connections (TLS required, certificates verified); cloud configuration shows only inbound endpoints.',
    negatable: true,
    explainsEncryption: true,
    supersedes: ['tls-generic', 'db-connections'],
  },
  {
    id: 'https-redirect',
    example: 'HTTP requests are redirected to HTTPS.',
    gate: ['redirect', 'hsts', 'strict', 'https', 'http'],
    label: 'HTTP redirected to HTTPS',
    trigger: /\bredirect\w*\b|\bHSTS\b|\bStrict[- ]Transport[- ]Security\b|\bHTTPS[- ]only\b|\bonly (?:over|via|through) HTTPS\b|\bHTTP\b(?!S)[^.;]{0,60}\b(?:disabled|refused|rejected|not (?:accepted|supported|allowed|served))/i,
    requires: /\bHTTPS\b|\bHSTS\b|Strict[- ]Transport/i,
    controls: ['https-redirect'],
    negatable: false,
    explainsEncryption: true,
    supersedes: ['tls-generic'],
  },
  // ── Encryption at rest ───────────────────────────────────────────────────
  {
    id: 'aes-256',
    example: 'Files are protected with AES-256.',
    gate: ['aes', '256'],
    label: 'AES-256',
    trigger: /\bAES[- ]?256\b|\b256[- ]bit AES\b/i,
    controls: ['enc-rest'],
    explainsEncryption: true,
  },
  {
    id: 'encrypted-at-rest',
    example: 'Customer data is encrypted at rest.',
    gate: ['encrypt'],
    label: 'encrypted at rest',
    trigger:
      /\bencrypt\w*\s+(?:\w+\s+){0,2}at[- ]rest\b|\bat[- ]rest\s+encrypt\w*|\bencrypt\w*\s+(?:when|while|once)\s+stored\b|\bstored\s+(?:\w+\s+)?encrypted\b|\b(?:on|in)\s+our\s+(?:systems|servers|storage|databases?|disks?|infrastructure)\b[^.;]{0,100}\bencrypt\w*|\bencrypt\w*[^.;]{0,100}\b(?:on|in)\s+our\s+(?:systems|servers|storage|databases?|disks?)\b|\bencrypted\s+(?:disks?|volumes?|storage|databases?|file systems?)\b/i,
    controls: ['enc-rest'],
    explainsEncryption: true,
  },
  {
    id: 'customer-managed-keys',
    example: 'Storage is encrypted at rest with customer-managed keys.',
    gate: ['key', 'cmk'],
    label: 'customer-managed keys',
    trigger: /\bcustomer[- ]managed (?:encryption )?keys?\b|\bCMKs?\b|\b(?:KMS |encryption )?keys? (?:that )?we (?:manage|control|own)\b/i,
    controls: ['enc-rest'],
    explainsEncryption: true,
    params: () => ({ parameters: { requireCustomerManagedKeys: true } }),
  },
  // ── Secrets ──────────────────────────────────────────────────────────────
  {
    id: 'secrets-encrypted',
    example: 'Access tokens are stored encrypted.',
    gate: ['token', 'credential', 'secret', 'password', 'key'],
    label: 'tokens / credentials encrypted',
    trigger:
      /\b(?:tokens?|credentials?|secrets?|passwords?|api[- ]keys?|access keys?|private keys?)\b[^.;]{0,80}?\bencrypt\w*|\bencrypt\w*[^.;]{0,40}?\b(?:tokens?|credentials?|secrets?|api[- ]keys?)\b|\b(?:tokens?|credentials?|secrets?)\b[^.;]{0,60}\b(?:secrets? manager|vault|key management service)\b/i,
    controls: ['secrets-encrypted'],
    explainsEncryption: true,
    supersedes: ['encrypted-at-rest'],
  },
  {
    id: 'never-logged',
    example: 'Passwords are never logged.',
    gate: ['log'],
    label: '"never logged"',
    trigger: /\b(?:never|not|no)\b[^.;]{0,40}\b(?:logged|written to (?:the |any )?logs?|stored in (?:the |any )?logs?|appears? in (?:the |any )?logs?)/i,
    attestation: 'Log redaction settings and a sample of application logs showing these values never appear in them; no cloud API shows what an application logs.',
  },
  {
    id: 'password-hashing',
    example: 'Passwords are hashed with bcrypt.',
    gate: ['password'],
    label: 'password hashing',
    trigger: /\bpasswords?\b[^.;]{0,40}\b(?:hashed|salted|bcrypt|scrypt|argon2|PBKDF2)\b/i,
    attestation: 'The password hashing scheme in use (algorithm and parameters), from the application configuration.',
  },
  // ── Access ───────────────────────────────────────────────────────────────
  {
    id: 'least-privilege',
    example: 'Staff access follows least privilege.',
    gate: ['least', 'minim', 'smallest', 'need', 'read', 'only'],
    label: 'least privilege / read-only',
    trigger:
      /\bleast[- ]privilege\w*\b|\b(?:least|minimum|minimal|smallest) (?:amount of |set of |level of |necessary |required )?(?:permissions?|privileges?|access(?: rights)?)\b|\bneed[- ]to[- ]know\b|\bread[- ]only (?:access|permissions?|roles?|scopes?|rights)\b|\bonly (?:the )?(?:permissions?|access) (?:we|they|it) (?:need|require)s?\b/i,
    unless: { re: /\b(?:more than|beyond|other than|exceed\w*|in excess of)\s+(?:the\s+)?(?:read[- ]only|least|minimum|minimal)/i, reason: "says what happens with more than the least privilege ('more than read-only'), which promises no least-privilege setting" },
    controls: ['iam-least-privilege'],
  },
  {
    id: 'role-based-access',
    example: 'We use role-based access control.',
    gate: ['role', 'rbac'],
    label: 'role-based access',
    trigger: /\brole[- ]based access(?: control)?\b|\bRBAC\b|\baccess (?:is )?(?:granted|controlled|managed) (?:through|via|by) roles\b/i,
    controls: ['iam-least-privilege'],
    params: () => ({ notes: ['role-based: permissions through roles and groups, none attached to users directly'] }),
  },
  {
    id: 'mfa',
    example: 'MFA is required for all administrators.',
    gate: ['mfa', '2fa', 'tfa', '2sv', 'factor', 'step', 'fido', 'u2f', 'webauthn', 'hardware'],
    label: 'MFA / two-factor',
    trigger: /\b(?:MFA|2FA|TFA|2SV|multi[- ]?factor|two[- ]factor|2[- ]factor|two[- ]step|2[- ]step|second factor|hardware security keys?|FIDO2?|U2F|WebAuthn)\b/i,
    controls: ['mfa'],
  },
  // ── Network paths ────────────────────────────────────────────────────────
  {
    id: 'bastion',
    example: 'Servers are reached only through bastion hosts.',
    gate: ['bastion', 'jump'],
    label: 'bastion hosts',
    trigger: /\bbastion(?:\s+hosts?|\s+servers?|s)?\b|\bjump\s*(?:hosts?|box(?:es)?|servers?)\b/i,
    controls: ['bastion-only'],
    params: () => ({ notes: ['identify the bastion in parameters.bastion (security group, tag or name) if the defaults do not match it'] }),
  },
  {
    id: 'firewall',
    example: 'Every network sits behind firewalls.',
    gate: ['firewall', 'security group', 'network'],
    label: 'firewalls',
    trigger: /\bfirewalls?\b|\bsecurity groups?\b|\bnetwork (?:segmentation|isolation)\b/i,
    controls: ['bastion-only'],
  },
  {
    id: 'vpn',
    example: 'Administrators connect over a VPN.',
    gate: ['vpn', 'virtual private', 'zero'],
    label: 'VPN',
    trigger: /\bVPNs?\b|\bvirtual private networks?\b|\bzero[- ]trust (?:network )?access\b/i,
    controls: ['bastion-only'],
    params: () => ({ notes: ["add the VPN's egress ranges to parameters.adminCidrs"] }),
  },
  {
    id: 'not-public',
    example: 'Databases are not publicly accessible.',
    gate: ['public', 'exposed', 'private'],
    label: 'not publicly reachable',
    trigger:
      /\bnot (?:publicly )?(?:accessible|reachable|exposed|available) (?:from|to|on|over) the (?:public )?internet\b|\bnever (?:publicly )?exposed\b|\bno public access\b|\bprivate (?:subnets?|networks?)\b|\bnot publicly (?:accessible|reachable|available|exposed)\b/i,
    controls: ['public-access'],
    negatable: false,
  },
  // ── Backups and caches ───────────────────────────────────────────────────
  {
    id: 'backup-rotation',
    example: 'Backups are rotated on a 35-day cycle.',
    gate: ['backup', 'backed', 'snapshot'],
    label: 'backup retention',
    trigger: /\bbackups?\b|\bbacked[- ]up\b|\bsnapshots?\b/i,
    controls: ['backup-retention'],
    negatable: false,
    supersedes: ['no-backup', 'data-retention'],
    params: ({ clause, sentence }) => {
      const d = readDurations(clause)[0];
      if (!d) return { none: 'mentions backups but no retention period' };
      const before = clause.slice(Math.max(0, d.index - 40), d.index);
      const days = Math.max(...d.days);
      const notes = [...d.notes];
      if (d.days.length > 1) notes.push(`'${d.text}' names several periods; the longest (${days}) is the bound`);
      if (/\b(?:at least|minimum(?: of)?|no (?:less|fewer) than|not less than)\s*$/i.test(before))
        return { parameters: { backup: { minDays: days } }, notes: [...notes, `'${d.text}' is a minimum`] };
      if (/\b(?:up to|at most|no (?:more|longer) than|not (?:\w+\s+){0,2}(?:more|longer) than|maximum(?: of)?|max\.?|within|less than)\s*$/i.test(before))
        return { parameters: { backup: { maxDays: days, mode: 'max' } }, notes: [...notes, `'${d.text}' is a maximum`] };
      const cycle = /\bcycle\b|\brotat\w*/i.test(sentence);
      return { parameters: { backup: { maxDays: days, mode: 'exact' } }, notes: [...notes, cycle ? `rotation cycle: backups kept ${days} days, then deleted` : `backups kept for ${days} days`] };
    },
  },
  {
    id: 'no-backup',
    example: 'Cached data is never backed up.',
    gate: ['backup', 'backed'],
    label: '"never in a backup"',
    trigger: /\b(?:never|not|no|none|at no time|without|excluded from|exclude[sd]? from)\b[^.;]{0,60}?\b(?:backed[- ]up|backups?)\b/i,
    controls: ['cache-no-backup'],
    negatable: false,
  },
  {
    id: 'short-lived-cache',
    example: 'Data lives in short-lived caches.',
    gate: ['cache'],
    label: 'short-lived caches',
    trigger: /\b(?:short[- ]lived|ephemeral|transient|temporary|in[- ]memory)\s+(?:\w+\s+){0,2}caches?\b|\bcaches?\b[^.;]{0,60}\b(?:expire[sd]?|are (?:evicted|purged|invalidated|deleted|flushed) (?:after|within|every))\b/i,
    controls: ['cache-no-backup'],
    explainsEncryption: true,
  },
  // ── Retention and residency ──────────────────────────────────────────────
  {
    id: 'data-retention',
    example: 'Access logs are retained for 90 days.',
    gate: ['retain', 'kept', 'keep', 'stor', 'hold', 'held', 'delet', 'purg', 'eras', 'expir', 'remov', 'destroy'],
    label: 'retention period',
    trigger: /\b(?:retain(?:s|ed)?|kept|keep(?:s)?|stored?|hold|held|delete[sd]?|purge[sd]?|erase[sd]?|expire[sd]?|removed?|destroy(?:ed|s)?)\b/i,
    controls: ['data-retention'],
    negatable: false,
    params: ({ sentence, clause, clauseStart, match }) => {
      const verbAt = match.index - clauseStart;
      const durations = readDurations(clause).filter((d) => d.index > verbAt && d.index - verbAt < 160);
      const d = durations[0];
      if (!d) return { none: 'retention wording without a period' };
      const before = clause.slice(0, verbAt);
      const negated = /\b(?:not|never|no)\s+(?:\w+\s+)?$/i.test(before);
      const between = clause.slice(verbAt, d.index);
      if (negated && !/\b(?:more|longer) than\b/i.test(between)) return { veto: 'negated retention wording' };
      const maxDays = Math.max(...d.days);
      const notes = [...d.notes];
      if (d.days.length > 1) notes.push(`'${d.text}': several periods (plan tiers?); the longest, ${maxDays}, bounds every store of this data`);
      if (/\b(?:unlimited|indefinitely|forever|no limit)\b/i.test(sentence)) notes.push("the sentence also allows 'unlimited' retention for some case: exclude those stores with match");
      if (/\b(?:life|lifetime|duration) of (?:the |your )?account\b/i.test(sentence)) notes.push('data may live as long as its account; the bound counts from deletion');
      const afterDeletion = /\b(?:after|following|of|from)\s+(?:account\s+|the\s+|your\s+)?(?:deletion|closure|termination|cancellation|deactivation)\b/i.test(clause.slice(d.index, d.index + d.text.length + 50));
      const dataSet = readDataSet(sentence, match.index, match[0]) ?? 'data';
      if (dataSet === 'data') notes.push('no data set named: set dataSet and match by hand');
      return {
        parameters: {
          retention: [{ dataSet, maxDays, ...(afterDeletion ? { after: 'deletion' as const } : {}), match: { tags: { DataSet: slug(dataSet) } } }],
        },
        notes: [...notes, `match: stores tagged DataSet=${slug(dataSet)}; adjust to how this data set's stores are named or tagged`],
      };
    },
  },
  {
    id: 'data-residency',
    example: 'Customer data is stored in the European Union.',
    gate: ['process', 'stor', 'host', 'kept', 'locat', 'resid', 'held', 'hous', 'maintain', 'saved', 'data cent'],
    label: 'where data is kept',
    trigger: /\b(?:processed|stored|hosted|kept|located|resides?|residing|held|housed|maintained|saved)\s+(?:\w+\s+){0,2}?(?:in|within|inside)\s+|\bdata (?:residency|location|centers?|centres?)\b[^.;]{0,40}\b(?:in|within)\s+/i,
    controls: ['data-residency'],
    modalOk: true,
    params: ({ clause, clauseStart, match }) => {
      const rest = clause.slice(match.index - clauseStart + match[0].length);
      const places = readPlaces(rest);
      if (!places.length) return { none: `says where data is ('${match[0].trim()}…') but names no place vouch knows` };
      const allowed = [...new Set(places.flatMap((p) => p.allowed))];
      return {
        parameters: { allowedRegions: allowed },
        notes: [`${places.map((p) => `'${p.words}'`).join(' + ')} → ${allowed.join(', ')}`, ...places.flatMap((p) => (p.note ? [p.note] : []))],
      };
    },
  },
  // ── Audit logging ────────────────────────────────────────────────────────
  {
    id: 'audit-logging',
    example: 'We keep audit logs of every administrative action.',
    gate: ['audit', 'monitor', 'logging', 'cloudtrail', 'activity log'],
    label: 'audit logging / monitoring',
    trigger: /\baudit (?:logs?|logging|trails?)\b|\b(?:logging and monitoring|monitoring and logging)\b|\bmonitor(?:ing|ed|s)?\b[^.;]{0,60}?\b(?:access|activity|IAM|identit\w+|logs?|privileges?|accounts?)\b|\bCloudTrail\b|\bactivity logs?\b/i,
    controls: ['audit-logging'],
  },
  // ── Promises no cloud API shows: attestation ─────────────────────────────
  {
    id: 'audit-reports',
    example: 'Our controls are audited annually for SOC 2.',
    gate: ['soc', 'iso', 'pci', 'hipaa', 'fedramp', 'hitrust', 'audit'],
    label: 'SOC 2 / ISO 27001 / PCI audits',
    trigger: /\bSOC\s*(?:1|2|3|I{1,3})\b|\bISO\s*\/?\s*(?:IEC\s*)?27\d{3}|\bPCI[- ]?DSS\b|\bHIPAA\b|\bFedRAMP\b|\bHITRUST\b|\b(?:third[- ]party|independent|external) (?:security )?audit/i,
    attestation: 'The current audit reports or certificates named (auditor, period covered).',
  },
  {
    id: 'pen-tests',
    example: 'Independent firms run penetration tests every quarter.',
    gate: ['pen', 'red'],
    label: 'penetration tests',
    trigger: /\bpen(?:etration)?[- ]?tests?(?:ing)?\b|\bpentests?\b|\bred[- ]team/i,
    attestation: 'The latest penetration test reports, with dates and remediation status.',
  },
  {
    id: 'bug-bounty',
    example: 'We run a public bug bounty program.',
    gate: ['bounty', 'disclosure'],
    label: 'bug bounty',
    trigger: /\bbug bounty\b|\bvulnerability disclosure (?:program|policy)\b|\bresponsible disclosure\b/i,
    attestation: 'The bug bounty or disclosure program page and a summary of recent reports handled.',
  },
  {
    id: 'staff-training',
    example: 'All employees receive security awareness training.',
    gate: ['train'],
    label: 'staff training',
    trigger: /\b(?:employees?|staff|personnel|workforce|team members|contractors)\b[^.;]{0,80}\btrain(?:ed|ing)\b|\b(?:security|privacy) (?:awareness )?training\b/i,
    attestation: 'Training records: completion per person and dates (onboarding and recurring).',
  },
  {
    id: 'staff-policies',
    example: 'All employees sign confidentiality agreements.',
    gate: ['employ', 'staff', 'personnel', 'contractor'],
    label: 'staff policies',
    trigger: /\b(?:employees?|staff|personnel|contractors)\b[^.;]{0,60}\b(?:comply|complies|sign(?:s|ed)?|agree|bound by|background[- ]checks?|confidentiality|NDAs?)\b/i,
    attestation: 'Signed policy acknowledgements, confidentiality agreements or background-check records for all staff.',
  },
  {
    id: 'breach-notification',
    example: 'We notify customers of a breach within 72 hours.',
    gate: ['notif'],
    label: 'breach notification',
    trigger: /\bnotif(?:y|ied|ies|ication)\b[^.;]{0,100}\b(?:incidents?|breach\w*)\b|\b(?:incidents?|breach\w*)\b[^.;]{0,100}\bnotif(?:y|ied|ies|ication)\b/i,
    attestation: 'The incident response plan and notification records of past incidents, showing the promised timeline.',
  },
  {
    id: 'request-sla',
    example: 'We respond to privacy requests within 30 days.',
    gate: ['within'],
    label: 'request handling time',
    trigger: /\b(?:respond|reply|comply|complete|fulfil\w*|process|handle|action|delete)\w*\s+(?:\w+\s+){0,4}?within\s+(?:\d+|a|one|\w+)\s+(?:business\s+|working\s+|calendar\s+)?(?:hours?|days?|weeks?|months?)\b/i,
    attestation: 'The request log showing each request handled within the promised time.',
  },
  {
    id: 'periodic-review',
    example: 'Access rights are reviewed quarterly.',
    gate: ['review'],
    label: 'periodic reviews',
    trigger: /\breview(?:ed|s|ing)?\b[^.;]{0,80}\b(?:regular(?:ly)?|periodic(?:ally)?|annual(?:ly)?|quarterly|monthly|yearly|every \w+)\b|\b(?:regular(?:ly)?|periodic(?:ally)?|annual(?:ly)?|quarterly|monthly)\b[^.;]{0,80}\breview\w*/i,
    attestation: 'Records of the reviews (dates, reviewer, outcome).',
  },
  {
    id: 'change-management',
    example: 'Every change passes peer review.',
    gate: ['change', 'review', 'life', 'sdlc', 'development'],
    label: 'change management',
    trigger: /\bchange[- ]management\b|\b(?:peer|code) reviews?\b|\bsoftware development life ?cycle\b|\bSDLC\b|\bsecure (?:software )?development\b/i,
    attestation: 'Change records showing review and approval before release (e.g. approved pull requests).',
  },
  {
    id: 'hardened-images',
    example: 'Servers run hardened images.',
    gate: ['harden', 'cis'],
    label: 'hardened images',
    trigger: /\bhardened\b[^.;]{0,40}\b(?:images?|servers?|hosts?|systems?|OS|operating systems?|configurations?)\b|\bCIS (?:benchmarks?|hardened)\b/i,
    attestation: 'The image hardening baseline and a recent scan of the images against it.',
  },
];

/** Words that make a sentence read like a promise even when no pattern maps it. */
export const PROMISE_CUES =
  /\b(?:will|shall|must|never|always|ensures?|ensured|guarantee[sd]?|committed|commit to|mandatory|at no time|do not|does not|don['’]t|doesn['’]t|regularly|best practices?|industry[- ]standard|at least \d+|within \d+|no later than)\b/i;
/** Cues that a modal right before them turns into a non-promise ("may be required"). */
export const WEAK_CUES = /\b(?:require[sd]?|only)\b/gi;
export const MODAL_BEFORE = /\b(?:may|might|can|could)\s+(?:\w+\s+)?$/i;
/** Security topics: a sentence naming one is reviewed even without a promise word. */
export const TOPICS =
  /\bencrypt\w*|\b(?:TLS|SSL|HTTPS)\b|\bbackups?\b|\bbacked up\b|\bretain\w*|\bretention\b|\bresidency\b|\b(?:MFA|2FA)\b|\bmulti[- ]?factor\b|\btwo[- ](?:factor|step)\b|\bbastion|\bfirewall|\bVPNs?\b|\bleast[- ]privilege\b|\bread[- ]only\b|\bSOC ?[123]\b|\bISO ?27001\b|\bpen(?:etration)? tests?\b|\bbreach\w*|\bbug bounty\b|\baudit\w*/i;

/** Hedges that make a match not a promise. */
export const OFFER_HEDGES =
  /\b(?:optional(?:ly)?|available|upon request|on request|where (?:possible|feasible|practical|appropriate)|if (?:possible|feasible)|when possible|aims? to|strives?|tries to|try to|endeavou?rs?|at (?:the )?(?:customer|client|user)['’]?s? (?:choice|option|discretion|request)|at your (?:choice|option|discretion|request)|if you (?:choose|opt|enable|wish|want)|can be (?:enabled|configured|turned on)|recommend\w*|encourage\w*|should)\b/i;
export const MODAL_HEDGES = /\b(?:may|might|could|can)\b(?!\s+(?:only|never|not)\b)/i;
