/**
 * Writing an output directory as one run: a lock against a concurrent run,
 * every file written and flushed in a temporary directory beside it, then
 * renamed into place (a rename within one filesystem is atomic), the last
 * file (the manifest) last.
 */
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../util/errors.js';

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

function writeFlushed(path: string, data: string | Buffer | readonly Buffer[]): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    for (const buf of typeof data === 'string' ? [Buffer.from(data, 'utf8')] : Buffer.isBuffer(data) ? [data] : data) {
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Put `files` into `outDir` as one set: written to a temporary sibling
 * directory first, then renamed in, in order. Files named in `ownNames`
 * that this set does not include (reports of an earlier run) are removed.
 */
export function writeDirAtomically(outDir: string, files: { name: string; data: string | Buffer | readonly Buffer[] }[], ownNames: Set<string>): void {
  const abs = resolve(outDir);
  try {
    mkdirSync(abs, { recursive: true });
    if (!statSync(abs).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    throw InputError.fromFs(outDir, e);
  }
  const release = lockOutDir(outDir);
  let tmp: string | undefined;
  try {
    try {
      tmp = mkdtempSync(join(dirname(abs), `.${basename(abs)}.tmp-`));
    } catch (e) {
      throw InputError.fromFs(dirname(abs), e);
    }
    for (const f of files) {
      try {
        writeFlushed(join(tmp, f.name), f.data);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(
          `${join(outDir, f.name)}: not written (${code === 'ENOSPC' ? 'no space left on the device' : code === 'EDQUOT' ? 'disk quota exceeded' : ((e as Error).message ?? code)}); ${outDir} keeps the previous run`,
        );
      }
    }
    // The old manifest goes first: between here and the new one, the directory verifies as no run, never as a mix.
    const last = files[files.length - 1]?.name;
    const names = new Set(files.map((f) => f.name));
    for (const name of [...(last ? [last] : []), ...ownNames]) {
      if (names.has(name) && name !== last) continue;
      try {
        unlinkSync(join(abs, name));
      } catch {
        /* not there */
      }
    }
    for (const f of files) {
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
}
