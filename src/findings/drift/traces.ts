/**
 * Where in the CDK app's source each resource was defined, from the cloud
 * assembly's construct metadata: when the app ran with stack traces
 * (`cdk synth --debug`, or the `aws:cdk:enable-stack-traces`/CDK_DEBUG
 * context), each `aws:cdk:logicalId` entry carries a `trace` of frames like
 * `new SecureBucket (/app/lib/shop-stack.ts:12:5)`. The first frame outside
 * node_modules and outside Node's own modules is the line that made the
 * resource. Without traces nothing is returned and callers fall back to the
 * template location.
 */
import { existsSync, statSync } from 'node:fs';
import { join, isAbsolute, relative, resolve } from 'node:path';
import { readInputText, INPUT_LIMITS } from '../../util/input-file.js';

export interface SourceLine {
  file: string;
  line: number;
}

const FRAME = /\(?((?:[A-Za-z]:)?[^\s()]+?):(\d+):\d+\)?\s*$/;

/** The app's own frame of a construct trace: not node_modules, not node: internals. */
export function appFrame(trace: unknown, cwd = process.cwd()): SourceLine | undefined {
  if (!Array.isArray(trace)) return undefined;
  for (const t of trace.slice(0, 200)) {
    if (typeof t !== 'string' || t.length > 2000) continue;
    const m = FRAME.exec(t);
    if (!m) continue;
    let file = m[1]!.replace(/^file:\/\//, '');
    if (/node_modules|^node:|^internal\//.test(file)) continue;
    if (isAbsolute(file)) {
      const rel = relative(cwd, file);
      if (!rel.startsWith('..')) file = rel;
    }
    return { file: file.split('\\').join('/'), line: Number(m[2]) };
  }
  return undefined;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * `stack\0logicalId` → source line, for the stacks of the cloud assemblies
 * among `paths` (directories holding manifest.json; other paths are skipped).
 * Stack names are the artifact's display name or id, as the IaC loader names them.
 */
export function sourceLines(paths: string[], cwd = process.cwd()): Map<string, SourceLine> {
  const out = new Map<string, SourceLine>();
  for (const p of paths) {
    const dir = isAbsolute(p) ? p : resolve(cwd, p);
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath) || !statSync(dir).isDirectory()) continue;
    let manifest: Record<string, unknown>;
    try {
      manifest = obj(JSON.parse(readInputText(manifestPath, { maxBytes: INPUT_LIMITS.assemblyManifest })));
    } catch {
      continue; // the IaC loader already said what is wrong with it
    }
    for (const [id, a] of Object.entries(obj(manifest.artifacts))) {
      const art = obj(a);
      if (art.type !== 'aws:cloudformation:stack') continue;
      const stack = typeof art.displayName === 'string' ? art.displayName : id;
      const entries: unknown[] = Object.values(obj(art.metadata));
      if (typeof art.additionalMetadataFile === 'string' && !art.additionalMetadataFile.includes('..')) {
        try {
          entries.push(...Object.values(obj(JSON.parse(readInputText(join(dir, art.additionalMetadataFile), { maxBytes: INPUT_LIMITS.assemblyManifest })))));
        } catch {
          /* the IaC loader reports an unreadable metadata file */
        }
      }
      for (const list of entries) {
        if (!Array.isArray(list)) continue;
        for (const e of list) {
          const m = obj(e);
          if (m.type !== 'aws:cdk:logicalId' || typeof m.data !== 'string') continue;
          const line = appFrame(m.trace, cwd);
          if (line) out.set(`${stack}\u0000${m.data}`, line);
        }
      }
    }
  }
  return out;
}
