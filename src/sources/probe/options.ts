/**
 * The `--probe*` flags shared by `vouch probe`, `scan aws|gcp|digitalocean`
 * and `evaluate`, and the probe stage those commands run: targets from the
 * inventory, the claims profile and the command line → observations →
 * findings added to the evidence document. Probing is off unless asked for.
 */
import { readInputText } from '../../util/input-file.js';
import type { Argv } from 'yargs';
import { InputError } from '../../util/errors.js';
import type { Inventory } from '../../model/inventory.js';
import type { ClaimsProfile } from '../../evaluate/claims-profile.js';
import type { EvidenceDocument } from '../../findings/evidence.js';
import type { Suppression } from '../../findings/suppressions.js';
import { HostList, parseResolve, parseTarget } from './targets.js';
import { discoverEndpoints, type Discovery } from './endpoints.js';
import { probeTargets, type ProbeOptions, type ProbeRun, type Resolver } from './run.js';
import { addProbeFindings } from './findings.js';
import { trustAnchors } from './tls.js';
import type { ProbeTarget } from './types.js';

export interface ProbeArgs {
  probe?: boolean;
  'probe-allow'?: string[];
  'probe-deny'?: string[];
  'probe-resolve'?: string[];
  'probe-ca'?: string[];
  'probe-timeout': number;
  'probe-budget': number;
  'probe-rate': number;
  'probe-concurrency': number;
}

/** The tuning and safety flags (without `--probe` itself, which `vouch probe` does not need). */
export function withProbeTuning<T>(y: Argv<T>) {
  return y
    .option('probe-allow', { type: 'string', array: true, describe: 'Probe only hosts in these domains or CIDR blocks (repeat or comma list); checked against the name and the address connected to' })
    .option('probe-deny', { type: 'string', array: true, describe: 'Never probe hosts in these domains or CIDR blocks (wins over --probe-allow)' })
    .option('probe-resolve', { type: 'string', array: true, describe: 'HOST[:PORT]=ADDRESS[:PORT]: connect to ADDRESS instead of resolving HOST (SNI and Host header stay HOST), like curl --connect-to' })
    .option('probe-ca', { type: 'string', array: true, describe: 'Extra CA certificates (PEM file) trusted besides the bundled roots, for a private PKI' })
    .option('probe-timeout', { type: 'number', default: 5, describe: 'Seconds for each probe step: connect, TLS handshake, response headers' })
    .option('probe-budget', { type: 'number', default: 300, describe: 'Seconds for all probing; what is not done by then is unknown' })
    .option('probe-rate', { type: 'number', default: 5, describe: 'Most new connections per second to one host' })
    .option('probe-concurrency', { type: 'number', default: 8, describe: 'Endpoints probed at the same time' });
}

/** `--probe` and the tuning flags, for scan and evaluate. */
export function withProbeOptions<T>(y: Argv<T>) {
  return withProbeTuning(y).option('probe', {
    type: 'boolean',
    default: false,
    describe: "Also observe every internet-facing endpoint of the inventory and the profile's endpoints: TLS versions, certificate, HTTP→HTTPS redirect, HSTS (docs/probe.md)",
  });
}

const list = (v: string[] | undefined): string[] => (v ?? []).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);

function readCa(files: string[]): string[] {
  return files.map((f) => {
    const text = readInputText(f, { maxBytes: 1024 * 1024, what: 'CA bundle' }, `--probe-ca ${f}`);
    if (!/-----BEGIN CERTIFICATE-----/.test(text)) throw new InputError(`${f}: --probe-ca: not a PEM certificate`);
    return text;
  });
}

/** Validate the flags into probe options (before any slow work starts). */
/** `signal`: the run's (RunContext.signal); once it fires no new probe step starts. */
export function probeOptionsFrom(args: ProbeArgs, tlsMin: ProbeOptions['tlsMin'], resolver?: Resolver, signal?: AbortSignal): ProbeOptions {
  const t = args['probe-timeout'];
  const b = args['probe-budget'];
  const rate = args['probe-rate'];
  const c = args['probe-concurrency'];
  if (!(t > 0 && t <= 120)) throw new InputError('--probe-timeout: expected seconds from 0 to 120');
  if (!(b > 0 && b <= 86_400)) throw new InputError('--probe-budget: expected seconds from 0 to 86400');
  if (!(rate > 0 && rate <= 1000)) throw new InputError('--probe-rate: expected connections per second from 0 to 1000');
  if (!(Number.isInteger(c) && c >= 1 && c <= 64)) throw new InputError('--probe-concurrency: expected a whole number from 1 to 64');
  const ca = readCa(list(args['probe-ca']));
  return {
    tlsMin,
    timeoutMs: Math.round(t * 1000),
    budgetMs: Math.round(b * 1000),
    perHostIntervalMs: Math.round(1000 / rate),
    concurrency: c,
    allow: new HostList(list(args['probe-allow']), '--probe-allow'),
    deny: new HostList(list(args['probe-deny']), '--probe-deny'),
    resolve: parseResolve(list(args['probe-resolve'])),
    ...(ca.length ? { ca: trustAnchors(ca) } : {}),
    ...(resolver ? { resolver } : {}),
    ...(signal ? { signal } : {}),
  };
}

