/**
 * The deployed template of each stack against the cloud assembly it should
 * have been deployed from, resource by resource: resources in the assembly
 * not deployed, deployed resources the assembly does not have, and resources
 * whose properties differ (deployed from another version of the code).
 *
 * Both sides are the templates as written (before any intrinsic is
 * resolved), reduced to per-process property digests (./digest.ts): the live
 * side by the CloudFormation collector from GetTemplate, the code side here
 * from the assembly's template files. Only property names reach the report;
 * those the rules read on that resource (the paths in the code findings'
 * evidence) are named apart from the others.
 *
 * Fail closed: a stack whose deployed template was not read is listed with
 * why, and none of its resources is counted as in step.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Resource } from '../../model/resource.js';
import type { EvidenceDocument } from '../evidence.js';
import type { DeployedTemplateEntry } from '../../sources/providers/aws/collectors/cloudformation.js';
import { readInputText } from '../../util/input-file.js';
import { parseTemplateText } from '../../sources/iac/parse.js';
import { propertyDigests } from './digest.js';

export type { AssemblyDrift, AssemblyResourceRef } from '../../schema/drift.js';
import type { AssemblyDrift, AssemblyResourceRef } from '../../schema/drift.js';

interface CodeStack {
  name: string;
  file: string;
  resources: Map<string, DeployedTemplateEntry>;
}

const MAX_TEMPLATE_BYTES = 64 * 1024 * 1024;

/** The assembly's templates, one per stack of the code inventory, reduced to types, paths and digests. */
export function codeStacks(code: Resource[], cwd = process.cwd()): { stacks: CodeStack[]; unread: { stack: string; reason: string }[] } {
  const stacks: CodeStack[] = [];
  const unread: { stack: string; reason: string }[] = [];
  const paths = new Map<string, Map<string, string>>();
  const files = new Map<string, string>();
  for (const r of code) {
    if (r.source !== 'iac' || !r.location.stack || !r.location.file) continue;
    files.set(r.location.stack, r.location.file);
    if (r.location.logicalId && r.location.constructPath) {
      const m = paths.get(r.location.stack) ?? new Map<string, string>();
      m.set(r.location.logicalId, r.location.constructPath);
      paths.set(r.location.stack, m);
    }
  }
  for (const [name, file] of files) {
    let template: unknown;
    try {
      const full = isAbsolute(file) ? file : resolve(cwd, file);
      template = parseTemplateText(readInputText(full, { maxBytes: MAX_TEMPLATE_BYTES }, file), file).template;
    } catch (e) {
      unread.push({ stack: name, reason: `${file}: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    const res = (template as { Resources?: unknown } | null)?.Resources;
    const resources = new Map<string, DeployedTemplateEntry>();
    const known = paths.get(name);
    if (res && typeof res === 'object' && !Array.isArray(res))
      for (const [lid, d] of Object.entries(res as Record<string, unknown>)) {
        const rec = d as { Type?: unknown; Properties?: unknown; Metadata?: Record<string, unknown> } | null;
        const meta = rec?.Metadata?.['aws:cdk:path'];
        const path = typeof meta === 'string' ? meta : known?.get(lid);
        resources.set(lid, { Type: typeof rec?.Type === 'string' ? rec.Type : '?', ...(path ? { Path: path } : {}), Digests: propertyDigests(rec?.Properties) });
      }
    stacks.push({ name, file, resources });
  }
  return { stacks, unread };
}

/** Top-level property names a rule read on each code resource (`stack\0logicalId`), from the code findings' evidence paths. */
export function propertiesReadByRules(code: EvidenceDocument | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of code?.findings ?? []) {
    const r = f.resource;
    if (r.source !== 'iac' || !r.stack || !r.logicalId) continue;
    const k = `${r.stack}\u0000${r.logicalId}`;
    const set = out.get(k) ?? new Set<string>();
    for (const e of f.evidence) {
      const top = e.path.split(/[.[]/)[0];
      if (top) set.add(top);
    }
    out.set(k, set);
  }
  return out;
}

const ref = (stack: string, region: string | undefined, logicalId: string, e: DeployedTemplateEntry): AssemblyResourceRef => ({
  stack,
  ...(region ? { region } : {}),
  logicalId,
  type: e.Type,
  ...(e.Path ? { constructPath: e.Path } : {}),
});

/**
 * Compare each assembly stack with every deployed stack of the same name (or,
 * when names differ, the deployed stack that holds its construct paths).
 */
export function compareAssembly(live: Resource[], code: { stacks: CodeStack[]; unread: { stack: string; reason: string }[] }, readByRules: Map<string, Set<string>>): AssemblyDrift {
  const out: AssemblyDrift = { compared: 0, stacksNotDeployed: [], notDeployed: [], notInAssembly: [], changed: [], notCompared: code.unread.map((u) => ({ ...u })) };
  const deployed = live.filter((r) => r.type === 'aws.cloudformation.stack' && r.source === 'live' && r.provider === 'aws');
  for (const cs of code.stacks) {
    const codePaths = new Set([...cs.resources.values()].map((e) => e.Path).filter(Boolean));
    const matches = deployed.filter((s) => {
      if ((s.name ?? s.properties.StackName) === cs.name) return true;
      const t = (s.properties.Live as { DeployedTemplate?: Record<string, DeployedTemplateEntry> } | undefined)?.DeployedTemplate;
      return t ? Object.values(t).some((e) => e.Path && codePaths.has(e.Path)) : false;
    });
    if (!matches.length) {
      out.stacksNotDeployed.push(cs.name);
      for (const [lid, e] of cs.resources) out.notDeployed.push(ref(cs.name, undefined, lid, e));
      continue;
    }
    for (const s of matches) {
      const region = s.location.region;
      const t = (s.properties.Live as { DeployedTemplate?: Record<string, DeployedTemplateEntry> } | undefined)?.DeployedTemplate;
      if (!t) {
        out.notCompared.push({ stack: cs.name, ...(region ? { region } : {}), reason: s.gaps?.['Live.DeployedTemplate'] ?? s.gaps?.['Live.Resources'] ?? 'its deployed template was not read' });
        continue;
      }
      out.compared++;
      for (const [lid, e] of cs.resources) {
        const d = t[lid];
        if (!d) {
          out.notDeployed.push(ref(cs.name, region, lid, e));
          continue;
        }
        const names = new Set([...Object.keys(e.Digests), ...Object.keys(d.Digests)]);
        const props = [...names].filter((n) => e.Digests[n] !== d.Digests[n]).sort();
        if (d.Type !== e.Type) props.unshift('(Type)');
        if (!props.length) continue;
        const read = readByRules.get(`${cs.name}\u0000${lid}`) ?? new Set<string>();
        out.changed.push({ ...ref(cs.name, region, lid, e), properties: props, readByRules: props.filter((p) => read.has(p)) });
      }
      for (const [lid, d] of Object.entries(t)) if (!cs.resources.has(lid)) out.notInAssembly.push(ref(cs.name, region, lid, d));
    }
  }
  const order = (a: AssemblyResourceRef, b: AssemblyResourceRef) => a.stack.localeCompare(b.stack) || (a.region ?? '').localeCompare(b.region ?? '') || a.logicalId.localeCompare(b.logicalId);
  out.notDeployed.sort(order);
  out.notInAssembly.sort(order);
  out.changed.sort(order);
  return out;
}
