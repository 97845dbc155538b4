/**
 * Load IaC inputs into an inventory: a template file, a directory of
 * templates, or a CDK cloud assembly (`cdk.out` with `manifest.json`: every
 * stack artifact, nested stacks, stage sub-assemblies). Every path the
 * manifest names must stay inside the assembly.
 */
import { asRecord } from '../../evaluate/facts.js';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { Acknowledgement, Resource } from '../../model/resource.js';
import { Inventory, type Coverage } from '../../model/inventory.js';
import { InputError } from '../../util/errors.js';
import { firstLine } from '../../util/yaml-file.js';
import { INPUT_LIMITS, kindOf, readInputText } from '../../util/input-file.js';
import { parseTemplateText } from './parse.js';
import { loadStackSetBodies } from './stackset.js';
import { loadStack, type StackInput } from './stack.js';
import { CrossStackRun } from './exports.js';
import { DEFAULT_MAX_RESOURCES, MAX_RESOURCES_ENV, tooManyResources, type ResourceBudget } from './resource-cap.js';

export interface LoadOptions {
  parameters?: Record<string, string>;
  /** Region for bare templates (cdk.out stacks take theirs from the manifest). */
  region?: string;
  account?: string;
  /** Largest template accepted, in bytes. CloudFormation itself accepts 1 MB. */
  maxTemplateBytes?: number;
  /** Resources one run expands to at most (DEFAULT_MAX_RESOURCES). */
  maxResources?: number;
  cwd?: string;
}

export const DEFAULT_MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;
const TEMPLATE_EXT = new Set(['.json', '.yaml', '.yml', '.template']);
const MAX_ASSEMBLY_DEPTH = 8;
/**
 * Templates one run reads at most (stacks, nested stacks, stage stacks). A
 * real app has tens to a few hundred; what stops here is fan-out (a nested
 * stack or stage listed many times over at every level), which would
 * otherwise grow exponentially within the depth limit.
 */
export const MAX_TEMPLATES = 2_000;
/*
 * DEFAULT_MAX_RESOURCES (./resource-cap.ts): resources one run expands to at most, over every template
 * read. Each template's own expansion is bounded (Fn::ForEach: 20,000 resources, ./foreach.ts; 2,000 templates a run), but their product is
 * not: one 1 KB template of three nested 27-item loops, reused by nested stacks, expands to 19,683
 * resources per stack. Measured here (2 cores, fixT, test/hostile/amplification.test.ts): 25 such stacks
 * (492,075 resources) took 14 s and 0.97 GB; 120 of them (2.36 million) 120 s and 3.75 GB; 2,000 would
 * need about 60 GB. Real estates are far below: the largest corpus run holds a few thousand resources.
 */
export { DEFAULT_MAX_RESOURCES, MAX_RESOURCES_ENV };
/** Directory walk bounds: how deep below an input directory, and how many entries in all. */
const MAX_WALK_DEPTH = 16;
const MAX_WALK_ENTRIES = 50_000;

interface Ctx {
  opts: LoadOptions;
  cwd: string;
  resources: Resource[];
  coverage: Coverage & { inputs: string[]; notCollected: { what: string; why: string; gap?: boolean }[] };
  stackNames: Set<string>;
  /** Per assembly directory: file asset hash → source path, from its asset manifests. */
  assets: Map<string, Map<string, string>>;
  templatesRead: number;
  /** Resources expanded so far in this run, against `opts.maxResources`. */
  resourcesRead: number;
  walkEntries: number;
  /** Real paths the directory walk has read. */
  walked: Set<string>;
  /** Exports and imports of every stack read, for `Fn::ImportValue` across stacks (./exports.ts). */
  cross: CrossStackRun<StackInput>;
  /** The gaps of a stack whose expansion read an import, which a second load replaces (./exports.ts). */
  expansionGaps: Map<string, { what: string; why: string; gap?: boolean }[]>;
}

const show = (ctx: Ctx, p: string) => relative(ctx.cwd, p) || '.';

/** Count `n` more resources expanded from `what`; past the run's cap, refuse the input (one line, exit 2). */
function countResources(ctx: Ctx, what: string, n: number): void {
  const max = ctx.opts.maxResources ?? DEFAULT_MAX_RESOURCES;
  ctx.resourcesRead += n;
  if (ctx.resourcesRead > max) throw tooManyResources(what, max);
}

