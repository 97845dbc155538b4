/**
 * Start-up of the bundled CLI (dist/cli/vouch.cjs) with a V8 code cache.
 *
 * Compiling the 3.6 MB bundle is about a third of every `vouch` run; V8 can
 * save the code it compiled and load it the next time instead. Node 20 has no
 * compile cache for modules (Node 22's `module.enableCompileCache`), so the
 * bundle is a CommonJS script run here the way Node's CommonJS loader runs
 * one (same wrapper and arguments), with the cache passed to `vm.Script`.
 *
 * The cache is an optimisation only, never a source of truth:
 * - its file name is keyed by the bundle's SHA-256 and the Node, V8 and CPU
 *   architecture it was made for, so a rebuilt bundle or another Node never
 *   reads a stale one; V8 checks its own version and flags again on load. The
 *   build computes that SHA-256 once and hands it to the loader (hashing the
 *   2.9 MB bundle took a few ms of every run); the key then also holds the
 *   bundle file's size and modification time, so a bundle changed after the
 *   build (by hand, or a copy of another build) gets a key of its own;
 * - its first 32 bytes are the SHA-256 of the rest, checked before use: a
 *   truncated or damaged file is ignored (V8 would not check the payload);
 * - a file owned by neither the user nor root, or writable by group or
 *   others, is never read (compiled code runs as is: in a shared directory another user could
 *   plant one);
 * - it is written to a temporary file and renamed into place, so a reader sees
 *   a whole file or none; every failure to read or write it (a read-only
 *   install, a full disk) is ignored and the bundle compiles from source.
 * Where it lives: `dist/.code-cache/` of the install (beside the code it
 * caches, as trusted as that code, and removed with it), or the directory in
 * VOUCH_CODE_CACHE_DIR (made if its parent exists); VOUCH_CODE_CACHE_DIR=off
 * turns it off.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, type BigIntStats } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import vm from 'node:vm';

export const CODE_CACHE_ENV = 'VOUCH_CODE_CACHE_DIR';

/** Bumped when the file layout below changes. */
const LAYOUT = 'vouch-code-cache-1';
const PREFIX = 'vouch-cli-';
const SUFFIX = '.v8cache';
/** Cache files of other bundles (an earlier build, another Node) older than this are removed when a cache is written. */
const STALE_MS = 24 * 3600 * 1000;

/** The cache directory: VOUCH_CODE_CACHE_DIR if set (`off`, `0`, `false` or empty: no cache), else `defaultDir`. */
export function codeCacheDir(env: NodeJS.ProcessEnv, defaultDir: string): string | undefined {
  const v = env[CODE_CACHE_ENV];
  if (v === undefined) return defaultDir;
  if (['', 'off', '0', 'false'].includes(v.trim().toLowerCase())) return undefined;
  return resolve(v);
}

/**
 * What a cache is made for: the command word of the arguments (`check`, `scan`), else `other`. A
 * cache holds the code its first run compiled, so each command gets its own: `vouch check` never
 * loads one made by `vouch --version` and then compiles the rules itself.
 */
export function commandOf(args: readonly string[]): string {
  const word = args.find((a) => !a.startsWith('-'));
  return word !== undefined && /^[a-z][a-z-]{0,30}$/.test(word) ? word : 'other';
}

/**
 * What identifies a bundle for its cache when the build has computed its SHA-256: that digest
 * and the file's size and modification time (a file changed or replaced since the build differs in one).
 */
export function builtBundleKey(buildSha256: string, st: Pick<BigIntStats, 'size' | 'mtimeNs'>): Buffer {
  return Buffer.from(`built\0${buildSha256}\0${st.size}\0${st.mtimeNs}`);
}

/**
 * The cache file for a bundle in `dir`: keyed by `source` (the bundle's content, or builtBundleKey)
 * and the runtime that compiles it.
 */
export function codeCacheFile(dir: string, source: Buffer, command = 'other'): string {
  const key = createHash('sha256')
    .update(source)
    .update(`\0${LAYOUT}\0${process.version}\0${process.versions.v8}\0${process.arch}`)
    .digest('hex')
    .slice(0, 32);
  return join(dir, `${PREFIX}${key}-${command}${SUFFIX}`);
}

