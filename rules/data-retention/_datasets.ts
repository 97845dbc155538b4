/**
 * Which of the claims profile's retention data sets a resource holds. A data
 * set's `match` may name a glob (against the resource's physical name, or
 * its logical id/name when the template leaves the name to CloudFormation;
 * case-insensitive, since logical ids are CamelCase and bucket names lower case),
 * tags (all must match, on the resource or, for a DynamoDB global table, on one
 * of its replicas) and types (canonical `aws.logs.log-group` or
 * CloudFormation `AWS::Logs::LogGroup`); an empty match applies to every
 * resource the rule judges. A resource matching several sets gets the
 * shortest limit.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { globMatch, tagsOf, get, asArray, asRecord, ev, pass, fail, unknown, notApplicable } from '../../src/evaluate/facts.js';
import { isUnresolved, SHAPE_SPECIFIC, SHAPE_UNKNOWN, type ShapeSlot, type Unresolved } from '../../src/model/values.js';
import type { Inventory } from '../../src/model/inventory.js';
import { shapeMayMatch } from './_shape-glob.js';
import { showHours, type Kept } from './_kept.js';

export type DataSet = Parameters['retention'][number];

export interface DataSetMatch {
  matched: DataSet[];
  /** Sets that might match but depend on an unresolved name. */
  undetermined: { set: DataSet; expression: string }[];
}

/**
 * The tag sets a data set's `match.tags` is tried on: the resource's own tags, and for a DynamoDB
 * global table (which has no top-level `Tags`) each replica's `Replicas[].Tags`: every replica holds
 * the table's items, so a data-set tag on any replica puts the table in that set. Each set is tried
 * whole (all the wanted tags on one resource or one replica), as a tag-based selection in AWS reads
 * the tags of one resource. The CloudFormation spec has no other judged type whose tags live elsewhere
 * (`StreamSpecification.Tags` and `CdcSpecification.Tags` tag the stream, not the store).
 */
function tagSetsOf(r: Resource): Record<string, string>[] {
  const own = tagsOf(r);
  if (r.type !== 'aws.dynamodb.global-table') return [own];
  const replicas = asArray(r.properties.Replicas).map((x) => tagsOf({ ...r, properties: { Tags: asRecord(x).Tags } }));
  return [own, ...replicas];
}

function tagsMatch(want: Record<string, string>, sets: Record<string, string>[]): boolean {
  return sets.some((tags) => Object.entries(want).every(([k, v]) => tags[k] !== undefined && globMatch(v, tags[k]!)));
}

function cfnType(r: Resource): string | undefined {
  const t = (r.raw?.[0]?.data as { Type?: unknown } | undefined)?.Type;
  return typeof t === 'string' ? t : undefined;
}

/**
 * The literal start of an unresolved name: `/aws/lambda/` for
 * `Fn::Join ["",["/aws/lambda/",<Ref Fn>]]`, `app-` for `Fn::Sub "app-${Env}"`.
 */
export function literalPrefix(expression: string): string {
  const join = /^Fn::Join \[""\s*,\s*\["((?:[^"\\]|\\.)*)"/.exec(expression);
  if (join) return JSON.parse(`"${join[1]}"`) as string;
  const sub = /^Fn::Sub "((?:[^"\\$]|\\.)*)/.exec(expression);
  if (sub) return JSON.parse(`"${sub[1]}"`) as string;
  return '';
}

/** Could a name starting with `prefix` match `glob`? Compares the literal heads, case-insensitively. */
function mayMatch(glob: string, prefix: string): boolean {
  const head = glob.split(/[*?]/)[0]!.toLowerCase();
  const p = prefix.toLowerCase();
  return head.startsWith(p) || p.startsWith(head);
}

/** `/aws/lambda/*` matches every name that starts with `/aws/lambda/`, whatever follows. */
function surelyMatches(glob: string, prefix: string): boolean {
  if (!glob.endsWith('*')) return false;
  const head = glob.slice(0, -1);
  return !/[*?]/.test(head) && prefix.toLowerCase().startsWith(head.toLowerCase());
}