/** What is left of the run's cap, for the expansions inside one template. */
function budgetOf(ctx: Ctx): ResourceBudget {
  const cap = ctx.opts.maxResources ?? DEFAULT_MAX_RESOURCES;
  return { cap, left: cap - ctx.resourcesRead };
}

function readTemplate(ctx: Ctx, path: string): string {
  const max = ctx.opts.maxTemplateBytes ?? DEFAULT_MAX_TEMPLATE_BYTES;
  return readInputText(
    path,
    {
      maxBytes: max,
      tooBig: (size) =>
        `template is ${(size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit (CloudFormation accepts 1 MB; raise with --max-template-mb)`,
    },
    show(ctx, path),
  );
}

/** A JSON file of the assembly (manifest, asset manifest, metadata file), bounded and parsed; errors name the file. */
function readAssemblyJson(ctx: Ctx, path: string): Record<string, unknown> {
  const file = show(ctx, path);
  const text = readInputText(path, { maxBytes: INPUT_LIMITS.assemblyManifest, what: 'assembly file' }, file);
  try {
    return obj(JSON.parse(text));
  } catch (e) {
    throw new InputError(`${file}: invalid JSON: ${firstLine(e)}`);
  }
}

function uniqueStackName(ctx: Ctx, wanted: string): string {
  let name = wanted;
  for (let i = 2; ctx.stackNames.has(name); i++) name = `${wanted}~${i}`;
  ctx.stackNames.add(name);
  return name;
}

function addTemplate(
  ctx: Ctx,
  path: string,
  stackName: string,
  env: { region?: string; account?: string; stackName?: string },
  constructPaths?: Map<string, string>,
  assemblyDir?: string,
  depth = 0,
  chain: readonly string[] = [],
): void {
  const file = show(ctx, path);
  if (++ctx.templatesRead > MAX_TEMPLATES)
    throw new InputError(`${file}: more than ${MAX_TEMPLATES} templates in this run (a nested stack or stage assembly listed over and over?)`);
  const parsed = parseTemplateText(readTemplate(ctx, path), file);
  const name = uniqueStackName(ctx, stackName);
  const input: StackInput = {
    parsed,
    file,
    stackName: name,
    deployedStackName: env.stackName,
    region: env.region,
    account: env.account,
    parameterOverrides: ctx.opts.parameters ?? {},
    constructPaths,
    budget: budgetOf(ctx),
  };
  const loaded = loadStack(input);
  countResources(ctx, file, loaded.resources.length);
  ctx.cross.add({ stack: name, file, exports: loaded.exports, imports: loaded.importNames, importing: loaded.importing, importsInExpansion: loaded.importsInExpansion, input, resources: loaded.resources, placement: { kind: 'stack', account: input.account, region: input.region } });
  // A loop, not push(...spread): a spread of 300,000 resources overflows the call stack.
  for (const r of loaded.resources) ctx.resources.push(r);
  ctx.coverage.inputs.push(file);
  for (const n of loaded.notes) ctx.coverage.notCollected.push({ what: n.split(': ')[1] ?? n, why: n });
  const gaps = loaded.notCollected.map((n) => ({ ...n, gap: true }));
  for (const g of gaps) ctx.coverage.notCollected.push(g);
  if (loaded.importsInExpansion) ctx.expansionGaps.set(name, gaps);
  // The templates StackSets carry inline (TemplateBody) are stacks of their own (./stackset.ts).
  const sets = loadStackSetBodies(loaded.resources, { file, stackName: name, written: parsed.template.Resources }, {
    uniqueName: (wanted) => uniqueStackName(ctx, wanted),
    countTemplate: (what) => {
      if (++ctx.templatesRead > MAX_TEMPLATES) throw new InputError(`${what}: more than ${MAX_TEMPLATES} templates in this run`);
    },
    maxBytes: ctx.opts.maxTemplateBytes ?? DEFAULT_MAX_TEMPLATE_BYTES,
    // A body's SAM expansion counts while it expands, as a file's does (a 180,000-resource body took 10 s before being refused).
    budget: () => budgetOf(ctx),
    loaded: (b) => {
      countResources(ctx, `${file}: StackSet body ${b.input.stackName}`, b.loaded.resources.length);
      ctx.cross.add({
        stack: b.input.stackName,
        file,
        exports: b.loaded.exports,
        imports: b.loaded.importNames,
        importing: b.loaded.importing,
        importsInExpansion: b.loaded.importsInExpansion,
        input: b.input,
        resources: b.loaded.resources,
        finish: b.finish,
        placement: b.placement,
      });
    },
  });
  for (const r of sets.resources) ctx.resources.push(r);
  for (const n of sets.notCollected) ctx.coverage.notCollected.push({ ...n, gap: true });
  // A nested stack's construct paths are in its parent's metadata; ids the parent uses itself are left out.
  let childPaths: Map<string, string> | undefined;
  const nestedPaths = () => {
    if (childPaths || !constructPaths) return childPaths;
    const own = new Set(loaded.resources.map((r) => r.location.logicalId));
    childPaths = new Map([...constructPaths].filter(([lid]) => !own.has(lid)));
    return childPaths;
  };
  for (const n of loaded.nested) {
    if (!assemblyDir) {
      ctx.coverage.notCollected.push({ what: `${file}: nested stack ${n.logicalId}`, why: 'nested template is only read from a cdk.out assembly', gap: true });
      continue;
    }
    const templatePath = n.templatePath ?? nestedFromAssets(ctx, assemblyDir, n.templateUrl);
    if (!templatePath) {
      ctx.coverage.notCollected.push({
        what: `${file}: nested stack ${n.logicalId}`,
        why: 'its template is not in the assembly (no aws:asset:path metadata, and its TemplateURL names no file asset of the assembly)',
        gap: true,
      });
      continue;
    }
    if (depth >= MAX_ASSEMBLY_DEPTH) throw new InputError(`${file}: nested stacks deeper than ${MAX_ASSEMBLY_DEPTH} levels`);
    const child = inside(ctx, assemblyDir, templatePath, `${file}: nested stack ${n.logicalId}`);
    const here = [...chain, realpathSync(path)];
    if (here.includes(child)) throw new InputError(`${file}: nested stack ${n.logicalId} refers back to ${show(ctx, child)}, a template above it (a cycle CloudFormation would refuse)`);
    // A nested stack's name is generated at deploy time (parent name, logical id, a random suffix).
    addTemplate(ctx, child, `${name}/${n.logicalId}`, { region: env.region, account: env.account }, nestedPaths(), assemblyDir, depth + 1, here);
  }
}

