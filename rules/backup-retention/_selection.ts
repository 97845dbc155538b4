/**
 * Does an AWS Backup selection cover a resource? Three-valued: `yes`, `no`, or `maybe` when
 * the answer depends on something the inventory does not say (an unresolved tag or selection
 * value, the account and region two environment-agnostic stacks are deployed to).
 *
 * What a selection selects (AWS Backup, "Assign resources programmatically"):
 * `Resources` (ARNs or ARN globs, OR'd) and `ListOfTags` (StringEquals on a tag, OR'd) pick the
 * candidates (neither given: every supported resource), every `Conditions` entry must hold
 * (`aws:ResourceTag/<key>` with StringEquals / StringLike / StringNotEquals / StringNotLike), and
 * `NotResources` removes resources. How `Resources` and `ListOfTags` combine when both are given
 * is not spelled out, so a resource one selects and the other does not is `maybe`.
 * An ARN whose name part is another template resource's `Ref` (what aws-cdk-lib's BackupResource
 * writes) names that resource only: it never selects a different one, of any type.
 * A selection applies only in its own account and region: the same stack is certain, two stacks
 * whose account and region are both known compare them, anything else is `maybe`.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { ev, get, globMatch, nameBeside } from '../../src/evaluate/facts.js';
import type { EvidenceItem } from '../../src/evaluate/rule.js';
import { soleGlobalTableRegion } from '../data-residency/_global-tables.js';
import { isRef, isUnresolved, isBranches, SHAPE_SPECIFIC, SHAPE_UNKNOWN, type Unresolved } from '../../src/model/values.js';

export type Tri = 'yes' | 'no' | 'maybe';

export const or = (xs: Tri[]): Tri => (xs.includes('yes') ? 'yes' : xs.includes('maybe') ? 'maybe' : 'no');
export const and = (xs: Tri[]): Tri => (xs.includes('no') ? 'no' : xs.includes('maybe') ? 'maybe' : 'yes');
const not = (x: Tri): Tri => (x === 'yes' ? 'no' : x === 'no' ? 'yes' : 'maybe');

/** A tag whose value (or, with a computed key, whose presence) the template does not say. */
const UNKNOWN_TAG = Symbol('unknown tag');

/** A resource's tags as a selection reads them: a value per key (null: absent), or `undefined` when the tags are not known. */
export type TagView = { get(key: string): string | null | typeof UNKNOWN_TAG } | undefined;

/** Read literal `Tags` ([{Key, Value}] or a map). `undefined` (unknown) for live resources without collected tags and for unresolved tags. */
export function tagView(r: Resource, tags: unknown): TagView {
  if (tags === undefined || tags === null) return r.source === 'iac' ? { get: () => null } : undefined;
  if (isUnresolved(tags) || isBranches(tags)) return undefined;
  const entries: [unknown, unknown][] = Array.isArray(tags)
    ? tags.map((e) => [get(e, 'Key'), get(e, 'Value')])
    : typeof tags === 'object'
      ? Object.entries(tags as Record<string, unknown>)
      : [];
  if (!Array.isArray(tags) && typeof tags !== 'object') return undefined;
  return {
    get(key) {
      let open = false;
      for (const [k, v] of entries) {
        if (typeof k !== 'string') open = true;
        else if (k === key) return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : UNKNOWN_TAG;
      }
      return open ? UNKNOWN_TAG : null;
    },
  };
}

/** Whether two resources are in the same account and region (the same stack: yes; unknown parts: maybe). */
export function sameEnvironment(a: Resource, b: Resource): Tri {
  if (a.location.file !== undefined && a.location.file === b.location.file && a.location.stack === b.location.stack) return 'yes';
  const { account: aa, region: ar } = a.location;
  const { account: ba, region: br } = b.location;
  if (aa && ar && ba && br) return aa === ba && ar === br ? 'yes' : 'no';
  if ((aa && ba && aa !== ba) || (ar && br && ar !== br)) return 'no';
  return 'maybe';
}

/**
 * The parameters without a value (nor default) a selection's value is built from: a `Ref` to one,
 * or an `Fn::Sub` / `Fn::Join` whose unknown pieces are such references. Undefined when the value
 * is unknown for another reason (an unresolved import, an expression vouch does not read), which
 * stays `maybe` whatever the reading.
 */
