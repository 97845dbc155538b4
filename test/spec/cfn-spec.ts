/**
 * The CloudFormation resource specification as @aws-cdk/aws-service-spec
 * ships it (a dev dependency; `vouch check` never loads it): does a property
 * path exist on a resource type?
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { canonicalType } from '../../src/sources/iac/types.js';

interface TypeRef {
  type: string;
  /** Enumerated values of a string, where the registry schema lists them. */
  allowedValues?: string[];
  reference?: { $ref: string };
  element?: TypeRef;
  types?: TypeRef[];
}
interface PropertySpec {
  type: TypeRef;
  previousTypes?: TypeRef[];
  documentation?: string;
}
interface Shape {
  properties: Record<string, PropertySpec>;
}

export class CfnSpec {
  /** canonical type → CFN resource type and its properties. */
  readonly resources = new Map<string, { cfnType: string; shape: Shape; attributes: Set<string> }>();
  private readonly types = new Map<string, Shape>();

  constructor() {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
    const db = JSON.parse(gunzipSync(readFileSync(join(dir, 'db.json.gz'))).toString('utf8'));
    for (const t of db.schema.typeDefinition.entities as (Shape & { $id: string })[]) this.types.set(String(t.$id), t);
    for (const e of db.schema.resource.entities as { cloudFormationType: string; properties: Record<string, PropertySpec>; attributes?: Record<string, unknown> }[]) {
      const attributes = new Set(Object.keys(e.attributes ?? {}));
      this.resources.set(canonicalType(e.cloudFormationType), { cfnType: e.cloudFormationType, shape: { properties: e.properties }, attributes });
    }
  }

  /** The property spec at a path (`A.B[].C`), or why the path does not exist. */
  lookup(canonical: string, path: string): { ok: true; spec?: PropertySpec } | { ok: false; why: string } {
    const res = this.resources.get(canonical);
    if (!res) return { ok: false, why: `no CloudFormation type for ${canonical}` };
    const segments = path.split('.').flatMap((s) => {
      const m = /^([^[]*)((?:\[\])*)$/.exec(s);
      if (!m) return [s];
      return [...(m[1] ? [m[1]] : []), ...Array(m[2]!.length / 2).fill('[]')];
    });
    // A resource's own attributes (GroupId, Arn) are what a live collector fills in beside its properties.
    if (segments.length === 1 && res.attributes.has(segments[0]!)) return { ok: true };
    return this.walk(res.shape, segments, res.cfnType);
  }

  private walk(shape: Shape, segments: string[], where: string): { ok: true; spec?: PropertySpec } | { ok: false; why: string } {
    const [head, ...rest] = segments;
    if (head === undefined) return { ok: true };
    if (head === '*') return { ok: true };
    const prop = Object.prototype.hasOwnProperty.call(shape.properties, head) ? shape.properties[head] : undefined;
    if (!prop) return { ok: false, why: `${where} has no property ${head}` };
    const candidates = [prop.type, ...(prop.previousTypes ?? [])];
    let last: { ok: false; why: string } = { ok: false, why: `${where}.${head} has no ${rest.join('.')}` };
    for (const t of candidates) {
      const r = this.walkType(t, rest, `${where}.${head}`);
      if (r.ok) return rest.length === 0 ? { ok: true, spec: prop } : r;
      last = r;
    }
    return last;
  }

  private walkType(t: TypeRef, segments: string[], where: string): { ok: true; spec?: PropertySpec } | { ok: false; why: string } {
    const [head, ...rest] = segments;
    if (head === undefined) return { ok: true };
    switch (t.type) {
      case 'json':
        return { ok: true }; // free-form: any path below
      case 'array':
        // A rule may read a list as a single value too (asArray), so `[]` is optional.
        if (head === '[]') return this.walkType(t.element!, rest, `${where}[]`);
        return this.walkType(t.element!, segments, `${where}[]`);
      case 'map':
        // Map keys may contain dots (`rds.force_ssl`): anything below a map of scalars exists.
        if (head === '*') return { ok: true };
        if (['string', 'number', 'integer', 'boolean', 'json'].includes(t.element!.type)) return { ok: true };
        return this.walkType(t.element!, rest, `${where}.${head}`);
      case 'ref': {
        const shape = this.types.get(String(t.reference!.$ref));
        if (!shape) return { ok: false, why: `${where}: unknown type` };
        return this.walk(shape, segments, where);
      }
      case 'union':
        for (const u of t.types ?? []) if (this.walkType(u, segments, where).ok) return { ok: true };
        return { ok: false, why: `${where} (a union) has no ${segments.join('.')}` };
      case 'tag':
        return ['Key', 'Value', '*'].includes(head) && rest.length === 0 ? { ok: true } : { ok: false, why: `${where} (a tag) has no ${segments.join('.')}` };
      default:
        return { ok: false, why: `${where} is a ${t.type}; it has no ${segments.join('.')}` };
    }
  }

  /**
   * The values a property may take, where the schema says: the registry's
   * `allowedValues` (of the property, or of each element of a list), else an
   * "*Allowed Values* : A | B" line in its documentation. Undefined: not enumerated.
   */
  allowedValues(canonical: string, path: string): string[] | undefined {
    const r = this.lookup(canonical, path);
    if (!r.ok || !r.spec) return undefined;
    const fromType = (t: TypeRef | undefined): string[] | undefined => (t?.allowedValues?.length ? t.allowedValues : t?.type === 'array' ? fromType(t.element) : undefined);
    const typed = [r.spec.type, ...(r.spec.previousTypes ?? [])].map(fromType).find((v) => v !== undefined);
    if (typed) return typed;
    const doc = /\*Allowed Values\*\s*:\s*([^\n]+)/.exec(r.spec.documentation ?? '');
    if (!doc) return undefined;
    const values = doc[1]!.split('|').map((v) => v.trim().replace(/^`|`$/g, '')).filter(Boolean);
    return values.length ? values : undefined;
  }
}