/**
 * A nested stack's template found through the assembly's asset manifests: CDK
 * names the template by its asset hash in `TemplateURL` (the `aws:asset:path`
 * metadata is only written when asset metadata is on, as the CDK CLI does).
 */
function nestedFromAssets(ctx: Ctx, assemblyDir: string, templateUrl: unknown): string | undefined {
  const assets = ctx.assets.get(assemblyDir);
  if (!assets || assets.size === 0 || templateUrl === undefined) return undefined;
  const text = JSON.stringify(templateUrl) ?? '';
  for (const m of text.matchAll(/[0-9a-f]{64}/g)) {
    const path = assets.get(m[0]);
    if (path) return path;
  }
  return undefined;
}

/** File assets (hash → source path) of the asset manifests an assembly's manifest lists. */
function readAssetManifests(ctx: Ctx, dir: string, mfile: string, artifacts: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, a] of Object.entries(artifacts)) {
    const art = obj(a);
    const file = obj(art.properties).file;
    if (art.type !== 'cdk:asset-manifest' || typeof file !== 'string') continue;
    let data: Record<string, unknown>;
    try {
      data = readAssemblyJson(ctx, inside(ctx, dir, file, `${mfile}: artifact '${id}'`));
    } catch (e) {
      if (e instanceof InputError && /outside the assembly/.test(e.message)) throw e;
      // Asset manifests only help find nested templates: a bad one is noted, not fatal.
      ctx.coverage.notCollected.push({ what: `${mfile}: asset manifest '${id}'`, why: `unreadable: ${firstLine(e)}`, gap: true });
      continue;
    }
    for (const [hash, entry] of Object.entries(obj(data.files))) {
      const src = obj(obj(entry).source);
      if (typeof src.path === 'string' && (src.packaging === undefined || src.packaging === 'file') && /\.json$/.test(src.path)) out.set(hash, src.path);
    }
  }
  return out;
}


/** Resolve `rel` under `dir`, refusing anything (including symlinks) that leaves it. */
function inside(ctx: Ctx, dir: string, rel: string, what: string): string {
  const root = realpathSync(dir);
  const target = resolve(root, rel);
  if (target !== root && !target.startsWith(root + sep)) throw new InputError(`${what} points at ${rel}, outside the assembly`);
  if (!existsSync(target)) throw new InputError(`${what} points at ${rel}, which does not exist`);
  const real = realpathSync(target);
  if (real !== root && !real.startsWith(root + sep)) throw new InputError(`${what} points at ${rel}, which links outside the assembly`);
  return real;
}

