/**
 * Text a template builds with intrinsics, read as written: the literal fragments and, in their
 * places, the template parameters it takes in (`Ref`, `${Name}`), whatever the nesting of
 * `Fn::Base64`, `Fn::Join`, `Fn::Sub` (both forms; a name its variable map defines is read from
 * the map), `Fn::If` (a condition the template does not decide gives both texts; `AWS::NoValue`
 * drops a Join item) and `Fn::Select` (a literal index picks its item, any other index any item).
 * Anything else (`Fn::GetAtt`, `Fn::ImportValue`, a resource `Ref`, a pseudo parameter, a list
 * built by `Fn::Split`) is filled in at deploy time: a hole, never a literal.
 *
 * Used where the template is read for credentials (template-secrets.ts): user data
 * `Fn::Base64 { Fn::Join [..., [..., { Fn::Join ['', ['admin_pw=', Ref AdminPassword]] }]] }`
 * is the text `…\nadmin_pw=<AdminPassword>` with AdminPassword after `admin_pw=`.
 *
 * Bounded: nesting (MAX_NESTING), texts per expression (MAX_TEXTS: past it, each alternative of each
 * piece still appears in some text, not every combination), characters per text (MAX_CHARS).
 */

/** Stands for a piece filled in at deploy time in a text (never in a template's own text). */
export const HOLE = '\u0001';

/** A parameter taken whole into the text, and the literal text before it on its line (up to 120 characters). */
export interface BuiltParameter {
  parameter: string;
  before: string;
  /**
   * The parameter stands inside a dynamic reference left open before it (`{{resolve:secretsmanager:${Name}…}}`,
   * however far back on the line it opened): it names a secret or parameter CloudFormation resolves at deploy time.
   */
  inReference: boolean;
}

/** One text an expression may build. */
export interface BuiltText {
  /** The written text with each filled-in piece as HOLE. */
  text: string;
  /** Whether any piece is filled in at deploy time. */
  holes: boolean;
  /** Template parameters taken into the text, in order. */
  parameters: BuiltParameter[];
  /** The text was longer than MAX_CHARS and is cut there: the rest was not read. */
  cut?: true;
}

export interface BuiltTextContext {
  /** Template parameter names: a `Ref` / `${Name}` to one is that parameter, any other name a hole. */
  parameters: ReadonlySet<string>;
  /** A condition's value when the template decides it, else undefined (both `Fn::If` branches are read). */
  condition(name: string): boolean | undefined;
}

const MAX_NESTING = 16;
const MAX_TEXTS = 8;
const MAX_CHARS = 64 * 1024;
const BEFORE = 120;

const OPAQUE = Symbol('filled in at deploy time');
/** Marks where a text was cut at MAX_CHARS (the rest is not read). */
const CUT = Symbol('cut at MAX_CHARS');
type Piece = string | { parameter: string } | typeof OPAQUE | typeof CUT;
/** The pieces of one text, or null for `AWS::NoValue` (a Join drops the item). */
type Alt = Piece[] | null;

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The only key of a one-key object (an intrinsic), else undefined. */
function onlyKey(o: Record<string, unknown>): string | undefined {
  let only: string | undefined;
  let n = 0;
  for (const k in o) {
    if (++n > 1) return undefined;
    only = k;
  }
  return only;
}

/** Appends `p` to `out`, merging adjacent literals; false once the text reaches MAX_CHARS and `p` is not (wholly) taken: the rest is not read. */
function push(out: Piece[], p: Piece, size: { chars: number }): boolean {
  if (size.chars >= MAX_CHARS) return false;
  if (typeof p === 'string') {
    const s = p.length + size.chars > MAX_CHARS ? p.slice(0, MAX_CHARS - size.chars) : p;
    size.chars += s.length;
    const last = out[out.length - 1];
    if (typeof last === 'string') out[out.length - 1] = last + s;
    else out.push(s);
    return s.length === p.length;
  } else {
    size.chars += 1;
    out.push(p);
  }
  return true;
}

/**
 * The texts of a sequence of items, each with its alternatives, `delim` between present items: every
 * combination while there are at most MAX_TEXTS, else as many texts as the item with the most
 * alternatives has, text k taking alternative k of each item (cycling).
 */
