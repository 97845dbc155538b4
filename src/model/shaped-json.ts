/**
 * JSON text that a template builds with `Fn::Sub` / `Fn::Join`, read by its
 * shape: `!Sub '{"Statement":[{"Effect":"Allow","Resource":"${Bucket.Arn}/*"}]}'`
 * resolves to an `Unresolved` whose shape is the text with each computed piece
 * as a placeholder (`SHAPE_UNKNOWN` / `SHAPE_SPECIFIC`, see ./values.ts). This
 * reader parses that text as JSON and gives back plain values for the literal
 * parts; a string that holds computed pieces comes back as an `Unresolved`
 * with its own shape and, for each of its placeholders, the slot the input
 * gave that placeholder. So `"Action":"*"` still reads as `*`, a parameter
 * inside an ARN stays unresolved, and a string that is itself JSON (an SDK
 * call's `AccessPolicies`) can be read again with this reader and its
 * placeholders still map back to the slots of the outer text.
 *
 * Placeholders are tracked as tokens of the text, never as characters a
 * literal could also spell: an escape such as `\u0001` in the text is literal,
 * and a string that mixes such a literal with a computed piece is refused
 * (its shape could not tell them apart). Length and nesting are bounded up
 * front; the parse is iterative in the text and recursive only to the depth
 * bound, so hostile input gets a reason, never a RangeError or a hang.
 */
import { Unresolved, ResourceRef, SHAPE_SPECIFIC, SHAPE_UNKNOWN, type ShapeSlot } from './values.js';

/** JSON nesting deeper than this is refused (IAM and resource policies nest about six levels). */
export const SHAPED_JSON_MAX_DEPTH = 64;
/** Text longer than this is refused (a CloudFormation template body is at most 1 MB). */
export const SHAPED_JSON_MAX_LENGTH = 1_000_000;

/** Why the text could not be read. `reason` is one line, for messages and evidence. */
export type ShapedJsonProblem = {
  kind:
    | 'opaque' // an Unresolved with no shape: nothing of the text is known
    | 'too-long'
    | 'too-deep'
    | 'not-json' // the literal text is not JSON
    | 'computed-value' // a placeholder outside a string: a whole value (a list, a number) is computed
    | 'computed-key' // a placeholder inside an object key
    | 'ambiguous'; // a computed string whose literal text also holds a placeholder character
  reason: string;
};

export type ShapedJsonResult = { ok: true; value: unknown } | { ok: false; problem: ShapedJsonProblem };

export interface ShapedJsonOptions {
  /**
   * The expression of each string that holds computed pieces, from its text with every
   * computed piece written `${…}` (the whole input's expression is a fine answer).
   */
  expression: (text: string) => string;
  maxDepth?: number;
  maxLength?: number;
  /**
   * Whether a key the template computes may stand at this place (`parents`: the keys and indices
   * from the top to the object holding it; `shape`: the key with its placeholders). Such a key is
   * kept as its shape text, placeholders included, so it never equals a literal key. Absent: no
   * computed key is read. Two computed keys of one object with the same shape are refused.
   */
  computedKey?: (parents: readonly (string | number)[], shape: string) => boolean;
  /**
   * A string that is exactly one computed piece, that piece being a template resource's own
   * `Ref`/`GetAtt` (`"${Queue.Arn}"`), comes back as that `ResourceRef`, as the object form reads it.
   */
  resourceRefs?: boolean;
}

class Stop extends Error {
  constructor(readonly problem: ShapedJsonProblem) {
    super(problem.reason);
  }
}

