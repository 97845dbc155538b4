/**
 * Parameter readings for backups and residency, the two promises whose
 * wording varies most: a backup sentence may give how often (a frequency),
 * how long (a retention, exact or bounded) or both; a residency sentence may
 * list places after a colon, name the reader's own location, or say where
 * data never goes.
 */
import type { ParametersInput } from '../evaluate/claims-profile.js';
import { qualifierOf, readDurations, readFrequency, type Duration } from './parse-values.js';
import { findPlaces } from './gazetteer.js';
import type { CloudProvider } from './providers.js';

/** What a pattern reads from a sentence besides the control (its parameters and how sure the reading is). */
export interface ParamReading {
  parameters?: ParametersInput;
  /** The reading is an upper bound ("up to 30 days"): a modal ("may", "should") states the bound, it does not hedge it. */
  bound?: boolean;
  /** Lowers the claim's confidence (read with context, a place vouch does not know, several periods). */
  lowConfidence?: string;
  notes?: string[];
  /** The match does not make a claim after all; why (goes to review). */
  veto?: string;
  /** The trigger matched but what it needs is absent (no period, no place): as if it had not matched. */
  none?: string;
}

const ROTATION = /\b(?:cycle|rotat\w*|roll(?:s|ed|ing)? over|rolling|overwrit\w*|recycled?)\b/i;

/** Backups: frequency and retention, each only when the sentence says it. */
export function readBackup(sentence: string, match: RegExpExecArray): ParamReading {
  const freq = readFrequency(sentence);
  // Periods about backups: prefer those after the first backup word; "a further 28 days" adds to the period before it.
  let durations = readDurations(sentence);
  const after = durations.filter((d) => d.index > match.index);
  const before = durations.filter((d) => d.index < match.index);
  const notes: string[] = [];
  if (after.length && before.length) {
    const further = /\b(?:a further|an additional|another|a further)\s*$/i.test(sentence.slice(Math.max(0, after[0]!.index - 20), after[0]!.index)) ||
      /\bfurther\b|\badditional\b/i.test(after[0]!.text);
    if (further) {
      const base = Math.max(...before[before.length - 1]!.days);
      const extra = Math.max(...after[0]!.days);
      durations = [{ ...after[0]!, days: [base + extra] }];
      notes.push(`'${after[0]!.text}' after ${base} days: ${base + extra} days in all`);
    } else durations = after;
  }
  const bounds: { d: Duration; q: ReturnType<typeof qualifierOf> }[] = durations.map((d) => ({ d, q: qualifierOf(sentence, d) }));
  const backup: { maxDays?: number; minDays?: number; mode?: 'max' | 'exact'; frequencyHours?: number } = {};
  const maxes = bounds.filter((b) => b.q !== 'min');
  const mins = bounds.filter((b) => b.q === 'min');
  if (mins.length) {
    backup.minDays = Math.max(...mins.flatMap((b) => b.d.days));
    notes.push(`'${mins[0]!.d.text}' is a minimum`);
  }
  if (maxes.length) {
    const days = Math.max(...maxes.flatMap((b) => b.d.days));
    const several = maxes.length > 1 || maxes[0]!.d.days.length > 1;
    const isMax = maxes.some((b) => b.q === 'max') || several || mins.length > 0;
    backup.maxDays = days;
    backup.mode = isMax ? 'max' : 'exact';
    notes.push(...maxes.flatMap((b) => b.d.notes));
    if (several) notes.push(`several periods named; the longest, ${days} days, bounds every backup`);
    else notes.push(isMax ? `'${maxes[0]!.d.text}' is a maximum` : ROTATION.test(sentence) ? `rotation cycle: backups kept ${days} days, then deleted` : `backups kept for ${days} days`);
  }
  if (freq) {
    backup.frequencyHours = freq.hours;
    notes.push(`'${freq.words}' is how often backups are taken (every ${freq.hours} h), not how long they are kept`);
  }
  if (backup.maxDays === undefined && backup.minDays === undefined && backup.frequencyHours === undefined) return { none: 'mentions backups but no period or frequency' };
  if (backup.maxDays === undefined && backup.minDays === undefined) notes.push('no retention period named: the check only asks that backups exist (the profile default bounds their age)');
  return { parameters: { backup }, notes, bound: backup.mode === 'max', ...(maxes.length > 1 ? { lowConfidence: 'several periods named' } : {}) };
}

