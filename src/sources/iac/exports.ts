/**
 * Cross-stack references: `Fn::ImportValue` resolved against the `Outputs`
 * `Export`s of the other templates judged in the same run (a CDK app's
 * network / data / app stacks; hand-written stacks that import
 * `${NetworkStackName}-VpcId`).
 *
 * Each stack is loaded as before, its imports unresolved; its exports (name
 * and value, resolved in the exporting stack) are collected, and the names its
 * imports ask for are recorded. After every template of the run is read, each
 * stack that imports a name exactly one other stack exports is loaded again
 * with those imports resolved, in dependency order (an exporter before its
 * importers, so A → B → C chains resolve), and its resources take the new
 * properties and relations in place. A literal export stays a literal; a
 * `Ref`/`GetAtt` of a resource in the exporting stack becomes a reference to
 * that resource (`ImportedRef`), so relations and rules cross stacks; an
 * export that is itself unresolved stays unresolved and says where it came
 * from; a name exported by no stack, or by several, stays unresolved.
 *
 * Imports met while expanding the template (a `Fn::ForEach` collection, a SAM
 * stage name) may change what it expands to: such a stack is resolved whole
 * on its second load, and its resources become the ones the imported values
 * expand to (a resource of the same id keeps its object). StackSet bodies
 * take part as stacks placed at their instances' accounts and regions, and
 * an import resolves only against an exporter the run can place beside it
 * (`sameAccountAndRegion`).
 *
 * Work is linear in the stacks and names: only importing stacks are read
 * twice, and only their parsed templates are kept.
 */
import type { Resource } from '../../model/resource.js';
import { ResourceRef, Unresolved } from '../../model/values.js';

/**
 * A reference to a resource of another stack of the run, reached through an export. Its `logicalId`
 * is `Stack:LogicalId`, which no resource of the importing stack can have (logical ids are
 * alphanumeric), so a rule that looks a reference up in its own stack never finds a namesake there;
 * the inventory knows the alias (`Inventory.addAlias`) and `global` is the target's resource id.
 */
export class ImportedRef extends ResourceRef {
  constructor(
    readonly exporter: string,
    readonly targetLogicalId: string,
    attribute?: string,
  ) {
    super(`${exporter}:${targetLogicalId}`, attribute);
  }
  get global(): string {
    return `${this.exporter}/${this.targetLogicalId}`;
  }
  override get label(): string {
    return `${this.targetLogicalId} (stack ${this.exporter})`;
  }
}

/** One `Outputs.<id>.Export` of a stack, its value resolved in that stack. */
export interface StackExport {
  name: string;
  output: string;
  value: unknown;
}

/** A stack's exports: `Export.Name` resolved to text (else left out: nothing can match it by name). */
export function outputExports(
  outputs: unknown,
  resolveName: (v: unknown) => unknown,
  resolveValue: (v: unknown) => unknown,
  condition: (name: string) => boolean | undefined,
): StackExport[] {
  const out: StackExport[] = [];
  if (!outputs || typeof outputs !== 'object' || Array.isArray(outputs)) return out;
  for (const [id, decl] of Object.entries(outputs as Record<string, unknown>)) {
    if (!decl || typeof decl !== 'object' || Array.isArray(decl)) continue;
    const d = decl as Record<string, unknown>;
    const exp = d.Export;
    if (!exp || typeof exp !== 'object' || Array.isArray(exp) || !('Name' in exp)) continue;
    const name = resolveName((exp as Record<string, unknown>).Name);
    if (typeof name !== 'string' || name === '') continue;
    const cond = typeof d.Condition === 'string' ? condition(d.Condition) : true;
    if (cond === false) continue;
    const value =
      cond === undefined ? new Unresolved(`Outputs.${id} is exported only when condition ${d.Condition} holds, which the template does not decide`) : resolveValue(d.Value);
    out.push({ name, output: id, value });
  }
  return out;
}