/** Targets named by the claims profile (`endpoints:`), each an InputError naming the profile when malformed. */
export function profileTargets(profile: ClaimsProfile): ProbeTarget[] {
  return (profile.endpoints ?? []).map((e) => {
    try {
      return { ...parseTarget(e), via: `claims profile${profile.file ? ` ${profile.file}` : ''}` };
    } catch (err) {
      throw new InputError(`${profile.file ?? 'claims profile'}: endpoints: ${(err as Error).message}`);
    }
  });
}

/** The controls probe findings judge. */
export const PROBED_CONTROLS = ['tls-min', 'https-redirect'] as const;

export interface ProbeStage {
  discovery: Discovery;
  run: ProbeRun;
  /** Add the findings and coverage to the document (in place). */
  apply(doc: EvidenceDocument, suppressions: Suppression[], inventory?: Inventory): void;
}

/** Discover, probe, and return how to add the result to the document. */
export async function runProbeStage(
  options: ProbeOptions,
  inventory: Inventory | undefined,
  extra: ProbeTarget[],
  log?: (line: string) => void,
  controls: readonly string[] = PROBED_CONTROLS,
): Promise<ProbeStage> {
  const discovery: Discovery = inventory ? discoverEndpoints(inventory) : { targets: [], notes: [] };
  let targets = [...discovery.targets, ...extra];
  if (!PROBED_CONTROLS.some((c) => controls.includes(c))) {
    // Nothing a probe judges is promised: connect to nothing.
    if (targets.length) discovery.notes.push({ what: `${targets.length} endpoint${targets.length === 1 ? '' : 's'}`, why: `not probed: the claims profile has neither ${PROBED_CONTROLS.join(' nor ')}` });
    targets = [];
  }
  log?.(`probe: ${targets.length} endpoint${targets.length === 1 ? '' : 's'} (budget ${options.budgetMs / 1000} s)`);
  const run = await probeTargets(targets, options);
  log?.(`probe: ${run.observations.length} probed, ${run.skipped.length} skipped, ${run.handshakes} TLS handshakes, ${run.requests} HTTP requests in ${(run.ms / 1000).toFixed(1)} s`);
  return {
    discovery,
    run,
    apply(doc, suppressions, inv = inventory) {
      addProbeFindings(doc, run, { suppressions, acknowledgements: (f) => inv?.get(f.resource.id)?.acknowledgements });
      if (discovery.notes.length) doc.coverage.notCollected = [...(doc.coverage.notCollected ?? []), ...discovery.notes.map((n) => ({ ...n, what: `probe: ${n.what}` }))];
      if (discovery.notes.some((n) => n.gap)) {
        const cov = doc.coverage;
        const failures = (cov.failures?.length ?? 0) + (cov.notCollected?.filter((n) => n.gap).length ?? 0);
        if (failures > 0 && !doc.summary.incomplete) {
          doc.summary.incomplete = true;
          if (doc.summary.exitCode === 0) doc.summary.exitCode = 3;
        }
      }
    },
  };
}

export interface PreparedProbe {
  /** Probe the inventory's and the profile's endpoints; the result adds itself to the document. */
  stage(inventory: Inventory | undefined, suppressions: Suppression[], log?: (line: string) => void): Promise<(doc: EvidenceDocument) => void>;
}

/**
 * For scan and evaluate: undefined unless `--probe` was given; otherwise the
 * flags are validated now, before the scan, and probing runs after it.
 */
export function prepareProbe(args: ProbeArgs, profile: ClaimsProfile, signal?: AbortSignal): PreparedProbe | undefined {
  if (!args.probe) return undefined;
  const options = probeOptionsFrom(args, profile.parameters.tlsMin, undefined, signal);
  const extra = profileTargets(profile);
  return {
    async stage(inventory, suppressions, log) {
      const stage = await runProbeStage(options, inventory, extra, log, profile.controls);
      return (doc) => stage.apply(doc, suppressions, inventory);
    },
  };
}
