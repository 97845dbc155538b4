import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, notApplicable, asArray, asRecord, text } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';

const MODES = ['STRICT', 'PERMISSIVE', 'DISABLED'];

/**
 * The inbound TLS of an App Mesh virtual node or virtual gateway, listener by listener
 * (`Spec.Listeners[].TLS`). Without a TLS block the Envoy proxy takes plaintext; Mode PERMISSIVE
 * accepts plaintext beside TLS (meant for a migration) and DISABLED takes plaintext only; only
 * STRICT refuses plaintext. App Mesh names no TLS version: a pass says TLS is required, not which
 * version (Envoy's own floor applies).
 */
export function judgeMeshListeners(r: Resource, what: 'virtual node' | 'virtual gateway'): Verdict {
  const listeners = asArray(known(r, 'Spec.Listeners'));
  if (!listeners.length) return notApplicable(`the ${what} has no listener: it takes no inbound traffic`, ev('Spec.Listeners', [], 'listeners with TLS Mode STRICT'));
  const evidence = [];
  const bad: string[] = [];
  for (const [i, raw] of listeners.entries()) {
    const base = `Spec.Listeners[${i}]`;
    const listener = asRecord(must(raw, base));
    const port = asRecord(listener.PortMapping).Port;
    const label = typeof port === 'number' || typeof port === 'string' ? `listener on port ${port}` : `listener #${i}`;
    const tls = must(listener.TLS, `${base}.TLS`);
    if (tls === undefined || tls === null) {
      bad.push(`${label} has no TLS (plaintext)`);
      evidence.push(ev(`${base}.TLS`, null, 'Mode STRICT with a certificate', 'omitted: the listener accepts plaintext'));
      continue;
    }
    const rawMode = must(asRecord(tls).Mode, `${base}.TLS.Mode`);
    const mode = rawMode === undefined ? undefined : text(rawMode);
    const e = ev(`${base}.TLS.Mode`, rawMode ?? null, 'STRICT');
    if (mode === undefined || !MODES.includes(mode)) {
      bad.push(`${label} TLS mode ${mode ?? 'unset'} is not a valid value`);
      evidence.push({ ...e, note: notAValidValue('Mode', mode ?? '(unset)', MODES.join(', ')) });
    } else if (mode === 'PERMISSIVE') {
      bad.push(`${label} accepts plaintext beside TLS (PERMISSIVE)`);
      evidence.push(e);
    } else if (mode === 'DISABLED') {
      bad.push(`${label} has TLS disabled`);
      evidence.push(e);
    } else evidence.push(e);
  }
  if (bad.length) return fail(`the ${what} takes plaintext: ${bad.join('; ')}`, ...evidence);
  return pass(`every listener of the ${what} requires TLS (STRICT)`, ...evidence);
}
