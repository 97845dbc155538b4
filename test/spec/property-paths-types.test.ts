/**
 * Typed property reads (issue 19): the generated path types equal what
 * scripts/property-paths.mjs generates from the CloudFormation schema today,
 * and a rule that reads a path its resource types do not have does not compile.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
// @ts-expect-error plain JS dev script
import { generate, OUTPUT } from '../../scripts/property-paths.mjs';

const root = join(import.meta.dirname, '..', '..');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'typed-reads.ts');

describe('typed property reads', () => {
  it('the committed path types equal a regeneration from @aws-cdk/aws-service-spec (npm run paths:gen)', async () => {
    const fresh: string = await generate();
    expect(fresh).toContain("'aws.s3.bucket':");
    expect(readFileSync(OUTPUT, 'utf8')).toBe(fresh);
  });

  it('a path the rule’s types do not have fails to compile, and the directives mark exactly those lines', () => {
    // The fixture compiles clean only if every `@ts-expect-error` line is an error. A copy
    // without the directives must then report one TS2345 per removed directive, at the
    // line that followed it, and nothing else.
    const original = readFileSync(FIXTURE, 'utf8').split('\n');
    const stripped: string[] = [];
    const expectedLines: number[] = [];
    for (const line of original) {
      if (/^\s*\/\/ @ts-expect-error/.test(line)) {
        expectedLines.push(stripped.length + 1);
        continue;
      }
      stripped.push(line.replace(/'\.\.\/\.\.\/\.\.\/src\//g, `'${root}/src/`));
    }
    expect(expectedLines.length).toBeGreaterThanOrEqual(5);
    const dir = mkdtempSync(join(tmpdir(), 'vouch-typed-reads-'));
    try {
      const copy = join(dir, 'stripped.ts');
      writeFileSync(copy, stripped.join('\n'));
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] },
          files: [FIXTURE, copy],
        }),
      );
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', timeout: 240_000 });
      const out = `${tsc.stdout}${tsc.stderr}`;
      const errors = [...out.matchAll(/^(.*?)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => ({ file: m[1]!, line: Number(m[2]), code: m[3] }));
      expect(errors.filter((e) => !e.file.endsWith('stripped.ts')), out).toEqual([]);
      expect(errors.map((e) => e.line).sort((a, b) => a - b), out).toEqual(expectedLines);
      expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['TS2345']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
