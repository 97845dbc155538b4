/**
 * The enum values rules compare property values against, read from rule
 * sources: `known(r, 'P') === 'V'`, a variable read with `known`/`get` then
 * compared (`x === 'V'`, `x.toUpperCase() !== 'V'`, `['A', 'B'].includes(x)`),
 * and module-level sets of allowed values mapped to their property in SETS.
 */
export interface Compared {
  path: string;
  value: string;
  where: string;
}

const STR = `'((?:[^'\\\\]|\\\\.)*)'`;
const READ = new RegExp(`(?:const|let)\\s+(\\w+)\\s*=\\s*(?:\\w+\\()?(?:known|get)\\(\\s*(?:r|r\\.properties)\\s*,\\s*${STR}\\s*\\)`, 'g');
const DIRECT = new RegExp(`known\\(\\s*r\\s*,\\s*${STR}\\s*\\)\\s*[!=]==\\s*${STR}`, 'g');

/** Comparisons of read values against string literals in one rule source. */
export function comparedValues(source: string, file: string): Compared[] {
  const out: Compared[] = [];
  for (const m of source.matchAll(DIRECT)) out.push({ path: m[1]!, value: m[2]!, where: file });
  const vars = new Map<string, string>();
  for (const m of source.matchAll(READ)) vars.set(m[1]!, m[2]!);
  for (const [name, path] of vars) {
    const v = `${name}(?:\\.\\w+\\(\\))*`;
    for (const m of source.matchAll(new RegExp(`(?<!typeof\\s+)\\b${v}\\s*[!=]==\\s*${STR}`, 'g'))) out.push({ path, value: m[1]!, where: file });
    for (const m of source.matchAll(new RegExp(`${STR}\\s*[!=]==\\s*${v}\\b`, 'g'))) out.push({ path, value: m[1]!, where: file });
    for (const m of source.matchAll(new RegExp(`\\[([^\\]]*)\\]\\.includes\\(\\s*${v}\\s*\\)`, 'g')))
      for (const s of m[1]!.matchAll(new RegExp(STR, 'g'))) out.push({ path, value: s[1]!, where: file });
  }
  // An empty string is "not set", never an enum value.
  return out.filter((c) => c.value !== '');
}

/** Module-level `const NAME = new Set([...])` / `const NAME = [...]` of string literals. */
export function literalSets(source: string): { name: string; values: string[] }[] {
  const out: { name: string; values: string[] }[] = [];
  for (const m of source.matchAll(/^const ([A-Z_][A-Z0-9_]*) = (?:new Set\(\[|\[)((?:\s*'[^']*'\s*,?)+)\]/gm))
    out.push({ name: m[1]!, values: [...m[2]!.matchAll(new RegExp(STR, 'g'))].map((s) => s[1]!) });
  return out;
}