export function deployParameters(v: unknown): string[] | undefined {
  if (!isUnresolved(v)) return undefined;
  const plain = PARAMETER_REF.exec(v.expression)?.[1];
  if (plain) return [plain];
  if (v.shape === undefined || !/^Fn::(Sub|Join) /.test(v.expression) || v.expression.endsWith('...')) return undefined;
  const names = new Set<string>();
  for (const m of v.expression.matchAll(/\$\{([A-Za-z0-9]+)\}|"Ref":"([A-Za-z0-9]+)"/g)) names.add((m[1] ?? m[2])!);
  const unknownPieces = [...v.shape].filter((c) => c === SHAPE_UNKNOWN).length;
  // Resource references and pseudo parameters are definite pieces (SHAPE_SPECIFIC); every unknown piece must be a named parameter.
  return unknownPieces > 0 && names.size >= unknownPieces ? [...names] : undefined;
}
const PARAMETER_REF = /^Ref ([A-Za-z0-9]+) \(parameter without a value/;

/** Whether any of the resource's own properties (a name, a tag) is built from one of these parameters: a selection by them may then name it. */
function readsParameter(r: Resource, names: string[]): boolean {
  let nodes = 0;
  const hit = (text: string) => names.some((n) => text.startsWith(`Ref ${n} `) || text.includes(`\${${n}}`) || text.includes(`"Ref":"${n}"`));
  const walk = (x: unknown, depth: number): boolean => {
    if (++nodes > 2000 || depth > 8) return true; // too large to tell: it may
    if (isUnresolved(x)) return hit(x.expression);
    if (isBranches(x)) return walk(x.whenTrue, depth + 1) || walk(x.whenFalse, depth + 1);
    if (x === null || typeof x !== 'object') return false;
    return Object.values(x as Record<string, unknown>).some((v) => walk(v, depth + 1));
  };
  return walk(r.properties, 0);
}

/**
 * Strict reading: a positive tag condition (`StringEquals` / `StringLike`) whose key or value is a
 * parameter without a value, on a resource whose tags are known, is not evidence that it holds.
 */
function deployOnlyTag(tags: TagView, key: unknown, value: unknown, op: string): boolean {
  if (!tags || (op !== 'StringEquals' && op !== 'StringLike')) return false;
  const part = (x: unknown) => typeof x === 'string' || deployParameters(x) !== undefined;
  if (!part(key) || !part(value) || (typeof key === 'string' && typeof value === 'string')) return false;
  return typeof key !== 'string' || tags.get(key) !== UNKNOWN_TAG;
}

/** A tag condition (`StringEquals`, `StringLike`, `StringNotEquals`, `StringNotLike`) on the tags a resource shows. `strict`: see `deployOnlyTag`. */
export function tagCondition(tags: TagView, key: unknown, value: unknown, op: string, strict = false): Tri {
  if (strict && deployOnlyTag(tags, key, value, op)) return 'no';
  if (typeof key !== 'string' || typeof value !== 'string' || !tags) return 'maybe';
  const v = tags.get(key);
  if (v === UNKNOWN_TAG) return 'maybe';
  switch (op) {
    case 'StringEquals':
      return v === null ? 'no' : v === value ? 'yes' : 'no';
    case 'StringLike':
      return v === null ? 'no' : globMatch(value, v) ? 'yes' : 'no';
    // Whether a resource without the tag satisfies a negated condition is not documented: maybe.
    case 'StringNotEquals':
      return v === null ? 'maybe' : v !== value ? 'yes' : 'no';
    case 'StringNotLike':
      return v === null ? 'maybe' : !globMatch(value, v) ? 'yes' : 'no';
  }
  return 'maybe';
}

const TAG_KEY = 'aws:ResourceTag/';

/**
 * One `ListOfTags` entry (STRINGEQUALS only). Its ConditionKey is documented as the plain tag key
 * (`backup`); a key written with the `aws:ResourceTag/` prefix of `Conditions` may be read either way,
 * so when the two readings disagree the entry is `maybe` (fail closed both for backup-retention, which
 * passes what is selected, and for cache-no-backup, which passes what is not).
 */
function listOfTagsEntry(tags: TagView, t: unknown, strict: boolean): Tri {
  if (get(t, 'ConditionType') !== 'STRINGEQUALS') return 'maybe';
  const key = get(t, 'ConditionKey');
  const value = get(t, 'ConditionValue');
  const plain = tagCondition(tags, key, value, 'StringEquals', strict);
  if (typeof key !== 'string' || !key.startsWith(TAG_KEY)) return plain;
  return plain === tagCondition(tags, key.slice(TAG_KEY.length), value, 'StringEquals', strict) ? plain : 'maybe';
}

/** The resource's ARN parts a selection's ARN glob is matched against. */
export interface ArnFacts {
  /** AWS service in the ARN (`dynamodb`). */
  service: string;
  /** Resource type in the ARN's resource part (`table`). */
  kind: string;
  /** Physical name when the template gives it literally. */
  name?: string;
  /** Set when CloudFormation generates the name (it contains the logical id). */
  generatedFrom?: string;
  /** Full ARN when known (live). */
  arn?: string;
  /** What separates kind and name in the ARN: `/` (default) or `:` (RDS, Neptune, DocumentDB, Redshift: `…:cluster:name`). */
  sep?: '/' | ':';
}

/**
 * Strict reading of an ARN the template leaves to a parameter without a value: it names whatever the
 * deployer passes, which is no more evidence of covering this resource than a plan outside the scan,
 * unless the resource's own properties read the same parameter (its ARN may be built from its name).
 * A parameter in the ARN's account or region part with a literal resource part is not such a value.
 * An ARN built with `Fn::Sub` whose service and resource type are literal and whose name is a
 * parameter (`arn:…:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}`) is one too: the
 * type narrows it to resources of this kind, but which one it names is the deployer's choice.
 */
function deployOnlyArn(r: Resource, entry: unknown): boolean {
  const params = deployParameters(entry);
  if (!params || readsParameter(r, params)) return false;
  const shape = (entry as Unresolved).shape;
  if (shape === undefined) return true;
  const parts = shape.split(':');
  const resource = parts.slice(5).join(':');
  // A pattern (`table/${Prefix}-*`) is written to cover a family of resources: kept as `maybe`.
  return parts.length >= 6 && resource.includes(SHAPE_UNKNOWN) && !/[*?]/.test(resource);
}

function arnMatch(sel: Resource, r: Resource, facts: ArnFacts, entry: unknown, strict = false): Tri {
  if (isRef(entry)) return sel.location.stack === r.location.stack && sel.location.file === r.location.file && entry.logicalId === r.location.logicalId ? 'yes' : 'no';
  if (strict && deployOnlyArn(r, entry)) return 'no';
  // An ARN built from pseudo parameters or another resource: a literal service or resource type
  // that is not the resource's own rules it out (BackupResource.fromRdsDatabaseInstance → `arn:…:rds:…:db:…`).
  if (isUnresolved(entry)) {
    const parts = entry.shape?.split(':') ?? [];
    if (parts.length < 6 || parts[0] !== 'arn') return 'maybe';
    const literal = (x: string) => !x.includes(SHAPE_SPECIFIC) && !x.includes(SHAPE_UNKNOWN);
    const kindPat = parts[5]!.split('/')[0]!;
    if (literal(parts[2]!) && !globMatch(parts[2]!, facts.service)) return 'no';
    const byRef = ownRefArn(sel, r, facts, entry, parts);
    if (byRef) return byRef;
    const pseudo = pseudoArn(entry, parts);
    if (pseudo !== undefined) return and([resourceMatch(pseudo.resource, facts), pseudo.region ?? envPart(parts[3]!, r.location.region), pseudo.account ?? envPart(parts[4]!, r.location.account)]);
    if (literal(kindPat) && parts[5]!.includes('/') && !globMatch(kindPat, facts.kind)) return 'no';
    if (literal(kindPat) && !parts[5]!.includes('/') && parts.length > 6 && !globMatch(kindPat, facts.kind)) return 'no';
    return 'maybe';
  }
  if (typeof entry !== 'string') return 'maybe';
  if (entry === '*') return 'yes';
  if (facts.arn) return globMatch(entry, facts.arn) ? 'yes' : 'no';
  const parts = entry.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return 'maybe';
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  if (!globMatch(service, facts.service)) return 'no';
  const reg = r.location.region;
  // As for AWS::Partition in templates: `aws` unless the region says China or GovCloud.
  const part = reg?.startsWith('cn-') ? 'aws-cn' : reg?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return and([resourceMatch(resource, facts), envPart(partition, part), envPart(region, reg), envPart(account, r.location.account)]);
}

const envPart = (pattern: string, actual: string | undefined): Tri => (pattern === '*' ? 'yes' : actual === undefined ? 'maybe' : globMatch(pattern, actual) ? 'yes' : 'no');

/** Whether an ARN's literal resource part (`table/shop-*`) names the resource (a generated name: a glob over it may). */
function resourceMatch(resource: string, facts: ArnFacts): Tri {
  const sep = facts.sep ?? '/';
  if (facts.name !== undefined) {
    const arnName = `${facts.kind}${sep}${facts.name}`;
    if (globMatch(resource, arnName)) return 'yes';
    // Several services store the identifier in lower case (RDS, DocumentDB, Neptune, ElastiCache: "stored as a
    // lowercase string"), so a name that differs from the pattern only in case may be the one it selects.
    return globMatch(resource.toLowerCase(), arnName.toLowerCase()) ? 'maybe' : 'no';
  }
  const slash = resource.indexOf(sep);
  const kindPat = slash < 0 ? resource : resource.slice(0, slash);
  const namePat = slash < 0 ? '*' : resource.slice(slash + 1);
  if (slash < 0 && !/[*?]/.test(resource)) return 'no';
  if (!globMatch(kindPat, facts.kind) && !(slash < 0 && resource.startsWith('*'))) return 'no';
  if (namePat === '*') return 'yes';
  if (/[*?]/.test(namePat)) return 'maybe';
  // A generated name contains the logical id: a literal name without it cannot be this resource.
  return facts.generatedFrom && !namePat.includes(facts.generatedFrom) ? 'no' : 'maybe';
}

/**
 * An ARN built with `Fn::Sub` whose only placeholders are the pseudo parameters `AWS::Region` and
 * `AWS::AccountId` in its region and account parts (`arn:${AWS::Partition}:dynamodb:${AWS::Region}:
 * ${AWS::AccountId}:table/shop-*`): its resource part is literal, so it is matched on the resource's
 * name as a literal ARN is (AWS Backup developer guide, "Assigning resources": a `*` in a resource
 * ARN matches any characters). The pseudo parameters are the selection's own account and region,
 * where alone it selects (its environment is compared by `backupSelectionOf`), so they match.
 * Undefined for any other shape.
 */
function pseudoArn(entry: Unresolved, parts: string[]): { resource: string; region?: Tri; account?: Tri } | undefined {
  const shape = entry.shape!;
  if (shape.includes(SHAPE_UNKNOWN) || !entry.slots) return undefined;
  const literal = (x: string) => !x.includes(SHAPE_SPECIFIC);
  const resource = parts.slice(5).join(':');
  if (!literal(parts[1]!) || !literal(parts[2]!) || !literal(resource)) return undefined;
  let slot = 0;
  const envSlot = (x: string, kind: 'region' | 'account'): Tri | undefined | null => {
    if (literal(x)) return undefined;
    if (x !== SHAPE_SPECIFIC || entry.slots![slot++] !== kind) return null;
    return 'yes';
  };
  const region = envSlot(parts[3]!, 'region');
  const account = envSlot(parts[4]!, 'account');
  if (region === null || account === null || (region === undefined && account === undefined)) return undefined;
  return { resource, region, account };
}

/**
 * An ARN built from the resource's own `Ref` in the selection's stack (`arn:${AWS::Partition}:
 * elasticfilesystem:eu-west-1:111122223333:file-system/${Files}`, what aws-cdk-lib's
 * `BackupResource.fromEfsFileSystem` writes): it names this resource. Its account and region
 * parts are the stack's own (pseudo parameters, or the literals CDK writes for a stack with an
 * explicit environment), so they are taken as matching unless the resource's known location
 * says otherwise. Undefined when the ARN does not end in the resource's own `Ref`.
 */
function ownRefArn(sel: Resource, r: Resource, facts: ArnFacts, entry: Unresolved, parts: string[]): Tri | undefined {
  const id = r.location.logicalId;
  const last = entry.refs?.[entry.refs.length - 1];
  const sep = facts.sep ?? '/';
  if (!id || last === undefined || !entry.shape!.endsWith(`${sep}${SHAPE_SPECIFIC}`)) return undefined;
  const target = last.split('.')[0]!;
  // The name part is another template resource's `Ref` (or attribute): the ARN names that resource
  // and no other, whatever its type (an RDS cluster's name is not a DocumentDB cluster's; two
  // resources of one identifier namespace cannot share a name), so it does not select r.
  if (target !== id) return 'no';
  if (last.endsWith('.Arn')) return undefined;
  if (sel.location.stack !== r.location.stack || sel.location.file !== r.location.file) return 'no';
  if (parts[2] !== facts.service || parts.slice(5).join(':') !== `${facts.kind}${sep}${SHAPE_SPECIFIC}`) return 'no';
  // A parameter there may name another account or region: maybe.
  const envPart = (pattern: string, actual: string | undefined): Tri =>
    pattern.includes(SHAPE_UNKNOWN) ? 'maybe' : pattern.includes(SHAPE_SPECIFIC) || actual === undefined || globMatch(pattern, actual) ? 'yes' : 'no';
  return and([envPart(parts[3]!, r.location.region), envPart(parts[4]!, r.location.account)]);
}

/**
 * How one selection treats the resource. `strict`: a value the selection leaves to a parameter
 * without a value (an ARN, a list of ARNs, a tag key or value it selects by) is read as not
 * selecting the resource (see `deployOnlyArn`); exclusions (NotResources, negated conditions) by
 * parameters stay `maybe`, since they can only take away coverage the selection shows otherwise.
 */
function selects(sel: Resource, r: Resource, facts: ArnFacts, tags: TagView, strict = false): Tri {
  const s = get(sel.properties, 'BackupSelection');
  if (!s || typeof s !== 'object' || isUnresolved(s) || isBranches(s)) return 'maybe';
  const field = (k: string): unknown[] | 'maybe' | 'none' => {
    const v = (s as Record<string, unknown>)[k];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    // A whole list from a CommaDelimitedList parameter: strictly, it selects nothing shown here.
    return strict && k !== 'NotResources' && deployParameters(v) ? 'none' : 'maybe';
  };
  const resources = field('Resources');
  const listOfTags = field('ListOfTags');
  const notResources = field('NotResources');
  if (resources === 'maybe' || listOfTags === 'maybe' || notResources === 'maybe' || notResources === 'none') return 'maybe';
  const byResources = resources === 'none' ? 'no' : resources.length ? or(resources.map((e) => arnMatch(sel, r, facts, e, strict))) : undefined;
  const byTags =
    listOfTags === 'none'
      ? 'no'
      : listOfTags.length
        ? or(listOfTags.map((t) => listOfTagsEntry(tags, t, strict)))
        : undefined;
  const base: Tri = byResources && byTags ? (byResources === byTags ? byResources : 'maybe') : (byResources ?? byTags ?? 'yes');
  const conds: Tri[] = [];
  const c = (s as Record<string, unknown>).Conditions;
  if (c !== undefined && c !== null) {
    if (typeof c !== 'object' || isUnresolved(c) || isBranches(c)) conds.push('maybe');
    else
      for (const [op, list] of Object.entries(c as Record<string, unknown>)) {
        if (!Array.isArray(list)) {
          conds.push('maybe');
          continue;
        }
        for (const p of list) {
          const key = get(p, 'ConditionKey');
          conds.push(typeof key === 'string' && key.startsWith(TAG_KEY) ? tagCondition(tags, key.slice(TAG_KEY.length), get(p, 'ConditionValue'), op, strict) : 'maybe');
        }
      }
  }
  const excluded = notResources.length ? or(notResources.map((e) => arnMatch(sel, r, facts, e))) : 'no';
  return and([base, ...conds, not(excluded)]);
}

export interface SelectionVerdict {
  /** A selection that certainly covers the resource. */
  covered?: string;
  /** That selection's resource (its BackupPlanId names the plan). */
  selection?: Resource;
  /** A selection that may cover it, and why it is not certain. */
  maybe?: string;
  /**
   * A selection that covers it only if parameters without a value name it (`unless AWS Backup
   * selection X, which selects by parameters without a value (P), covers it`): not evidence of
   * coverage, said beside the verdict the resource's own settings give.
   */
  unless?: string;
}

/**
 * The AWS Backup selections in the inventory that cover `r`. `tags` are the tags the selection
 * sees (a global-table replica has its own); `region`, a replica's region, narrows to selections in
 * that region (undefined: the resource's own stack region).
 */
export function backupSelectionOf(r: Resource, inventory: Inventory, facts: ArnFacts, tags: TagView, region?: unknown): SelectionVerdict {
  let maybe: string | undefined;
  let unless: string | undefined;
  const budget = selectionBudget(inventory);
  for (const sel of inventory.ofType('aws.backup.backup-selection')) {
    // Every resource is matched against every selection's entries: bounded per scan, past it `maybe`.
    const cost = selectionCost(sel);
    if (budget.spent + cost > MAX_SELECTION_WORK) {
      budget.over = true;
      return { maybe: maybe ?? `AWS Backup selection ${nameBeside(sel, r)} and the selections after it are not matched: the scan's selections × resources exceed the ${MAX_SELECTION_WORK.toLocaleString('en')} comparisons vouch makes` };
    }
    budget.spent += cost;
    let env = sameEnvironment(r, sel);
    // A replica in another region than the selection's stack is not backed up by it.
    if (env !== 'no' && region !== undefined) {
      // A stack whose global tables can be created in one region only is deployed there (fixAN; scout18cdk StatementIndex).
      const selRegion = sel.location.region ?? (sel.source === 'iac' ? soleGlobalTableRegion(sel.location.stack, inventory) : undefined);
      env = and([env, typeof region === 'string' && selRegion ? (region === selRegion ? 'yes' : 'no') : 'maybe']);
    }
    if (env === 'no') continue;
    const v = and([env, selects(sel, r, facts, tags)]);
    const name = nameBeside(sel, r);
    if (v === 'yes') return { covered: name, selection: sel };
    if (v !== 'maybe' || maybe !== undefined) continue;
    // A selection whose only way to this resource is a parameter without a value (a selection by ARNs
    // passed at deploy time) shows no more coverage than a plan outside the scan: the resource is
    // judged on its own settings, with the selection named. Labels (scout26): 10 resources of 10
    // that only such a selection "may select" are labelled by their own settings (fail).
    budget.spent += cost;
    if (and([env, selects(sel, r, facts, tags, true)]) === 'no') {
      unless ??= `unless AWS Backup selection ${name}, which selects by parameters without a value (${deployNames(sel).join(', ') || 'its ARNs or tags'}), covers it`;
      continue;
    }
    maybe =
      selects(sel, r, facts, tags) === 'yes'
        ? `AWS Backup selection ${name} selects it if its stack is deployed to the same account and region`
        : `AWS Backup selection ${name} may select it (its tags, ARNs or conditions are not all known)`;
  }
  return maybe ? { maybe } : { unless };
}

/**
 * Most entry comparisons (ARNs, tag and condition entries of a selection, per resource matched) one scan
 * makes: 2,000 selections of 60 entries against 2,000 tables, or one selection of 200,000 ARNs (a
 * CommaDelimitedList default) against 2,000 tables, ran for minutes; real scans make a few thousand.
 */
export const MAX_SELECTION_WORK = 1_000_000;
const budgets = new WeakMap<object, { spent: number; over: boolean }>();
const costs = new WeakMap<Resource, number>();

/** The comparison budget of the scan the inventory (or its variant view) belongs to. */
export function selectionBudget(inventory: Inventory): { spent: number; over: boolean } {
  let b = budgets.get(inventory.base);
  if (!b) budgets.set(inventory.base, (b = { spent: 0, over: false }));
  return b;
}

/** Comparisons one resource costs against a selection: one, and one per entry of its lists and conditions. */
function selectionCost(sel: Resource): number {
  let c = costs.get(sel);
  if (c !== undefined) return c;
  c = 1;
  const s = get(sel.properties, 'BackupSelection');
  if (s && typeof s === 'object' && !isUnresolved(s) && !isBranches(s)) {
    for (const k of ['Resources', 'ListOfTags', 'NotResources']) {
      const v = (s as Record<string, unknown>)[k];
      if (Array.isArray(v)) c += v.length;
    }
    const conds = (s as Record<string, unknown>).Conditions;
    if (conds && typeof conds === 'object' && !isUnresolved(conds) && !isBranches(conds))
      for (const list of Object.values(conds as Record<string, unknown>)) if (Array.isArray(list)) c += list.length;
  }
  costs.set(sel, c);
  return c;
}

/** The evidence item naming a selection that covers the resource only if its parameters say so (none otherwise). */
export function unlessEvidence(sel: SelectionVerdict): EvidenceItem[] {
  return sel.unless ? [ev('aws.backup.backup-selection', sel.unless.replace(/^unless /, ''), 'a backup selection that names the resource', 'not counted: what a selection by parameters without a value selects is decided at deploy time')] : [];
}

/** The parameters without a value a selection selects by (its Resources, ListOfTags and Conditions), for messages. */
export function deployNames(sel: Resource): string[] {
  const out = new Set<string>();
  const walk = (x: unknown, depth: number): void => {
    const p = deployParameters(x);
    if (p) p.forEach((n) => out.add(n));
    else if (x && typeof x === 'object' && !isUnresolved(x) && depth < 6) Object.values(x as Record<string, unknown>).forEach((v) => walk(v, depth + 1));
  };
  const s = get(sel.properties, 'BackupSelection');
  for (const k of ['Resources', 'ListOfTags', 'Conditions']) walk(get(s, k), 0);
  return [...out].slice(0, 5);
}
