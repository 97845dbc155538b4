/**
 * Where a template writes a credential, found on the template AS WRITTEN (before
 * intrinsics are resolved): a resource's Properties and its cfn-init metadata
 * (`AWS::CloudFormation::Init`, `AWS::CloudFormation::Authentication`).
 *
 * Why before resolving: after resolution a `Ref` to a parameter is the
 * parameter's default, indistinguishable from a literal, and a `Fn::Sub` is
 * one string with no trace of which parts were written in the template. A
 * parameter's default is judged on the stack (secrets-encrypted/aws-cloudformation-stack),
 * so here only text written in the resource itself counts as a literal.
 *
 * The loader keeps only the classification of each site (a `ValueClass` of
 * src/lib/secrets.ts: kind, reason, length), never the value, as live
 * collectors do; the rule secrets-encrypted/aws-template-property judges them.
 */
import {
  connectionStringWithoutPassword,
  identifierUnderName,
  settingsDocumentWithoutCredential,
  isInnocuousValue,
  isPathReference,
  looksLikeSecretName,
  memoizeNames,
  publicKeyShape,
  secretStoreReference,
  plainSsmReference,
  tokenShape,
  type ValueClass,
} from '../../lib/secrets.js';
import { builtTexts, HOLE, nameBefore, type BuiltText } from './built-text.js';

/** The resource property (vouch's own, like `$Condition`) that carries the sites. */
export const TEMPLATE_SECRETS = '$TemplateSecrets';

/** One place in a resource whose name or value says "credential". */
export interface SecretSite {
  /** From the resource: `Properties.VpnTunnelOptionsSpecifications[0].PreSharedKey`, `Metadata.AWS::CloudFormation::Init.config.files./etc/app.conf.content`. */
  path: string;
  /** The name that says credential (a key, a `Name`/`OptionName` of a list entry, a variable in a text), or the key the value sits under. */
  name: string;
  /**
   * What the value is: a ValueClass (`secret`, `store-reference`, `plain-ssm-reference`),
   * or where a value not written here comes from (`parameter`: a template parameter,
   * judged on the stack; `computed`: another resource, a pseudo parameter, an import).
   */
  value:
    | ValueClass
    | { kind: 'parameter'; parameter: string }
    | { kind: 'computed'; expression: string }
    /** A credential attribute of the resource (`SecretAccessKey` of an access key) written into a stack output. */
    | { kind: 'published'; output: string }
    /**
     * A credential attribute of another resource (`Fn::GetAtt Key.SecretAccessKey`, `${Accessor.BillingToken}` in a
     * Fn::Sub) written into this resource: CloudFormation puts the plain value where it is written. `type` is the
     * CloudFormation type of `resource` (SECRET_ATTRIBUTES).
     */
    | { kind: 'secret-attribute'; resource: string; type: string; attribute: string }
    /**
     * A credential parameter (NoEcho or credential-named) substituted into text (user data, a cfn-init file, a
     * connection string): NoEcho masks the parameter, not the text. `after`: the option or variable name the text
     * gives it (`--admin-password`, `admin_pw`), read from the literal before it (built-text.ts nameBefore).
     */
    | { kind: 'noecho-in-text'; parameter: string; after?: string }
    /**
     * A credential parameter taken whole (`Ref`, `${Name}`) under a name that does not say credential
     * (`DATABASE_URL`, `WEBHOOK`). Kept because the loader resolves a parameter with a Default to that
     * default, after which nothing says the value was NoEcho; a rule whose setting is shown in plain
     * text reads it. Not a credential site by itself (no verdict where no such rule reads it).
     */
    | { kind: 'noecho-ref'; parameter: string }
    /**
     * Part of the resource was not read for credentials (a text past MAX_TEXT characters, nesting past
     * MAX_DEPTH, more than MAX_SITES sites): what was not read may hold one, so the resource's verdict
     * cannot be a pass (fail closed). `reason` says what was left and where.
     */
    | { kind: 'not-read'; reason: string };
  /**
   * Set on a secret-store dynamic reference that is not the value of a property meant for a
   * secret: an environment-style variable or text (user data, a file, a definition). CloudFormation
   * resolves it at deploy time and the plain value is stored in the resource's configuration.
   */
  resolvedInto?: 'variable' | 'text';
}

export interface ScanContext {
  /** Template parameter names (a `Ref` to one is not a literal). */
  parameters: ReadonlySet<string>;
  /** The ones that carry a credential: NoEcho, or named as one (a password the template takes as a parameter). */
  noEcho?: ReadonlySet<string>;
  /** A condition's value when the template decides it, else undefined (both `Fn::If` branches are read). */
  condition(name: string): boolean | undefined;
  /** The template's Mappings: a value an `Fn::FindInMap` pulls from them is written in the template too. */
  mappings?: Record<string, unknown>;
  /** Logical id → CloudFormation type of the template's resources: which `Fn::GetAtt` returns a credential. */
  resourceTypes?: ReadonlyMap<string, string | undefined>;
}

/** Values one `Fn::FindInMap` may take beyond this are not read (a bound on a hostile template). */
const MAX_MAP_VALUES = 256;

/**
 * The values an `Fn::FindInMap` may pull from the Mappings, as written there: a literal key picks its
 * entry, any other key (a parameter, `AWS::Region`) may be every entry at its level; then the
 * `DefaultValue` (AWS::LanguageExtensions). Undefined when the call's shape is not one CloudFormation accepts.
 */
function mapValues(arg: unknown, mappings: Record<string, unknown>): { values: unknown[]; cut: boolean } | undefined {
  if (!Array.isArray(arg) || arg.length < 3) return undefined;
  let level: unknown[] = [mappings];
  let cut = false;
  for (const k of arg.slice(0, 3)) {
    const next: unknown[] = [];
    for (const m of level) {
      if (!m || typeof m !== 'object' || Array.isArray(m)) continue;
      const o = m as Record<string, unknown>;
      if (typeof k === 'string' || typeof k === 'number') {
        if (Object.prototype.hasOwnProperty.call(o, String(k))) next.push(o[String(k)]);
      } else next.push(...Object.values(o));
      if (next.length > MAX_MAP_VALUES) break;
    }
    if (next.length > MAX_MAP_VALUES) cut = true;
    level = next.slice(0, MAX_MAP_VALUES);
  }
  const dflt = arg[3] && typeof arg[3] === 'object' && !Array.isArray(arg[3]) ? (arg[3] as Record<string, unknown>).DefaultValue : undefined;
  return { values: dflt === undefined ? level : [...level, dflt], cut };
}