/**
 * Does every name of this shape match the glob? `/portal/${Env}/api-request-logs`
 * matches `*request-log*` whatever Env is: the glob matches the literal text with
 * each unresolved piece left as a character only a `*` can absorb, so any value in
 * its place is absorbed by the same `*`. (A `?` could take a placeholder as one
 * character where the real value is longer, so globs with `?` are not decided here.)
 */
function shapeMatches(glob: string, shape: string | undefined): boolean {
  if (shape === undefined || glob.includes('?')) return false;
  return globMatch(glob.toLowerCase(), shape.toLowerCase());
}

/** Properties that hold a resource's own physical name, for the types whose logs and stores are named after them. */
const NAME_KEYS = ['FunctionName', 'StateMachineName', 'Name', 'BucketName', 'TableName', 'QueueName', 'TopicName', 'LogGroupName', 'StreamName', 'DeliveryStreamName', 'ClusterName'];

/** How a placeholder that is a resource's own `Ref` reads: its literal name, else CloudFormation's generated `<stack>-<logical id>-<suffix>`. */
type RefName = { literal: string } | { generated: string } | undefined;

function refNameIn(r: Resource, inventory: Inventory | undefined): (logicalId: string) => RefName {
  return (logicalId) => {
    const own = r.location.logicalId;
    if (!inventory || !own || !r.id.endsWith(`/${own}`)) return undefined;
    const target = inventory.get(r.id.slice(0, r.id.length - own.length) + logicalId);
    if (!target) return undefined;
    for (const k of NAME_KEYS) {
      const v = get(target.properties, k);
      if (v === undefined) continue;
      return typeof v === 'string' && v !== '' ? { literal: v } : undefined;
    }
    return { generated: logicalId };
  };
}

/**
 * The name's shape as the data sets are matched against it: a data set is recognised by what a store's
 * own name says. `${AWS::StackName}` pieces are dropped (the stack name is every store's in the stack:
 * were it to complete the glob, every store would match); a piece that is a resource's own `Ref`
 * (`/aws/lambda/${Handler}`: a function's own log group) reads as that resource's literal name, or as
 * its logical id followed by CloudFormation's generated suffix (letters and digits, never the glob's
 * words: taken as an account-like slot). Placeholders are read from a `Fn::Sub` text or the loader's
 * `refs`; anything not understood stays a placeholder.
 */
function ownShape(name: Unresolved, refName: (logicalId: string) => RefName): { shape: string; slots: readonly ShapeSlot[] | undefined } | undefined {
  const shape = name.shape;
  if (shape === undefined) return undefined;
  const sub = /^Fn::Sub "((?:[^"\\]|\\.)*)"$/.exec(name.expression);
  const names = sub ? [...sub[1]!.matchAll(/\$\{(?!!)([^}]*)\}/g)].map((m) => m[1]!) : undefined;
  const holes = [...shape].filter((c) => c === SHAPE_UNKNOWN || c === SHAPE_SPECIFIC).length;
  const aligned = names !== undefined && names.length === holes;
  let k = 0;
  let out = '';
  const slots: ShapeSlot[] = [];
  for (const c of shape) {
    if (c !== SHAPE_UNKNOWN && c !== SHAPE_SPECIFIC) {
      out += c;
      continue;
    }
    const i = k++;
    const slot = name.slots?.[i] ?? (c === SHAPE_SPECIFIC ? 'text' : 'unknown');
    if (aligned && names[i] === 'AWS::StackName') continue;
    const ref = name.refs?.[i];
    const read = ref && !ref.includes('.') ? refName(ref) : undefined;
    if (read && 'literal' in read) {
      out += read.literal;
      continue;
    }
    if (read && 'generated' in read) {
      out += `${read.generated}-${SHAPE_SPECIFIC}`;
      slots.push('account');
      continue;
    }
    out += c;
    slots.push(slot);
  }
  return { shape: out, slots };
}

/** `RequestLogsBucket` → `request-logs-bucket`: a CamelCase id as the hyphenated words a bucket name would use. */
function kebab(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1-') // a lookahead: `([A-Z]+)([A-Z][a-z])` was quadratic on a run of capitals
    .toLowerCase();
}