/** What one stack offers and asks for, and what is needed to load it again. */
interface StackRecord<I> {
  stack: string;
  file: string;
  exports: StackExport[];
  /** Import names met while loading (resolved to text). */
  imports: ReadonlySet<string>;
  /** Logical ids of the resources whose properties met an import: only they are resolved again. */
  importing: ReadonlySet<string>;
  /** Imports were read while expanding the template: a second load resolves every resource again. */
  importsInExpansion: boolean;
  /** Kept only for a stack that imports something. */
  input?: I;
  /** The stack's own resources as loaded (kept only for a stack that imports something). */
  resources?: Resource[];
  /** What the loader does to a stack's resources after loading them (applied again to a second load's). */
  finish?: (resources: Resource[]) => void;
  placement: Placement;
}

/**
 * Where a stack deploys, as far as the run knows. `Fn::ImportValue` reads the exports of its own
 * account and region only. A stack of the run is taken to deploy beside the others unless their
 * accounts or regions are known to differ (as before StackSets were read); a StackSet's body deploys
 * as one stack instance per target account and region (`instances`: `account/region`, undefined
 * when the targets are not all literal accounts and regions, e.g. organizational units), so an
 * import across a StackSet resolves only where every instance of the importer is known to sit
 * beside an instance of the exporter.
 */
export type Placement = { kind: 'stack'; account?: string; region?: string } | { kind: 'stack-set'; instances?: ReadonlySet<string> };

function instancesOf(p: Placement): ReadonlySet<string> | undefined {
  if (p.kind === 'stack-set') return p.instances;
  return p.account !== undefined && p.region !== undefined ? new Set([`${p.account}/${p.region}`]) : undefined;
}

/** Can `importer` read `exporter`'s exports (the same account and region)? */
export function sameAccountAndRegion(importer: Placement, exporter: Placement): boolean {
  if (importer.kind === 'stack' && exporter.kind === 'stack') {
    if (importer.account !== undefined && exporter.account !== undefined && importer.account !== exporter.account) return false;
    return !(importer.region !== undefined && exporter.region !== undefined && importer.region !== exporter.region);
  }
  const mine = instancesOf(importer);
  const theirs = instancesOf(exporter);
  if (!mine?.size || !theirs) return false;
  for (const i of mine) if (!theirs.has(i)) return false;
  return true;
}

/** What the loader tells about one stack it loaded. */
export interface StackLoaded<I> {
  stack: string;
  file: string;
  exports: StackExport[];
  imports: ReadonlySet<string>;
  importing: ReadonlySet<string>;
  importsInExpansion?: boolean;
  input: I;
  /** The stack's own resources, the same objects the run's list holds. */
  resources: Resource[];
  finish?: (resources: Resource[]) => void;
  /** Where it deploys; a stack of unknown account and region when not given. */
  placement?: Placement;
}

/** What a second load of a stack yields. */
export interface Reloaded {
  resources: Resource[];
  exports: StackExport[];
  /** Parts not judged (gaps), as the first load's: they replace those when imports shaped the expansion. */
  notCollected: { what: string; why: string }[];
}

/** What the resolver asks while loading a stack: the value an imported name stands for, if any. */
export type ImportHook = (name: string) => unknown;

/**
 * Longest export text carried across stacks (a template body is at most 1 MB, so no deployable export is
 * longer). Stacks that each join an import to itself double it at every link: past this it stays unresolved.
 */
export const MAX_IMPORTED_TEXT = 1_000_000;