/** Items of a `Fn::Select` list read when the index is not written here (any may be picked). */
const MAX_SELECT_ITEMS = 64;
/** Sites per resource beyond this are not listed (a template this noisy has said enough). */
const MAX_SITES = 50;
/** Text longer than this is read only in its first part (user data is at most 16 KB; a bound, not a limit). */
const MAX_TEXT = 64 * 1024;
const MAX_DEPTH = 40;

/**
 * Property names that contain a credential word but never hold a credential:
 * idempotency tokens, IMDS settings, custom-resource handlers, KMS key ids,
 * token lifetimes, pointers to where a secret is kept.
 */
const NOT_SECRET_NAMES = new Set([
  'ClientToken', 'HttpTokens', 'ServiceToken', 'EventSourceToken', 'TokenValidityUnits', 'Credential', 'Credentials',
  'AuthorizerCredentials', 'CredentialSpecs', 'SecretArnList', 'SecretStringKey', 'SecretsRole', 'TokenDomains',
  'TokenSigningPublicKeys', 'TokenUrlCustomProperties', 'TokenUrlParametersMap', 'TokenKeyId',
  'OrderedUserSecretVersionStages', 'PreTokenGeneration', 'PreTokenGenerationConfig', 'ApiKeySelectionExpression',
  'ApiKeySourceType', 'ApiKeyRequired', 'GenerateSecret', 'TokenEndpointAuthenticationMethod', 'CdnIdentifierSecret',
  'DomainJoinServiceAccountSecret', 'WebIdentityTokenAudiences', 'TokenReference', 'CredentialProviderVendor',
]);

/** Last name parts that say the value is about a credential, not the credential (beyond secrets.ts POINTER_SUFFIXES). */
const NOT_SECRET_SUFFIX = /(?:Source|Vendor|Specs?|Expression|Method|Domains|Audiences?|Stages|Role|List|Reference|Generation|Units|Template|Config|Configuration|Settings|Options|Policy|Requirements?|Auth|Flows?|Strategy)$/;

/** A KMS key id, alias or ARN under an `*EncryptionKey` name is a key's name, not key material. */
const KEY_NAME_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|alias\/[A-Za-z0-9/_-]+|mrk-[0-9a-f]{32})$/i;

/**
 * Per type, properties that are the credential although their name is generic, and the name they
 * are judged under: an API Gateway API key's `Value` is the key clients send.
 */
const CREDENTIAL_PROPERTIES: Record<string, [string, string][]> = {
  'AWS::ApiGateway::ApiKey': [['Value', 'ApiKey']],
  // An ElastiCache RBAC user's `Passwords` list holds the user's passwords (the plural is not a credential name); the
  // same list may sit under `AuthenticationMode` (Type: password), as a MemoryDB user's does.
  'AWS::ElastiCache::User': [['Passwords', 'Password'], ['AuthenticationMode.Passwords', 'Password']],
  // A MemoryDB user's passwords sit one level down, under its authentication mode.
  'AWS::MemoryDB::User': [['AuthenticationMode.Passwords', 'Password']],
};

/**
 * `props` without the value at a dotted `path` (ancestors copied, nothing else), and that value:
 * the rest is walked as usual, the value under the credential name.
 */
function splitOff(props: Record<string, unknown>, path: string): { rest: Record<string, unknown>; value: unknown } {
  const [head, ...tail] = path.split('.');
  if (!Object.prototype.hasOwnProperty.call(props, head!)) return { rest: props, value: undefined };
  const { [head!]: inner, ...others } = props;
  if (tail.length === 0) return { rest: others, value: inner };
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return { rest: props, value: undefined };
  const deeper = splitOff(inner as Record<string, unknown>, tail.join('.'));
  return { rest: { ...others, [head!]: deeper.rest }, value: deeper.value };
}

/** Does a property or variable name say its value is a credential? */
export const secretName = memoizeNames((name) => judgeName(name));

function judgeName(name: string): boolean {
  // PascalCase `*EncryptionKey` is a CloudFormation property naming a KMS key; `ENCRYPTION_KEY` in an environment is key material.
  if (NOT_SECRET_NAMES.has(name) || NOT_SECRET_SUFFIX.test(name) || /EncryptionKey$/.test(name)) return false;
  // Switches about a credential: ManageMasterUserPassword, GenerateSecret, RequireSymbols, EnableTokenRevocation.
  if (/^(?:Manage|Generate|Require|Enable|Disable|Rotate|Exclude|Include|Allow|Prevent|Reset)[A-Z]/.test(name)) return false;
  // IAM condition keys (`token.actions.githubusercontent.com:sub`, `aws:SecureTransport`) name request context, not credentials.
  if (name.includes(':')) return false;
  return looksLikeSecretName(name);
}

/**
 * Values that hold no credential although their name says one: innocuous
 * values (secrets.ts), parameter/file paths, key ids and aliases, UUIDs,
 * token lifetime units, and written placeholders that are obviously not a
 * password (`<password>`, `****`, `${VAR}`, `$(command)`, `%VAR%`).
 * A plausible default such as `changeme` IS a credential: it deploys.
 */
