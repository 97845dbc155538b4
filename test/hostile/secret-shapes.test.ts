/**
 * Hostile input against the credential shapes and readers added in session 15 (fixP5): `Password=` / `Pwd=`
 * in connection strings, JDBC queries and `--password=` flags (src/lib/secrets.ts passwordAssignment).
 *
 * Measured (fixP5, 2 cores, `node bin/vouch check`, node 20):
 * - 1 MB adversarial values (runs of `=`, `;`, `password`, `password=`, `Pwd \t`, `;Password=${X}`, unicode, no
 *   terminator) took 1-66 ms each through tokenShape, 4 MB 30-380 ms: linear, no super-linear pattern.
 * - But V8 throws RangeError ("Maximum call stack size exceeded") when a counted class run (`[^;&\s"']{4,}`,
 *   and every older token shape: `ghp_[A-Za-z0-9]{36,}`, `eyJ…{8,}`, `sk-…{32,}`) takes more than about 5 MB:
 *   a template whose parameter Default was `Server=db;Password=` and 7 MB of letters ended the whole run
 *   (`vouch: Maximum call stack size exceeded`, exit 2); so did `ghp_` + 8 MB. tokenShape now reads text past
 *   256 KB in overlapping windows: the same template is judged (exit 1, the default fails), 8 MB runs in ms.
 */
import { describe, it, expect } from 'vitest';
import { tokenShape } from '../../src/lib/secrets.js';

const PASSWORD = 'connection string with a password (Password=…)';
const MB = 1 << 20;
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

describe('tokenShape on megabytes of hostile text', () => {
  it('runs of `=`, `;`, `password`, unicode and unterminated assignments finish in linear time', () => {
    for (const unit of ['=', ';', 'password', 'password=', ' password = ', 'Pwd \t', ';Password=${X}', 'pwd=ab;', '&password=changeme', 'пароль pwd', 'password=<']) {
      const started = performance.now();
      tokenShape(fill(unit, MB));
      tokenShape(`pwd${' '.repeat(MB)}=${'\t'.repeat(MB)}`);
      // About 70 ms each here; a quadratic pattern takes minutes on a megabyte.
      expect(performance.now() - started, unit).toBeLessThan(2_000);
    }
  });

  it('a value of many megabytes in one run is read, not thrown on (V8 overflowed past about 5 MB)', () => {
    const run = 'a'.repeat(8 * MB);
    expect(tokenShape(`Server=db;Password=${run}`)).toBe(PASSWORD);
    expect(tokenShape(`ghp_${run}`)).toBe('GitHub token');
    // A token longer than the windows' overlap (16 KB) is no token any issuer writes: it is read, not found.
    expect(() => tokenShape(`eyJhbGciOiJIUzI1NiJ9.eyJ${run}.sig12345678`)).not.toThrow();
    expect(tokenShape(run)).toBeUndefined();
  });

  it('a token in long text is found wherever it stands, across the windows it is read in', () => {
    const token = `ghp_${'Ab1'.repeat(12)}`;
    const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJ${'c3ViIjoi'.repeat(1_000)}.abcdefghijklmnop`;
    for (const at of [0, 200_000, 256 * 1024 - 20, 256 * 1024 - 1, 256 * 1024, 3 * MB + 7]) {
      const text = `${' '.repeat(at)}${token} ${' '.repeat(1_000)}`;
      expect(tokenShape(text), `at ${at}`).toBe('GitHub token');
      expect(tokenShape(`${'x '.repeat(at / 2)}${jwt} tail`), `jwt at ${at}`).toBe('JSON Web Token');
      expect(tokenShape(`${'x'.repeat(at)};Password=Tr4ding-Floor;`), `password at ${at}`).toBe(PASSWORD);
    }
  });

  it('a long script is still read line by line, not as one connection string (its newlines are the whole value\'s)', () => {
    // The line with `password = …` is code; in a one-line value it would be a connection string's password.
    const script = `#!/bin/sh\n${'echo filler line\n'.repeat(40_000)}export DB_PASSWORD=Fr0st-Bite-9\n`;
    expect(script.length).toBeGreaterThan(256 * 1024);
    expect(tokenShape(script)).toBeUndefined();
    expect(tokenShape(script.replace(/\n/g, ' '))).toBe(PASSWORD);
  });
});

describe('`Password=` in ordinary values that are not a written password', () => {
  it('paths, filled-in holes, bind parameters, interpolations, function calls, tokens and prose are not counted', () => {
    for (const v of [
      'export PWD=/opt/app', // the shell's working directory
      'docker run -e PWD=/srv/www image',
      'Password=/tail;', // `Password=${Pw}tail` as template-secrets.ts reads it (each hole written as `/`)
      'UPDATE users SET password=@newpw WHERE id=@id',
      'SELECT 1 FROM users WHERE password=:newpw',
      'password=#{db.password}',
      'password=`cat /run/secrets/db`',
      'Pwd=[pw]',
      'password=__PASSWORD__',
      "password=os.getenv('DB_PASSWORD')",
      'pwd = print working directory',
      'Tip: password = the one from the vault',
    ])
      expect(tokenShape(v), v).toBeUndefined();
  });

  it('while written passwords in the same shapes still count', () => {
    for (const v of [
      'export PWD=Sunny-Day-42', // a PWD that is not a path
      'Password=Tr4ding/Floor;', // a slash inside, not first
      'password=Gr33n@Fields',
      'Data Source=sql; User ID = app ; Password = Sp4ced-0ut',
      'Password = Sp4ced-0ut ; Timeout=30',
      "ConnectionString='Server=db;Password = Qu0ted-1'",
      'password=__PASSWORD__x',
    ])
      expect(tokenShape(v), v).toBe(PASSWORD);
  });
});