/** The value of another stack's export as the importing stack sees it. */
export function importedValue(name: string, exporter: string, value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_IMPORTED_TEXT)
    return new Unresolved(`Fn::ImportValue ${JSON.stringify(name)} (exported by stack ${exporter} as ${value.length} characters of text, over the ${MAX_IMPORTED_TEXT} vouch reads)`);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof ImportedRef) return value;
  if (value instanceof ResourceRef) return new ImportedRef(exporter, value.logicalId, value.attribute);
  const from = `Fn::ImportValue ${JSON.stringify(name)} (exported by stack ${exporter}`;
  if (value instanceof Unresolved) {
    // A shape that doubled along a chain of stacks is not carried: the value stays unresolved, unshaped.
    if ((value.shape?.length ?? 0) > MAX_IMPORTED_TEXT) return new Unresolved(`${from}: a value built to over ${MAX_IMPORTED_TEXT} characters)`);
    // Its references name resources of the exporting stack: they are written Stack:LogicalId, never a local namesake.
    const refs = value.refs?.map((r) => (r === undefined || r.includes(':') ? r : `${exporter}:${r}`));
    return new Unresolved(`${from}: ${value.expression})`, value.shape, value.slots, refs);
  }
  // A value that depends on the exporting stack's own conditions, or any other shape: not carried across.
  return new Unresolved(`${from} as a value vouch does not carry across stacks)`);
}

/**
 * The exports and imports of every stack of one run, and the second pass that
 * resolves imports. `I` is the loader's stack input, `L` what loading returns.
 */
export class CrossStackRun<I> {
  private readonly records: StackRecord<I>[] = [];
  private readonly byStack = new Map<string, StackRecord<I>>();
  private readonly byName = new Map<string, StackRecord<I>[]>();

  /** Record a loaded stack: its exports, the names it imports, and (if it imports) its input for a second load. */
  add(rec: StackLoaded<I>): void {
    const keep = rec.imports.size > 0;
    const r: StackRecord<I> = {
      stack: rec.stack,
      file: rec.file,
      exports: rec.exports,
      imports: rec.imports,
      importing: rec.importing,
      importsInExpansion: rec.importsInExpansion ?? false,
      input: keep ? rec.input : undefined,
      resources: keep ? rec.resources : undefined,
      finish: keep ? rec.finish : undefined,
      placement: rec.placement ?? { kind: 'stack' },
    };
    this.records.push(r);
    this.byStack.set(r.stack, r);
    for (const e of r.exports) {
      const list = this.byName.get(e.name);
      if (!list) this.byName.set(e.name, [r]);
      else if (!list.includes(r)) list.push(r);
    }
  }

  /**
   * The one other stack exporting `name` where `importer` deploys, or why there is none to use: several
   * export it there (`ambiguous`), or only stacks the run cannot place beside it do (`elsewhere`).
   */
  private exporterOf(name: string, importer: StackRecord<I>): { rec: StackRecord<I> } | { ambiguous: string[] } | { elsewhere: string[] } | undefined {
    const list = this.byName.get(name);
    if (!list?.length) return undefined;
    const all = list.flatMap((r) => r.exports.filter((e) => e.name === name).map(() => r));
    const here = all.filter((r) => r === importer || sameAccountAndRegion(importer.placement, r.placement));
    if (here.length > 1) return { ambiguous: here.map((r) => r.stack) };
    if (here.length === 0) return { elsewhere: [...new Set(all.map((r) => r.stack))] };
    return here[0] === importer ? undefined : { rec: here[0]! };
  }

