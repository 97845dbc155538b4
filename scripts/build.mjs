// Build dist/ with esbuild (type checking is separate: `npm run typecheck`):
// 1. transpile src/, rules/ and cdk/ file by file (the library, `vouch/cdk`,
//    and rules discovered at run time by the CDK plugin);
// 2. bundle the CLI into dist/cli/vouch.cjs with every rule inlined, so `vouch
//    check` starts by reading one file (run with a V8 code cache by
//    dist/cli/vouch.mjs). Cloud SDKs and aws-cdk-lib stay external and load only
//    when a command needs them;
// 3. with `--types` (npm ci, npm pack, npm run build): the TypeScript compiler
//    emits the declarations of the public surface (`vouch`, `vouch/cli`, `vouch/cdk`) from
//    tsconfig.build.json. Tests build without it: esbuild alone takes ~1 s.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'fixtures' || e.name === 'node_modules' || e.name === 'cdk.out') continue;
      walk(p, out);
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.includes('.test.')) out.push(p);
  }
  return out;
}

const started = Date.now();
const entryPoints = ['src', 'rules', 'cdk'].flatMap((d) => walk(join(root, d)));
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints,
  outdir: join(root, 'dist'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// Rule files as the registry discovers them: rules/<control>/<rule>/rule.ts.
const ruleFiles = readdirSync(join(root, 'rules'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(root, 'rules', d.name), { withFileTypes: true })
      .filter((r) => r.isDirectory() && existsSync(join(root, 'rules', d.name, r.name, 'rule.ts')))
      .map((r) => join('rules', d.name, r.name, 'rule.ts')),
  )
  .sort();

const rulesPlugin = {
  name: 'vouch-rules',
  setup(b) {
    b.onResolve({ filter: /^vouch:rules$/ }, () => ({ path: 'vouch:rules', namespace: 'vouch-rules' }));
    b.onLoad({ filter: /.*/, namespace: 'vouch-rules' }, () => ({
      resolveDir: root,
      loader: 'ts',
      contents:
        ruleFiles.map((f, i) => `import r${i} from './${f.replace(/\\/g, '/')}';`).join('\n') +
        `\nexport default [${ruleFiles.map((f, i) => `{ file: ${JSON.stringify(f)}, def: r${i} }`).join(', ')}];\n`,
    }));
  },
};

// string-width (yargs' help layout) builds Unicode property regexes and an Intl.Segmenter
// when its module is evaluated, ~15 ms of every start-up, though only help text uses it.
// Its importers get a stand-in that loads the real module on the first call (esbuild
// evaluates a bundled module reached by `require` lazily).
const lazyStringWidthPlugin = {
  name: 'vouch-lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { real: true } });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path, namespace: 'vouch-lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'vouch-lazy-string-width' }, (args) => ({
      resolveDir: root,
      loader: 'js',
      contents: `export default function stringWidth(...a) { return require(${JSON.stringify(args.path)}).default(...a); }\n`,
    }));
  },
};

// yargs() guesses the program's version as it starts: it lists the directory the bundle's path
// names before any `node_modules` (outside node_modules: the working directory) and every
// directory above it until one holds a package.json, and reads that. vouch sets its version
// itself (`.version(VERSION)`), so the guess is thrown away; listing a large working directory
// (/tmp, a monorepo) cost up to ~15 ms of every run. In the bundle, yargs makes no guess.
// Its platform shim also loads node:assert (~2 ms) for two equality checks: the bundle's shim
// compares itself and loads node:assert only to throw its error when a check fails.
const YARGS_EDITS = [
  [/[\\/]yargs[\\/]build[\\/]lib[\\/]yargs-factory\.js$/, [["const obj = this[kPkgUp]();\n        return obj.version || 'unknown';", "return 'unknown';"]]],
  [
    /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/,
    [
      [
        "import { notStrictEqual, strictEqual } from 'assert'",
        // assert's (not)StrictEqual compare with Object.is; the real one runs only to throw its error.
        "const notStrictEqual = (a, b, m) => { if (Object.is(a, b)) require('node:assert').notStrictEqual(a, b, m); };\n" +
          "const strictEqual = (a, b, m) => { if (!Object.is(a, b)) require('node:assert').strictEqual(a, b, m); };",
      ],
    ],
  ],
];
const yargsEditsPlugin = {
  name: 'vouch-yargs-edits',
  setup(b) {
    for (const [filter, edits] of YARGS_EDITS)
      b.onLoad({ filter }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (!contents.includes(from)) return { errors: [{ text: `${args.path}: no '${from.split('\n')[0].trim()}' to replace (yargs changed: update scripts/build.mjs)` }] };
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js' };
      });
  },
};

