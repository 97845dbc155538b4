/**
 * Evidence integrity. Every run writes `manifest.json` beside its reports:
 * the SHA-256 of each file, the tool version, the rules' content hash and the
 * run id. With a signing key (Ed25519, PEM) the manifest carries a signature
 * over its canonical JSON (keys sorted, no whitespace, without `signature`).
 * `vouch verify` re-hashes the files and checks the signature.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceDocument } from '../findings/evidence.js';
import { InputError } from '../util/errors.js';
import { parseJsonAs } from '../util/json-file.js';
import { INPUT_LIMITS, readInputBytes, readInputText } from '../util/input-file.js';

export const MANIFEST_FILE = 'manifest.json';

export type { Manifest, ManifestFile } from '../schema/manifest.js';
import { manifestSchema, type Manifest } from '../schema/manifest.js';
import { byText } from './common.js';

/** JSON with object keys sorted at every level: the bytes that are signed. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export const sha256 = (data: string | Buffer | readonly Buffer[]) =>
  (typeof data === 'string' || Buffer.isBuffer(data) ? createHash('sha256').update(data) : data.reduce((h, part) => h.update(part), createHash('sha256'))).digest('hex');

/** Bytes of a file's data: text as UTF-8, or its bytes whole or in pieces. */
const byteLength = (data: string | Buffer | readonly Buffer[]) => (typeof data === 'string' || Buffer.isBuffer(data) ? Buffer.byteLength(data) : data.reduce((n, part) => n + part.length, 0));

function signedBytes(m: Manifest): Buffer {
  const { signature: _omit, ...rest } = m;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

export function buildManifest(doc: EvidenceDocument, files: { name: string; data: string | Buffer | readonly Buffer[] }[], signKey?: KeyObject, now = new Date()): Manifest {
  return manifestOf(
    doc,
    files.map((f) => ({ name: f.name, sha256: sha256(f.data), bytes: byteLength(f.data) })),
    signKey,
    now,
  );
}

/** The manifest of files already hashed (as `writeDirAtomically` hashes them while it writes them). */
export function manifestOf(doc: EvidenceDocument, files: readonly { name: string; sha256: string; bytes: number }[], signKey?: KeyObject, now = new Date()): Manifest {
  const m: Manifest = {
    manifestVersion: 1,
    tool: { name: 'vouch', version: doc.tool.version },
    rulesHash: doc.tool.rulesHash,
    runId: doc.run.id,
    createdAt: now.toISOString(),
    files: files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })).sort((a, b) => byText(a.name, b.name)),
  };
  if (signKey) {
    const publicKey = createPublicKey(signKey).export({ type: 'spki', format: 'pem' }).toString();
    m.signature = { algorithm: 'ed25519', publicKey, value: sign(null, signedBytes(m), signKey).toString('base64') };
  }
  return m;
}

function readKeyFile(flag: string, file: string): string {
  return readInputText(file, { maxBytes: INPUT_LIMITS.key, what: 'key file' }, `${flag} ${file}`);
}

/** `--sign-key FILE`: an Ed25519 private key in PEM (PKCS#8), e.g. from `openssl genpkey -algorithm ed25519`. */
export function loadSigningKey(file: string): KeyObject {
  const pem = readKeyFile('--sign-key', file);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new InputError(`--sign-key ${file}: not a PEM private key (expected an Ed25519 key: openssl genpkey -algorithm ed25519 -out key.pem)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError(`--sign-key ${file}: a ${key.asymmetricKeyType} key; vouch signs with Ed25519 only`);
  return key;
}

export function loadPublicKey(file: string): KeyObject {
  const pem = readKeyFile('--public-key', file);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new InputError(`--public-key ${file}: not a PEM public (or private) key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError(`--public-key ${file}: a ${key.asymmetricKeyType} key; vouch signs with Ed25519 only`);
  return key;
}

export interface VerifyResult {
  ok: boolean;
  /** One line per problem, each naming the file. */
  problems: string[];
  /** Files whose hash matched. */
  verified: string[];
  /** Entries in the directory the manifest does not cover: each is also a problem. */
  uncovered: string[];
  signature: 'valid' | 'invalid' | 'absent';
  /** Whose key checked the signature: the one given, or the one inside the manifest (integrity only). */
  keySource?: 'given' | 'embedded';
  manifest?: Manifest;
}

/**
 * manifest.json, checked against the one manifest schema (src/schema/manifest.ts,
 * the source of schema/manifest.schema.json); any problem is one line naming
 * the file and the field. The document itself is kept as read, unknown fields
 * included, so the signature covers exactly the bytes' content.
 */
function parseManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  const text = readInputText(file, { maxBytes: INPUT_LIMITS.manifest, what: 'manifest' });
  return parseJsonAs(text, file, manifestSchema, 'not a vouch manifest (manifestVersion 1 with files[{name, sha256}])', (m) => m.split('\n')[0]!) as Manifest;
}

