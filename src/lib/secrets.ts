/**
 * Secret detection shared by rules and live collectors: does a name say it
 * holds a credential, does a value have the shape of a known token, is a value
 * a reference to a secret store rather than the secret itself, and how to show
 * any of it without showing the secret. Nothing here ever returns the value.
 */

/** Name parts that mean "this holds a credential". Matched on whole words of the split name. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'pwd', 'pw', 'pass', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials',
  'apikey', 'privatekey', 'accesskey', 'secretkey', 'clientsecret', 'authtoken', 'bearer', 'dsn', 'connectionstring',
  // Database clients' password variables written as one word: libpq's PGPASSWORD.
  'pgpassword',
  // Shared secrets as apps name them in one word (sharedKey lower-cased, HMACKEY), and pre-shared keys.
  'sharedkey', 'sharedsecret', 'hmackey', 'hmacsecret', 'signingkey', 'signingsecret', 'webhooksecret', 'apitoken', 'accesstoken',
  'authkey', 'secretaccesskey', 'psk', 'presharedkey', 'connstr', 'passcode',
]);

/** Two-word phrases that mean a credential (`API_KEY`, `PRIVATE_KEY`, `SIGNING_KEY`...). */
const SECRET_PAIRS = new Set([
  'api key', 'private key', 'access key', 'secret key', 'signing key', 'encryption key', 'master key', 'client secret',
  'license key', 'session key', 'webhook secret', 'connection string', 'auth key', 'app key',
  'server key',
  // Shared secrets between two parties: a partner's or webhook's shared key, an HMAC key, a VPN pre-shared key.
  'shared key', 'hmac key', 'preshared key', 'conn str',
  // redis-cli's password variable (REDISCLI_AUTH).
  'rediscli auth',
  // A search or database service's administrator key (Algolia's Admin API key, Azure AI Search's admin keys,
  // Typesense's bootstrap admin key): it writes and deletes every index, unlike the public search-only key.
  'admin key',
  // Keys that products name after what holds them, each documented as a credential: a ShotGrid (Flow Production
  // Tracking) script's key, a Datadog or ShotGrid application key, an Azure API Management subscription key, a
  // PagerDuty integration or service key, an Azure storage account key, a New Relic or Honeycomb ingest key, a
  // deploy key (an SSH deploy key's private half, a Convex deploy key), JWT and cookie signing keys, symmetric
  // cipher keys, a payment gateway's merchant key, a webhook's key, the British licence key, and authentication /
  // authorization keys (Tailscale auth keys, Cosmos DB authorization keys). Not: a client key (TikTok's client_key
  // is the app id; mTLS client keys are PEM, which the value's shape catches), a consumer key (Salesforce's is the
  // client id), an SDK key (Optimizely's names a public datafile), a routing key (AMQP's routes messages), a
  // write key, and `key` alone (S3 object, partition, sort, KMS and tag keys).
  'script key', 'application key', 'subscription key', 'integration key', 'service key', 'account key', 'storage key',
  'ingest key', 'ingestion key', 'deploy key', 'jwt key', 'cookie key', 'aes key', 'cipher key', 'decryption key',
  'merchant key', 'webhook key', 'licence key', 'authentication key', 'authorization key',
  // Airflow's Fernet key encrypts every connection password in its metadata database.
  'fernet key',
]);

/**
 * The pairs written as one word (`SCRIPTKEY`, `appkey`), and their plurals (`API_KEYS`, `SIGNING_KEYS`,
 * `clientsecrets`): the same credential, however the name joins or counts it.
 */
const PLURAL_OF: Record<string, string> = { keys: 'key', secrets: 'secret' };
const JOINED_PAIRS = new Set([...SECRET_PAIRS].flatMap((p) => {
  const [a, b] = p.split(' ') as [string, string];
  const plural = Object.keys(PLURAL_OF).find((k) => PLURAL_OF[k] === b);
  return plural ? [a + b, a + plural] : [a + b];
}));

/** The pair `w next` names (a plural second word read as its singular), if it is one of SECRET_PAIRS. */
function secretPair(w: string, next: string | undefined): string | undefined {
  if (next === undefined) return undefined;
  const pair = `${w} ${PLURAL_OF[next] ?? next}`;
  return SECRET_PAIRS.has(pair) ? pair : undefined;
}

/**
 * Last name parts that say the value is *about* a secret, not the secret:
 * `DB_PASSWORD_SECRET_ARN`, `TOKEN_TABLE`, `API_KEY_ID`, `PASSWORD_MIN_LENGTH`.
 */
