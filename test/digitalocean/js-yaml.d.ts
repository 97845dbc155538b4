// js-yaml ships no types; the contract tests use only `load` (3-5x faster than `yaml` on the 3 MB spec).
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