/** Places that are the reader's (or someone else's) location, not where data is: "if you are located in the EU", "for customers in Canada", "transfers from the EEA". */
const READER_PLACE =
  /\b(?:if|when|where|whether)\s+you\s+(?:are|live|reside|work|are located|are based)(?:\s+(?:located|based|resident))?\s+(?:in|outside(?: of)?)\s+[^,;:]{1,80}|\b(?:for|to|of)\s+(?:our\s+)?(?:customers?|users?|clients?|visitors?|individuals|residents|people|persons|data subjects)\s+(?:who (?:are|live|reside)\s+)?(?:located\s+|based\s+|residing\s+)?(?:in|from)\s+[^,;:]{1,80}|\bresidents of\s+[^,;:]{1,80}|\b(?:transfers?|transferred|moved?|sent)\s+(?:\w+\s+){0,3}from\s+(?:the\s+)?[^,;:]{1,40}?(?=\s+to\b|[,;:]|$)|\bregardless of where you (?:live|are)\b|\bwherever you (?:live|are)\b/gi;

/** Residency: places after the verb (across a colon), without the reader's location; "never leaves X" / "not outside X" allow X. */
export function readResidency(sentence: string, match: RegExpExecArray, providers: readonly CloudProvider[], providerSource: string): ParamReading {
  // Blank the reader's places (same length, so offsets hold).
  let text = sentence;
  const excluded: string[] = [];
  READER_PLACE.lastIndex = 0;
  for (let m = READER_PLACE.exec(sentence); m; m = READER_PLACE.exec(sentence)) {
    excluded.push(m[0].trim());
    text = text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length);
  }
  const start = match.index;
  // Negation before the verb: "not stored in X" promises nothing about where data is, unless it reads "not … outside X".
  const head = sentence.slice(0, start + match[0].length);
  const negated = /\b(?:not|never|no|n't|nor|cannot)\b/i.test(head.slice(Math.max(0, start - 60)));
  const outside = /\boutside(?: of)?\s+$|\bleaves?\s+$/i.test(match[0]) || /\b(?:outside(?: of)?|leaves?)\b/i.test(text.slice(start, start + match[0].length + 40).split(/[.;]/)[0]!);
  if (negated && !outside) return { veto: `says where data is not ('${match[0].trim()}…'), which names no allowed place` };
  if (!negated && /\boutside(?: of)?\s+$/i.test(match[0])) return { none: 'names a place data goes outside of, not where it is' };
  const places = findPlaces(text.slice(start + match[0].length - (match[0].match(/\s*$/)?.[0].length ?? 0)), providers);
  if (!places.length) return { none: `says where data is ('${match[0].trim()}…') but names no place` };
  const allowed = [...new Set(places.flatMap((p) => p.allowed))];
  const unknown = places.filter((p) => p.kind === 'unknown');
  const notes = [
    `${places.map((p) => `'${p.words}'`).join(' + ')} → ${allowed.join(', ')}`,
    ...places.flatMap((p) => (p.note ? [p.note] : [])),
    ...(excluded.length ? [`not read as allowed places (the reader's or the origin's location): ${excluded.map((e) => `'${e}'`).join(', ')}`] : []),
    ...(negated ? ['read as: data stays inside the places named'] : []),
  ];
  const regional = places.some((p) => p.kind === 'city' || p.kind === 'state');
  if (regional) notes.push(providerSource === 'sentence' ? `regions of ${providers.join(', ')} (named in the sentence)` : providerSource === 'context' ? `regions of ${providers.join(', ')} (named nearby in the policy)` : 'no provider named: regions of every provider there');
  return {
    parameters: { allowedRegions: allowed },
    notes,
    ...(unknown.length ? { lowConfidence: `unknown place ${unknown.map((u) => u.words).join(', ')}` } : regional && providerSource === 'context' ? { lowConfidence: 'provider named elsewhere in the policy' } : {}),
  };
}
