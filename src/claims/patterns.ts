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
import type { ControlId } from '../evaluate/controls.js';
import type { ParametersInput } from '../evaluate/claims-profile.js';
import { qualifierOf, readDataSet, readDurations, readTls } from './parse-values.js';
import { readBackup, readResidency, type ParamReading } from './readings.js';

export type { ParamReading } from './readings.js';
import type { CloudProvider } from './providers.js';


export interface PatternContext {
  /** The sentence, normalized (same length and offsets as the quote). */
  sentence: string;
  /** The clause the match is in. */
  clause: string;
  clauseStart: number;
  match: RegExpExecArray;
  /** Providers the sentence names, or (when it names none) the paragraph or document; all when none is named. */
  providers: readonly CloudProvider[];
  /** Where the providers came from: 'sentence', 'context' or 'none'. */
  providerSource: 'sentence' | 'context' | 'none';
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
    trigger: /\b(?:TLS|SSL)\)?\s*(?:v|version)?\s*\d(?:\.\d)?|\b(?:TLS|SSL)\s+(?:versions?|protocols?)\s+(?:below|older than|lower than|prior to|earlier than|before|under|less than)\s+(?:TLS\s*)?v?\d/i,
    controls: ['tls-min'],
    negatable: false,
    explainsEncryption: true,
    supersedes: ['tls-generic', 'db-connections', 'transit-traffic'],
    unless: { re: /\b(?:scored?|rating|rated|grades?|graded|SSL Labs|Qualys)\b|\bA\+/i, reason: 'reports a test score, which promises no setting' },
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
      /\b(?:TLS|SSL)\b|\bHTTPS\b(?!:\/\/)|\bat rest and in transit\b|\bencrypt\w*\s+(?:\w+\s+)?(?:in transit|in flight|in motion|during (?:transit|transmission|transfer)|over (?:the )?(?:network|wire|internet|public networks?))|\b(?:in transit|in-transit|in flight|traveling|travelling|transmitted|transmission|transfers? between)\b[^.;]{0,100}\bencrypt\w*|\bconnections?\b[^.;]{0,160}\bencrypt\w*/i,
    controls: ['tls-min'],
    explainsEncryption: true,
    unless: { re: /\b(?:scored?|rating|rated|grades?|graded|SSL Labs|Qualys)\b|\bA\+|\bTLS termination\b/i, reason: 'reports a test score or names TLS termination, which promises no setting' },
    params: () => ({ notes: ['no TLS version named: the profile default floor (1.2) applies'] }),
  },
  {
    id: 'transit-traffic',
    example: 'We encrypt all traffic between you and our servers.',
    gate: ['encrypt'],
    label: 'encrypted traffic',
    trigger:
      /\bencrypt\w*\s+(?:all\s+|every\s+|any\s+|each\s+)?(?:(?:of\s+)?(?:the\s+|our\s+)?\w+\s+){0,2}(?:traffic|connections?|communications?|requests?|transfers?)\b|\b(?:traffic|communications?|data (?:sent|transmitted|exchanged))\b[^.;]{0,80}\bencrypt\w*|\bconnections?\b[^.;]{0,40}\b(?:are|is)\s+(?:\w+\s+)?encrypted\b/i,
    controls: ['tls-min'],
    explainsEncryption: true,
    supersedes: ['tls-generic'],
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
    supersedes: ['tls-generic', 'stored-things-encrypted', 'transit-traffic'],
  },
  {
    id: 'outbound-connections',
    example: 'Connections to third-party services are encrypted with TLS.',
    gate: ['connect'],
    label: 'encryption of outbound connections',
    trigger:
      /\bconnect(?:ions?|ing)?\s+(?:from\s+(?:us|\p{Lu}[\w-]*|(?:the|our)\s+\w+)\s+)?to\s+(?:(?:a|the|our|their|your)\s+)?(?:\w+\s+)?(?:customers?['’]?s?|your|third[- ]part\w*|external|partners?['’]?s?|data\s+(?:sources?|destinations?|warehouses?)|other\s+services|vendors?|banks?|banking|payment|providers?)/iu,
    requires: /\bencrypt\w*|\bTLS\b|\bSSL\b|\bHTTPS\b/i,
    attestation: 'Client TLS settings of the outbound connections (TLS required, certificates verified); cloud configuration shows only inbound endpoints.',
    negatable: true,
    explainsEncryption: true,
    supersedes: ['tls-generic', 'db-connections', 'transit-traffic', 'tls-version', 'stored-things-encrypted'],
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
      /\bencrypt\w*\s+(?:\w+\s+){0,2}at[- ]rest\b|\bencrypt\w*\b(?:[^.;]|\.\d){0,100}\b(?:and|or|&)\s+at[- ]rest\b|\bin transit and at rest\b|\bat[- ]rest\s+encrypt\w*|\bencrypt\w*\s+(?:when|while|once)\s+stored\b|\bstored\s+(?:\w+\s+)?encrypted\b|\b(?:on|in)\s+our\s+(?:systems|servers|storage|databases?|disks?|infrastructure)\b[^.;]{0,100}\bencrypt\w*|\bencrypt\w*[^.;]{0,100}\b(?:on|in)\s+our\s+(?:systems|servers|storage|databases?|disks?)\b|\bencrypted\s+(?:disks?|volumes?|storage|databases?|file systems?)\b/i,
    controls: ['enc-rest'],
    explainsEncryption: true,
  },
  {
    id: 'stored-things-encrypted',
    example: 'Backups are encrypted.',
    gate: ['encrypt'],
    label: 'stored data encrypted',
    trigger:
      /\b(?:backups?|snapshots?|disks?|volumes?|databases?|storage|data ?stores?|stored data|files|buckets|drives|attachments|object stor\w+|file systems?|replicas)\b[^.;]{0,60}?\b(?:is|are|get|gets|remain|being|were)\s+(?:\w+\s+){0,2}encrypted\b|\bencrypted\s+(?:\w+\s+)?(?:backups?|snapshots?|object storage|storage|disks?|volumes?|databases?|file systems?|copies)\b|\bencrypt\w*\s+(?:all\s+|every\s+|our\s+|the\s+|your\s+)?(?:\w+\s+){0,3}?(?:backups?|snapshots?|disks?|volumes?|databases?|storage)\b|\bencrypt\w*\s+(?:\w+\s+){0,4}(?:before (?:writing|storing|saving)|on (?:our )?(?:servers|disks?))|\bencrypt\w*\s+(?:\w+\s+){0,2}(?:stored|at the storage layer)\b|\bstored data\b[^.;]{0,40}\bencrypt\w*|\benvelope encryption\b/i,
    controls: ['enc-rest'],
    explainsEncryption: true,
    supersedes: ['encrypted-at-rest'],
  },
  {
    id: 'key-management',
    example: 'Encryption keys are managed by AWS KMS.',
    gate: ['key'],
    label: 'encryption keys in a key management service',
    trigger: /\b(?:encryption\s+)?keys?\b[^.;]{0,60}\b(?:KMS|key management service|key vault|HSMs?|hardware security modules?|key rings?)\b/i,
    controls: ['enc-rest'],
    explainsEncryption: true,
  },
  {
    id: 'endpoint-encryption',
    example: 'Company laptops use full-disk encryption.',
    gate: ['laptop', 'workstation', 'device', 'computer', 'endpoint', 'mobile'],
    label: 'encrypted staff devices',
    trigger: /\b(?:laptops?|workstations?|devices|computers|endpoints|mobile phones)\b[^.;]{0,60}\b(?:full[- ]disk encryption|encrypt\w*|FileVault|BitLocker)|\b(?:full[- ]disk encryption|FileVault|BitLocker)\b/i,
    attestation: 'Device management records showing disk encryption on every staff device; no cloud API shows laptops.',
    explainsEncryption: true,
    supersedes: ['stored-things-encrypted', 'encrypted-at-rest', 'aes-256'],
  },
  {
    id: 'customer-managed-keys',
    example: 'Storage is encrypted at rest with customer-managed keys.',
    gate: ['key', 'cmk'],
    label: 'customer-managed keys',
    trigger: /\bcustomer[- ]managed (?:encryption )?keys?\b|\bCMKs?\b|\b(?:KMS |encryption )?keys? (?:that )?we (?:manage|control|own)\b|\bkeys? (?:are )?managed by us\b/i,
    controls: ['enc-rest'],
    explainsEncryption: true,
    supersedes: ['key-management'],
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
    supersedes: ['encrypted-at-rest', 'aes-256', 'stored-things-encrypted', 'key-management'],
  },
  {
    id: 'secrets-store',
    example: 'Application secrets are stored in AWS Secrets Manager.',
    gate: ['secret', 'credential', 'vault', 'key'],
    label: 'secrets in a secrets manager',
    trigger: /\b(?:secrets?|credentials?|api[- ]keys?|passwords?|tokens?)\b[^.;]{0,80}\b(?:Secrets? Manager|Secret Manager|Parameter Store|Key Vault|vault)\b/i,
    controls: ['secrets-encrypted'],
    explainsEncryption: true,
    supersedes: ['encrypted-at-rest', 'aes-256', 'stored-things-encrypted', 'key-management'],
  },
  {
    id: 'never-logged',
    example: 'Passwords are never logged.',
    gate: ['log'],
    label: '"never logged"',
    trigger:
      /\b(?:never|not|no)\b[^.;]{0,40}\b(?:logged|written to (?:\w+\s+)?logs?|stored in (?:the |any )?logs?|appears? in (?:\w+\s+)?logs?)|\blogs?\b[^.;]{0,40}\b(?:never|do not|don't) contain|\blogs?\b[^.;]{0,40}\b(?:scrubbed|redacted|masked|stripped|filtered)\b/i,
    attestation: 'Log redaction settings and a sample of application logs showing these values never appear in them; no cloud API shows what an application logs.',
  },
  {
    id: 'password-hashing',
    example: 'Passwords are hashed with bcrypt.',
    gate: ['password'],
    label: 'password hashing',
    trigger: /\bpasswords?\b[^.;]{0,60}\b(?:hashed|salted|bcrypt|scrypt|argon2|PBKDF2|one[- ]way (?:encryption|hash\w*))/i,
    explainsEncryption: true,
    supersedes: ['secrets-encrypted'],
    attestation: 'The password hashing scheme in use (algorithm and parameters), from the application configuration.',
  },
  // ── Access ───────────────────────────────────────────────────────────────
  {
    id: 'least-privilege',
    example: 'Staff access follows least privilege.',
    gate: ['least', 'minim', 'smallest', 'need', 'read', 'only', 'restrict', 'limit', 'standing', 'iam', 'short-lived', 'root', 'just-in-time'],
    label: 'least privilege / read-only',
    trigger:
      /\bleast[- ]privilege\w*\b|\b(?:least|minimum|minimal|smallest) (?:amount of |set of |level of |necessary |required )?(?:permissions?|privileges?|access(?: rights)?)\b|\bneed[- ]to[- ]know\b|\bread[- ]only (?:access|permissions?|roles?|scopes?|rights)\b|\bonly (?:the )?(?:permissions?|access) (?:we|they|it) (?:need|require)s?\b|\b(?:as|when)[- ]needed\b[^.;]{0,30}\baccess|\baccess\b[^.;]{0,40}\b(?:on an? )?(?:as|when)[- ]needed\b|\b(?:restrict|limit)\w*\s+(?:\w+\s+){0,5}?to\s+(?:the\s+|a\s+)?(?:\w+\s+){0,2}(?:personnel|staff|employees|engineers|people|individuals|members|team|teams)\b|\baccess\b(?:\s+\w+){0,5}\s+(?:is|are)\s+(?:\w+\s+)?(?:restricted|limited)\s+to\b|\bonly\s+(?:the\s+)?(?:\w+\s+){0,4}(?:staff|engineers|employees|team|members|personnel|people)\b(?:\s+\w+){0,5}\s+(?:have|has|get|gets|are given)\s+(?:\w+\s+)?access\b|\bno one has standing\b|\bno standing (?:admin\w*|access|privileges?)\b|\b(?:IAM users are not (?:allowed|used|permitted)|short[- ]lived roles|just[- ]in[- ]time)\b|\broot (?:credentials|account|user)\b[^.;]{0,60}?\b(?:locked|never used|not used|disabled)\b|\bwho need (?:it|them|access)\b/i,
    unless: { re: /\b(?:more than|beyond|other than|exceed\w*|in excess of)\s+(?:the\s+)?(?:read[- ]only|least|minimum|minimal)/i, reason: "says what happens with more than the least privilege ('more than read-only'), which promises no least-privilege setting" },
    controls: ['iam-least-privilege'],
  },
  {
    id: 'access-only-as-necessary',
    example: 'Staff shall not access customer data except as necessary to provide the service.',
    gate: ['except', 'unless', 'only'],
    label: 'access only as necessary',
    trigger: /\b(?:not|never)\s+(?:\w+\s+){0,2}access\w*\b[^.;]{0,60}\b(?:except|unless|other than)\s+(?:as|where|when|to the extent)\s+(?:\w+\s+)?(?:necessary|needed|required)\b|\baccess\w*\b[^.;]{0,40}\bonly (?:as|where|when|to the extent) (?:\w+\s+)?(?:necessary|needed|required)\b/i,
    controls: ['iam-least-privilege'],
    negatable: false,
    supersedes: ['least-privilege'],
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
    unless: { re: /\b(?:available|offer\w*|support\w*) (?:on|for|to) (?:the )?(?:\w+ )?(?:plans?|tiers?|customers|users|accounts)\b/i, reason: 'describes a feature customers may use, not how the company works' },
    label: 'MFA / two-factor',
    trigger: /\b(?:MFA|2FA|TFA|2SV|multi[- ]?factor|two[- ]factor|2[- ]factor|two[- ]step|2[- ]step|second factor|hardware (?:security )?keys?|hardware tokens?|FIDO2?|U2F|WebAuthn)\b/i,
    controls: ['mfa'],
  },
  {
    id: 'mfa-outside-cloud',
    example: 'Two-factor authentication is enforced on our GitHub organisation.',
    gate: ['github', 'gitlab', 'workspace', 'g suite', 'slack', 'okta', '365', 'laptop', 'email', 'bitbucket', 'vpn'],
    label: 'MFA outside the cloud accounts',
    trigger: /\b(?:GitHub|GitLab|Bitbucket|Google Workspace|G Suite|Slack|Okta|Microsoft 365|Office 365|laptops?|e-?mail accounts?)\b/i,
    requires: /\b(?:MFA|2FA|TFA|2SV|multi[- ]?factor|two[- ]factor|2[- ]factor|two[- ]step|2[- ]step|second factor|hardware (?:security )?keys?)\b/i,
    attestation: 'The MFA enforcement setting of the named service (a screenshot or export of its admin console); vouch reads cloud accounts only.',
    supersedes: ['mfa'],
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
    id: 'corporate-network',
    example: 'Production cannot be accessed outside our corporate network.',
    gate: ['network', 'office', 'session manager', 'systems manager', 'iap', 'identity-aware'],
    label: 'access only from the corporate network',
    trigger:
      /\b(?:only|cannot|can't|can ?not|not|never)\b[^.;]{0,80}\b(?:from|outside(?: of)?|through|via|off)\s+(?:our|the)\s+(?:corporate|company|office|internal|private|management)\s+(?:network|VPN|LAN)\b|\b(?:Systems Manager|Session Manager|SSM sessions?|Identity[- ]Aware Proxy|IAP|Instance Connect)\b/i,
    controls: ['bastion-only'],
    negatable: false,
    params: () => ({ notes: ['managed access paths (SSM, IAP, Instance Connect) count as the bastion when parameters.bastion.allowManagedAccess is true'] }),
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
    supersedes: ['corporate-network'],
    params: () => ({ notes: ["add the VPN's egress ranges to parameters.adminCidrs"] }),
  },
  {
    id: 'not-public',
    example: 'Databases are not publicly accessible.',
    gate: ['public', 'exposed', 'private'],
    label: 'not publicly reachable',
    trigger:
      /\b(?:not|cannot|can't|never)\s+(?:be\s+)?(?:publicly )?(?:accessible|reachable|exposed|available|reached|accessed) (?:directly )?(?:from|to|on|over) the (?:public )?internet\b|\bnever (?:publicly )?exposed\b|\bno public access\b|\bprivate (?:subnets?|networks?)\b|\bnot publicly (?:accessible|reachable|available|exposed)\b|\bno\s+(?:\w+\s+){0,2}(?:buckets?|databases?|instances?|storage|servers?)\s+(?:is|are)\s+public\w*|\b(?:buckets?|databases?|instances?)\s+(?:are|is)\s+(?:never|not)\s+public\w*/i,
    controls: ['public-access'],
    negatable: false,
  },
  // ── Backups and caches ───────────────────────────────────────────────────
  {
    id: 'backup-rotation',
    example: 'Backups are rotated on a 35-day cycle.',
    gate: ['backup', 'backed', 'back up', 'backs up', 'backing up', 'snapshot', 'copies', 'copy'],
    label: 'backups',
    trigger: /\bbackups?\b|\bbacked[- ]up\b|\bback(?:s|ing)? up\b|\bsnapshots?\b|\b(?:daily|nightly|hourly|weekly|backup|recovery) cop(?:y|ies)\b/i,
    controls: ['backup-retention'],
    negatable: false,
    supersedes: ['no-backup'],
    params: ({ sentence, match }) => readBackup(sentence, match),
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
    gate: ['retain', 'kept', 'keep', 'stor', 'hold', 'held', 'delet', 'purg', 'eras', 'expir', 'remov', 'destroy', 'available'],
    label: 'retention period',
    trigger: /\b(?:retain(?:s|ed)?|kept|keep(?:s)?|stored?|hold|held|delete[sd]?|purge[sd]?|erase[sd]?|expire[sd]?|removed?|destroy(?:ed|s)?|available for (?:download )?for|available for)\b/i,
    controls: ['data-retention'],
    negatable: false,
    params: ({ sentence, clause, clauseStart, match }) => {
      const verbAt = match.index - clauseStart;
      // The period may sit after a colon ("set in your plan: 7, 30 or 90 days"): look in the sentence after the verb.
      const rest = sentence.slice(match.index);
      const durations = readDurations(rest).filter((d) => d.index < 160);
      const d0 = durations[0];
      if (!d0) return { none: 'retention wording without a period' };
      const d = { ...d0, index: d0.index + match.index };
      const before = clause.slice(0, verbAt);
      const negated = /\b(?:not|never|no)\s+(?:\w+\s+)?$/i.test(before);
      const between = sentence.slice(match.index, d.index);
      if (negated && !/\b(?:more|longer) than\b/i.test(between)) return { veto: 'negated retention wording' };
      const q = qualifierOf(sentence, d);
      if (q === 'min') return { none: `'${d.text}' is a minimum, which bounds no retention` };
      const maxDays = Math.max(...d.days);
      const notes = [...d.notes];
      if (d.days.length > 1) notes.push(`'${d.text}': several periods (plan tiers?); the longest, ${maxDays}, bounds every store of this data`);
      if (/\b(?:unlimited|indefinitely|forever|no limit)\b/i.test(sentence)) notes.push("the sentence also allows 'unlimited' retention for some case: exclude those stores with match");
      if (/\b(?:life|lifetime|duration) of (?:the |your )?account\b/i.test(sentence)) notes.push('data may live as long as its account; the bound counts from deletion');
      const around = sentence.slice(Math.max(0, d.index - 120), d.index + d.text.length + 60);
      const afterDeletion =
        /\b(?:after|following|of|from|upon|on)\s+(?:the\s+)?(?:account\s+|your\s+|its\s+)?(?:deletion|closure|termination|cancell?ation|deactivation|expiry|expiration|end of the (?:\w+\s+)?(?:relationship|contract|agreement|subscription))\b|\bafter (?:you|the customer|customer) (?:close|delete|cancel|terminate)s?\b|\b(?:of|after) (?:being|it is|they are) (?:closed|deleted|cancell?ed|terminated)\b|^\s*(?:on|upon|after|following) (?:termination|deletion|closure|cancell?ation)\b/i.test(around) ||
        /^\s*(?:on|upon|after|following) (?:termination|deletion|closure|cancell?ation)\b/i.test(sentence) ||
        /\b(?:when|once|after|if) (?:you|I|we|the customer|a user|customers|users) (?:delete|close|cancel|terminate|remove)s?\b/i.test(sentence) ||
        /\buntil (?:the|your) (?:account|subscription|contract) is (?:closed|deleted|terminated|cancell?ed)\b/i.test(sentence) ||
        /^\s*deleted\b/i.test(sentence);
      const dataSet = readDataSet(sentence, match.index, match[0]) ?? 'data';
      if (dataSet === 'data') notes.push('no data set named: set dataSet and match by hand');
      const mode = q === 'max' ? ('max' as const) : ('exact' as const);
      return {
        parameters: {
          retention: [{ dataSet, maxDays, mode, ...(afterDeletion ? { after: 'deletion' as const } : {}), match: { tags: { DataSet: slug(dataSet) } } }],
        },
        bound: q === 'max',
        ...(d.days.length > 1 ? { lowConfidence: 'several periods named' } : {}),
        notes: [...notes, mode === 'max' ? `'${d.text}' is a maximum` : `'${d.text}' is the period itself (kept that long, then deleted)`, `match: stores tagged DataSet=${slug(dataSet)}; adjust to how this data set's stores are named or tagged`],
      };
    },
  },
  {
    id: 'data-residency',
    example: 'Customer data is stored in the European Union.',
    gate: ['which', 'what', 'creat', 'provision', 'deploy', 'process', 'stor', 'host', 'kept', 'keep', 'locat', 'resid', 'held', 'hous', 'maintain', 'saved', 'data cent', 'live', 'run', 'operat', 'replicat', 'cop', 'transfer', 'move', 'leave', 'remain', 'stay', 'region', 'server', 'choose', 'select', 'writ', 'sen'],
    label: 'where data is kept',
    trigger:
      /\b(?:process(?:ed|es)?|stor(?:ed|es|e)|host(?:ed|s)?|kept|keeps?|locat(?:ed)|resid(?:es?|ing)|held|housed|maintain(?:ed|s)?|saved|lives?|living|runs?|running|operates?|replicat(?:ed|es)|copied|transfer(?:red|s)?|moved?|moves|leaves?|remains?|stays?|written|writes?|sends?|sent|created|provisioned|deployed)\b(?:\s+\S+){0,8}?\s+(?:in|within|inside|to|on|near|outside(?: of)?|at)\s+|\b(?:servers?|data cent(?:er|re)s?|infrastructure|data|hosting)\s+(?:is|are)\s+(?:located\s+|based\s+|hosted\s+)?(?:in|within)\s+|\bdata (?:residency|location|centers?|centres?)\b[^.;]{0,40}\b(?:in|within|near)\s+|\bregions?\b[^.;]{0,40}\b(?:depends?|choose|chosen|select\w*|pick\w*)\b[^.;]{0,40}?(?::|\bin\b)\s*|\b(?:choose|select|pick)\s+(?:\w+\s+){0,3}?(?=\p{Lu})|\b(?:never|not)\s+(?:\w+\s+){0,2}leaves?\s+|\b(?:which|what) (?:country|countries|region|regions|locations?)\b(?:\s+\S+){0,6}?\s+in\s+|^(?:hosting|hosted|data (?:location|residency|cent(?:er|re)s?)|regions?|locations?|where (?:your )?data (?:is|lives))\b[^:—.;]{0,40}(?:—|:)\s*/iu,
    controls: ['data-residency'],
    modalOk: true,
    negatable: false,
    params: ({ sentence, match, providers, providerSource }) => readResidency(sentence, match, providers, providerSource),
  },
  // ── Audit logging ────────────────────────────────────────────────────────
  {
    id: 'audit-logging',
    example: 'We keep audit logs of every administrative action.',
    gate: ['audit', 'monitor', 'logging', 'cloudtrail', 'activity log', 'logged', 'recorded', 'records'],
    label: 'audit logging / monitoring',
    trigger:
      /\baudit (?:logs?|logging|trails?|events?|records?)\b|\b(?:logging and monitoring|monitoring and logging)\b|\bmonitor(?:ing|ed|s)?\b[^.;]{0,60}?\b(?:access|activity|IAM|identit\w+|logs?|privileges?|accounts?|infrastructure|systems)\b|\bCloudTrail\b|\bactivity logs?\b|\b(?:every|each|all)\s+(?:\w+\s+){0,3}(?:sessions?|actions?|changes?|API calls?|access(?:es)?)\b[^.;]{0,60}\b(?:is|are)\s+(?:\w+\s+)?(?:logged|recorded|audited)\b|\b(?:actions?|access|sessions?)\b(?:\s+\w+){0,6}\s+(?:is|are)\s+(?:\w+\s+)?(?:logged|recorded)\b|\brecords? every\s+(?:\w+\s+)?(?:API call|action|change|request)s?\b|\baccess\b[^.;]{0,80}\b(?:and|,)\s+(?:is|are)\s+(?:\w+\s+)?(?:logged|recorded|audited)\b/i,
    unless: { re: /\b(?:available (?:to|on|for)|includes?|including|such as|(?:plans?|tiers?|editions?) (?:come with|offer|provide))\b/i, reason: 'names audit logs as a feature or a kind of data, which promises no logging of the company\'s own systems' },
    controls: ['audit-logging'],
  },
  // ── Promises no cloud API shows: attestation ─────────────────────────────
  {
    id: 'audit-reports',
    example: 'Our controls are audited annually for SOC 2.',
    gate: ['soc', 'iso', 'pci', 'hipaa', 'fedramp', 'hitrust', 'audit'],
    label: 'SOC 2 / ISO 27001 / PCI audits',
    trigger: /\bSOC\s*(?:1|2|3|I{1,3})\b|\bISO\s*\/?\s*(?:IEC\s*)?27\d{3}|\bPCI[- ]?DSS\b|\bHIPAA\b|\bFedRAMP\b|\bHITRUST\b|\b(?:third[- ]party|independent|external) (?:security )?audit/i,
    negatable: true,
    attestation: 'The current audit reports or certificates named (auditor, period covered).',
  },
  {
    id: 'pen-tests',
    example: 'Independent firms run penetration tests every quarter.',
    gate: ['pen', 'red'],
    label: 'penetration tests',
    trigger: /\bpen(?:etration)?[- ]?tests?(?:ing)?\b|\bpentests?\b|\bred[- ]team/i,
    negatable: true,
    attestation: 'The latest penetration test reports, with dates and remediation status.',
  },
  {
    id: 'bug-bounty',
    example: 'We run a public bug bounty program.',
    gate: ['bounty', 'disclosure'],
    label: 'bug bounty',
    trigger: /\bbug bounty\b|\bvulnerability disclosure (?:program|policy)\b|\bresponsible disclosure\b/i,
    negatable: true,
    attestation: 'The bug bounty or disclosure program page and a summary of recent reports handled.',
  },
  {
    id: 'staff-training',
    example: 'All employees receive security awareness training.',
    gate: ['train'],
    label: 'staff training',
    trigger: /\b(?:employees?|staff|personnel|workforce|team members|contractors)\b[^.;]{0,80}\btrain(?:ed|ing)\b|\b(?:security|privacy) (?:awareness )?training\b/i,
    negatable: true,
    attestation: 'Training records: completion per person and dates (onboarding and recurring).',
  },
  {
    id: 'staff-policies',
    example: 'All employees sign confidentiality agreements.',
    gate: ['employ', 'staff', 'personnel', 'contractor', 'hire', 'background', 'screened', 'vetted'],
    label: 'staff policies',
    trigger:
      /\b(?:employees?|staff|personnel|contractors|new hires?|hires|candidates)\b[^.;]{0,60}\b(?:comply|complies|sign(?:s|ed)?|agree|bound by|background[- ]check(?:s|ed)?|confidentiality|NDAs?|screened|vetted|screening|vetting)\b|\bbackground[- ]check(?:s|ed|ing)?\b|\b(?:screened|vetted)\s+before\b/i,
    attestation: 'Signed policy acknowledgements, confidentiality agreements or background-check records for all staff.',
  },
  {
    id: 'breach-notification',
    example: 'We notify customers of a breach within 72 hours.',
    gate: ['notif', 'breach', 'incident'],
    label: 'breach notification',
    trigger: /\b(?:notif(?:y|ied|ies|ication)|tell|inform|alert)\b[^.;]{0,100}\b(?:incidents?|breach\w*)\b|\b(?:incidents?|breach\w*)\b[^.;]{0,100}\b(?:notif(?:y|ied|ies|ication)|tell|inform|alert)\b/i,
    attestation: 'The incident response plan and notification records of past incidents, showing the promised timeline.',
  },
  {
    id: 'request-sla',
    example: 'We respond to privacy requests within 30 days.',
    gate: ['within'],
    label: 'request / offboarding handling time',
    trigger: /\b(?:respond|reply|comply|fulfil\w*|handle|action)\w*\s+(?:\w+\s+){0,4}?within\s+(?:\d+|a|one|\w+)\s+(?:business\s+|working\s+|calendar\s+)?(?:hours?|days?|weeks?|months?)\b|\b(?:access|accounts?|credentials)\b[^.;]{0,40}\b(?:removed|revoked|disabled|deprovisioned)\s+within\b/i,
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
    trigger: /\bchange[- ]management\b|\b(?:peer|code) reviews?\b|\bsoftware development life ?cycle\b|\bSDLC\b|\bsecure (?:software )?development\b|\bapprov\w+ review\b|\b(?:second|another|independent) reviewer\b|\bmerge\w*\b[^.;]{0,40}\b(?:review\w*|approv\w*)|\breview\w*\b[^.;]{0,40}\bbefore\b[^.;]{0,40}\b(?:merg|deploy|releas)\w*/i,
    negatable: true,
    attestation: 'Change records showing review and approval before release (e.g. approved pull requests).',
  },
  {
    id: 'hardened-images',
    example: 'Servers run hardened images.',
    gate: ['harden', 'cis'],
    label: 'hardened images',
    trigger: /\bhardened\b[^.;]{0,40}\b(?:images?|servers?|hosts?|systems?|OS|operating systems?|configurations?|baselines?)\b|\bCIS (?:benchmarks?|hardened)\b|\bhardening (?:baseline|standard)s?\b/i,
    negatable: true,
    attestation: 'The image hardening baseline and a recent scan of the images against it.',
  },
  {
    id: 'vulnerability-management',
    example: 'We scan our systems for vulnerabilities every week and patch critical issues within 7 days.',
    gate: ['vulnerab', 'patch', 'cve'],
    label: 'vulnerability management and patching',
    trigger: /\bvulnerabilit(?:y|ies)\b[^.;]{0,60}\b(?:scan\w*|manag\w*|assess\w*|remediat\w*|patch\w*|fix\w*)|\b(?:scan\w*|assess\w*)\b[^.;]{0,40}\bvulnerabilit|\bpatch(?:es|ed|ing)?\b|\bCVEs?\b/i,
    attestation: 'Vulnerability scan results and patch records showing the promised cadence and remediation times.',
    supersedes: ['request-sla'],
  },
  {
    id: 'recovery-tests',
    example: 'The recovery process is tested once a quarter.',
    gate: ['test', 'drill', 'exercise'],
    label: 'restore / disaster-recovery tests',
    trigger: /\b(?:restores?|recovery|disaster[- ]recovery|business continuity|DR|failover)\b[^.;]{0,80}\b(?:test\w*|drills?|exercis\w*)\b|\b(?:test\w*|drills?|exercis\w*)\b[^.;]{0,60}\b(?:restores?|recovery|disaster|continuity|failover)\b/i,
    attestation: 'Records of the restore or disaster-recovery tests (dates, scope, outcome).',
    supersedes: ['backup-rotation', 'periodic-review'],
  },
  {
    id: 'dpa-gdpr',
    example: 'We sign a Data Processing Agreement with every customer.',
    gate: ['dpa', 'gdpr', 'data processing', 'contractual', 'scc', 'ccpa'],
    label: 'DPA / GDPR commitments',
    trigger: /\b(?:sign\w*|execut\w*|enter\w* into|offer\w*|provid\w*|have|has|put in place)\b[^.;]{0,40}\b(?:Data Processing (?:Agreement|Addendum)s?|DPAs?)\b|\b(?:Data Processing (?:Agreement|Addendum)s?|DPAs?)\b[^.;]{0,40}\b(?:signed|executed|available|offered|in place)\b|\bStandard Contractual Clauses\b|\bSCCs\b|\b(?:GDPR|CCPA)\b(?=[^.;]{0,80}\b(?:compl\w*|processor|controller|sign\w*|act\w*)\b)|\b(?:compl\w*|processor|act as)\b[^.;]{0,60}\b(?:GDPR|CCPA)\b/i,
    attestation: 'The signed DPA or transfer mechanism (SCCs) and the records of processing it commits to.',
  },
  {
    id: 'access-with-consent',
    example: 'Staff never view customer content without the customer\'s consent.',
    gate: ['consent', 'permission', 'grant', 'authoriz', 'authoris'],
    label: 'staff access to customer content only with consent',
    trigger:
      /\b(?:without|unless|only with|with)\b[^.;]{0,40}\b(?:consent|permission|authori[sz]ation|you grant|grant(?:s|ed)? (?:them|us|access))\b|\bunless you\b[^.;]{0,30}\b(?:grant|allow|invite)\b/i,
    requires: /\b(?:access\w*|view\w*|see|sees|open\w*|read\w*|look)\b/i,
    attestation: 'Access logs of staff access to customer content, each with the customer consent or support ticket that allowed it.',
    negatable: false,
  },
  {
    id: 'password-manager',
    example: 'Every employee uses a company password manager.',
    gate: ['password manager', '1password', 'lastpass', 'bitwarden', 'dashlane'],
    label: 'password manager',
    trigger: /\bpassword managers?\b|\b1Password\b|\bLastPass\b|\bBitwarden\b|\bDashlane\b/i,
    attestation: 'The password manager deployment and its enrolment of every staff member.',
  },
  {
    id: 'subprocessor-notice',
    example: 'We notify customers 30 days before adding a sub-processor.',
    gate: ['processor'],
    label: 'sub-processor change notice',
    trigger: /\bsub-?processors?\b[^.;]{0,80}\b(?:notif(?:y|ies|ied|ication)|notice|inform(?:s|ed|ing)?)\b|\b(?:notif(?:y|ies|ied|ication)|notice|inform(?:s|ed|ing)?)\b[^.;]{0,80}\bsub-?processors?/i,
    attestation: 'Sub-processor change notices sent to customers, with their dates.',
    supersedes: ['breach-notification'],
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
  /\b(?:optional(?:ly)?|available|upon request|on request|where (?:possible|feasible|practical|appropriate)|if (?:possible|feasible)|when possible|aims? to|strives?|tries to|try to|endeavou?rs?|at (?:the )?(?:customer|client|user)['’]?s? (?:choice|option|discretion|request)|at your (?:choice|option|discretion|request)|if you (?:choose|opt|enable|wish|want)|can be (?:enabled|configured|turned on)|recommend\w*|encourage\w*|should|(?:plans?|tiers?|editions?) (?:include|offer|come with)|add-on|upgrade)\b/i;
export const MODAL_HEDGES = /\b(?:may|might|could)\b(?!\s+(?:only|never|not)\b)|\bcan (?:also )?(?:be )?(?:enabled|configured|turned on|requested|purchased|added|opt)\b/i;
