/** `vouch claims extract` on a policy with a long run of spaces answers at once (the trailing-space trim was quadratic). */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHostile } from './run.js';

describe('claims extract on hostile text', () => {
  it('a line of 200,000 spaces then a word', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-hostile-claims-'));
    writeFileSync(join(dir, 'p.txt'), `We encrypt customer data at rest with AES-256.\n${' '.repeat(200_000)}x\nAll connections use TLS 1.2 or later.\n`);
    const r = await runHostile(['claims', 'extract', 'p.txt', '--out', 'claims.yaml'], { cwd: dir, timeoutMs: 30_000 });
    expect(r.killed).toBe(false);
    expect(r.code, r.stderr).toBe(0);
    // The quadratic trim took about 48 s on 100,000 spaces here; linear work is well under this.
    expect(r.ms).toBeLessThan(15_000);
  });
});
