/** Without moto the AWS live tests fail with the reason; they never skip silently. */
import { describe, it, expect } from 'vitest';
import { startMoto } from './moto.js';

describe('moto harness', () => {
  it('fails with a clear message when moto cannot be imported', async () => {
    const saved = process.env.VOUCH_PYTHON;
    process.env.VOUCH_PYTHON = '/nonexistent/python3';
    try {
      await expect(startMoto()).rejects.toThrow(/moto is not importable with '\/nonexistent\/python3'.*pip install 'moto\[server\]==5\.2\.1'/);
    } finally {
      if (saved === undefined) delete process.env.VOUCH_PYTHON;
      else process.env.VOUCH_PYTHON = saved;
    }
  });
});