function notACredential(value: string): boolean {
  const v = value.trim();
  if (isInnocuousValue(v) || isPathReference(v) || publicKeyShape(v)) return true;
  if (KEY_NAME_VALUE.test(v)) return true;
  if (/^(?:milli)?(?:seconds|minutes|hours|days)$/i.test(v)) return true;
  // `{password}`, `[token]`: a placeholder. A JSON document (quotes, a colon) is judged entry by entry instead
  // (settingsDocumentWithoutCredential): `{"password": "…"}` holds one.
  if (/^<[^<>]*>$|^\{[^{}"':]*\}$|^\[[^[\]"':]*\]$/.test(v)) return true;
  if (/^([*xX.#_-])\1*$/.test(v)) return true;
  // A variable, also escaped for the shell that writes it into a config file (`\$db_password`); a Data
  // Pipeline expression (`#{*myRdsPassword}`) reads a pipeline parameter, judged where its value is given.
  if (/^\\?[$%@]/.test(v) || /\$\{|\$\(|\{\{|#\{/.test(v)) return true;
  return false;
}

/** A literal string under a credential name: its class, or undefined when it holds no credential. */
function classifyNamed(name: string, value: string): ValueClass | undefined {
  const length = value.length;
  const shape = tokenShape(value);
  if (shape && !publicKeyShape(value)) return { kind: 'secret', reason: `value looks like a ${shape}`, length };
  const store = secretStoreReference(value);
  if (store) return { kind: 'store-reference', store, length };
  if (plainSsmReference(value)) return { kind: 'plain-ssm-reference', length };
  if (notACredential(value) || identifierUnderName(name, value) || connectionStringWithoutPassword(name, value) || settingsDocumentWithoutCredential(value)) return undefined;
  return { kind: 'secret', reason: `name '${name}' says it holds a credential and its value is a literal`, length };
}

/** Fields of a database secret (the shape RDS and CDK write) that are not the credential. */
const NOT_CREDENTIAL_FIELDS = new Set(['username', 'user', 'host', 'port', 'dbname', 'engine', 'dbinstanceidentifier', 'dbclusteridentifier', 'masterarn']);

/**
 * The store of the first dynamic reference in `text` that fetches a credential: any ssm-secure
 * parameter; a Secrets Manager secret unless its JSON key is a non-secret field
 * (`{{resolve:secretsmanager:db:SecretString:username}}` and `{{resolve:secretsmanager:db::username}}`
 * are the user name).
 */
function referencedCredential(text: string): 'secretsmanager' | 'ssm-secure' | undefined {
  if (!text.includes('{{resolve:')) return undefined;
  for (const m of text.matchAll(/\{\{resolve:(secretsmanager|ssm-secure):([^}]*)\}\}/g)) {
    if (m[1] === 'ssm-secure') return 'ssm-secure';
    const parts = m[2]!.split(':');
    // `secret-id:SecretString:json-key:…`, or with the SecretString slot left empty (`secret-id::json-key`).
    const named = parts.indexOf('SecretString');
    const at = named >= 0 ? named : parts.indexOf('');
    const field = at >= 0 ? parts[at + 1] : undefined;
    if (!field || !NOT_CREDENTIAL_FIELDS.has(field.toLowerCase())) return 'secretsmanager';
  }
  return undefined;
}

/** Keys of descriptive text: token shapes still count in them, `name = value` phrases do not. */
const PROSE_KEYS = /(?:Description|Comment|Message|Subject|Body|Title|Summary|Notes?)$/;

/** `NAME=value` assignments (shell, env files, URL queries, ini) and `"name": "value"` / `name: value` (JSON, YAML). */
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.$[])(?:export\s+|set\s+|ENV\s+)?(?:env\[)?(["']?)([A-Za-z_][A-Za-z0-9_.-]{0,80})\1\]?[ \t]*(=|:)[ \t]*(?:"([^"\n]{0,512})"|'([^'\n]{0,512})'|([^\s"',;)}\]&]{1,512}))/g;
/** `secrets-manager:` / `parameter-store:` and the more-indented lines under it (the block's header is kept). */
const BUILDSPEC_STORE_BLOCK = /^([ \t]*)((?:secrets-manager|parameter-store):[ \t]*\n)(?:\1[ \t]+\S.*(?:\n|$))*/gm;
/** PHP `define('DB_PASSWORD', 'value')`, as wp-config.php writes credentials. */
const PHP_DEFINE = /define\(\s*['"]([A-Za-z_][A-Za-z0-9_]{0,80})['"]\s*,\s*['"]([^'"\n]{0,512})['"]\s*\)/g;
/**
 * A variable set by a space-separated directive: Apache `SetEnv NAME value`, nginx `fastcgi_param NAME value`,
 * a Dockerfile's `ENV NAME value`, Windows `setx NAME value`, or .NET/PowerShell
 * `[Environment]::SetEnvironmentVariable('NAME', 'value')`. The name must say credential (judgeAssigned).
 */
const DIRECTIVE =
  /(?<![\w-])(?:SetEnv|setenv|fastcgi_param|uwsgi_param|ENV|setx|SETX)[ \t]+([A-Za-z_][A-Za-z0-9_.-]{0,80})[ \t]+(?:"([^"\n]{0,512})"|'([^'\n]{0,512})'|([^\s"';]{1,512}))|SetEnvironmentVariable\([ \t]*['"]([A-Za-z_][A-Za-z0-9_.-]{0,80})['"][ \t]*,[ \t]*(?:"([^"\n]{0,512})"|'([^'\n]{0,512})')/g;
/**
 * A PowerShell or PHP variable given a quoted literal (`$AdminPassword = 'x'`, `$db_password = "x";`); only
 * quoted values (a bare one is code), double-quoted ones without `$` in them (PowerShell and PHP interpolate).
 */
const SIGIL_ASSIGNMENT = /(?<![\w$:])\$([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]*=[ \t]*(?:"([^"\n$`]{1,512})"|'([^'\n]{1,512})')/g;

/** A quoted or bare literal after a command-line option (the value group is the first one that matched). */
const ARG = String.raw`(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"'\x60;|&)]{1,512}))`;
const QUOTED = String.raw`(?:"([^"\n]{1,512})"|'([^'\n]{1,512})')`;

/**
 * Credentials given on a command line or in SQL inside script text (user data, cfn-init commands,
 * buildspecs), where no `NAME=value` says so: a credential option (`--db-password 'x'`,
 * `--api-key=x`), the `password '…'` argument (tmsh, mysqladmin), MySQL's `-pSECRET`, SQL's
 * `IDENTIFIED BY '…'` / `WITH PASSWORD '…'`, `chpasswd` and `passwd --stdin`, Windows `net user
 * NAME PASS /add`, PowerShell `ConvertTo-SecureString '…' -AsPlainText`, `sshpass -p`, `docker login
 * -p`, `htpasswd -b`. Values that are variables or placeholders (`$PW`, `%PW%`, `${Pw}`, `<pw>`, `*`)
 * are not literals (notACredential); a value filled in at deploy time is judged as a NoEcho site.
 * `hint`: text (lower case) that every match contains, one of them for a list: text without it is
 * not searched (most text is not a command line; a case-insensitive pattern matches ASCII letters only
 * in their ASCII cases, so the lower-cased text holds the hint wherever the pattern matches).
 */
const COMMAND_CREDENTIALS: { name: string; hint: string | string[]; re: RegExp }[] = [
  { name: '--password', hint: '--', re: new RegExp(String.raw`(?<![\w-])--(?:[a-z0-9]+-)*(?:password|passwd|pass|passphrase|secret|token|api-?key|access-?key|secret-?key)(?:[ \t]+|=)` + ARG, 'gi') },
  // Java-style single-dash options (a Jenkins agent's `-secret`, `-password`, OpenSSL's `-pass pass:…`).
  { name: '-secret', hint: ['-secret', '-pass', '-token', '-api'], re: new RegExp(String.raw`(?<![\w-])-(?:secret|password|passwd|pass|token|api-?key)(?:[ \t]+|=)` + ARG, 'gi') },
  { name: 'password', hint: ['pass', 'identified'], re: new RegExp(String.raw`(?<![\w-])(?:password|passwd|identified[ \t]+by)[ \t]+` + QUOTED, 'gi') },
  { name: 'mysql -p', hint: 'mysql', re: new RegExp(String.raw`\bmysql(?:admin|dump)?\b[^\n|;&]{0,200}?[ \t]-p` + ARG, 'g') },
  { name: 'chpasswd', hint: 'chpasswd', re: new RegExp(String.raw`\becho[ \t]+(?:-[a-z]+[ \t]+)?["']?[^\s:"']+:([^\s"']{1,512})["']?[ \t]*\|[ \t]*(?:sudo[ \t]+)?chpasswd\b`, 'gi') },
  { name: 'passwd --stdin', hint: '--stdin', re: new RegExp(String.raw`\becho[ \t]+(?:-[a-z]+[ \t]+)?` + ARG + String.raw`[ \t]*\|[ \t]*(?:sudo[ \t]+)?passwd[ \t]+--stdin\b`, 'gi') },
  // `net user NAME PASS` sets an existing account's password (`/add` creates one); `/active:yes`, `*` (prompt) and a lone name are not passwords.
  { name: 'net user', hint: 'net', re: new RegExp(String.raw`\bnet[ \t]+user[ \t]+(?!/)(?:"[^"\n]{1,256}"|[^\s"'/]{1,256})[ \t]+(?!/)` + ARG + String.raw`(?=[ \t]|\r|\n|$)`, 'gi') },
  // The string before `-AsPlainText`, or after it (`-AsPlainText -Force -String 'x'`, `-AsPlainText 'x' -Force`).
  { name: 'ConvertTo-SecureString', hint: 'convertto-securestring', re: new RegExp(String.raw`\bConvertTo-SecureString[ \t]+(?:(?:-String[ \t]+)?` + QUOTED + String.raw`[^\n]{0,200}?-AsPlainText\b|(?:-(?:AsPlainText|Force)[ \t]+)+(?:-String[ \t]+)?` + QUOTED + ')', 'gi') },
  { name: 'sshpass -p', hint: 'sshpass', re: new RegExp(String.raw`\bsshpass[ \t]+-p[ \t]*` + ARG, 'g') },
  { name: 'docker login -p', hint: 'docker', re: new RegExp(String.raw`\bdocker[ \t]+login\b[^\n|;&]{0,200}?[ \t]-p[ \t]+` + ARG, 'g') },
  { name: 'htpasswd -b', hint: 'htpasswd', re: new RegExp(String.raw`\bhtpasswd[ \t]+-[a-zA-Z]*b[a-zA-Z]*[ \t]+\S+[ \t]+\S+[ \t]+` + ARG, 'g') },
];

export function scanResource(decl: Record<string, unknown>, ctx: ScanContext): SecretSite[] {
  const sites: SecretSite[] = [];
  // The path of the node being read, kept as a stack of steps (a key: `.key`; an index: `[i]`) under a root
  // and written out only when a site is recorded: most nodes hold no site, and a string per node is most
  // of what this walk would otherwise allocate.
  let root = '';
  const steps: (string | number)[] = [];
  const here = (): string => {
    let p = root;
    for (const step of steps) p += typeof step === 'number' ? `[${step}]` : `.${step}`;
    return p;
  };
  // What was left unread, once each (the first place of each kind): recorded after the walk as a `not-read` site.
  const unread = new Map<'text' | 'depth' | 'sites' | 'values', string>();
  /** Past MAX_SITES nothing more is recorded or walked: noted once, where it happened. */
  const capReached = (): boolean => {
    if (sites.length < MAX_SITES) return false;
    if (!unread.has('sites')) unread.set('sites', `more than ${MAX_SITES} credential-named places; what follows ${here()} is not read`);
    return true;
  };
  const add = (s: SecretSite) => {
    if (sites.some((x) => x.path === s.path && x.name === s.name) || capReached()) return;
    sites.push(s);
  };

  /** Judge written text: credential shapes anywhere, and `NAME=value` assignments where NAME says credential. */
  const scanText = (whole: string, holes: boolean, key: string, cut = false) => {
    if ((cut || whole.length > MAX_TEXT) && !unread.has('text'))
      unread.set('text', `the text at ${here()} is longer than ${MAX_TEXT.toLocaleString('en-US')} characters and only its first part was read`);
    const text = whole.length > MAX_TEXT ? whole.slice(0, MAX_TEXT) : whole;
    // A filled-in piece never completes a token or a URL's userinfo (`://user:${Pw}@host`): test shapes with
    // each hole as `/`, which no token and no userinfo contains, but a host part may.
    const shape = tokenShape(holes ? text.split(HOLE).join('/') : text);
    if (shape && !publicKeyShape(text)) add({ path: here(), name: key, value: { kind: 'secret', reason: `value looks like a ${shape}`, length: text.length } });
    // A dynamic reference inside text that is not a credential property (user data, a file, a header, a
    // definition): CloudFormation resolves it at deploy time and the plain value is stored there.
    const store = referencedCredential(text);
    if (store) add({ path: here(), name: key, value: { kind: 'store-reference', store, length: text.length }, resolvedInto: 'text' });
    if (PROSE_KEYS.test(key) || text.length < 6) return;
    if (text.includes('=') || /:[ \t]|["']:/.test(text)) {
      // A buildspec's `env: secrets-manager:` / `parameter-store:` blocks map variables to secret ids, not values.
      const body = text.includes('secrets-manager:') || text.includes('parameter-store:') ? text.replace(BUILDSPEC_STORE_BLOCK, '$1$2') : text;
      for (const m of body.matchAll(ASSIGNMENT)) {
        const [, , name, sep, dq, sq, bare] = m;
        const value = dq ?? sq ?? bare ?? '';
        // `name: value` only where a key starts a line (YAML, with a space after the colon) or is quoted (JSON):
        // not in prose ("note: the password is...").
        if (sep === ':' && !m[1] && (!/:[ \t]/.test(m[0]) || !/(?:^|\n)[ \t]*(?:-[ \t]*)?$/.test(body.slice(0, m.index! + m[0].indexOf(name!))))) continue;
        // A bare identifier with more code after it on the line is a variable (`key = await fetchKey()`), not a value.
        // A shell assignment (`PGPASSWORD=x psql …`, `docker run -e DB_PASSWORD=x app`) has no space around `=`
        // and its value is a word whatever follows.
        const shellWord = sep === '=' && !/[ \t]=|=[ \t]/.test(m[0]);
        if (bare !== undefined && !shellWord && /^[A-Za-z_$][\w$]*$/.test(bare)) {
          const rest = body.slice(m.index! + m[0].length, body.indexOf('\n', m.index! + m[0].length) >>> 0).trim();
          if (rest !== '' && !/^[;&#,)}\]|\\]/.test(rest)) continue;
        }
        judgeAssigned(name!, value, dq === undefined && sq === undefined);
      }
    }
    if (text.includes('define(')) for (const m of text.matchAll(PHP_DEFINE)) judgeAssigned(m[1]!, m[2]!, false);
    if (text.includes('$')) for (const m of text.matchAll(SIGIL_ASSIGNMENT)) judgeAssigned(m[1]!, m[2] ?? m[3]!, false);
    const lower = text.toLowerCase();
    if (lower.includes('setenv') || lower.includes('_param') || lower.includes('setx') || text.includes('ENV '))
      for (const m of text.matchAll(DIRECTIVE)) {
        if (m[1] !== undefined) judgeAssigned(m[1], m[2] ?? m[3] ?? m[4] ?? '', m[4] !== undefined);
        else judgeAssigned(m[5]!, m[6] ?? m[7] ?? '', false);
      }
    for (const { name, hint, re } of COMMAND_CREDENTIALS) {
      if (typeof hint === 'string' ? !lower.includes(hint) : !hint.some((h) => lower.includes(h))) continue;
      for (const m of text.matchAll(re)) {
        const value = m.slice(1).find((g) => g !== undefined) ?? '';
        if (value === '' || value.includes(HOLE) || value.startsWith('-') || notACredential(value) || tokenShape(value)) continue;
        add({ path: here(), name, value: { kind: 'secret', reason: `a credential is given as a literal on a command line (${name})`, length: value.length } });
        break;
      }
    }
  };

  const judgeAssigned = (name: string, value: string, bare: boolean) => {
    if (!secretName(name) || value.includes(HOLE) || value === '') return;
    // Unquoted code is an expression, not a literal: os.environ['X'], getenv("X"), process.env.X, self.token.
    if (bare && (/[([]/.test(value) || /^(?:os|process|self|this|config|settings|env|args?)\./.test(value) || /^(?:None|null|nil|undefined|true|false)$/.test(value))) return;
    // Member access (`req.body.password`, `config.db.password`): code reading a value, not one.
    if (bare && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) && !/\.(?:com|net|org|io|internal|local)$/.test(value)) return;
    if (tokenShape(value)) return; // already reported by the shape test of the whole text
    const c = classifyNamed(name, value);
    if (c && c.kind === 'secret') add({ path: here(), name, value: { kind: 'secret', reason: `'${name}' is assigned a literal`, length: value.length } });
  };

  /**
   * A CloudFormation property meant for the credential (MasterUserPassword, AuthToken, ApiKey): a PascalCase
   * credential name at its own path. A variable's name is not one: a Name/Value entry, or a key of a map of
   * variables (`Environment: { DbPassword: … }` of a SageMaker model, `DefinitionSubstitutions`), however it
   * is cased: the value is written into the variable as plain text.
   */
  const credentialField = (key: string): boolean => {
    if (!(here().endsWith(`.${key}`) || credentialProperty) || !/^[A-Z][A-Za-z0-9]*$/.test(key) || !secretName(key)) return false;
    const parent = steps.length >= 2 ? steps[steps.length - 2] : undefined;
    return !(typeof parent === 'string' && VARIABLE_MAPS.has(parent));
  };

  /** A string value under `key`. `holes`: parts are filled in at deploy time (Fn::Sub, Fn::Join). */
  const judgeString = (text: string, holes: boolean, key: string, cut = false) => {
    if (text === '') return;
    const store = secretStoreReference(text);
    if (store && secretName(key)) {
      add({ path: here(), name: key, value: { kind: 'store-reference', store, length: text.length }, ...(credentialField(key) ? {} : { resolvedInto: 'variable' as const }) });
      return;
    }
    if (!holes && secretName(key)) {
      const c = classifyNamed(key, text);
      if (c) {
        add({ path: here(), name: key, value: c });
        return;
      }
    }
    // cfn-init and CDK write user data as base64 literals now and then.
    if (!holes && /UserData$/.test(key) && text.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0) {
      const decoded = Buffer.from(text, 'base64').toString('utf8');
      if (!/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded)) return scanText(decoded, false, key);
    }
    scanText(text, holes, key, cut);
  };

  /**
   * Judge one text a Fn::Sub / Fn::Join builds (built-text.ts: its literal fragments and the parameters
   * it takes in, through any nesting of Base64 / Join / Sub / If / Select).
   */
  const judgeBuilt = (t: BuiltText, key: string, fn: string) => {
    const literal = t.text.split(HOLE).join('').trim() !== '';
    // A parameter inside a dynamic reference (`{{resolve:secretsmanager:${TokenSecret}}}`) names the secret; CloudFormation
    // resolves it at deploy time (fixAH): only parameters outside one count.
    const masked = ctx.noEcho?.size ? t.parameters.find((p) => ctx.noEcho!.has(p.parameter) && !p.inReference) : undefined;
    // A NoEcho parameter written into text with other text around it: the text is stored and shown in plain.
    if (masked && literal) {
      const at = nameBefore(masked.before);
      add({ path: here(), name: key, value: { kind: 'noecho-in-text', parameter: masked.parameter, ...(at ? { after: at } : {}) } });
    }
    // Wholly filled in at deploy time: not a literal.
    if (t.holes && !literal && secretName(key)) add({ path: here(), name: key, value: { kind: 'computed', expression: fn } });
    else if (masked && !literal) add({ path: here(), name: key, value: { kind: 'noecho-ref', parameter: masked.parameter } });
    else judgeString(t.text, t.holes, key, t.cut);
  };

  /** True while a CREDENTIAL_PROPERTIES property is read under its credential name. */
  let credentialProperty = false;
  /** `Fn::GetAtt` of a template resource's credential attribute, as a site value. */
  const secretAttributeOf = (arg: unknown): SecretSite['value'] | undefined => {
    const parts = typeof arg === 'string' ? [arg.slice(0, Math.max(0, arg.indexOf('.'))), arg.slice(arg.indexOf('.') + 1)] : Array.isArray(arg) ? arg : [];
    const [id, attr] = parts;
    if (typeof id !== 'string' || typeof attr !== 'string' || !ctx.resourceTypes?.has(id)) return undefined;
    const type = ctx.resourceTypes.get(id);
    if (type === undefined) return undefined;
    // An AWS type returns a credential only where its reference says so (SECRET_ATTRIBUTES: `MasterUserSecret.SecretArn`
    // is an ARN); a custom resource's attributes are read by name (`Password`, `Token`).
    const custom = type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
    if (!custom && !SECRET_ATTRIBUTES[type]) return undefined;
    return isSecretAttribute(type, attr) ? { kind: 'secret-attribute', resource: id, type, attribute: attr } : undefined;
  };
  /** Credential attributes a Fn::Sub template (`${Id.Attr}`) or a Fn::Join list (`Fn::GetAtt` items) builds into text. */
  const secretAttributesInText = (fn: string, arg: unknown): SecretSite['value'][] => {
    if (!ctx.resourceTypes?.size) return [];
    const out: SecretSite['value'][] = [];
    if (fn === 'Fn::Sub') {
      const tpl = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
      if (tpl && tpl.includes('${'))
        for (const m of tpl.slice(0, MAX_TEXT).matchAll(/\$\{(?!!)([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g)) {
          const att = secretAttributeOf([m[1], m[2]]);
          if (att) out.push(att);
        }
    } else if (Array.isArray(arg) && Array.isArray(arg[1]))
      for (const part of arg[1] as unknown[]) {
        const getAtt = part && typeof part === 'object' && !Array.isArray(part) ? (part as Record<string, unknown>)['Fn::GetAtt'] : undefined;
        const att = getAtt !== undefined ? secretAttributeOf(getAtt) : undefined;
        if (att) out.push(att);
      }
    return out;
  };
  /** `inList`: `node` is an item of a list, where a `Fn::If` may stand for a name/value entry. */
  const walk = (node: unknown, key: string, depth: number, inList = false): void => {
    if (capReached()) return;
    // Past MAX_DEPTH a string is still read (no deeper walk follows it); an object or list is not.
    if (depth > MAX_DEPTH && node !== null && typeof node === 'object') {
      if (!unread.has('depth')) unread.set('depth', `${here()} is nested more than ${MAX_DEPTH} levels deep and is not read`);
      return;
    }
    if (typeof node === 'string') return judgeString(node, false, key);
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        const entry = nameValueEntry(item);
        steps.push(i);
        if (entry) {
          steps.push(entry.valueKey);
          walk(entry.value, entry.name, depth + 1);
          steps.pop();
        } else walk(item, key, depth + 1, true);
        steps.pop();
      }
      return;
    }
    const o = node as Record<string, unknown>;
    // The first key and whether it is the only one, without an array of keys per node (`for…in` visits a
    // plain object's own keys in Object.keys order: a parsed template's objects inherit none).
    let only: string | undefined;
    let count = 0;
    for (const k in o) {
      if (++count > 1) break;
      only = k;
    }
    if (count === 1 && (only === 'Ref' || only!.startsWith('Fn::'))) {
      const fn = only!;
      const arg = o[fn];
      if (fn === 'Ref') {
        // A Ref names a parameter or resource with a string; anything else (a hostile object) names nothing.
        const name = typeof arg === 'string' ? arg : '(not a name)';
        if (!secretName(key)) {
          if (ctx.noEcho?.has(name) && ctx.parameters.has(name)) add({ path: here(), name: key, value: { kind: 'noecho-ref', parameter: name } });
          return;
        }
        if (ctx.parameters.has(name)) add({ path: here(), name: key, value: { kind: 'parameter', parameter: name } });
        else add({ path: here(), name: key, value: { kind: 'computed', expression: `Ref ${name}` } });
        return;
      }
      if (fn === 'Fn::If' && Array.isArray(arg) && arg.length === 3) {
        const c = typeof arg[0] === 'string' ? ctx.condition(arg[0]) : undefined;
        // A list item under a condition (`!If [HasKey, { Name, Value }, !Ref AWS::NoValue]`) is still a
        // name/value entry: its value is judged under the entry's name, as an unconditional item is.
        const branch = (b: unknown) => {
          const entry = inList ? nameValueEntry(b) : undefined;
          if (!entry) return walk(b, key, depth + 1);
          steps.push(entry.valueKey);
          walk(entry.value, entry.name, depth + 1);
          steps.pop();
        };
        if (c !== false) branch(arg[1]);
        if (c !== true) branch(arg[2]);
        return;
      }
      if (fn === 'Fn::Sub' || fn === 'Fn::Join') {
        // Credential attributes of other resources built into the text (`Bearer ${Accessor.BillingToken}`).
        for (const att of secretAttributesInText(fn, arg)) add({ path: here(), name: key, value: att, resolvedInto: 'text' });
        // A Sub's variables are read under their own names too (`{ DbPassword: 'literal' }`).
        const vars = fn === 'Fn::Sub' && Array.isArray(arg) ? arg[1] : undefined;
        if (vars && typeof vars === 'object' && !Array.isArray(vars))
          for (const [k, v] of Object.entries(vars as Record<string, unknown>)) {
            steps.push(k);
            walk(v, k, depth + 1);
            steps.pop();
          }
        const texts = builtTexts(node, ctx);
        if (texts) for (const t of texts) judgeBuilt(t, key, fn);
        else if (fn === 'Fn::Join' && Array.isArray(arg)) walk(arg[1], key, depth + 1);
        return;
      }
      // A literal list: the item a literal index picks is written here, as is each item an index from elsewhere may pick.
      if (fn === 'Fn::Select' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
        const list = arg[1] as unknown[];
        const i = typeof arg[0] === 'number' ? arg[0] : typeof arg[0] === 'string' && /^\d+$/.test(arg[0]) ? Number(arg[0]) : undefined;
        if (i === undefined) {
          if (list.length > MAX_SELECT_ITEMS && !unread.has('values')) unread.set('values', `${here()} selects from ${list.length} items by an index not written here; those past ${MAX_SELECT_ITEMS} are not read`);
          for (const x of list.slice(0, MAX_SELECT_ITEMS)) walk(x, key, depth + 1);
        }
        else if (Number.isInteger(i) && i < list.length) walk(list[i], key, depth + 1);
        return;
      }
      if (fn === 'Fn::Base64' || fn === 'Fn::ToJsonString' || fn === 'Fn::Transform') return walk(arg, key, depth + 1);
      // A value pulled from the Mappings is text written in this template: judged as if written here.
      if (fn === 'Fn::FindInMap' && ctx.mappings) {
        const found = mapValues(arg, ctx.mappings);
        if (found?.cut && !unread.has('values')) unread.set('values', `${here()} may take more than ${MAX_MAP_VALUES} values from the Mappings; those past it are not read`);
        const values = found?.values;
        if (values && values.length) {
          const before = sites.length;
          for (const v of values) walk(v, key, depth + 1);
          if (sites.length > before) return;
        }
      }
      // A credential attribute of another resource: the plain value lands here at deploy time.
      if (fn === 'Fn::GetAtt') {
        const att = secretAttributeOf(arg);
        if (att) {
          add({ path: here(), name: key, value: att, ...(credentialField(key) ? {} : { resolvedInto: 'variable' as const }) });
          return;
        }
      }
      // Fn::GetAtt, Fn::ImportValue, Fn::FindInMap, Fn::Select, Fn::GetAZs...: the value is not written here.
      if (secretName(key)) add({ path: here(), name: key, value: { kind: 'computed', expression: fn } });
      return;
    }
    for (const k in o) {
      steps.push(k);
      walk(o[k], k, depth + 1);
      steps.pop();
    }
  };

  // Properties that hold a credential under a name that does not say so: read under the name that does (and
  // only so: a dynamic reference there is the property's own value, not one resolved into text).
  const renamed = CREDENTIAL_PROPERTIES[String(decl.Type)] ?? [];
  const props = decl.Properties && typeof decl.Properties === 'object' && !Array.isArray(decl.Properties) ? (decl.Properties as Record<string, unknown>) : undefined;
  let rest: unknown = decl.Properties;
  const credentials: [string, string, unknown][] = [];
  if (props)
    for (const [prop, as] of renamed) {
      const split = splitOff(rest as Record<string, unknown>, prop);
      rest = split.rest;
      if (split.value !== undefined) credentials.push([prop, as, split.value]);
    }
  root = 'Properties';
  walk(rest, '', 0);
  credentialProperty = true;
  for (const [prop, as, value] of credentials) {
    root = `Properties.${prop}`;
    walk(value, as, 0);
  }
  credentialProperty = false;
  const meta = decl.Metadata;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    for (const k of ['AWS::CloudFormation::Init', 'AWS::CloudFormation::Authentication']) {
      const v = (meta as Record<string, unknown>)[k];
      if (v !== undefined) {
        root = `Metadata.${k}`;
        walk(v, k, 0);
      }
    }
  }
  if (unread.size) sites.push({ path: 'Properties', name: '', value: { kind: 'not-read', reason: [...unread.values()].join('; ') } });
  return sites;
}

/**
 * Properties whose value is a map of variables named by their keys (environment variables, substitutions,
 * job arguments, connection or configuration properties): a credential-named key there is a variable's
 * name, never a CloudFormation property meant for a credential.
 */
const VARIABLE_MAPS = new Set([
  'Environment', 'Variables', 'EnvironmentVariables', 'DefinitionSubstitutions', 'Arguments', 'DefaultArguments', 'NonOverridableArguments',
  'ConnectionProperties', 'AirflowConfigurationOptions', 'ConfigurationProperties', 'Tags', 'Labels', 'Headers',
]);

/**
 * Name/value list entries, the value judged under the entry's name: `{ Name, Value }`, `{ Key, Value }` (tags),
 * `{ Namespace, OptionName, Value }` (Elastic Beanstalk), `{ ParameterKey, ParameterValue }`, and the rarer
 * pairs of the CloudFormation schema (Data Pipeline fields, origin headers, Firehose attributes). Maps
 * (`DefaultArguments`, `Environment.Variables`, `ConnectionProperties`) need none: their keys are the names.
 */
function nameValueEntry(item: unknown): { name: string; value: unknown; valueKey: string } | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const o = item as Record<string, unknown>;
  for (const [nk, vk] of [
    ['OptionName', 'Value'],
    ['Name', 'Value'],
    ['name', 'value'],
    ['Key', 'Value'],
    ['key', 'value'],
    ['ParameterKey', 'ParameterValue'],
    ['ParameterName', 'ParameterValue'],
    // Lightsail container environment entries.
    ['Variable', 'Value'],
    // Data Pipeline object fields (`{ Key: '*password', StringValue }`) and parameter values (`{ Id, StringValue }`).
    ['Key', 'StringValue'],
    ['Id', 'StringValue'],
    // CloudFront origin custom headers, Firehose HTTP endpoint request attributes: sent with every request.
    ['HeaderName', 'HeaderValue'],
    ['AttributeName', 'AttributeValue'],
  ] as const) {
    if (typeof o[nk] === 'string' && vk in o) return { name: o[nk] as string, value: o[vk], valueKey: vk };
  }
  return undefined;
}

/**
 * `Fn::GetAtt` attributes that the CloudFormation reference documents as returning a secret value (not an ARN
 * or an id), by resource type. A type listed here is judged by its list only; any other type (a custom resource,
 * a type not listed) by the attribute's name (`Password`, `Token`).
 */
export const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  /** The secret half of an IAM user's access key pair. */
  'AWS::IAM::AccessKey': ['SecretAccessKey'],
  /** The stream key (`sk_…`): whoever holds it can broadcast on the channel. */
  'AWS::IVS::StreamKey': ['Value'],
  /** The RTMP(S) ingest key of an IVS real-time stage participant: whoever holds it can publish to the stage. */
  'AWS::IVS::IngestConfiguration': ['StreamKey'],
  /** The app client secret (GenerateSecret: true), which authenticates the client to the user pool. */
  'AWS::Cognito::UserPoolClient': ['ClientSecret'],
  /** An AppSync API key; the secrets-encrypted rules treat it as a client key (rules/secrets-encrypted/_stack-sites.ts). */
  'AWS::AppSync::ApiKey': ['ApiKey'],
  /**
   * An AMB Access accessor's billing token: it authenticates calls to the Ethereum / Polygon endpoints
   * (CloudFormation reference, AWS::ManagedBlockchain::Accessor return values; AMB Access guide, "Accessor tokens").
   */
  'AWS::ManagedBlockchain::Accessor': ['BillingToken'],
  /**
   * A Route 53 Global Resolver access token: it authenticates DNS-over-HTTPS / DNS-over-TLS clients of a DNS view
   * (CloudFormation reference, AWS::Route53GlobalResolver::AccessToken; GetAccessToken returns it as `value`).
   */
  'AWS::Route53GlobalResolver::AccessToken': ['Value'],
};

/** Does `Fn::GetAtt <resource of type>.<attr>` return a secret value? */
export function isSecretAttribute(type: string | undefined, attr: string): boolean {
  const listed = type !== undefined ? SECRET_ATTRIBUTES[type] : undefined;
  return listed ? listed.includes(attr) : secretName(attr);
}

/**
 * Credential attributes of resources that the template's Outputs publish:
 * `Fn::GetAtt Key.SecretAccessKey` (or `${Key.SecretAccessKey}` in a Fn::Sub, or either inside a
 * Fn::Join, Fn::If, …) in an output's Value. Outputs are shown in plain text in the console and the
 * API and can be imported by any stack of the account. `resources` maps each logical id to its type;
 * the result is keyed by the resource's logical id.
 */
export function publishedSecrets(outputs: unknown, resources: ReadonlyMap<string, string | undefined>): Map<string, SecretSite[]> {
  const out = new Map<string, SecretSite[]>();
  if (!outputs || typeof outputs !== 'object' || Array.isArray(outputs)) return out;
  const note = (output: string, lid: string, attr: string) => {
    if (!resources.has(lid) || !isSecretAttribute(resources.get(lid), attr)) return;
    const list = out.get(lid) ?? [];
    const path = `Outputs.${output}.Value`;
    if (!list.some((s) => s.path === path && s.name === attr)) list.push({ path, name: attr, value: { kind: 'published', output } });
    out.set(lid, list);
  };
  const walk = (output: string, node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(output, n, depth + 1));
    const o = node as Record<string, unknown>;
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') note(output, getAtt[0], getAtt[1]);
    else if (typeof getAtt === 'string' && getAtt.includes('.')) note(output, getAtt.slice(0, getAtt.indexOf('.')), getAtt.slice(getAtt.indexOf('.') + 1));
    const sub = o['Fn::Sub'];
    const tpl = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    if (tpl) for (const m of tpl.matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g)) note(output, m[1]!, m[2]!);
    for (const v of Object.values(o)) walk(output, v, depth + 1);
  };
  for (const [name, decl] of Object.entries(outputs as Record<string, unknown>)) {
    if (decl && typeof decl === 'object' && !Array.isArray(decl)) walk(name, (decl as Record<string, unknown>).Value, 0);
  }
  return out;
}

/**
 * Parameters that the template's Outputs publish: `Ref Param`, `${Param}` in a Fn::Sub (not a name the
 * Sub's own variable map defines), either inside a Fn::Join, Fn::If, …, in an output's Value. NoEcho masks
 * a parameter's value in the console and the API, but not the value of an output that carries it
 * (CloudFormation user guide, Parameters: "NoEcho … doesn't mask any information stored in … the Outputs
 * section"). Keyed by parameter name; the values are the output names, in template order.
 */
export function parametersInOutputs(outputs: unknown, parameters: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!outputs || typeof outputs !== 'object' || Array.isArray(outputs)) return out;
  const note = (output: string, name: string) => {
    if (!parameters.has(name)) return;
    const list = out.get(name) ?? [];
    if (!list.includes(output)) list.push(output);
    out.set(name, list);
  };
  const walk = (output: string, node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(output, n, depth + 1));
    const o = node as Record<string, unknown>;
    if (typeof o.Ref === 'string') note(output, o.Ref);
    const sub = o['Fn::Sub'];
    const tpl = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    const own = Array.isArray(sub) && sub[1] && typeof sub[1] === 'object' && !Array.isArray(sub[1]) ? sub[1] as Record<string, unknown> : {};
    // `${!Literal}` is written out as `${Literal}`, not substituted.
    if (tpl) for (const m of tpl.matchAll(/\$\{(?!!)\s*([A-Za-z0-9]+)\s*\}/g)) if (!Object.prototype.hasOwnProperty.call(own, m[1]!)) note(output, m[1]!);
    for (const v of Object.values(o)) walk(output, v, depth + 1);
  };
  for (const [name, decl] of Object.entries(outputs as Record<string, unknown>)) {
    if (decl && typeof decl === 'object' && !Array.isArray(decl)) walk(name, (decl as Record<string, unknown>).Value, 0);
  }
  return out;
}