/** Placeholder files a version-controlled output directory keeps (`reports/.gitkeep`); never reports. */
const PLACEHOLDERS = ['.gitkeep', '.gitignore'];

/**
 * An Ed25519 signature in canonical base64 and nothing else: Node's decoder
 * skips characters it does not know and stops at padding, so junk appended
 * to the value would otherwise still verify.
 */
function isStrictBase64Signature(v: unknown): boolean {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(v)) return false;
  return Buffer.from(v, 'base64').toString('base64') === v;
}

export function verifyDir(dir: string, publicKey?: KeyObject): VerifyResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dir}: not a directory`);
  const m = parseManifest(dir);
  const problems: string[] = [];
  const verified: string[] = [];
  for (const f of m.files) {
    const path = join(dir, f.name);
    let data: Buffer;
    try {
      // Bounded by the size the manifest states (a listed name swapped for /dev/zero or a FIFO must not hang verify).
      data = readInputBytes(path, { maxBytes: f.bytes, tooBig: () => `larger than the ${f.bytes} bytes the manifest lists` }, f.name);
    } catch (e) {
      problems.push(e instanceof InputError && !/no such file/.test(e.message) ? e.message : `${f.name}: missing`);
      continue;
    }
    if (sha256(data) !== f.sha256) problems.push(`${f.name}: changed since the run (SHA-256 ${sha256(data).slice(0, 16)}… ≠ manifest ${f.sha256.slice(0, 16)}…)`);
    else verified.push(f.name);
  }
  // Anything else in the directory was not written by this run (a forged report, a stale one of an earlier run).
  const covered = new Set([...m.files.map((f) => f.name), MANIFEST_FILE, ...PLACEHOLDERS]);
  const uncovered = readdirSync(dir).filter((n) => !covered.has(n)).sort();
  for (const n of uncovered) problems.push(`${n}: not listed in ${MANIFEST_FILE} (not written by this run: remove it, or verify a directory holding only the run's files)`);
  let signature: VerifyResult['signature'] = 'absent';
  let keySource: VerifyResult['keySource'];
  if (m.signature) {
    let key = publicKey;
    keySource = 'given';
    if (!key) {
      keySource = 'embedded';
      try {
        key = createPublicKey(m.signature.publicKey);
      } catch {
        key = undefined;
      }
    }
    let good = false;
    try {
      good =
        Boolean(key) &&
        isStrictBase64Signature(m.signature.value) &&
        verify(null, signedBytes(m), key!, Buffer.from(m.signature.value, 'base64'));
    } catch {
      good = false;
    }
    signature = good ? 'valid' : 'invalid';
    if (!good) problems.push(`${MANIFEST_FILE}: signature does not verify${keySource === 'given' ? ' with the given public key' : ''} (the manifest or the key changed)`);
  } else if (publicKey) {
    problems.push(`${MANIFEST_FILE}: not signed, but --public-key was given`);
  }
  return { ok: problems.length === 0, problems, verified, uncovered, signature, keySource, manifest: m };
}