const obj = asRecord;

function parseEnvironment(env: unknown): { region?: string; account?: string } {
  const m = typeof env === 'string' ? /^aws:\/\/([^/]*)\/(.*)$/.exec(env) : null;
  if (!m) return {};
  const known = (s: string) => (s && !s.startsWith('unknown-') ? s : undefined);
  return { account: known(m[1]!), region: known(m[2]!) };
}

/** `Validations.of(construct).acknowledge()` records rule ids and reasons under this metadata type. */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';
/** The namespace CDK gives the vouch plugin's rule ids (`vouch::tls-min/aws-elbv2-listener`). */
const VOUCH_NAMESPACE = 'vouch::';

/**
 * Construct metadata of a stack artifact: inline in the manifest (older CDK)
 * and/or in the artifact's `additionalMetadataFile` (newer CDK).
 */
function metadataEntries(ctx: Ctx, dir: string, mfile: string, id: string, art: Record<string, unknown>): [string, unknown][] {
  const entries = Object.entries(obj(art.metadata));
  if (typeof art.additionalMetadataFile !== 'string') return entries;
  const file = inside(ctx, dir, art.additionalMetadataFile, `${mfile}: artifact '${id}' metadata file`);
  return [...entries, ...Object.entries(readAssemblyJson(ctx, file))];
}

