/**
 * Could any value of a built name's shape match a glob? A name built with Fn::Sub / Fn::Join is
 * literal text with placeholders (see `Unresolved.shape` / `slots`); an account id is 12 digits and
 * a region is `<2 letters>[-gov|-iso…]-<direction>-<digits>`, so `acme-raw-${AWS::AccountId}-${AWS::Region}`
 * can never contain `request-log`, while a stack name, a resource's name or a parameter is any text
 * and might. Decided by running the glob as an automaton over sets of positions (linear in the name
 * times the glob, no backtracking), each placeholder as the language of its slot.
 */
import { SHAPE_SPECIFIC, SHAPE_UNKNOWN, type ShapeSlot } from '../../src/model/values.js';

type States = Set<number>;
type Piece = (glob: string, s: States) => States;

function closure(glob: string, s: States): States {
  const out = new Set(s);
  for (const i of [...out].sort((a, b) => a - b)) for (let j = i; j < glob.length && glob[j] === '*'; j++) out.add(j + 1);
  return out;
}

/** One character from a class (`pred` says which literal glob characters it can be). */
const cls =
  (pred: (c: string) => boolean): Piece =>
  (glob, s) => {
    const next: States = new Set();
    for (const i of s) {
      if (i >= glob.length) continue;
      const g = glob[i]!;
      if (g === '*') next.add(i);
      else if (g === '?' || pred(g)) next.add(i + 1);
    }
    return closure(glob, next);
  };
const lit = (text: string): Piece => seq(...[...text].map((ch) => cls((g) => g === ch)));
function seq(...ps: Piece[]): Piece {
  return (glob, s) => ps.reduce((acc, p) => (acc.size ? p(glob, acc) : acc), s);
}
function alt(...ps: Piece[]): Piece {
  return (glob, s) => {
    const out: States = new Set();
    for (const p of ps) for (const x of p(glob, s)) out.add(x);
    return out;
  };
}
const opt = (p: Piece): Piece => alt(p, (_g, s) => s);
/** Zero or more: the union of every number of repetitions (a fixpoint over at most glob.length + 1 states). */
const star =
  (p: Piece): Piece =>
  (glob, s) => {
    const out = new Set(s);
    let frontier = s;
    while (frontier.size) {
      const next: States = new Set();
      for (const x of p(glob, frontier)) if (!out.has(x)) (out.add(x), next.add(x));
      frontier = next;
    }
    return out;
  };

const digit = cls((c) => c >= '0' && c <= '9');
const letter = cls((c) => c >= 'a' && c <= 'z');
const anyText = star(cls(() => true));
// Every AWS region name so far: us-east-1, eu-central-2, us-gov-west-1, us-isob-east-1, ap-southeast-5, il-central-1.
const region = seq(
  letter,
  letter,
  opt(alt(...['-gov', '-iso', '-isob', '-isoe', '-isof'].map(lit))),
  lit('-'),
  alt(...['east', 'west', 'north', 'south', 'central', 'northeast', 'northwest', 'southeast', 'southwest'].map(lit)),
  lit('-'),
  digit,
  opt(digit),
);
const account = seq(...Array.from({ length: 12 }, () => digit));
const SLOT: Record<ShapeSlot, Piece> = { account, region, 'elb-account': account, text: anyText, unknown: anyText };

/** Can some value of `shape` (placeholders standing for their `slots`) match `glob`? Case-insensitive. */
export function shapeMayMatch(glob: string, shape: string, slots: readonly ShapeSlot[] | undefined): boolean {
  const g = glob.toLowerCase();
  let s: States = closure(g, new Set([0]));
  let k = 0;
  for (const ch of shape) {
    if (ch === SHAPE_SPECIFIC || ch === SHAPE_UNKNOWN) s = SLOT[slots?.[k++] ?? (ch === SHAPE_SPECIFIC ? 'text' : 'unknown')](g, s);
    else s = cls((c) => c === ch.toLowerCase())(g, s);
    if (s.size === 0) return false;
  }
  return s.has(g.length);
}