function combine(items: Alt[][], delim: string): Alt[] {
  let total = 1;
  let widest = 1;
  for (const a of items) {
    total = Math.min(total * a.length, MAX_TEXTS + 1);
    widest = Math.max(widest, a.length);
  }
  const cartesian = total <= MAX_TEXTS;
  const count = cartesian ? total : widest;
  const texts: Alt[] = [];
  // Each text built in one pass over the items (linear in their number: a Sub with 40,000 placeholders).
  for (let k = 0; k < count; k++) {
    const out: Piece[] = [];
    const size = { chars: 0 };
    let first = true;
    let rest = k;
    for (const a of items) {
      let alt: Alt;
      if (a.length === 1) alt = a[0]!;
      else if (cartesian) {
        alt = a[rest % a.length]!;
        rest = Math.floor(rest / a.length);
      } else alt = a[k % a.length]!;
      if (alt === null) continue;
      if (!first && delim !== '' && !push(out, delim, size)) {
        out.push(CUT);
        break;
      }
      first = false;
      let full = true;
      for (const p of alt) if (!(full = push(out, p, size))) break;
      if (!full) {
        out.push(CUT);
        break;
      }
    }
    texts.push(out);
  }
  return texts;
}

/** Alternatives, each distinct text once (by its pieces), at most MAX_TEXTS. */
function distinct(alts: Alt[]): Alt[] {
  const seen = new Set<string>();
  const out: Alt[] = [];
  for (const a of alts) {
    const key = a === null ? 'null' : JSON.stringify(a.map((p) => (p === OPAQUE ? { hole: 1 } : p === CUT ? { cut: 1 } : p)));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
    if (out.length >= MAX_TEXTS) break;
  }
  return out;
}

function read(node: unknown, ctx: BuiltTextContext, depth: number): Alt[] {
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return [[String(node)]];
  if (depth > MAX_NESTING || !node || typeof node !== 'object' || Array.isArray(node)) return [[OPAQUE]];
  const o = node as Record<string, unknown>;
  const fn = onlyKey(o);
  const arg = fn === undefined ? undefined : o[fn];
  switch (fn) {
    case 'Ref':
      if (arg === 'AWS::NoValue') return [null];
      return [typeof arg === 'string' && ctx.parameters.has(arg) ? [{ parameter: arg }] : [OPAQUE]];
    case 'Fn::Base64':
      return read(arg, ctx, depth + 1);
    case 'Fn::Join':
      return joinOf(arg, ctx, depth) ?? [[OPAQUE]];
    case 'Fn::Sub':
      return subOf(arg, ctx, depth) ?? [[OPAQUE]];
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) return [[OPAQUE]];
      const c = typeof arg[0] === 'string' ? ctx.condition(arg[0]) : undefined;
      if (c === true) return read(arg[1], ctx, depth + 1);
      if (c === false) return read(arg[2], ctx, depth + 1);
      return distinct([...read(arg[1], ctx, depth + 1), ...read(arg[2], ctx, depth + 1)]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) return [[OPAQUE]];
      const list = arg[1] as unknown[];
      const i = typeof arg[0] === 'number' ? arg[0] : typeof arg[0] === 'string' && /^\d+$/.test(arg[0]) ? Number(arg[0]) : undefined;
      if (i !== undefined) return Number.isInteger(i) && i < list.length ? read(list[i], ctx, depth + 1) : [[OPAQUE]];
      return distinct(list.slice(0, 64).flatMap((x) => read(x, ctx, depth + 1)));
    }
    default:
      return [[OPAQUE]];
  }
}

function joinOf(arg: unknown, ctx: BuiltTextContext, depth: number): Alt[] | undefined {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return undefined;
  // A list from a function (`Fn::Split`, a list parameter): filled in at deploy time.
  if (!Array.isArray(arg[1])) return [[OPAQUE]];
  return combine((arg[1] as unknown[]).map((x) => read(x, ctx, depth + 1)), arg[0]);
}