/** vouch rule acknowledgements recorded at a construct path (other plugins' ids are skipped). */
function vouchAcknowledgements(path: string, data: unknown): { path: string; ack: Acknowledgement }[] {
  const out: { path: string; ack: Acknowledgement }[] = [];
  for (const [id, reason] of Object.entries(obj(data))) {
    if (!id.startsWith(VOUCH_NAMESPACE) || typeof reason !== 'string') continue;
    out.push({ path: path.replace(/^\//, ''), ack: { rule: id.slice(VOUCH_NAMESPACE.length), reason, origin: 'cdk' } });
  }
  return out;
}

/** An acknowledgement on a construct covers every resource at or below its path, as in CDK. */
function attachAcknowledgements(resources: Resource[], acks: { path: string; ack: Acknowledgement }[]): void {
  for (const r of resources) {
    const p = r.location.constructPath;
    if (!p) continue;
    // A rule the template metadata already acknowledges on this resource keeps that record alone: it carries the
    // expiry, and a CDK record of the same acknowledgement (which cannot) must not outlive it.
    const inMetadata = new Set((r.acknowledgements ?? []).filter((a) => a.origin === 'metadata').map((a) => a.rule));
    const mine = acks.filter((a) => (p === a.path || p.startsWith(`${a.path}/`)) && !inMetadata.has(a.ack.rule)).map((a) => a.ack);
    if (mine.length) r.acknowledgements = [...(r.acknowledgements ?? []), ...mine];
  }
}

/** A `manifest.json` vouch itself wrote beside its reports (not a cloud assembly's). */
function isVouchReportManifest(m: Record<string, unknown>): boolean {
  return m.manifestVersion !== undefined && obj(m.tool).name === 'vouch' && m.artifacts === undefined;
}

function addAssembly(ctx: Ctx, dir: string, depth: number, chain: readonly string[] = []): void {
  const manifestPath = join(dir, 'manifest.json');
  const mfile = show(ctx, manifestPath);
  const manifest = readAssemblyJson(ctx, manifestPath);
  if (isVouchReportManifest(manifest)) throw new InputError(`${mfile}: the manifest of a vouch report directory, not a cdk.out cloud assembly`);
  const real = realpathSync(dir);
  if (chain.includes(real)) throw new InputError(`${mfile}: a stage assembly refers back to ${show(ctx, real)}, an assembly above it (a cycle)`);
  const artifacts = obj(manifest.artifacts);
  ctx.assets.set(dir, readAssetManifests(ctx, dir, mfile, artifacts));
  let stacks = 0;
  for (const [id, a] of Object.entries(artifacts)) {
    const art = obj(a);
    const props = obj(art.properties);
    if (art.type === 'aws:cloudformation:stack') {
      if (typeof props.templateFile !== 'string') throw new InputError(`${mfile}: artifact '${id}' has no templateFile`);
      const template = inside(ctx, dir, props.templateFile, `${mfile}: artifact '${id}'`);
      const constructPaths = new Map<string, string>();
      const cdkAcks: { path: string; ack: Acknowledgement }[] = [];
      for (const [path, entries] of metadataEntries(ctx, dir, mfile, id, art)) {
        if (!Array.isArray(entries)) continue;
        for (const e of entries) {
          const m = obj(e);
          if (m.type === 'aws:cdk:logicalId' && typeof m.data === 'string') constructPaths.set(m.data, path.replace(/^\//, ''));
          if (m.type === ACKNOWLEDGED_RULES) cdkAcks.push(...vouchAcknowledgements(path, m.data));
        }
      }
      const env = parseEnvironment(art.environment);
      const before = ctx.resources.length;
      addTemplate(
        ctx,
        template,
        typeof art.displayName === 'string' ? art.displayName : id,
        { region: env.region ?? ctx.opts.region, account: env.account ?? ctx.opts.account, stackName: typeof props.stackName === 'string' ? props.stackName : id },
        constructPaths,
        dir,
      );
      if (cdkAcks.length) attachAcknowledgements(ctx.resources.slice(before), cdkAcks);
      stacks++;
    } else if (art.type === 'cdk:cloud-assembly') {
      if (depth >= MAX_ASSEMBLY_DEPTH) throw new InputError(`${mfile}: stage assemblies nested deeper than ${MAX_ASSEMBLY_DEPTH}`);
      if (typeof props.directoryName !== 'string') throw new InputError(`${mfile}: artifact '${id}' has no directoryName`);
      const sub = inside(ctx, dir, props.directoryName, `${mfile}: artifact '${id}'`);
      addAssembly(ctx, sub, depth + 1, [...chain, real]);
      stacks++;
    }
  }
  if (stacks === 0) throw new InputError(`${mfile}: the assembly has no stacks`);
}

function addPath(ctx: Ctx, input: string): void {
  const path = resolve(ctx.cwd, input);
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw InputError.fromFs(input, e);
  }
  if (st.isFile()) {
    if (basename(path) === 'manifest.json') return addAssembly(ctx, resolve(path, '..'), 0);
    return addTemplate(ctx, path, uniqueBase(path), { region: ctx.opts.region, account: ctx.opts.account });
  }
  if (!st.isDirectory()) throw new InputError(`${input}: not a regular file or directory (${kindOf(st)})`);
  if (existsSync(join(path, 'manifest.json'))) return addAssembly(ctx, path, 0);
  const root = realpathSync(path);
  ctx.walked.add(root);
  const found = walkDirectory(ctx, path, root, 0);
  if (found === 0) throw new InputError(`${input}: no CloudFormation templates or cdk.out assemblies found`);
}

/** Is this manifest.json a vouch report's? (Then its directory holds reports, not an assembly.) */
function isReportDirectory(ctx: Ctx, dir: string): boolean {
  try {
    return isVouchReportManifest(readAssemblyJson(ctx, join(dir, 'manifest.json')));
  } catch {
    return false;
  }
}

/**
 * Templates and cdk.out assemblies anywhere below an input directory, in name
 * order: sub-directories are read (to a bounded depth and entry count), and a
 * symbolic link is followed when where it leads stays inside the input
 * directory. What is passed over is listed in coverage with the reason; a
 * template-looking file that could not be read is a gap (the run is incomplete).
 */
function walkDirectory(ctx: Ctx, dir: string, root: string, depth: number): number {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw InputError.fromFs(show(ctx, dir), e);
  }
  let found = 0;
  for (const e of entries) {
    const full = join(dir, e.name);
    const what = show(ctx, full);
    if (++ctx.walkEntries > MAX_WALK_ENTRIES) {
      ctx.coverage.notCollected.push({ what, why: `directory walk stopped after ${MAX_WALK_ENTRIES} entries; name the template directories to check`, gap: true });
      return found;
    }
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(full);
      } catch {
        ctx.coverage.notCollected.push({ what, why: 'a symbolic link that leads nowhere (skipped)' });
        continue;
      }
      if (real !== root && !real.startsWith(root + sep)) {
        const looksTemplate = TEMPLATE_EXT.has(extname(e.name));
        ctx.coverage.notCollected.push({ what, why: 'a symbolic link that leads outside the input directory (not followed)', ...(looksTemplate ? { gap: true } : {}) });
        continue;
      }
      let st;
      try {
        st = statSync(real);
      } catch (err) {
        throw InputError.fromFs(what, err);
      }
      isDir = st.isDirectory();
      isFile = st.isFile();
      if (isDir && realpathSync(dir).startsWith(real + sep)) {
        ctx.coverage.notCollected.push({ what, why: 'a symbolic link to a directory above it (a loop; not followed)' });
        continue;
      }
    }
    if (isDir || isFile) {
      // Each file and directory is read once, whichever way links lead to it (so a link back up cannot loop either).
      const real = realpathSync(full);
      if (ctx.walked.has(real)) {
        ctx.coverage.notCollected.push({ what, why: 'already read through another path (a symbolic link leads here too)' });
        continue;
      }
      ctx.walked.add(real);
    }
    if (isDir) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) {
        ctx.coverage.notCollected.push({ what, why: e.name === 'node_modules' ? 'node_modules is not read' : 'hidden directory is not read' });
        continue;
      }
      if (existsSync(join(full, 'manifest.json'))) {
        if (isReportDirectory(ctx, full)) {
          ctx.coverage.notCollected.push({ what, why: 'a vouch report directory (its manifest.json lists reports, not stacks)' });
          continue;
        }
        addAssembly(ctx, full, 0);
        found++;
        continue;
      }
      if (depth + 1 > MAX_WALK_DEPTH) {
        ctx.coverage.notCollected.push({ what, why: `deeper than ${MAX_WALK_DEPTH} directories below the input; name it to check it`, gap: true });
        continue;
      }
      found += walkDirectory(ctx, full, root, depth + 1);
      continue;
    }
    if (!TEMPLATE_EXT.has(extname(e.name))) continue;
    if (!isFile) {
      ctx.coverage.notCollected.push({ what, why: 'not a regular file (skipped)', gap: true });
      continue;
    }
    try {
      addTemplate(ctx, full, uniqueBase(full), { region: ctx.opts.region, account: ctx.opts.account });
      found++;
    } catch (err) {
      // Inside a directory, a JSON/YAML file that is not a template (package.json, config, a report) is
      // passed over, and said so; a broken template is still an error.
      if (err instanceof InputError && /not a CloudFormation template/.test(err.message)) {
        ctx.coverage.notCollected.push({ what, why: 'not a CloudFormation template (no Resources section)' });
        continue;
      }
      throw err;
    }
  }
  return found;
}

