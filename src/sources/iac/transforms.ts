/**
 * Parts of a template that CloudFormation fills in at deploy time and vouch
 * cannot read: `Fn::Transform` snippets (`AWS::Include` from S3, or a named
 * macro) standing for a whole section entry or a whole resource, and
 * registry modules (`…::MODULE` types), which expand into resources of their
 * own. Such a template is valid and loads; what it leaves out is a coverage
 * gap naming the file and the snippet, never a refusal of the run and never a
 * pass. (`Fn::Transform` inside a property value resolves to an unresolved
 * marker in intrinsics.ts: the properties it stands for are judged unknown.)
 */
import { asRecord } from '../../evaluate/facts.js';

const TRANSFORM = 'Fn::Transform';
const SECTIONS = ['Parameters', 'Mappings', 'Conditions', 'Outputs', 'Rules', 'Globals'] as const;

export interface Gap {
  what: string;
  why: string;
}

/** `AWS::Include (s3://…)` / `macro MyMacro`: what one `Fn::Transform` value names, for a coverage note. */
export function describeTransform(v: unknown): string {
  const list = Array.isArray(v) ? v : [v];
  const names = list.map((t) => {
    const o = asRecord(t);
    const name = typeof o.Name === 'string' ? o.Name : typeof t === 'string' ? t : '(unnamed)';
    const location = asRecord(o.Parameters).Location;
    if (name === 'AWS::Include') return `AWS::Include${typeof location === 'string' ? ` (${location.slice(0, 200)})` : ''}`;
    return `macro ${name.slice(0, 100)}`;
  });
  return names.join(', ');
}

/**
 * A resource declaration that is only a snippet (`Data: {Fn::Transform: …}`, no `Type` of its
 * own): its type and properties come from the snippet at deploy time.
 */
export function isIncludedDeclaration(decl: unknown): boolean {
  const d = asRecord(decl);
  return typeof d.Type !== 'string' && Object.prototype.hasOwnProperty.call(d, TRANSFORM);
}

/**
 * `Resources` without the entries vouch cannot read: a `Fn::Transform` key standing for more
 * resources, and declarations that are only a snippet. Each is a coverage gap; the rest is kept
 * as written (same order, same objects).
 */
export function withoutIncludedResources(resources: Record<string, unknown>, file: string): { resources: Record<string, unknown>; gaps: Gap[] } {
  if (!Object.entries(resources).some(([id, decl]) => id === TRANSFORM || isIncludedDeclaration(decl))) return { resources, gaps: [] };
  const kept: Record<string, unknown> = {};
  const out: Gap[] = [];
  for (const [id, decl] of Object.entries(resources)) {
    if (id === TRANSFORM) {
      out.push({
        what: `${file}: Resources ${TRANSFORM} (${describeTransform(decl)})`,
        why: 'resources pulled in at deploy time from a snippet or macro vouch cannot read are not judged (check the processed template: aws cloudformation get-template --template-stage Processed)',
      });
    } else if (isIncludedDeclaration(decl)) {
      out.push({
        what: `${file}: ${id} (${describeTransform(asRecord(decl)[TRANSFORM])})`,
        why: 'the resource is declared by a snippet or macro filled in at deploy time: its type and properties are not in the template, so it is not judged',
      });
    } else kept[id] = decl;
  }
  return { resources: kept, gaps: out };
}

/**
 * `Fn::Transform` entries of the other sections (a snippet of parameters, mappings, conditions,
 * outputs): the template reads them by name, so a name they would define stays unresolved
 * (judged unknown); the entry itself is a gap. Returns the sections without those keys, and the gaps.
 */
export function withoutIncludedSections(template: Record<string, unknown>, file: string): { template: Record<string, unknown>; gaps: Gap[] } {
  const touched = SECTIONS.filter((s) => Object.prototype.hasOwnProperty.call(asRecord(template[s]), TRANSFORM));
  if (touched.length === 0) return { template, gaps: [] };
  const copy: Record<string, unknown> = { ...template };
  const gaps: Gap[] = [];
  for (const s of touched) {
    const { [TRANSFORM]: snippet, ...rest } = asRecord(template[s]);
    copy[s] = rest;
    gaps.push({
      what: `${file}: ${s} ${TRANSFORM} (${describeTransform(snippet)})`,
      why: `${s.toLowerCase()} pulled in at deploy time are not read: whatever reads one of them is judged unknown`,
    });
  }
  return { template: copy, gaps };
}

/** Registry modules (`Org::Service::Thing::MODULE`): each expands at deploy time into resources vouch does not see. */
export function moduleGaps(resources: Record<string, unknown>, file: string): Gap[] {
  const out: Gap[] = [];
  for (const [id, decl] of Object.entries(resources)) {
    const type = asRecord(decl).Type;
    if (typeof type === 'string' && type.endsWith('::MODULE'))
      out.push({
        what: `${file}: ${id} (${type.slice(0, 200)})`,
        why: 'a CloudFormation module expands at deploy time into resources of its own, which the template does not show: they are not judged (check the processed template)',
      });
  }
  return out;
}