  /**
   * Load again, in dependency order, every stack importing a name one other stack exports. `load`
   * loads a stack input with an import hook and a lookup of resources of other stacks by id, and
   * returns its resources, exports and the import names met. Resources are updated in place
   * (properties, relations); `aliases` receives `Stack/Exporter:LogicalId` → target id for each
   * reference made, and `note` one line per import name resolved or found ambiguous.
   */
  resolve(
    resources: Resource[],
    load: (input: I, imports: ImportHook, external: (id: string) => Resource | undefined, reuse: (logicalId: string) => Record<string, unknown> | undefined) => Reloaded,
    aliases: (alias: string, id: string) => void,
    note: (what: string, why: string, gap?: boolean) => void,
    regap?: (stack: string, notCollected: Reloaded['notCollected']) => void,
  ): void {
    const importers = this.records.filter((r) => r.input !== undefined && [...r.imports].some((n) => this.byName.has(n)));
    if (!importers.length) return;
    const noted = new Set<string>();
    for (const r of importers) {
      for (const n of r.imports) {
        const ex = this.exporterOf(n, r);
        if (!ex || 'rec' in ex || noted.has(`${r.stack}\u0000${n}`)) continue;
        noted.add(`${r.stack}\u0000${n}`);
        if ('ambiguous' in ex) note(`${r.file}: Fn::ImportValue ${JSON.stringify(n)}`, `exported by ${ex.ambiguous.length} stacks of this run (${ex.ambiguous.join(', ')}): not resolved`);
        else
          note(
            `${r.file}: Fn::ImportValue ${JSON.stringify(n)} (stack ${r.stack})`,
            `exported by stack ${ex.elsewhere.join(', ')}, which the run cannot place in the same account and region as the importing stack (an import reads only its own account and region's exports; a StackSet deploys to its target accounts and regions): not resolved`,
          );
      }
    }
    // Depth-first: a stack is loaded again after the importing stacks it imports from (A → B → C).
    const pending = new Set(importers.filter((r) => [...r.imports].some((n) => this.resolvable(n, r))));
    const order: StackRecord<I>[] = [];
    const state = new Map<StackRecord<I>, 'open' | 'done'>();
    let cycle = false;
    const visit = (r: StackRecord<I>): void => {
      state.set(r, 'open');
      for (const n of r.imports) {
        const ex = this.exporterOf(n, r);
        if (!ex || !('rec' in ex) || !pending.has(ex.rec)) continue;
        const s = state.get(ex.rec);
        // A cycle (CloudFormation refuses one): the stack it closes on reads the other's first-pass exports.
        if (s === 'open') cycle = true;
        else if (s === undefined) visit(ex.rec);
      }
      state.set(r, 'done');
      order.push(r);
    };
    for (const r of pending) if (!state.has(r)) visit(r);
    if (cycle) note('Fn::ImportValue', 'some stacks of this run import from each other in a cycle (CloudFormation refuses one): imports on the cycle that depend on another import stay unresolved');
    let byId: Map<string, Resource> | undefined;
    const index = () => (byId ??= new Map(resources.map((x) => [x.id, x])));
    const external = (id: string) => index().get(id);
    // A stack whose expansion changed with its imports: its first resource → the resources it has now.
    const replaced = new Map<Resource, Resource[]>();
    const dropped = new Set<Resource>();
    for (const r of order) {
      const change = this.reload(r, load, external, aliases, note, regap);
      if (!change) continue;
      const ids = index();
      for (const x of change.before) {
        dropped.add(x);
        ids.delete(x.id);
      }
      for (const x of change.after) ids.set(x.id, x);
      replaced.set(change.before[0]!, change.after);
    }
    if (replaced.size) spliceReplaced(resources, replaced, dropped);
  }

  private resolvable(name: string, importer: StackRecord<I>): boolean {
    const ex = this.exporterOf(name, importer);
    return ex !== undefined && 'rec' in ex;
  }