function uniqueBase(path: string): string {
  return basename(path).replace(/\.(template\.json|template\.ya?ml|json|ya?ml|template)$/i, '');
}

export function loadIac(inputs: string[], opts: LoadOptions = {}): Inventory {
  // A cap that is not a whole number would turn the count off (every comparison with NaN is false): refused, as the CLI refuses it.
  if (opts.maxResources !== undefined && !(Number.isSafeInteger(opts.maxResources) && opts.maxResources >= 1))
    throw new InputError(`maxResources: expected a whole number of resources, at least 1, got ${String(opts.maxResources).slice(0, 40)}`);
  const ctx: Ctx = {
    opts,
    cwd: opts.cwd ?? process.cwd(),
    resources: [],
    coverage: { inputs: [], notCollected: [] },
    stackNames: new Set(),
    assets: new Map(),
    templatesRead: 0,
    resourcesRead: 0,
    walkEntries: 0,
    walked: new Set(),
    cross: new CrossStackRun(),
    expansionGaps: new Map(),
  };
  for (const input of inputs) addPath(ctx, input);
  const aliases: [string, string][] = [];
  resolveImports(ctx, aliases);
  const inventory = new Inventory(ctx.resources, ctx.coverage);
  for (const [alias, id] of aliases) inventory.addAlias(alias, id);
  return inventory;
}

/** Second pass: stacks importing another stack's export are loaded again with it (./exports.ts). */
function resolveImports(ctx: Ctx, aliases: [string, string][]): void {
  ctx.cross.resolve(
    ctx.resources,
    (input, imports, external, reuse) => loadStack({ ...input, imports, external, reuse }),
    (alias, id) => aliases.push([alias, id]),
    (what, why, gap) => ctx.coverage.notCollected.push({ what, why, ...(gap ? { gap: true } : {}) }),
    (stack, notCollected) => {
      // Only a stack whose first-read gaps are known has them replaced (a StackSet body's keep theirs: fail closed).
      if (!ctx.expansionGaps.has(stack)) return;
      const old = new Set(ctx.expansionGaps.get(stack));
      const kept = ctx.coverage.notCollected.filter((n) => !old.has(n));
      ctx.coverage.notCollected.length = 0;
      for (const n of kept) ctx.coverage.notCollected.push(n);
      for (const n of notCollected) ctx.coverage.notCollected.push({ ...n, gap: true });
    },
  );
}