// src/schema/*.ts build their zod schemas when their module is evaluated (~10-15 ms of every run),
// though a `vouch check` without --claims, a config or a suppressions file parses none of them. In
// the bundle, a module outside src/schema that imports one gets a stand-in whose exports evaluate
// the real module on first use (esbuild evaluates a bundled module reached by `require` lazily);
// the schema modules among themselves import the real ones, so there is one copy of each.
const schemaDir = join(root, 'src', 'schema') + sep;
const lazySchemaPlugin = {
  name: 'vouch-lazy-schemas',
  setup(b) {
    b.onResolve({ filter: /[\\/]schema[\\/][^\\/]+\.js$/ }, async (args) => {
      if (args.pluginData?.real || args.kind !== 'import-statement' || args.importer.startsWith(schemaDir)) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { real: true } });
      if (real.errors.length) return { errors: real.errors };
      return real.path.startsWith(schemaDir) ? { path: real.path, namespace: 'vouch-lazy-schema' } : real;
    });
    b.onLoad({ filter: /.*/, namespace: 'vouch-lazy-schema' }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (/^export\s*(\*|\{|default)/m.test(text)) return { errors: [{ text: `${args.path}: only \`export const|function NAME\` is made lazy; update scripts/build.mjs` }] };
      const names = [...text.matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1]);
      return {
        resolveDir: dirname(args.path),
        loader: 'js',
        contents:
          `let real;\nconst load = () => (real ??= require(${JSON.stringify(args.path)}));\n` +
          names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load().${n} });`).join('\n') +
          '\n',
      };
    });
  },
};

// The IAM access-level table (src/lib/iam-actions.generated.ts, 0.4 MB) is also the library's module
// dist/src/lib/iam-actions.generated.js, which the package ships beside the bundle: the bundle requires
// that file (an ES module: Node >= 20.19 requires those) on first use instead of holding a second copy.
// Its importers get a stand-in whose exports load it then, so a run that classifies no IAM action
// (`vouch --version`, a template without policies) loads none of it.
const TABLE = join(root, 'src', 'lib', 'iam-actions.generated.ts');
const TABLE_FROM_BUNDLE = '../src/lib/iam-actions.generated.js';
const sharedTablePlugin = {
  name: 'vouch-shared-iam-table',
  setup(b) {
    b.onResolve({ filter: /[\\/]iam-actions\.generated\.js$/ }, (args) => {
      if (args.namespace === 'vouch-iam-table') return { path: args.path, external: true };
      if (join(args.resolveDir, args.path.replace(/\.js$/, '.ts')) !== TABLE) return { errors: [{ text: `${args.importer}: imports ${args.path}, which is not ${relative(root, TABLE)} (update scripts/build.mjs)` }] };
      return { path: TABLE, namespace: 'vouch-iam-table' };
    });
    b.onLoad({ filter: /.*/, namespace: 'vouch-iam-table' }, () => {
      const text = readFileSync(TABLE, 'utf8');
      const names = [...text.matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
      if (names.length === 0 || /^export\s*(\*|\{|default|function)/m.test(text)) return { errors: [{ text: `${TABLE}: only \`export const NAME\` is loaded from the library; update scripts/build.mjs` }] };
      return {
        resolveDir: root,
        loader: 'js',
        contents:
          `let real;\nconst load = () => (real ??= require(${JSON.stringify(TABLE_FROM_BUNDLE)}));\n` +
          names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load().${n} });`).join('\n') +
          '\n',
      };
    });
  },
};

// One CommonJS script, not ES modules: V8 can cache the code it compiles for a script
// (vm.Script cachedData; Node 20 has no compile cache for modules), which saves most of
// the bundle's compile time on every start-up. dist/cli/vouch.mjs (scripts/cli-loader.ts)
// runs it with that cache, see src/cli/code-cache.ts. Modules imported dynamically (a
// provider's collectors, the report writers) stay lazy: esbuild evaluates them on first
// use, and their SDK `require`s run only then. `import.meta.url` is the bundle's URL.
await build({
  entryPoints: [join(root, 'scripts', 'cli-entry.ts')],
  outfile: join(root, 'dist', 'cli', 'vouch.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Cloud SDKs and aws-cdk-lib are loaded with require (Node >= 20.19 requires ES modules too).
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__vouchImportMetaUrl' },
  // Without comments and layout whitespace the script is a fifth smaller (3.6 -> 2.8 MB) to read,
  // hash and compile; names stay, and the source map gives the lines.
  minifyWhitespace: true,
  banner: { js: 'var __vouchImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [rulesPlugin, lazyStringWidthPlugin, yargsEditsPlugin, lazySchemaPlugin, sharedTablePlugin],
  external: ['@aws-sdk/*', '@smithy/*', '@google-cloud/*', 'google-auth-library', 'https-proxy-agent', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag', 'playwright-core', 'ajv', 'ajv/*', 'ajv-formats'],
});
// esbuild escapes non-ASCII characters everywhere but in regular expression literals, where
// `\uXXXX` means the same (a character outside the BMP as its two surrogates, which a `u` regex
// reads as one code point; `\é`, an escaped one, becomes `\u00e9`): an ASCII script is read as
// Latin-1, without UTF-8 decoding (~15 ms of every start-up).
const cjs = join(root, 'dist', 'cli', 'vouch.cjs');
const bundleText = readFileSync(cjs, 'utf8').replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
  const hex = `u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return slashes.length % 2 ? `${slashes}${hex}` : `${slashes}\\${hex}`;
});
writeFileSync(cjs, bundleText);
// The loader keys its code cache by this digest instead of hashing the bundle at every start (src/cli/code-cache.ts).
const bundleSha256 = createHash('sha256').update(bundleText, 'latin1').digest('hex');
// The loader takes Node's built-in modules as CommonJS objects (createRequire), not as ES
// modules: an ES import of node:fs builds its export facade, which reads every lazy getter of
// fs and so loads its stream classes, and node:crypto's loads Web Crypto: ~5 ms of every start-up.
const builtinsAsObjectsPlugin = {
  name: 'vouch-builtins-as-objects',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.path === 'node:module' ? undefined : { path: args.path, namespace: 'vouch-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'vouch-builtin' }, (args) => ({ contents: `module.exports = __vouchRequire(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};
await build({
  entryPoints: { vouch: join(root, 'scripts', 'cli-loader.ts') },
  outdir: join(root, 'dist', 'cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: 'import { createRequire as __vouchCreateRequire } from "node:module"; const __vouchRequire = __vouchCreateRequire(import.meta.url);' },
  define: { __VOUCH_BUNDLE_SHA256__: JSON.stringify(bundleSha256) },
  plugins: [builtinsAsObjectsPlugin],
  logLevel: 'warning',
});
// The same loader as a CommonJS script, what bin/vouch runs (bin/package.json makes bin/vouch
// CommonJS): a process whose entry is an ES module starts Node's ES module loader, which reads
// files through fs/promises (and so loads readline): ~8 ms of every start-up. dist/cli/vouch.mjs
// stays for whoever imports it.
await build({
  entryPoints: [join(root, 'scripts', 'cli-loader.ts')],
  outfile: join(root, 'dist', 'cli', 'vouch-loader.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': '__vouchImportMetaUrl', __VOUCH_BUNDLE_SHA256__: JSON.stringify(bundleSha256) },
  banner: { js: 'var __vouchImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

// Steps over the built tree go here (after the bundle, before the declarations).
await (await import('./rules-hash.mjs')).writeRulesHash(root);

const withTypes = process.argv.includes('--types');
if (withTypes) {
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    process.stderr.write(`vouch: declaration build failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    process.exit(1);
  }
}
process.stdout.write(`vouch: built ${entryPoints.length} files and the CLI bundle (${ruleFiles.length} rules)${withTypes ? ' and the declarations' : ''} into ${relative(process.cwd(), join(root, 'dist')) || 'dist'}/ in ${Date.now() - started} ms\n`);
