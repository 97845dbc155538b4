/**
 * Reading a file the user named (a template, claims, suppressions, config,
 * inventory, evidence, manifest, key): only a regular file is accepted, and
 * never more than a stated number of bytes. The file is opened non-blocking,
 * so a FIFO nobody writes to answers at once instead of hanging the run, and
 * its type is taken from the open descriptor (fstat), not from a second
 * look-up by name that a swap could race.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from './errors.js';

export interface ReadOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** What the file is, for the size message ("template", "claims profile"). */
  what?: string;
  /** How to raise the limit, appended to the size message ("raise with --max-template-mb"). */
  raise?: string;
  /** The whole size message (after `label: `), given the size seen (at least `maxBytes + 1`). */
  tooBig?: (bytes: number) => string;
}

/** What kind of non-regular file this is, in words. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

const mb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB` : `${n} bytes`);

/** The bytes of a regular file, at most `maxBytes`; anything else is a one-line InputError naming `label`. */
export function readInputBytes(file: string, opts: ReadOptions, label = file): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw InputError.fromFs(label, e);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(`${label}: not a regular file (${kindOf(st)})`);
    const limit = opts.maxBytes;
    const over = (bytes: number) =>
      new InputError(
        `${label}: ${opts.tooBig ? opts.tooBig(bytes) : `${opts.what ? `${opts.what} ` : ''}is over the ${mb(limit)} limit${opts.raise ? ` (${opts.raise})` : ''}`}`,
      );
    if (st.size > limit) throw over(st.size);
    // Read to the limit plus one byte, whatever fstat said: the file may grow while we read.
    let buf = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 64 * 1024), limit + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit + 1));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n <= 0) break;
      total += n;
      if (total > limit) throw over(total);
    }
    return buf.subarray(0, total);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw InputError.fromFs(label, e);
  } finally {
    closeSync(fd);
  }
}

/** A regular file as UTF-8 text, at most `maxBytes`. */
export function readInputText(file: string, opts: ReadOptions, label = file): string {
  return readInputBytes(file, opts, label).toString('utf8');
}

/** Limits for the small inputs that have no flag of their own. */
export const INPUT_LIMITS = {
  claims: 4 * 1024 * 1024,
  suppressions: 4 * 1024 * 1024,
  config: 1024 * 1024,
  key: 64 * 1024,
  manifest: 16 * 1024 * 1024,
  assemblyManifest: 64 * 1024 * 1024,
} as const;