const isPlaceholder = (c: string) => c === SHAPE_UNKNOWN || c === SHAPE_SPECIFIC;
const defaultSlot = (c: string): ShapeSlot => (c === SHAPE_SPECIFIC ? 'text' : 'unknown');
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const PLACEHOLDERS = new RegExp(`[${SHAPE_UNKNOWN}${SHAPE_SPECIFIC}]`, 'g');
const PLAIN_RUN = /[^"\\\x00-\x1f]*/y;
const WORDS = [['true', true], ['false', false], ['null', null]] as const;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** `text` (or an Unresolved's shape) parsed as JSON, with computed strings kept as `Unresolved`. */
export function readShapedJson(input: string | Unresolved, opts: ShapedJsonOptions): ShapedJsonResult {
  let text: string;
  if (input instanceof Unresolved) {
    if (input.shape === undefined) return { ok: false, problem: { kind: 'opaque', reason: `the text depends on ${input.expression}` } };
    text = input.shape;
  } else text = input;
  const maxLength = opts.maxLength ?? SHAPED_JSON_MAX_LENGTH;
  if (text.length > maxLength) return { ok: false, problem: { kind: 'too-long', reason: `the text is longer than ${maxLength} characters` } };
  try {
    return { ok: true, value: new Reader(text, input instanceof Unresolved ? input : undefined, opts.expression, opts.maxDepth ?? SHAPED_JSON_MAX_DEPTH, opts).document() };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problem: e.problem };
    throw e;
  }
}

/**
 * A string that holds computed pieces: its shape, and for each of its placeholders what the input said of the
 * same placeholder (`at`: their indices among the input's placeholders). Every per-placeholder field of
 * `Unresolved` is carried here, so a second read of an inner string still maps back to the outer text.
 */
function computedString(source: Unresolved, shape: string, at: readonly number[], expression: string): Unresolved {
  const placeholders = shape.match(PLACEHOLDERS) ?? [];
  const refs = source.refs ? at.map((i) => source.refs![i]) : undefined;
  return new Unresolved(
    expression,
    shape,
    at.map((i, k) => source.slots?.[i] ?? defaultSlot(placeholders[k]!)),
    refs?.some((x) => x !== undefined) ? refs : undefined,
  );
}

/** `Files` / `Files.Arn` (an `Unresolved.refs` entry) as the `ResourceRef` it names. */
function refOf(ref: string): ResourceRef {
  const dot = ref.indexOf('.');
  return dot < 0 ? new ResourceRef(ref) : new ResourceRef(ref.slice(0, dot), ref.slice(dot + 1));
}

class Reader {
  private pos = 0;
  /** How many placeholders the text has had so far: the index of the next one's slot. */
  private seen = 0;

  /** The keys and indices from the top to the value being read. */
  private readonly parents: (string | number)[] = [];

  constructor(
    private readonly text: string,
    /** The shaped input. Placeholder characters are computed pieces only in a shape; in plain text they are control characters. */
    private readonly source: Unresolved | undefined,
    private readonly expression: (text: string) => string,
    private readonly maxDepth: number,
    private readonly opts: Pick<ShapedJsonOptions, 'computedKey' | 'resourceRefs'> = {},
  ) {}

  document(): unknown {
    const v = this.value(0);
    this.space();
    if (this.pos < this.text.length) this.fail('not-json', 'text after the JSON value');
    return v;
  }

  private fail(kind: ShapedJsonProblem['kind'], what: string): never {
    throw new Stop({ kind, reason: `${what} at character ${this.pos + 1}` });
  }

  private space(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return;
      this.pos++;
    }
  }

  private value(depth: number): unknown {
    this.space();
    const c = this.text[this.pos];
    if (c === undefined) this.fail('not-json', 'unexpected end of text');
    if (this.source && isPlaceholder(c)) this.fail('computed-value', 'a computed piece outside a string (a whole value the template computes)');
    if (c === '{' || c === '[') {
      if (depth >= this.maxDepth) this.fail('too-deep', `nesting deeper than ${this.maxDepth} levels`);
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') return this.string().value;
    for (const [word, v] of WORDS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail('not-json', `unexpected ${JSON.stringify(c)}`);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private object(depth: number): Record<string, unknown> {
    // Own properties as JSON.parse makes them: a `__proto__` key is a key, not the object's prototype.
    const out: Record<string, unknown> = {};
    if (this.opened('}')) return out;
    let computedKeys: Set<string> | undefined;
    do {
      this.space();
      if (this.text[this.pos] !== '"') this.fail('not-json', 'expected a string key');
      const at = this.pos;
      const key = this.string(true);
      let k: string;
      if (key.computed) {
        const shape = (key.value as Unresolved).shape!;
        const after = this.pos;
        this.pos = at;
        if (!this.opts.computedKey?.(this.parents, shape)) this.fail('computed-key', 'a key the template computes');
        if ((computedKeys ??= new Set()).has(shape)) this.fail('computed-key', 'two keys the template computes alike');
        computedKeys.add(shape);
        this.pos = after;
        k = shape;
      } else {
        k = key.value as string;
        // A literal key that spells a placeholder character could pass for a computed one.
        if (key.literalPlaceholder && this.source) {
          this.pos = at;
          this.fail('ambiguous', 'a key that spells a placeholder character (\\u0001 or \\u0002)');
        }
      }
      this.space();
      if (this.text[this.pos] !== ':') this.fail('not-json', "expected ':' after a key");
      this.pos++;
      this.parents.push(k);
      const v = this.value(depth);
      this.parents.pop();
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    } while (!this.closed('}', 'an object'));
    return out;
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    if (this.opened(']')) return out;
    do {
      this.parents.push(out.length);
      out.push(this.value(depth));
      this.parents.pop();
    } while (!this.closed(']', 'an array'));
    return out;
  }

  /** Past the opening bracket; true when the container is empty (its closing bracket is next, and consumed). */
  private opened(close: string): boolean {
    this.pos++;
    this.space();
    if (this.text[this.pos] !== close) return false;
    this.pos++;
    return true;
  }

  /** After a member: true at the closing bracket, false at a comma (both consumed); anything else is not JSON. */
  private closed(close: string, where: string): boolean {
    this.space();
    const c = this.text[this.pos];
    if (c !== close && c !== ',') this.fail('not-json', `expected ',' or '${close}' in ${where}`);
    this.pos++;
    return c === close;
  }

  /**
   * A string token: plain when it holds no computed piece, else an Unresolved with its shape and slots
   * (or, with `resourceRefs`, the `ResourceRef` it wholly is; never for a `key`).
   */
  private string(key = false): { value: unknown; computed: boolean; literalPlaceholder?: boolean } {
    const t = this.text;
    const start = this.pos;
    this.pos++; // "
    let out = '';
    /** The input's index of each placeholder this string holds. */
    const at: number[] = [];
    let literalPlaceholder = false;
    let run = this.pos;
    for (;;) {
      // Skip the run of characters that need no look (the bulk of any string) in one step.
      PLAIN_RUN.lastIndex = this.pos;
      PLAIN_RUN.exec(t);
      this.pos = PLAIN_RUN.lastIndex;
      if (this.pos >= t.length) {
        this.pos = start;
        this.fail('not-json', 'unterminated string');
      }
      const c = t[this.pos]!;
      if (c === '"') break;
      if (c === '\\') {
        out += t.slice(run, this.pos);
        const e = t[this.pos + 1];
        if (e === 'u') {
          const hex = t.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('not-json', 'bad \\u escape');
          const ch = String.fromCharCode(parseInt(hex, 16));
          if (isPlaceholder(ch)) literalPlaceholder = true;
          out += ch;
          this.pos += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          this.pos += 2;
        } else this.fail('not-json', 'bad escape');
        run = this.pos;
        continue;
      }
      // Past the run, c is a control character: a computed piece in a shape, else not JSON.
      if (this.source && isPlaceholder(c)) at.push(this.seen++);
      else this.fail('not-json', 'a control character inside a string');
      this.pos++;
    }
    out += t.slice(run, this.pos);
    this.pos++; // "
    if (at.length === 0) return { value: out, computed: false, literalPlaceholder };
    if (literalPlaceholder) {
      this.pos = start;
      this.fail('ambiguous', 'a computed string that also spells a placeholder character (\\u0001 or \\u0002)');
    }
    const ref = at.length === 1 && out.length === 1 && !key && this.opts.resourceRefs ? this.source!.refs?.[at[0]!] : undefined;
    if (ref !== undefined) return { value: refOf(ref), computed: true };
    return { value: computedString(this.source!, out, at, this.expression(out.replace(PLACEHOLDERS, '${…}'))), computed: true };
  }
}
