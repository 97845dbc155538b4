/**
 * Writing an output directory as one run: a lock against a concurrent run,
 * every file written and flushed in a temporary directory beside it, then
 * renamed into place (a rename within one filesystem is atomic), the last
 * file (the manifest) last.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../util/errors.js';

/**
 * A file's content: text (written as UTF-8), bytes, or pieces of either in order. Pieces are
 * read one at a time while the file is written, so a large file (evidence at 50,000 resources is
 * ~150 MB) is never held whole: a generator of text pieces is rendered, hashed and written as it goes.
 */
export type FileData = string | Buffer | Iterable<string | Buffer>;

/** A file as written: its name, the SHA-256 of its bytes and their number (what the manifest lists). */
export interface WrittenFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** The lock file of an output directory: beside it, so the directory itself holds only reports. */
export function lockPathOf(outDir: string): string {
  const abs = resolve(outDir);
  return join(dirname(abs), `.${basename(abs)}.vouch-lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock of `outDir`, or throw naming the run that holds it. A lock whose process is gone is taken over. */
export function lockOutDir(outDir: string): () => void {
  const lock = lockPathOf(outDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw InputError.fromFs(lock, e);
    }
    let pid = NaN;
    try {
      pid = Number.parseInt(readFileSync(lock, 'utf8').slice(0, 20), 10);
    } catch {
      /* vanished or unreadable: treated as held below unless it is gone */
    }
    if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || alive(pid)))
      throw new InputError(`${outDir}: another vouch run (pid ${pid}) is writing this directory; wait for it or choose another --out`);
    // The process that held it has exited without releasing it (killed): stale.
    try {
      if (Number.isInteger(pid)) unlinkSync(lock);
      else if (Date.now() - statSync(lock).mtimeMs > 60_000) unlinkSync(lock);
      else throw new InputError(`${outDir}: locked by ${lock}; remove it if no vouch run is writing there`);
    } catch (e) {
      if (e instanceof InputError) throw e;
    }
  }
  throw new InputError(`${outDir}: could not take the lock ${lock}`);
}

/** Bytes gathered before one write(2): pieces of text are encoded into it, not into a buffer each. */
const WRITE_BUFFER_BYTES = 1 << 20;

/** An error of the file system while writing `name`, as the one-line input error the run ends with. */
function notWritten(outDir: string, name: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  return new InputError(
    `${join(outDir, name)}: not written (${code === 'ENOSPC' ? 'no space left on the device' : code === 'EDQUOT' ? 'disk quota exceeded' : ((e as Error).message ?? code)}); ${outDir} keeps the previous run`,
  );
}

/**
 * Write `data` to the new file `path` and flush it to the disk; returns the SHA-256 and length
 * of the bytes written, hashed as they are written (once, not in a second pass over the content).
 * Text pieces are encoded into one reused buffer (as Latin-1 when they are ASCII: the same bytes,
 * a plain copy), written when it fills. An error of the file system is an InputError naming the
 * file; an error while rendering a piece is thrown as it is.
 */
function writeFlushed(path: string, data: FileData, fail: (e: unknown) => InputError, buf: { b?: Buffer }): { sha256: string; bytes: number } {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    throw fail(e);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const out = (b: Buffer) => {
    hash.update(b);
    bytes += b.length;
    try {
      let off = 0;
      while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    } catch (e) {
      throw fail(e);
    }
  };
  try {
    if (typeof data === 'string' || Buffer.isBuffer(data)) out(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    else {
      const scratch = (buf.b ??= Buffer.allocUnsafe(WRITE_BUFFER_BYTES));
      let used = 0;
      const flush = () => {
        if (used) out(scratch.subarray(0, used));
        used = 0;
      };
      for (const piece of data) {
        if (typeof piece === 'string') {
          const n = Buffer.byteLength(piece, 'utf8');
          // A byte length equal to the length: all ASCII, whose UTF-8 is its Latin-1.
          const encoding = n === piece.length ? 'latin1' : 'utf8';
          if (n > scratch.length - used) flush();
          if (n > scratch.length) out(Buffer.from(piece, encoding));
          else used += scratch.write(piece, used, n, encoding);
        } else if (piece.length <= scratch.length - used) used += piece.copy(scratch, used);
        else {
          flush();
          out(piece);
        }
      }
      flush();
    }
    try {
      fsyncSync(fd);
    } catch (e) {
      throw fail(e);
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Put `files` into `outDir` as one set: written to a temporary sibling
 * directory first, then renamed in, in order. Files named in `ownNames`
 * that this set does not include (reports of an earlier run) are removed.
 * `last`, when given, makes the last file from the hashes of the others
 * (the manifest), written after them. Returns every file written, in order,
 * with the SHA-256 and length of its bytes.
 */
export function writeDirAtomically(
  outDir: string,
  files: { name: string; data: FileData }[],
  ownNames: Set<string>,
  last?: (written: WrittenFile[]) => { name: string; data: FileData },
): WrittenFile[] {
  const abs = resolve(outDir);
  try {
    mkdirSync(abs, { recursive: true });
    if (!statSync(abs).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    throw InputError.fromFs(outDir, e);
  }
  const release = lockOutDir(outDir);
  let tmp: string | undefined;
  const written: WrittenFile[] = [];
  try {
    try {
      tmp = mkdtempSync(join(dirname(abs), `.${basename(abs)}.tmp-`));
    } catch (e) {
      throw InputError.fromFs(dirname(abs), e);
    }
    const buf: { b?: Buffer } = {};
    const write = (f: { name: string; data: FileData }) => written.push({ name: f.name, ...writeFlushed(join(tmp!, f.name), f.data, (e) => notWritten(outDir, f.name, e), buf) });
    for (const f of files) write(f);
    if (last) write(last(written.slice()));
    // The old manifest goes first: between here and the new one, the directory verifies as no run, never as a mix.
    const lastName = written[written.length - 1]?.name;
    const names = new Set(written.map((f) => f.name));
    for (const name of [...(lastName ? [lastName] : []), ...ownNames]) {
      if (names.has(name) && name !== lastName) continue;
      try {
        unlinkSync(join(abs, name));
      } catch {
        /* not there */
      }
    }
    for (const f of written) {
      try {
        renameSync(join(tmp, f.name), join(abs, f.name));
      } catch (e) {
        throw InputError.fromFs(join(outDir, f.name), e);
      }
    }
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    release();
  }
  return written;
}
