/** An error in what the user gave us (file, flag, profile): one line, exit 2. */
export class InputError extends Error {
  override name = 'InputError';
  static fromFs(file: string, e: unknown): InputError {
    const code = (e as NodeJS.ErrnoException)?.code;
    const why =
      code === 'ENOENT' ? 'no such file or directory'
      : code === 'EACCES' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory, expected a file'
      : ((e as Error)?.message ?? String(e));
    return new InputError(`${file}: ${why}`);
  }
}
