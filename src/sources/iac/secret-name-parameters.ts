/**
 * Template parameters that name a secret rather than hold one: a parameter
 * read inside a dynamic reference (`{{resolve:secretsmanager:${DbSecret}:SecretString:password}}`,
 * or the same built with Fn::Join) holds the secret's name or ARN, which
 * CloudFormation resolves at deploy time. Such a parameter is a pointer,
 * whatever its name says (`BreakGlassPasswordSecret`).
 */
import { asRecord } from '../../evaluate/facts.js';

const IN_SUB = /\{\{resolve:(?:secretsmanager|ssm-secure|ssm):\$\{([A-Za-z0-9]+)\}/g;
const BEFORE_REF = /\{\{resolve:(?:secretsmanager|ssm-secure|ssm):$/;
/** Nodes looked at, at most: the walk is over the template as written (bounded by its size), this bounds it again. */
const BUDGET = 200_000;

export function parametersNamingSecrets(resources: unknown, parameters: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (parameters.size === 0) return out;
  let budget = BUDGET;
  const fromSub = (text: unknown) => {
    if (typeof text !== 'string' || !text.includes('{{resolve:')) return;
    for (const m of text.matchAll(IN_SUB)) if (parameters.has(m[1]!)) out.add(m[1]!);
  };
  const walk = (x: unknown, depth: number): void => {
    if (--budget < 0 || depth > 64 || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach((y) => walk(y, depth + 1));
    const o = x as Record<string, unknown>;
    const sub = o['Fn::Sub'];
    if (sub !== undefined) fromSub(Array.isArray(sub) ? sub[0] : sub);
    const join = o['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) {
      const parts = join[1] as unknown[];
      for (let i = 0; i + 1 < parts.length; i++) {
        const ref = asRecord(parts[i + 1]).Ref;
        if (typeof parts[i] === 'string' && BEFORE_REF.test(parts[i] as string) && typeof ref === 'string' && parameters.has(ref)) out.add(ref);
      }
    }
    for (const v of Object.values(o)) walk(v, depth + 1);
  };
  walk(resources, 0);
  return out;
}