const digest = (b: Buffer) => createHash('sha256').update(b).digest();

/**
 * The cached code in `file`, if it is there, whole (its checksum matches) and
 * written by this user (or root): compiled code is run as is, so a file another
 * user could have planted or changed (owned by someone else, or writable by
 * group or others, in a shared VOUCH_CODE_CACHE_DIR) is not read. Otherwise
 * undefined.
 */
export function readCodeCache(file: string): Buffer | undefined {
  let raw: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    if (!st.isFile() || (st.mode & 0o022) !== 0) return undefined;
    // Root's files are trusted too: a global install (or an image) can ship a cache made as root.
    if (typeof process.getuid === 'function' && st.uid !== process.getuid() && st.uid !== 0) return undefined;
    raw = readFileSync(fd);
  } catch {
    return undefined; // none yet, or unreadable
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (raw.length <= 32) return undefined;
  const data = raw.subarray(32);
  return digest(data).equals(raw.subarray(0, 32)) ? data : undefined;
}

/** Write `data` to `file` whole or not at all; true if written. Failures (read-only, no space) are not errors. */
export function writeCodeCache(file: string, data: Buffer): boolean {
  const dir = dirname(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    // Only the directory itself is made, not its parents: `recursive` never returns on some
    // special filesystems (/proc), and a cache directory whose parent is missing is a typo.
    if (!existsSync(dir)) mkdirSync(dir);
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      for (const part of [digest(data), data]) for (let off = 0; off < part.length; ) off += writeSync(fd, part, off, part.length - off);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    return false;
  }
  // Caches of other bundles or runtimes (the key part of the name differs) are dropped once stale.
  const own = basename(file).slice(0, PREFIX.length + 32);
  try {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name.startsWith(PREFIX) && !name.startsWith(own) && name.endsWith(SUFFIX) && Date.now() - statSync(p).mtimeMs > STALE_MS) unlinkSync(p);
    }
  } catch {
    /* pruning is best-effort */
  }
  return true;
}

export interface CodeCacheRun {
  /** What happened to the cache: used, not there (or damaged), rejected by V8 (another build of Node), or off. */
  cache: 'used' | 'absent' | 'rejected' | 'off';
}

/**
 * Run the CommonJS script `file` as Node's CommonJS loader would (`require`,
 * `module`, `__filename`, `__dirname`), compiling it with the code cache in
 * `cacheDir` (none if undefined) for `command` (see commandOf). Without a
 * usable cache, one is written as the process exits, holding the code
 * compiled by then. `buildSha256`: the SHA-256 of the file as the build wrote
 * it (see builtBundleKey); without it the file's content is hashed.
 */
export function runWithCodeCache(file: string, cacheDir: string | undefined, command = 'other', buildSha256?: string): CodeCacheRun {
  const fd = openSync(file, 'r');
  let source: Buffer;
  let st: BigIntStats;
  try {
    // The size and time of the very file read (not of a path that may be replaced in between).
    st = fstatSync(fd, { bigint: true });
    source = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const cacheFile = cacheDir === undefined ? undefined : codeCacheFile(cacheDir, buildSha256 ? builtBundleKey(buildSha256, st) : source, command);
  const cachedData = cacheFile === undefined ? undefined : readCodeCache(cacheFile);
  // The build writes the bundle in ASCII, which Latin-1 reads as UTF-8 would, without the decoding.
  const text = isAscii(source) ? source.toString('latin1') : source.toString('utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${text}\n});`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // The bundle's dynamic `import()` (none on vouch's own paths) goes to Node's loader, as in a module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const result: CodeCacheRun = { cache: cacheFile === undefined ? 'off' : !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used' };
  if (cacheFile !== undefined && result.cache !== 'used')
    process.once('exit', () => {
      try {
        writeCodeCache(cacheFile, script.createCachedData());
      } catch {
        /* the cache is optional */
      }
    });
  const module = { exports: {} as unknown, filename: file };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return result;
}
