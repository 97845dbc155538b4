/**
 * Classify one sentence with the pattern table: which controls and parameters
 * it implies, what needs attestation, and — when nothing maps — whether it
 * still reads like a promise (then it goes to review, with the reason).
 */
import { CONTROL_IDS, type ControlId } from '../engine/controls.js';
import type { ParametersInput } from '../engine/claims.js';
import { MODAL_BEFORE, MODAL_HEDGES, OFFER_HEDGES, PATTERNS, PROMISE_CUES, TOPICS, WEAK_CUES, type Pattern } from './patterns.js';

export interface Classification {
  controls: ControlId[];
  parameters?: ParametersInput;
  attestation?: string;
  /** Which words triggered which mapping, and notes for the reviewer. */
  rationale: string[];
  /** Set when no mapping was made but the sentence reads like a promise. */
  review?: string;
}

/** Same length as the input: offsets in the normalized text are offsets in the quote. */
export function normalize(s: string): string {
  return s.replace(/[\u00a0\u2000-\u200a\u202f]/g, ' ').replace(/[‘’ʼ]/g, "'").replace(/[“”„]/g, '"').replace(/[‐‑]/g, '-');
}

const CLAUSE_BREAK = /[;:—–]|\s-\s/g;

function clauseAround(s: string, index: number): { start: number; text: string } {
  let start = 0;
  let end = s.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(s); m; m = CLAUSE_BREAK.exec(s)) {
    if (m.index < index) start = m.index + m[0].length;
    else {
      end = m.index;
      break;
    }
  }
  return { start, text: s.slice(start, end) };
}

const NEGATION_WORDS = /\b(?:not|no|never|without|nor|cannot|neither)\b|n't\b/i;

function negated(s: string, clauseStart: number, m: RegExpExecArray): string | undefined {
  const before = s.slice(clauseStart, m.index).split(/\s+/).filter(Boolean).slice(-3).join(' ');
  const inMatch = NEGATION_WORDS.exec(m[0]);
  if (inMatch) return inMatch[0];
  const b = NEGATION_WORDS.exec(before);
  if (b) return b[0];
  const after = /^[^.;,]{0,16}?\b(?:is|are|was|were|be)\s+(not|never|disabled|off)\b/i.exec(s.slice(m.index + m[0].length, m.index + m[0].length + 40));
  return after ? `${after[1]}` : undefined;
}

interface Fired {
  pattern: Pattern;
  words: string;
  parameters?: ParametersInput;
  notes: string[];
}

function mergeParams(into: ParametersInput, add: ParametersInput): ParametersInput {
  const out: ParametersInput = { ...into };
  if (add.tlsMin) out.tlsMin = add.tlsMin;
  if (add.backup) out.backup = { ...out.backup, ...add.backup };
  if (add.allowedRegions) out.allowedRegions = [...new Set([...(out.allowedRegions ?? []), ...add.allowedRegions])];
  if (add.retention) out.retention = [...(out.retention ?? []), ...add.retention];
  if (add.requireCustomerManagedKeys !== undefined) out.requireCustomerManagedKeys = add.requireCustomerManagedKeys;
  return out;
}

export function classify(quote: string): Classification {
  const s = normalize(quote);
  // Fragments (table cells, labels) are not sentences that promise anything.
  if (s.split(/\s+/).filter(Boolean).length < 3) return { controls: [], rationale: [] };
  const fired: Fired[] = [];
  const vetoes: string[] = [];
  const lower = s.toLowerCase();
  for (const p of PATTERNS) {
    if (p.gate && !p.gate.some((g) => lower.includes(g))) continue;
    p.trigger.lastIndex = 0;
    const m = p.trigger.exec(s);
    if (!m) continue;
    if (p.requires && !p.requires.test(s)) continue;
    const words = m[0].trim().replace(/\s+/g, ' ');
    const clause = clauseAround(s, m.index);
    if (p.unless && p.unless.re.test(s)) {
      vetoes.push(`${p.label} ('${words}') not mapped: ${p.unless.reason}`);
      continue;
    }
    const reading = p.params?.({ sentence: s, clause: clause.text, clauseStart: clause.start, match: m }) ?? {};
    if (reading.none) continue;
    const isControl = Boolean(p.controls?.length);
    if (p.negatable ?? isControl) {
      const neg = negated(s, clause.start, m);
      if (neg) {
        vetoes.push(`${p.label} ('${words}') not mapped: negated ('${neg}')`);
        continue;
      }
    }
    const hedge = OFFER_HEDGES.exec(clause.text) ?? (p.modalOk ? null : MODAL_HEDGES.exec(clause.text));
    if (hedge) {
      vetoes.push(`${p.label} ('${words}') not mapped: hedged ('${hedge[0]}'), which is not a promise`);
      continue;
    }
    if (reading.veto) {
      vetoes.push(`${p.label} ('${words}') not mapped: ${reading.veto}`);
      continue;
    }
    fired.push({ pattern: p, words, ...(reading.parameters ? { parameters: reading.parameters } : {}), notes: reading.notes ?? [] });
  }
  const superseded = new Set(fired.flatMap((f) => f.pattern.supersedes ?? []));
  const kept = fired.filter((f) => !superseded.has(f.pattern.id));

  const rationale: string[] = [];
  const controls = new Set<ControlId>();
  const evidence: string[] = [];
  let parameters: ParametersInput | undefined;
  for (const f of kept) {
    const target = f.pattern.controls?.length ? f.pattern.controls.join(' + ') : 'attestation';
    rationale.push([`'${f.words}' → ${target}`, ...f.notes].join('; '));
    for (const c of f.pattern.controls ?? []) controls.add(c);
    if (f.pattern.attestation && !evidence.includes(f.pattern.attestation)) evidence.push(f.pattern.attestation);
    if (f.parameters) parameters = mergeParameters(parameters, f.parameters);
  }
  const bareEncrypted = /\bencrypt\w*/i.exec(s);
  const explained = kept.some((f) => f.pattern.explainsEncryption) || vetoes.some((v) => /encrypt|TLS|transit|rest/i.test(v));
  if (bareEncrypted && !explained && !negated(s, 0, bareEncrypted)) {
    const note = `'${bareEncrypted[0]}' without saying at rest or in transit: not mapped`;
    if (kept.length) rationale.push(note);
    else vetoes.push(note);
  }
  if (kept.length) {
    for (const v of vetoes) rationale.push(v);
    return {
      controls: CONTROL_IDS.filter((c) => controls.has(c)),
      ...(parameters ? { parameters } : {}),
      ...(evidence.length ? { attestation: evidence.join(' ') } : {}),
      rationale,
    };
  }
  if (vetoes.length) return { controls: [], rationale: [], review: vetoes.join('; ') };
  const cue = PROMISE_CUES.exec(s)?.[0] ?? weakCue(s);
  if (cue) return { controls: [], rationale: [], review: `reads like a promise ('${cue}') but no pattern maps it` };
  const topic = TOPICS.exec(s)?.[0];
  if (topic) return { controls: [], rationale: [], review: `mentions '${topic}' but no pattern maps it` };
  return { controls: [], rationale: [] };
}

function mergeParameters(into: ParametersInput | undefined, add: ParametersInput): ParametersInput {
  return mergeParams(into ?? {}, add);
}

function weakCue(s: string): string | undefined {
  WEAK_CUES.lastIndex = 0;
  for (let m = WEAK_CUES.exec(s); m; m = WEAK_CUES.exec(s)) {
    if (!MODAL_BEFORE.test(s.slice(Math.max(0, m.index - 30), m.index))) return m[0];
  }
  return undefined;
}