const POINTER_SUFFIXES = new Set([
  'arn', 'arns', 'name', 'names', 'id', 'ids', 'path', 'param', 'parameter', 'ref', 'url', 'uri', 'endpoint', 'host',
  'length', 'len', 'ttl', 'expiry', 'expiration', 'expires', 'header', 'table', 'bucket', 'file', 'region', 'type',
  'enabled', 'disabled', 'seconds', 'minutes', 'hours', 'days', 'policy', 'rotation', 'version', 'prefix', 'field',
  'count', 'size', 'location', 'store', 'provider', 'mode', 'format', 'kms', 'issuer', 'audience', 'scope', 'scopes',
  // A role (`SecretAccessRole`, `FLOW_SECRETS_ROLE`) is assumed to read the secret: its name or ARN is no credential.
  'role', 'roles',
]);

/** Split `dbPassword`, `DB_PASSWORD`, `db-password`, `db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // `HTTPServer` → `HTTP Server`; a lookahead, not `([A-Z]+)([A-Z][a-z])`, which was quadratic on a run of capitals (100 KB: 18 s).
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Pagination cursors (`nextToken`, `PAGE_TOKEN`) are not credentials. */
const CURSOR_WORDS = new Set(['next', 'page', 'continuation', 'pagination', 'cursor', 'sync']);

/**
 * A judgement of names, remembered: scans meet the same property and variable names thousands of
 * times. The memory is bounded (cleared at 10,000 names), so hostile input cannot grow it.
 */
export function memoizeNames(judge: (name: string) => boolean): (name: string) => boolean {
  const memo = new Map<string, boolean>();
  return (name) => {
    let v = memo.get(name);
    if (v === undefined) {
      v = judge(name);
      if (memo.size >= 10_000) memo.clear();
      memo.set(name, v);
    }
    return v;
  };
}

/** Does this name (environment variable, parameter, template parameter) say it holds a credential? */
export const looksLikeSecretName = memoizeNames((name) => judgeSecretName(name) !== undefined);

/**
 * Names of a connection string: a credential only when the value carries a password part
 * (`Password=…;`, `user:pass@`): `Server=db;Database=app;Integrated Security=true` holds none.
 */
const CONNECTION_WORDS = new Set(['connectionstring', 'connstr', 'connection string', 'conn str']);

/** Is the only credential word of this name a connection string's? */
const namesOnlyConnectionString = memoizeNames((name) => judgeSecretName(name, CONNECTION_WORDS) === undefined && judgeSecretName(name) !== undefined);

/** The credential word (or pair) of a name, or undefined; words in `skip` do not count. */
function judgeSecretName(name: string, skip?: ReadonlySet<string>): string | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  if (POINTER_SUFFIXES.has(words[words.length - 1]!)) return undefined;
  if (words.length === 2 && CURSOR_WORDS.has(words[0]!) && words[1] === 'token') return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // `MaxPasswordAge`, `MinimumPasswordLength`, `PasswordResetRequired`: a setting about passwords, not one.
    if (SECRET_WORDS.has(w) && i + 1 < words.length && SETTING_WORDS.has(words[i + 1]!)) continue;
    if (SECRET_WORDS.has(w) && !skip?.has(w)) return w;
    if (JOINED_PAIRS.has(w) && !skip?.has(w)) return w;
    const pair = secretPair(w, words[i + 1]);
    if (pair && !skip?.has(pair)) return pair;
  }
  return undefined;
}

/** Words that, right after a credential word, make the name a setting about credentials (a policy's numbers and switches). */
const SETTING_WORDS = new Set(['age', 'length', 'reuse', 'policy', 'expiration', 'expiry', 'complexity', 'prevention', 'reset', 'rotation', 'strength', 'validity', 'lifetime']);

/** Last name parts that make a credential name the name of where the credential is stored. */
const STORE_POINTERS = new Set(['arn', 'arns', 'id', 'ids', 'name', 'names']);

/**
 * Does the name point at a stored credential (`CatalogSecretArn`, `DbPasswordSecretName`, `ApiKeyId`)?
 * Its value is the secret's ARN, name or id, whatever a resource does with it.
 */
export function namesStoredSecret(name: string): boolean {
  const words = nameWords(name);
  if (words.length < 2 || !STORE_POINTERS.has(words[words.length - 1]!)) return false;
  return judgeSecretName(words.slice(0, -1).join(' ')) !== undefined;
}