  /**
   * Load one stack again with its imports resolved. Its resources take the new properties and
   * relations in place; when the expansion itself changed (a `Fn::ForEach` over an imported list,
   * a SAM stage name read from an import), the stack's resources become the new ones (a resource of
   * the same id keeps its object), returned for the caller to put in the run's list.
   */
  private reload(
    r: StackRecord<I>,
    load: (input: I, imports: ImportHook, external: (id: string) => Resource | undefined, reuse: (logicalId: string) => Record<string, unknown> | undefined) => Reloaded,
    external: (id: string) => Resource | undefined,
    aliases: (alias: string, id: string) => void,
    note: (what: string, why: string, gap?: boolean) => void,
    regap?: (stack: string, notCollected: Reloaded['notCollected']) => void,
  ): { before: Resource[]; after: Resource[] } | undefined {
    const used = new Map<string, string>();
    const hook: ImportHook = (name) => {
      const ex = this.exporterOf(name, r);
      if (!ex || !('rec' in ex)) return undefined;
      const e = ex.rec.exports.find((x) => x.name === name)!;
      const v = importedValue(name, ex.rec.stack, e.value);
      used.set(name, `${ex.rec.stack} (${ex.rec.file}, Outputs.${e.output})`);
      if (v instanceof ImportedRef) aliases(`${r.stack}/${v.logicalId}`, v.global);
      return v;
    };
    const before = r.resources!;
    // Properties that met no import are the same on a second load: taken as they are, not resolved again
    // (unless an import shaped the expansion: then a logical id may stand for another body).
    const first = r.importsInExpansion
      ? new Map<string, Record<string, unknown>>()
      : new Map(before.filter((x) => x.location.logicalId !== undefined && !r.importing.has(x.location.logicalId)).map((x) => [x.location.logicalId!, x.properties]));
    const again = load(r.input!, hook, external, (lid) => first.get(lid));
    r.finish?.(again.resources);
    // A loop over an imported list left out on the first load is expanded now: the second load's gaps are the stack's.
    if (r.importsInExpansion) regap?.(r.stack, again.notCollected);
    const same = again.resources.length === before.length && again.resources.every((x, i) => x.id === before[i]!.id);
    let change: { before: Resource[]; after: Resource[] } | undefined;
    if (same) {
      again.resources.forEach((x, i) => {
        const kept = before[i]!;
        kept.properties = x.properties;
        kept.relations = x.relations;
      });
    } else {
      // Relations drawn onto resources of other stacks name the new objects' ids: a kept object has the same id.
      const old = new Map(before.map((x) => [x.id, x]));
      const after = again.resources.map((x) => {
        const kept = old.get(x.id);
        if (!kept || kept.type !== x.type) return x;
        kept.properties = x.properties;
        kept.relations = x.relations;
        kept.raw = x.raw;
        kept.location = { ...x.location };
        return kept;
      });
      const gone = before.filter((x) => !after.includes(x)).length;
      const added = after.filter((x) => !before.includes(x));
      note(
        `${r.file}: Fn::ImportValue`,
        `with its imports resolved the template expands to other resources (Fn::ForEach, SAM): ${added.length} resource(s) added, ${gone} no longer made; judged as expanded with the imported values`,
      );
      for (const x of added)
        if (x.type === 'aws.cloudformation.nested-stack' || x.type === 'aws.cloudformation.stack-set')
          note(`${r.file}: ${x.location.logicalId ?? x.id}`, 'a nested stack or StackSet that only the imported values make: its template is not read', true);
      r.resources = after;
      change = { before, after };
    }
    this.replaceExports(r, again.exports);
    for (const [name, from] of used) note(`${r.file}: Fn::ImportValue ${JSON.stringify(name)}`, `resolved from the export of stack ${from}`);
    return change;
  }

  private replaceExports(r: StackRecord<I>, exports: StackExport[]): void {
    for (const e of r.exports) {
      const list = this.byName.get(e.name);
      if (list) this.byName.set(e.name, list.filter((x) => x !== r));
    }
    r.exports = exports;
    for (const e of exports) {
      const list = this.byName.get(e.name) ?? [];
      if (!list.includes(r)) list.push(r);
      this.byName.set(e.name, list);
    }
  }
}

/**
 * The run's resource list with each replaced stack's resources in place of its old ones (at the
 * position of its first), in one pass over the list.
 */
function spliceReplaced(resources: Resource[], replaced: ReadonlyMap<Resource, Resource[]>, dropped: ReadonlySet<Resource>): void {
  const out: Resource[] = [];
  for (const x of resources) {
    const now = replaced.get(x);
    if (now) for (const y of now) out.push(y);
    else if (!dropped.has(x)) out.push(x);
  }
  resources.length = 0;
  for (const x of out) resources.push(x);
}