function subOf(arg: unknown, ctx: BuiltTextContext, depth: number): Alt[] | undefined {
  const [tpl, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  if (typeof tpl !== 'string') return undefined;
  const map = vars && typeof vars === 'object' && !Array.isArray(vars) ? (vars as Record<string, unknown>) : {};
  const items: Alt[][] = [];
  let last = 0;
  // Only up to the last `}`: a `${` with nothing closing it after is text, and the regex must not rescan to the end
  // from each one (quadratic on `a${a` repeated: fixP4).
  for (const m of tpl.slice(0, tpl.lastIndexOf('}') + 1).matchAll(/\$\{([^}]*)\}/g)) {
    items.push([[tpl.slice(last, m.index)]]);
    last = m.index! + m[0].length;
    const name = m[1]!;
    // `${!Literal}` is the literal `${Literal}`.
    if (name.startsWith('!')) items.push([['${' + name.slice(1) + '}']]);
    else if (own(map, name.trim())) items.push(read(map[name.trim()], ctx, depth + 1));
    else items.push([ctx.parameters.has(name.trim()) ? [{ parameter: name.trim() }] : [OPAQUE]]);
  }
  items.push([[tpl.slice(last)]]);
  return combine(items, '');
}

function textOf(alt: Alt): BuiltText {
  const chunks: string[] = [];
  let holes = false;
  const parameters: BuiltParameter[] = [];
  // The last BEFORE characters of the current line, kept as the text grows: slicing the growing text itself
  // flattened it once per parameter (660 MB for a Sub of 40,000 placeholders).
  let tail = '';
  const grow = (p: string) => {
    const nl = p.lastIndexOf('\n');
    tail = nl >= 0 ? p.slice(nl + 1) : tail + p;
    if (tail.length > BEFORE) tail = tail.slice(-BEFORE);
  };
  let cut = false;
  // Whether the text so far leaves a `{{resolve:` open: the literals between holes are whole (adjacent
  // literals are merged), so each one either opens a reference, closes it, or leaves the state as it was.
  let inReference = false;
  // Parameters inside the reference still open: a reference the text never closes (`{{resolve:ssm:${Name}` and
  // nothing after, or cut at MAX_CHARS) is no reference CloudFormation resolves but text written out with the
  // parameter's value, so they count as outside one (fixP5: fail closed; before, a NoEcho parameter after an
  // unclosed `{{resolve:` anywhere earlier in the text was never reported).
  let pending: BuiltParameter[] = [];
  for (const p of alt ?? []) {
    if (p === CUT) {
      cut = true;
      continue;
    }
    if (typeof p === 'string') {
      chunks.push(p);
      grow(p);
      if (inReference && p.includes('}}')) pending = [];
      const open = p.lastIndexOf('{{resolve:');
      if (open >= 0) inReference = p.indexOf('}}', open) < 0;
      else if (inReference && p.includes('}}')) inReference = false;
      continue;
    }
    holes = true;
    if (p !== OPAQUE) {
      const at: BuiltParameter = { parameter: p.parameter, before: tail, inReference };
      parameters.push(at);
      if (inReference) pending.push(at);
    }
    chunks.push(HOLE);
    grow(HOLE);
  }
  for (const at of pending) at.inReference = false;
  return { text: chunks.join(''), holes, parameters, ...(cut ? { cut: true as const } : {}) };
}

/**
 * The texts a `Fn::Join` / `Fn::Sub` / `Fn::Base64` / `Fn::If` / `Fn::Select` expression (any nesting
 * of them) may build, or undefined when `node` is a Join or Sub whose shape CloudFormation does not
 * accept at all (the caller reads its parts instead).
 */
export function builtTexts(node: unknown, ctx: BuiltTextContext): BuiltText[] | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const o = node as Record<string, unknown>;
  const fn = onlyKey(o);
  const alts = fn === 'Fn::Join' ? joinOf(o[fn], ctx, 0) : fn === 'Fn::Sub' ? subOf(o[fn], ctx, 0) : read(node, ctx, 0);
  return alts?.map(textOf);
}

/**
 * The name a parameter is given under in its text, from the literal before it on its line: a
 * command-line option (`--admin-password `, `-p`), an assignment (`PASSWORD=`, `"password": "`,
 * `admin_pw=`), or `password '` (mysqladmin, tmsh). Only a name, never a value; undefined when none.
 */
export function nameBefore(before: string): string | undefined {
  const m =
    /(?:^|[\s"'{,;(&?])(--?[A-Za-z][\w-]{0,60})(?:=|[ \t]+)["']?$/.exec(before) ??
    /(?:^|[\s"'{,;(&?$])([A-Za-z_][\w.-]{0,60})["']?[ \t]*[=:][ \t]*["']?$/.exec(before) ??
    /(?:^|[\s"'(])((?:password|passwd|secret|identified[ \t]+by))[ \t]+["']?$/i.exec(before);
  return m?.[1];
}