/** A password part of a connection string (`Password=…`, `Pwd=…`) or a URL's `user:password@`. */
const PASSWORD_PART = /(?:^|[;\s"'])(?:password|pwd)\s*=\s*[^;\s"']|:\/\/[^\s:@/]*:[^\s@/]+@/i;

const LIVE_KEY = 'live API key';

/** Known token shapes: kind → pattern. A match is a secret whatever the name says. */
const TOKEN_SHAPES: [string, RegExp][] = [
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['Slack app-level token', /\bxapp-\d-[A-Za-z0-9-]{10,}/],
  ['Hugging Face token', /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/],
  ['Shopify token', /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b/],
  ['Google OAuth access token', /\bya29\.[A-Za-z0-9_-]{20,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Stripe key', /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}/],
  ['Stripe webhook signing secret', /\bwhsec_[A-Za-z0-9]{24,}/],
  // The `<prefix>_live_` convention of payment and SaaS APIs (Stripe's, Paystack's, a partner's psk_live_):
  // a live key. Publishable pk_live_ keys are public by design (PUBLIC_KEY_SHAPES), so not matched here.
  [LIVE_KEY, /(?<![A-Za-z0-9])(?!pk_)[a-z][a-z0-9]{1,11}_live_[A-Za-z0-9]{16,}/],
  ['DigitalOcean token', /\bdo[opr]_v1_[a-f0-9]{64}\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['SendGrid key', /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/],
  ['OpenAI-style key', /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}/],
  // Tried only where a run of token characters starts (a lookbehind, not \b): from every `-eyJ` of
  // a hostile run the pattern would scan to the run's end, quadratic in the value's length.
  ['JSON Web Token', /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  // Firebase Cloud Messaging legacy server key: `AAAA` + 7 characters of the project key id, `:`, then the
  // `APA91b`-prefixed key (about 140 characters in Firebase's own; 40+ asked here so shortened copies still count).
  ['FCM server key', /(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{40,}/],
  ['private key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  // The user may be empty: `redis://:password@host`.
  // Likewise tried only where a scheme can start, not at every letter of `a-a-a-…`.
  ['URL with embedded password', /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:[^\s@/]+@[^\s]+/i],
  // Webhook URLs whose path is the credential: whoever holds the URL can post as the integration.
  // Slack: "your webhook URL contains a secret" (api.slack.com/messaging/webhooks); workflow and trigger URLs alike.
  ['Slack webhook URL', /\bhooks\.slack\.com\/(?:services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,}|(?:workflows|triggers)\/T[A-Z0-9]{6,}\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]{16,})/],
  ['Discord webhook URL', /\b(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks\/\d{15,22}\/[A-Za-z0-9_-]{40,}/],
  // Office 365 connector (Teams incoming webhook) URLs: the path carries the connector's id and secret.
  ['Microsoft Teams webhook URL', /\b(?:[a-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}/i],
];

/**
 * URL query parameters that carry a credential (`sig=` of an Azure SAS or a Logic Apps / Power
 * Automate trigger, `token=`, `api_key=`, an S3 presigned `X-Amz-Signature=`): a value of
 * secret-looking length (16+ characters, letters and digits) that is not a placeholder, on a
 * host that is not a documentation example (example.com / .net / .org, *.example).
 */
const CREDENTIAL_PARAMS = new Set(['sig', 'signature', 'token', 'access_token', 'auth_token', 'api_key', 'apikey', 'api-key', 'client_secret', 'x-amz-signature', 'x-amz-security-token', 'code']);

/** Text that stands for a value instead of being one: `${AWS::...}`, `<token>`, `{{token}}`, XXXX, your-token-here. */
export function isPlaceholder(value: string): boolean {
  return (
    /\$\{|\{\{|<[^<>]*>|%7B%7B|\$[A-Z_]{3,}/i.test(value) ||
    /^(?:x+|0+|\*+|\.+|-+|_+)$/i.test(value) ||
    /your|example|replace|changeme|placeholder|redacted|dummy|fake|sample/i.test(value)
  );
}

function isExampleHost(host: string): boolean {
  const h = host.toLowerCase().replace(/:\d+$/, '').replace(/^[^@]*@/, '');
  return /(?:^|\.)example(?:\.(?:com|net|org))?$/.test(h) || /(?:^|\.)(?:localhost|test|invalid)$/.test(h);
}

const TRAILING = new Set(['"', "'", '`', ')', ']', '}', ',', ';', '>']);

function trimTrailing(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING.has(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Longest URL looked at for a query credential (longer tokens are not URLs a template holds). */
const MAX_URL = 16_384;

/**
 * A credential in a URL's query string (see CREDENTIAL_PARAMS), as a kind, or undefined.
 * Scans whitespace-separated words and parses each URL with the WHATWG parser, so the
 * cost stays linear in the value's length (no backtracking pattern over hostile text).
 */
function credentialQuery(value: string): string | undefined {
  for (const word of value.split(/\s+/)) {
    if (word.length > MAX_URL || !word.includes('?') || !word.includes('=')) continue;
    const at = word.search(/https?:\/\//i);
    if (at === -1) continue;
    let url: URL;
    try {
      // Quotes or brackets around a URL inside JSON or a script are not part of it.
      url = new URL(trimTrailing(word.slice(at)));
    } catch {
      continue;
    }
    if (isExampleHost(url.hostname)) continue;
    for (const [name, v] of url.searchParams) {
      const param = name.toLowerCase();
      if (!CREDENTIAL_PARAMS.has(param)) continue;
      if (isPlaceholder(v) || v.length < 16 || !/[A-Za-z]/.test(v) || !/\d/.test(v)) continue;
      return `URL with a credential in its query string (${param}=)`;
    }
  }
  return undefined;
}

/** Webhook URLs (above) with a placeholder in place of their secret part: documentation, not a credential. */
function isPlaceholderWebhook(value: string, re: RegExp): boolean {
  const m = re.exec(value);
  if (!m) return true;
  const last = m[0].split('/').pop() ?? '';
  return isPlaceholder(last) || /^(?:x+|0+)$/i.test(last.replace(/[^A-Za-z0-9]/g, ''));
}

/** `acme_live_XXXXXXXXXXXXXXXXXXXX`, `acme_live_yourkeyhere00000000`: documentation, not a key. */
function isPlaceholderKey(key: string): boolean {
  const tail = key.slice(key.indexOf('_live_') + 6);
  return isPlaceholder(tail) || /^(.)\1*$/.test(tail) || /^(?:0123456789|abcdef|123456)/i.test(tail);
}

const WEBHOOK_KINDS = new Set(['Slack webhook URL', 'Discord webhook URL', 'Microsoft Teams webhook URL']);

/**
 * A literal every TOKEN_SHAPES pattern requires (case-sensitive: the one `i`
 * pattern, the URL's, is case-insensitive only in its scheme, which the hint
 * does not look at): a string without any cannot match, so most values skip
 * the per-shape tests. For the URL shape that is `://`, then userinfo (no
 * `/`, `@` or space), then `@`: a plain link (`https://host/path`, every
 * selfLink of a cloud answer) fails at its first `/`. Webhook hosts let the
 * webhook shapes through. Keep it in step with TOKEN_SHAPES (credentialQuery
 * has its own pre-check: `://`, `?` and `=` all present).
 */
const SHAPE_HINT = /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|hf_|shp(?:at|ss|ca|pa)_|whsec_|_live_|ya29\.|AIza|[sr]k_(?:live|test)_|do[opr]_v1_|npm_|SG\.|sk-|eyJ|:APA91b|-----BEGIN|:\/\/[^\s/@]*@|hooks\.slack\.com|\/api\/webhooks\/|webhook\.office\.com|office(?:365)?\.com\/webhook/;

/**
 * Longest text one pass of the shape patterns reads. V8's regular expressions keep a backtrack entry per
 * character a counted class run (`[A-Za-z0-9]{36,}`, `[^;&\s"']{4,}`) takes and throw RangeError ("Maximum
 * call stack size exceeded") past about 5 MB of one run: a 7 MB parameter Default `Password=aaa…` ended the
 * whole run with exit 2 (fixP5). Longer text is read in windows of this size that overlap by SHAPE_OVERLAP,
 * more than any token or URL a shape matches (credentialQuery reads URLs up to MAX_URL), so a token is always
 * whole in some window. Linear in the text's length.
 */
const SHAPE_WINDOW = 256 * 1024;
const SHAPE_OVERLAP = 16 * 1024 + 256;

/** The kind of token a value looks like (`GitHub token`), or undefined. Never returns the value. */
export function tokenShape(value: string): string | undefined {
  if (value.length <= SHAPE_WINDOW) return shapeOf(value, !value.includes('\n'));
  // Whether the value is one line is a property of the whole value, not of a window (passwordAssignment).
  const oneLine = !value.includes('\n');
  for (let at = 0; at < value.length; at += SHAPE_WINDOW - SHAPE_OVERLAP) {
    const kind = shapeOf(value.slice(at, at + SHAPE_WINDOW), oneLine);
    if (kind) return kind;
    if (at + SHAPE_WINDOW >= value.length) break;
  }
  return undefined;
}

function shapeOf(value: string, oneLine: boolean): string | undefined {
  const assigned = oneLine ? passwordAssignment(value) : undefined;
  if (assigned) return assigned;
  const query = value.includes('://') && value.includes('?') && value.includes('=');
  if (!query && !SHAPE_HINT.test(value)) return undefined;
  for (const [kind, re] of TOKEN_SHAPES) {
    if (!re.test(value)) continue;
    if (WEBHOOK_KINDS.has(kind) && isPlaceholderWebhook(value, re)) continue;
    if (kind === LIVE_KEY && isPlaceholderKey(re.exec(value)![0])) continue;
    return kind;
  }
  return query ? credentialQuery(value) : undefined;
}

/**
 * `Password=…` / `Pwd=…` written into a value: an ADO.NET / ODBC connection string
 * (`Server=db;User Id=app;Password=…;`), a JDBC or other URL query (`?user=app&password=…`), a
 * `--password=…` flag, a one-line `DB_PASSWORD=…` command. The password is written whatever the
 * setting is called (`ERP_CONNECTION`).
 * A value that stands for one (`${DbPassword}`, `%s`, `{{resolve:…}}`, `<password>`, `changeme`) or is
 * shorter than 4 characters is not counted, nor (fixP5) one that is plainly something else: a path (`PWD=/srv/app`,
 * the shell's working directory; template-secrets.ts writes each filled-in hole of a Fn::Sub as `/`, so
 * `Password=${Pw}tail` reads `/tail`), an SQL bind parameter (`password=@pw`, `:pw`), an interpolation
 * (`#{pw}`, `` `cmd` ``, `[pw]`), a `__TOKEN__`, a function call (`password=os.getenv('PW')`), and prose: `=` written
 * with spaces and a further word after the value (`pwd = print working directory`), where a connection string
 * ends the value at `;` (`User ID = app ; Password = Sp4ced-0ut`).
 * The value is `+`, not `{4,}`: V8 keeps a backtrack entry per character of a counted run (see SHAPE_WINDOW).
 */
const PASSWORD_ASSIGNMENT = /(?:^|[;?&\s"'_-])(?:password|passwd|pwd)([ \t]*)=([ \t]*)([^;&\s"']+)/gi;
/** What may follow a spaced `Password = value` in a connection string: its end, `;`, `&` or a quote. */
const VALUE_END = /[ \t]*(?:[;&"']|$)/y;

function passwordAssignment(value: string): string | undefined {
  // One line only (the caller, tokenShape, asks): a script or code (user data, inline function code) is read line by
  // line, by the assignments' names (template-secrets.ts), where `password = request.form['pw']` is code, not a secret.
  if (!/(?:password|passwd|pwd)[ \t]*=/i.test(value)) return undefined;
  for (const m of value.matchAll(PASSWORD_ASSIGNMENT)) {
    const v = m[3]!;
    if (v.length < 4 || /^[$%{<(*/@:#`[]/.test(v) || /^(__|@@)\w+\1$/.test(v) || /^[A-Za-z_][\w.]*\(/.test(v)) continue;
    if (isInnocuousValue(v) || isPlaceholder(v) || /^(?:x+|\*+|\.+)$/i.test(v)) continue;
    if (m[1] || m[2]) {
      VALUE_END.lastIndex = m.index! + m[0].length;
      if (!VALUE_END.test(value)) continue;
    }
    return 'connection string with a password (Password=…)';
  }
  return undefined;
}

/** Does the value contain a known credential shape? */
export function looksLikeSecretValue(value: string): boolean {
  return tokenShape(value) !== undefined;
}

/**
 * CloudFormation dynamic references that fetch a secret at deploy time:
 * `{{resolve:secretsmanager:...}}` and `{{resolve:ssm-secure:...}}`.
 * (`{{resolve:ssm:...}}` reads a plain String parameter: not a secret store.)
 */
export function secretStoreReference(value: string): 'secretsmanager' | 'ssm-secure' | undefined {
  const m = /\{\{resolve:(secretsmanager|ssm-secure):/.exec(value);
  return m ? (m[1] as 'secretsmanager' | 'ssm-secure') : undefined;
}

/** `{{resolve:ssm:...}}`: the value comes from a plain (unencrypted) SSM parameter. */
export function plainSsmReference(value: string): boolean {
  return /\{\{resolve:ssm:/.test(value);
}

/** An ARN of a secret store entry (the value names the secret; the code fetches it at run time). */
export function isSecretStoreArn(value: string): boolean {
  return /^arn:aws[a-z-]*:(?:secretsmanager|ssm|kms):/.test(value.trim());
}

/**
 * Values that cannot be a credential: empty, booleans, numbers, very short
 * strings, ARNs. Keeps `PASSWORD_MIN_LENGTH=12` and `TOKEN_TTL=3600` quiet.
 */
export function isInnocuousValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (/^(?:true|false|yes|no|on|off|null|none|enabled|disabled)$/i.test(v)) return true;
  if (/^-?\d+(?:\.\d+)?[smhd]?$/i.test(v)) return true;
  if (/^arn:aws[a-z-]*:/.test(v)) return true;
  return false;
}

/**
 * A value that names where a secret lives rather than holding it: an SSM
 * parameter path (`/prod/db/password`) or a file path (`/run/secrets/db`).
 * Absolute, two or more slash-separated segments, no spaces, no scheme: a password of that shape
 * is not worth the false alarms on every parameter-name variable.
 */
export function isPathReference(value: string): boolean {
  const v = value.trim();
  // Two segments at least: `/s3cr3t` is more likely a password than a parameter name.
  return v.length <= 2048 && /^(?:\/[A-Za-z0-9_.@-]+){2,}\/?$/.test(v);
}

/**
 * A value shaped like the name of a Secrets Manager secret or SSM parameter written without the
 * leading slash (`prod/db/password`, `corpus/github-token`): two or more lower-case segments, each
 * with a letter. A generated token has upper-case letters (base64) or no slash (hex), so is not one.
 */
export function isSecretNameReference(value: string): boolean {
  const v = value.trim();
  return v.length <= 512 && /^[a-z0-9][a-z0-9._+=@-]*(?:\/[a-z0-9][a-z0-9._+=@-]*)+\/?$/.test(v) && v.split('/').every((seg) => seg === '' || /[a-z]/.test(seg));
}

/** Top-level domains of names a template writes for hosts (public ones, and the suffixes of private zones). */
const HOST_SUFFIXES = new Set([
  'com', 'net', 'org', 'io', 'dev', 'app', 'cloud', 'co', 'biz', 'info', 'edu', 'gov', 'mil', 'int', 'tech', 'ai',
  'internal', 'local', 'corp', 'lan', 'intra', 'intranet', 'home', 'example', 'test', 'invalid', 'localhost', 'aws',
  'uk', 'de', 'fr', 'nl', 'be', 'es', 'it', 'ch', 'at', 'se', 'no', 'dk', 'fi', 'ie', 'pl', 'pt', 'eu', 'us', 'ca',
  'au', 'nz', 'jp', 'cn', 'in', 'sg', 'hk', 'br', 'mx', 'za', 'kr',
]);

/** A lower-case DNS name (`desktops.branch-lyon.example.com`, `billing-ora.dc.corp`): a host, not a password. */
function isHostName(v: string): boolean {
  if (v.length > 253 || !/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\.?$/.test(v)) return false;
  const labels = v.replace(/\.$/, '').split('.');
  // Three labels and more, or two under a suffix hosts use: `summer.fun` is a guessable password, not a zone.
  return labels.length >= 3 || HOST_SUFFIXES.has(labels[labels.length - 1]!);
}

/**
 * A URL that only locates something: a scheme, a host, an optional port and path, and nothing that
 * carries a credential (no `user:pass@`, no query string, no path segment as long and mixed as a
 * token: `https://hooks.partner.net/catch/8Kq2m…` may be a capability URL).
 */
function isLocatorUrl(v: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(\/[^\s@?#]*)?$/i.exec(v);
  if (!m || v.length > 2048) return false;
  return (m[1] ?? '').split('/').every((seg) => !(seg.length >= 20 && /[A-Za-z]/.test(seg) && /\d/.test(seg)));
}

/**
 * A value whose shape says it names or locates something rather than being a credential: a host or
 * domain name, or a URL without userinfo or query (a WorkSpaces alias's `ConnectionString`, an
 * identity provider's endpoint under a `ClientSecret...` name). ARNs and paths: isInnocuousValue and
 * isPathReference. Known token shapes are tested before this, whatever the shape here.
 */
export function isIdentifierValue(value: string): boolean {
  const v = value.trim();
  return isHostName(v) || isLocatorUrl(v) || isClassPath(v) || isStoreName(v) || isStoreReference(v);
}

/**
 * A dotted class or module path: two or more lower-case module names, then a class name in CamelCase
 * (`airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend`,
 * `org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider`) or a third module name with an underscore
 * (`airflow.secrets.local_filesystem`): the code that fetches secrets, named in a setting. Generated
 * tokens have no dots; a dotted passphrase under a password name is still one (identifierUnderName).
 */
function isClassPath(v: string): boolean {
  if (v.length > 512) return false;
  return /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+\.[A-Z][a-z0-9]+(?:[A-Z0-9][a-z0-9]*)+$/.test(v) || (/^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*){2,}$/.test(v) && v.includes('_'));
}

/**
 * Names of secret stores and of the backends that read them, compared without case or separators
 * (`aws-secrets-manager`, `SecretsManager`, `parameter_store`, `HashiCorpVault`, `azure-key-vault`): the
 * setting picks a mechanism, it does not hold a credential.
 */
const STORE_NAMES = new Set([
  'secretsmanager', 'awssecretsmanager', 'secretsmanagerbackend', 'systemsmanagerparameterstore', 'ssmparameterstore', 'parameterstore',
  'awsparameterstore', 'systemsmanagerparameterstorebackend', 'awsssm', 'ssm', 'ssmsecure', 'kms', 'awskms', 'vault', 'hashicorpvault',
  'vaultbackend', 'azurekeyvault', 'keyvault', 'azurekeyvaultbackend', 'gcpsecretmanager', 'googlesecretmanager', 'cloudsecretmanager',
  'secretmanager', 'cloudsecretmanagerbackend', 'environmentvariable', 'environmentvariables', 'environmentvariablesbackend',
  'localfilesystem', 'localfilesystembackend', 'metastore', 'kubernetes', 'kubernetessecrets', 'doppler', 'onepassword', '1password',
  'bitwarden', 'infisical', 'conjur', 'cyberarkconjur', 'akeyless',
]);

function isStoreName(v: string): boolean {
  return v.length <= 64 && /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(v) && STORE_NAMES.has(v.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * A reference written as store, colon, then the secret's path or name: Spring Cloud AWS's
 * `aws-secretsmanager:/prod/db` and `aws-parameterstore:/config/app/`, `ssm:/prod/db/password`,
 * `secretsmanager:prod/db`, `vault:secret/data/app`. What follows the prefix must itself be a path, a
 * secret name with a slash, an ARN or a lower-case hyphenated name: `vault:Pa55w0rd` is no reference.
 */
function isStoreReference(v: string): boolean {
  const m = /^(?:aws-)?(?:ssm|ssm-secure|secretsmanager|secrets-manager|parameterstore|parameter-store|vault|keyvault|key-vault|gcp-secretmanager|gsm):(?!\/\/)(.+)$/i.exec(v);
  if (!m || v.length > 2048) return false;
  const rest = m[1]!;
  return isPathReference(rest) || isSecretNameReference(rest) || /^arn:aws[a-z-]*:/.test(rest) || /^\/?[a-z0-9]+(?:[-_.][a-z0-9]+)+\/?$/.test(rest);
}

/** Deepest nesting of a settings document looked into (`secrets.backend_kwargs`), and its longest text. */
const MAX_DOCUMENT_DEPTH = 4;
const MAX_DOCUMENT = 8_192;

/**
 * A JSON object of settings for a secrets mechanism that holds no credential itself: Airflow's
 * `secrets.backend_kwargs` (`{"connections_prefix": "airflow/connections", "role_arn": "arn:…"}`), a
 * client's options. Every entry must be plainly no credential: a number, boolean or null, a value that
 * names or locates something (a path, a secret's name or ARN, a host, a URL, a class), or an entry whose
 * key says it names something (`…_prefix`, `…_name`, `…_path`) or is a plain word of letters. Any entry a
 * name or shape calls a credential (`"token": "…"`, a token-shaped value), or any other value, keeps
 * the whole document judged as a literal.
 */
export function settingsDocumentWithoutCredential(value: string): boolean {
  const v = value.trim();
  if (v.length > MAX_DOCUMENT || !v.startsWith('{') || !v.endsWith('}')) return false;
  let doc: unknown;
  try {
    doc = JSON.parse(v);
  } catch {
    return false;
  }
  return documentClear(doc, 0);
}

function documentClear(doc: unknown, depth: number): boolean {
  if (depth > MAX_DOCUMENT_DEPTH || !doc || typeof doc !== 'object') return false;
  const entries = Array.isArray(doc) ? doc.map((x, i) => [String(i), x] as const) : Object.entries(doc as Record<string, unknown>);
  if (entries.length === 0) return !Array.isArray(doc);
  return entries.every(([k, x]) => {
    if (x === null || typeof x === 'boolean') return true;
    // A number is a setting (`kv_engine_version: 2`), except under a name that says credential (`"pin": 482913`).
    if (typeof x === 'number') return !looksLikeSecretName(k);
    if (typeof x === 'object') return documentClear(x, depth + 1);
    if (typeof x !== 'string') return false;
    if (secretReason(k, x) !== undefined || plainSsmReference(x) || secretStoreReference(x)) return false;
    if (isInnocuousValue(x) || isPathReference(x) || isSecretNameReference(x) || isIdentifierValue(x)) return true;
    const words = nameWords(k);
    return (words.length > 0 && POINTER_SUFFIXES.has(words[words.length - 1]!)) || /^[a-z]+(?:[-_][a-z]+)*$/.test(x);
  });
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'pw', 'pass', 'pgpassword', 'passcode']);

/**
 * Is `value`, under `name`, an identifier rather than a credential? Its shape (isIdentifierValue), unless
 * the name says password: a password field holds no host name, so `summer2024.corp` there is a password.
 */
export function identifierUnderName(name: string, value: string): boolean {
  if (!isIdentifierValue(value)) return false;
  const word = judgeSecretName(name);
  return word === undefined || !PASSWORD_WORDS.has(word);
}

/**
 * A name whose only credential word is a connection string's, with a value that has no password part
 * (`Password=…`, `user:pass@`): `Server=db;Database=app;Integrated Security=true` holds no credential.
 */
export function connectionStringWithoutPassword(name: string, value: string): boolean {
  return namesOnlyConnectionString(name) && !PASSWORD_PART.test(value);
}

/**
 * Keys that are public by design: the vendor documents them as safe to ship to
 * browsers and mobile apps, and pairs each with a secret key of another shape
 * (which TOKEN_SHAPES or the name still catches). Only a value that is wholly
 * one of these is cleared: `pk_live_...` next to anything else is judged as usual.
 */
const PUBLIC_KEY_SHAPES: [string, RegExp][] = [
  // Stripe publishable keys (and Clerk's, which use the same prefix); the secret and restricted keys are sk_/rk_.
  ['publishable key (pk_live_/pk_test_)', /^pk_(?:live|test)_[0-9A-Za-z_=$-]{16,}$/],
  // Mapbox public access tokens; secret tokens start with sk.
  ['Mapbox public token (pk.)', /^pk\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}$/],
  // PostHog project API keys (write-only event ingestion); personal API keys are phx_.
  ['PostHog project key (phc_)', /^phc_[A-Za-z0-9]{20,}$/],
];

/** The kind of public-by-design key the whole value is, or undefined. */
export function publicKeyShape(value: string): string | undefined {
  const v = value.trim();
  for (const [kind, re] of PUBLIC_KEY_SHAPES) if (re.test(v)) return kind;
  return undefined;
}

/** Literal value with a secret-looking name, or a known token shape: why it is a secret, or undefined. */
export function secretReason(name: string, value: string): string | undefined {
  if (publicKeyShape(value)) return undefined;
  const shape = tokenShape(value);
  if (shape) return `value looks like a ${shape}`;
  if (secretStoreReference(value)) return undefined;
  if (
    looksLikeSecretName(name) &&
    !isInnocuousValue(value) &&
    !isPathReference(value) &&
    !isSecretNameReference(value) &&
    !identifierUnderName(name, value) &&
    !settingsDocumentWithoutCredential(value)
  ) {
    if (connectionStringWithoutPassword(name, value)) return undefined;
    return `name '${name}' says it holds a credential and its value is a literal`;
  }
  return undefined;
}

/**
 * What a name/value pair amounts to, as plain data and without the value:
 * what a live collector keeps in place of an environment value it must not
 * store (`Live.WithheldValues`), and what rules judge for IaC and live alike.
 * `length` only feeds the `<redacted: N characters>` evidence.
 */
export type ValueClass =
  | { kind: 'store-reference'; store: 'secretsmanager' | 'ssm-secure'; length: number }
  | { kind: 'plain-ssm-reference'; length: number }
  | { kind: 'secret'; reason: string; length: number }
  | { kind: 'clear'; length: number };

export const VALUE_CLASS_KINDS = new Set(['store-reference', 'plain-ssm-reference', 'secret', 'clear']);

export function classifyValue(name: string, value: string): ValueClass {
  const length = value.length;
  const store = secretStoreReference(value);
  if (store) return { kind: 'store-reference', store, length };
  if (plainSsmReference(value) && looksLikeSecretName(name)) return { kind: 'plain-ssm-reference', length };
  const reason = secretReason(name, value);
  if (reason) return { kind: 'secret', reason, length };
  return { kind: 'clear', length };
}

/** A value that points at a secret store instead of holding the secret. */
export function isSecretReference(value: string): boolean {
  return /^\{\{resolve:(secretsmanager|ssm-secure):/.test(value) || isSecretStoreArn(value);
}

export const REDACTED = '<redacted>';

/** What evidence shows instead of a secret: never a prefix, suffix or hash of it, only its length. */
export function redact(value: unknown): string {
  const n = typeof value === 'string' ? value.length : (JSON.stringify(value ?? '') ?? '').length;
  return `<redacted: ${n} characters>`;
}

/**
 * The one walk behind redactDeep and redactInPlace: secrets replaced in
 * strings that look like credentials, in string values under secret-looking
 * keys, and in every value of an object under a key in `alwaysRedact`.
 * `inPlace`: write into `value` itself instead of a copy.
 */
function redactWalk(value: unknown, alwaysRedact: ReadonlySet<string>, depth: number, inPlace: boolean): unknown {
  if (depth > 64) return REDACTED;
  if (typeof value === 'string') return looksLikeSecretValue(value) ? REDACTED : value;
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = inPlace ? value : new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = redactWalk(value[i], alwaysRedact, depth + 1, inPlace);
    return out;
  }
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = inPlace ? o : {};
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (alwaysRedact.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.keys(v).map((name) => [name, REDACTED]));
    } else if (typeof v === 'string' && v !== '' && looksLikeSecretName(k) && !isSecretReference(v)) {
      out[k] = REDACTED;
    } else out[k] = redactWalk(v, alwaysRedact, depth + 1, inPlace);
  }
  return out;
}

const NOTHING_ALWAYS: ReadonlySet<string> = new Set();

/**
 * redactDeep without the copy, for a value nobody else holds (an API answer
 * just parsed from JSON): the same result, written into `value` itself. A
 * large answer (thousands of firewall rules) is then not copied object by
 * object only to be dropped, which cost as much CPU and garbage collection as
 * the parse. Returns `value` (or the replacement of a string / too-deep value).
 */
export function redactInPlace(value: unknown): unknown {
  return redactWalk(value, NOTHING_ALWAYS, 0, true);
}

/**
 * Copy `value` with secrets replaced: values under secret-looking keys, and
 * any string that looks like a credential. Keys in `alwaysRedact` (e.g.
 * `Variables` of a Lambda environment) have every value redacted.
 */
export function redactDeep(value: unknown, alwaysRedact: ReadonlySet<string> = NOTHING_ALWAYS, depth = 0): unknown {
  return redactWalk(value, alwaysRedact, depth, false);
}