/**
 * A bucket whose whole name is a parameter without a value (`BucketName: !Ref SiteBucketName`): the
 * template still says what the bucket is, by its logical id and the parameter's name. `matches` when
 * either, read as words (`RequestLogsBucket` → `request-logs-bucket`) or as written, matches the data
 * set's name glob; `none` when the glob is about what the name contains (`*…*`) and neither shares any word of it (`SiteBucket`/`SiteBucketName`
 * against `*request-log*`: a site's bucket does not hold request logs); undefined otherwise — a part
 * of the glob's words is there (`LogBucketName`), or the name is built some other way (an import, a
 * `Fn::Sub`), so the name stays undetermined. Buckets only: a log group or table named by a bare
 * parameter stays undetermined (test/fuzz.test.ts holds a log group to that).
 */
function saidByWords(glob: string, logicalId: string | undefined, expression: string): 'matches' | 'none' | undefined {
  const param = /^Ref ([A-Za-z0-9]+) \(parameter without a value;/.exec(expression)?.[1];
  if (param === undefined || logicalId === undefined) return undefined;
  const g = glob.toLowerCase();
  const texts = [logicalId, param].flatMap((x) => [x.toLowerCase(), kebab(x)]);
  if (texts.some((t) => globMatch(g, t))) return 'matches';
  // Only a glob about what the name contains (`*request-log*`) is about the data; `acme-*` is a naming
  // convention the parameter's value may follow whatever the bucket holds.
  if (!g.startsWith('*') || !g.endsWith('*')) return undefined;
  const words = g.split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  if (words.length === 0) return undefined;
  return texts.some((t) => words.some((w) => t.includes(w))) ? undefined : 'none';
}

export function dataSetsOf(r: Resource, params: Parameters, namePath: string, inventory?: Inventory): DataSetMatch {
  const out: DataSetMatch = { matched: [], undetermined: [] };
  const name = get(r.properties, namePath);
  const tagSets = tagSetsOf(r);
  const own = isUnresolved(name) ? ownShape(name, refNameIn(r, inventory)) : undefined;
  for (const set of params.retention) {
    const m = set.match ?? {};
    if (m.types && !m.types.some((t) => t === r.type || t === cfnType(r))) continue;
    if (m.tags && !tagsMatch(m.tags, tagSets)) continue;
    if (m.name) {
      if (isUnresolved(name)) {
        const prefix = literalPrefix(name.expression);
        if (surelyMatches(m.name, prefix) || shapeMatches(m.name, own?.shape)) out.matched.push(set);
        // Undetermined only if some value of the name's own shape could match: an account id, a region or
        // the stack name cannot complete `*request-log*`, a parameter or an import can.
        else if (mayMatch(m.name, prefix) && (own === undefined || shapeMayMatch(m.name, own.shape, own.slots))) {
          const said = r.type === 'aws.s3.bucket' ? saidByWords(m.name, r.location.logicalId, name.expression) : undefined;
          if (said === 'matches') out.matched.push(set);
          else if (said !== 'none') out.undetermined.push({ set, expression: name.expression });
        }
        continue;
      }
      const candidates = typeof name === 'string' ? [name] : [r.name, r.location.logicalId].filter((x): x is string => typeof x === 'string');
      if (!candidates.some((c) => globMatch(m.name!.toLowerCase(), c.toLowerCase()))) continue;
    }
    out.matched.push(set);
  }
  return out;
}

export function strictest(sets: DataSet[]): DataSet {
  return sets.reduce((a, b) => (b.maxDays < a.maxDays ? b : a));
}

/**
 * Does keeping data `hours` keep the set's promise? `max` (the default): gone within maxDays. `exact`
 * ("kept for one year"): kept that long and then deleted, neither sooner nor much later; claims count a
 * year as 365 days where CloudWatch's year values count leap days (731, 1827, 3653), so up to one day a
 * year over is the same period.
 */
function keeps(hours: number, set: DataSet): boolean {
  if (set.mode !== 'exact') return hours <= set.maxDays * 24;
  const slack = Math.max(1, Math.ceil(set.maxDays / 365));
  return hours >= set.maxDays * 24 && hours <= (set.maxDays + slack) * 24;
}

function promise(set: DataSet): string {
  return set.mode === 'exact' ? `kept ${set.maxDays} days, then deleted` : `≤ ${set.maxDays} days`;
}

/**
 * Judge a store against the data sets it holds (matched on `named`: the store itself, or the log group
 * a Custom::LogRetention names): kept as each matched set promises (the first set it breaks decides).
 * When the name leaves open which sets it holds (built from a parameter or a generated id), a store
 * that keeps the promise of every set it might hold passes whatever it holds; otherwise that is unknown.
 */
export function judgeRetention(r: Resource, params: Parameters, namePath: string, read: (r: Resource) => Kept, named: Resource = r, inventory?: Inventory): Verdict {
  if (params.retention.length === 0) return notApplicable('the claims profile names no retention data sets (parameters.retention)');
  const m = dataSetsOf(named, params, namePath, inventory);
  if (m.matched.length === 0 && m.undetermined.length === 0)
    return notApplicable(`matches no retention data set in the claims profile (${params.retention.map((s) => s.dataSet).join(', ')})`);
  const kept = read(r);
  if (m.matched.length === 0) {
    const sets = m.undetermined.map((u) => u.set);
    const expression = m.undetermined[0]!.expression;
    const names = sets.map((x) => `${x.dataSet} ${promise(x)}`).join('; ');
    if (kept.hours !== undefined && kept.unproven === undefined && sets.every((x) => keeps(kept.hours!, x)))
      return pass(`kept ${showHours(kept.hours)}: within the promise of every data set its name (${namePath} depends on ${expression}) could hold (${names})`, kept.evidence, ev(namePath, `<unresolved: ${expression}>`));
    return unknown(`${namePath} depends on ${expression}; cannot tell whether it holds ${sets.map((x) => x.dataSet).join(', ')}`, ev(namePath, `<unresolved: ${expression}>`), kept.evidence);
  }
  // The set whose promise it breaks, else the strictest limit (for the message).
  const broken = kept.hours === undefined ? undefined : m.matched.find((x) => !keeps(kept.hours!, x));
  const set = broken ?? strictest(m.matched);
  const expected = `${promise(set)} (data set ${set.dataSet})`;
  const evidence = { ...kept.evidence, expected };
  if (kept.hours === undefined) return unknown(`${kept.why ?? 'how long it keeps data is not in the template'} (data set ${set.dataSet}, ${promise(set)})`, evidence);
  if (!broken && kept.unproven) return unknown(`${kept.unproven}: kept ${showHours(kept.hours)} at best (data set ${set.dataSet}, ${promise(set)})`, evidence);
  if (!broken) {
    // The sets it surely holds are kept; a stricter one its unsettled name might also put it in is not judged kept.
    const open = m.undetermined.filter((u) => !keeps(kept.hours!, u.set));
    if (open.length)
      return unknown(
        `kept ${showHours(kept.hours)} (data set ${set.dataSet}, ${promise(set)}), but ${namePath} depends on ${open[0]!.expression}; cannot tell whether it also holds ${open.map((u) => `${u.set.dataSet} ${promise(u.set)}`).join(', ')}`,
        evidence,
        ev(namePath, `<unresolved: ${open[0]!.expression}>`),
      );
    return pass(`kept ${showHours(kept.hours)} (data set ${set.dataSet}, ${promise(set)})`, evidence);
  }
  if (kept.hours === Infinity) return fail(`data never expires, but data set ${set.dataSet} must be deleted ${set.mode === 'exact' ? 'after' : 'within'} ${set.maxDays} days`, evidence);
  if (set.mode === 'exact' && kept.hours < set.maxDays * 24)
    return fail(`kept ${showHours(kept.hours)}, shorter than the ${set.maxDays} days ${set.dataSet} is promised to be kept`, evidence);
  return fail(`kept ${showHours(kept.hours)}, longer than the ${set.maxDays} days promised for ${set.dataSet}`, evidence);
}
