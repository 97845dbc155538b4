/**
 * Values the extractor reads out of a sentence: TLS floors, durations, data
 * set names and places. Each returns what it found plus a note a reviewer can
 * read ("TLS 1.0 is disabled" → floor 1.1, and why).
 */
import type { TlsVersion } from '../evaluate/claims-profile.js';
import { findPlaces } from './gazetteer.js';
import { CLOUD_PROVIDERS, type CloudProvider } from './providers.js';

const RANK: TlsVersion[] = ['1.0', '1.1', '1.2', '1.3'];

const TLS_MENTION = /\b(TLS|SSL)\)?\s*(?:v|version\s*)?\s*(\d(?:\.\d)?)(\s*\+)?/gi;
export const VERSIONS_BELOW = /\b(?:TLS|SSL)\s+(?:versions?|protocols?)\s+(?:below|older than|lower than|prior to|earlier than|before|under|less than)\s+(?:TLS\s*)?v?(\d\.\d)/gi;
const MORE_VERSIONS = /^\s*(?:,|\/|&|and|or)\s*(?:(?:TLS|SSL)\s*v?\s*)?(\d\.\d)(\s*\+)?/i;
const DISABLED_AFTER =
  /^[\s,)]*(?:(?:is|are|has been|have been|were|was|will be|remains?)\s+)?(?:(?:fully|also|now|completely|always)\s+)?(?:disabled|deprecated|not (?:supported|accepted|allowed|used|enabled|permitted|offered)|turned off|refused|rejected|blocked|prohibited|switched off)/i;
const DISABLED_BEFORE =
  /(?:disable[sd]?|deprecated?|no longer (?:support|accept|allow|offer)s?|do(?:es)? not (?:support|accept|allow|use|offer)|don['’]t (?:support|accept|allow|use)|refuses?d?|rejects?(?:ed)?|blocks?(?:ed)?|never (?:use|accept|support|allow)|not allow(?:ed)?|prohibits?)\s+(?:the\s+)?(?:use of\s+|protocols?\s+|versions?\s+)?(?:(?:legacy|old|older|insecure|weak)\s+)?(?:protocols?\s+)?$/i;
const BELOW_BEFORE = /(?:below|older than|lower than|prior to|earlier than|before|under|less than|than)\s+$/i;
const AT_LEAST_BEFORE = /(?:at least|minimum(?: of)?|min\.?|no (?:lower|older|less) than|or (?:higher|newer|better) than|≥|>=)\s+(?:version\s+)?$/i;
const AT_LEAST_AFTER = /^\s*(?:\+|(?:or|and)\s+(?:all\s+)?(?:higher|above|later|newer|greater|up|better|more recent)|at (?:a )?minimum|(?:and|or)\s+(?:any\s+)?(?:later|newer|higher)\s+versions?|at minimum|minimum)/i;

function floorOf(v: string, protocol: string): TlsVersion | undefined {
  if (protocol.toUpperCase() === 'SSL') return undefined;
  const norm = v.includes('.') ? v : `${v}.0`;
  return (RANK as string[]).includes(norm) ? (norm as TlsVersion) : undefined;
}
const above = (v: TlsVersion): TlsVersion | undefined => RANK[RANK.indexOf(v) + 1];

export interface TlsReading {
  tlsMin?: TlsVersion;
  words: string[];
  notes: string[];
}

/**
 * The TLS floor a sentence promises.
 * - "TLS 1.2+", "TLS 1.2 or higher", "at least TLS 1.2", "TLS 1.2 and 1.3" → 1.2
 * - "TLS 1.3" alone → 1.3 (the sentence names only that version)
 * - "TLS 1.0 is disabled" → 1.1: only 1.0 is promised away (noted: 1.1 is
 *   deprecated by RFC 8996, consider whether 1.2 was meant)
 * - "versions below TLS 1.2 are disabled" → 1.2; "SSL 3.0 is disabled" → 1.0
 * Several statements: the lowest positive floor (it must hold for every
 * endpoint the sentence covers), raised by what is disabled.
 */
export function readTls(sentence: string): TlsReading {
  const words: string[] = [];
  const notes: string[] = [];
  const positive: TlsVersion[] = [];
  let disabledFloor: TlsVersion | undefined;
  // "TLS versions below 1.2 are disabled": the named version is the floor.
  for (const m of sentence.matchAll(VERSIONS_BELOW)) {
    const f = floorOf(m[1]!, 'TLS');
    if (!f) continue;
    positive.push(f);
    words.push(m[0]);
    notes.push(`'${m[0]}' refused: floor ${f}`);
  }
  TLS_MENTION.lastIndex = 0;
  for (let m = TLS_MENTION.exec(sentence); m; m = TLS_MENTION.exec(sentence)) {
    const protocol = m[1]!;
    const versions = [m[2]!];
    let plus = Boolean(m[3]);
    let end = m.index + m[0].length;
    for (let more = MORE_VERSIONS.exec(sentence.slice(end)); more; more = MORE_VERSIONS.exec(sentence.slice(end))) {
      versions.push(more[1]!);
      plus ||= Boolean(more[2]);
      end += more[0].length;
    }
    TLS_MENTION.lastIndex = end;
    const text = sentence.slice(m.index, end).trim();
    const before = sentence.slice(Math.max(0, m.index - 60), m.index);
    const after = sentence.slice(end, end + 60);
    const floors = versions.map((v) => floorOf(v, protocol));
    const valid = floors.filter((f): f is TlsVersion => f !== undefined);
    if (protocol.toUpperCase() === 'SSL') {
      // Naming an SSL version only matters when it is refused: then any TLS is the floor.
      if (DISABLED_AFTER.test(after) || DISABLED_BEFORE.test(before)) {
        disabledFloor ??= '1.0';
        words.push(text);
        notes.push(`'${text}' refused: floor TLS 1.0`);
      }
      continue;
    }
    if (valid.length < versions.length) notes.push(`'${text}': not a TLS version vouch knows (1.0–1.3); ignored`);
    if (!valid.length) continue;
    words.push(text);
    const lo = valid.reduce((a, b) => (RANK.indexOf(a) <= RANK.indexOf(b) ? a : b));
    const hi = valid.reduce((a, b) => (RANK.indexOf(a) >= RANK.indexOf(b) ? a : b));
    const disabled = DISABLED_AFTER.test(after) || DISABLED_BEFORE.test(before);
    if (disabled && BELOW_BEFORE.test(before)) {
      positive.push(lo);
      notes.push(`'${text}': versions below it are refused, floor ${lo}`);
    } else if (disabled) {
      const f = above(hi);
      if (!f) {
        notes.push(`'${text}' is refused, which leaves no TLS version; not used as a floor`);
        continue;
      }
      if (!disabledFloor || RANK.indexOf(f) > RANK.indexOf(disabledFloor)) disabledFloor = f;
      notes.push(`'${text}' refused: floor ${f}${f === '1.1' ? ' (TLS 1.1 is deprecated by RFC 8996; check whether the policy means 1.2)' : ''}`);
    } else if (plus || AT_LEAST_AFTER.test(after) || AT_LEAST_BEFORE.test(before) || valid.length > 1) {
      positive.push(lo);
    } else {
      positive.push(lo);
      if (lo === '1.3') notes.push(`'${text}' names only TLS 1.3: floor 1.3`);
    }
  }
  let tlsMin: TlsVersion | undefined;
  if (positive.length) tlsMin = positive.reduce((a, b) => (RANK.indexOf(a) <= RANK.indexOf(b) ? a : b));
  if (disabledFloor && (!tlsMin || RANK.indexOf(disabledFloor) > RANK.indexOf(tlsMin))) tlsMin = disabledFloor;
  return { ...(tlsMin ? { tlsMin } : {}), words, notes };
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORD = `(?:${TENS.filter(Boolean).join('|')})(?:[- ](?:${UNITS.slice(1, 10).join('|')}))?|${[...UNITS].reverse().join('|')}|a|an|a single|a further|another`;
const NUMBER = `(?:\\d{1,5}|${NUMBER_WORD})`;
const DURATION = new RegExp(`\\b(${NUMBER})((?:\\s*(?:/|,|or|and|to|-|–)\\s*${NUMBER})*)[\\s-]+(?:calendar\\s+|business\\s+|working\\s+)?(hours?|days?|weeks?|months?|years?)\\b`, 'gi');

function wordValue(w: string): number | undefined {
  const s = w.toLowerCase().trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (s === 'a' || s === 'an' || s === 'a single' || s === 'a further' || s === 'another') return 1;
  const u = UNITS.indexOf(s);
  if (u >= 0) return u;
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(s);
  if (!m) return undefined;
  const t = TENS.indexOf(m[1]!);
  if (t < 2) return undefined;
  const unit = m[2] ? UNITS.indexOf(m[2]) : 0;
  return unit < 0 ? undefined : t * 10 + unit;
}

export interface Duration {
  /** Every value named ("7 / 90 days" → [7, 90]), in days. */
  days: number[];
  text: string;
  index: number;
  notes: string[];
}

/** Durations in a sentence, converted to days (months = 30, years = 365, hours rounded up). */
export function readDurations(sentence: string): Duration[] {
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(sentence); m; m = DURATION.exec(sentence)) {
    // "every 6 hours" is how often, not how long — unless it is a rotation ("rotated every 30 days").
    const before = sentence.slice(Math.max(0, m.index - 40), m.index);
    if (/\b(?:times|once|twice)\s*$/i.test(before)) continue;
    if (/\b(?:every|each|per|once (?:a|per|every))\s*$/i.test(before) && !/\b(?:rotat\w*|roll(?:s|ed)? over|cycle|overwrit\w*|recycled?)\b[^.;]{0,30}$/i.test(before)) continue;
    const unit = m[3]!.toLowerCase().replace(/s$/, '');
    const raw = [m[1]!, ...(m[2] ? m[2].split(/\s*(?:\/|,|\bor\b|\band\b|\bto\b|-|–)\s*/).filter(Boolean) : [])];
    const values = raw.map(wordValue).filter((v): v is number => v !== undefined && v > 0);
    if (!values.length) continue;
    const notes: string[] = [];
    const factor = unit === 'week' ? 7 : unit === 'month' ? 30 : unit === 'year' ? 365 : 1;
    let days = values.map((v) => v * factor);
    if (unit === 'hour') {
      days = values.map((v) => Math.max(1, Math.ceil(v / 24)));
      notes.push(`${m[0]} counted as ${days.join(' / ')} day(s)`);
    }
    if (unit === 'month') notes.push(`${m[0]} counted as ${days.join(' / ')} days (30 per month)`);
    if (unit === 'year') notes.push(`${m[0]} counted as ${days.join(' / ')} days`);
    out.push({ days, text: m[0], index: m.index, notes });
  }
  return out;
}

const DETERMINERS = /^(?:the|your|our|all|any|such|this|these|those|their|its|some|each|every|customer['’]s|customers['’])\s+/i;

/** The data set a retention sentence is about: "We retain account data for…" → "account data". */
export function readDataSet(sentence: string, verbIndex: number, verb: string): string | undefined {
  const active = /\bwe\s+(?:will\s+|only\s+|may\s+|do\s+|also\s+)*$/i.test(sentence.slice(Math.max(0, verbIndex - 30), verbIndex));
  let phrase: string | undefined;
  if (active) {
    const m = /^\s*((?:[\p{L}\p{N}'’-]+\s+){0,4}?[\p{L}\p{N}'’-]+)\s+(?:for|until|after|within|up to|no longer|as long|only|according|beyond|longer|more|at|in)\b/u.exec(sentence.slice(verbIndex + verb.length));
    phrase = m?.[1];
  } else {
    const before = sentence.slice(0, verbIndex);
    const m = /((?:[\p{L}\p{N}'’-]+\s+){0,3}[\p{L}\p{N}'’-]+)\s+(?:is|are|will be|shall be|may be|gets?|get|remains?|be)\s+(?:\w+\s+){0,2}$/u.exec(before);
    phrase = m?.[1];
  }
  if (!phrase) return undefined;
  let p = phrase.trim();
  for (let i = 0; i < 3; i++) p = p.replace(DETERMINERS, '');
  p = p
    .split(/\s+/)
    .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
  if (!p || /^(?:it|they|them|this|that|data|we|you)$/i.test(p)) return p === 'data' ? 'data' : undefined;
  return p;
}

export interface Place {
  allowed: string[];
  words: string;
  note?: string;
}

/** Places in a residency clause (all providers), each with the `allowedRegions` entries it stands for. */
export function readPlaces(text: string, providers: readonly CloudProvider[] = CLOUD_PROVIDERS): Place[] {
  return findPlaces(text, providers).map((h) => ({ allowed: h.allowed, words: h.words, ...(h.note ? { note: h.note } : {}) }));
}

/** Words before a period that make it an upper bound ("within 30 days", "up to 90 days"). */
export const MAX_BEFORE =
  /\b(?:up to|at most|no (?:more|longer) than|not (?:\w+\s+){0,2}(?:more|longer) than|maximum(?: of)?|max\.?|within(?: a further| another)?|less than|no later than|not later than|older than|beyond|in excess of|exceeding|not exceed(?:ing)?)\s*$/i;
export const MIN_BEFORE = /\b(?:at least|minimum(?: of)?|no (?:less|fewer|shorter) than|not less than|min\.?)\s*$/i;
export const MAX_AFTER = /^\s*(?:at (?:the )?most|maximum|max(?:imum)?\b|or (?:less|fewer|sooner)|at the latest)/i;
export const MIN_AFTER = /^\s*(?:at (?:the )?least|minimum|or (?:more|longer))/i;

export type Qualifier = 'max' | 'min' | 'exact';
/** Is a period an upper bound, a lower bound or the period itself? */
export function qualifierOf(text: string, d: Duration): Qualifier {
  const before = text.slice(Math.max(0, d.index - 40), d.index);
  const after = text.slice(d.index + d.text.length, d.index + d.text.length + 30);
  if (MIN_BEFORE.test(before) || MIN_AFTER.test(after)) return 'min';
  if (MAX_BEFORE.test(before) || MAX_AFTER.test(after)) return 'max';
  return 'exact';
}

const FREQ_WORDS: Record<string, number> = { hourly: 1, daily: 24, nightly: 24, weekly: 168, monthly: 720, 'twice daily': 12, 'twice a day': 12 };
const FREQ_UNITS: Record<string, number> = { hour: 1, day: 24, night: 24, morning: 24, evening: 24, week: 168, month: 720 };

/** How often backups are taken: "every 6 hours" → 6, "nightly" → 24, "once a day" → 24. */
export function readFrequency(text: string): { hours: number; words: string } | undefined {
  const every = new RegExp(`\\b(?:every|each)\\s+(?:(${NUMBER})\\s+)?(hours?|days?|nights?|mornings?|evenings?|weeks?|months?)\\b`, 'i').exec(text);
  if (every) {
    const before = text.slice(Math.max(0, every.index - 40), every.index);
    if (!/\b(?:rotat\w*|roll(?:s|ed)? over|cycle|overwrit\w*)\b[^.;]{0,30}$/i.test(before)) {
      const n = every[1] ? wordValue(every[1]) : 1;
      const unit = every[2]!.toLowerCase().replace(/s$/, '');
      if (n) return { hours: n * FREQ_UNITS[unit]!, words: every[0] };
    }
  }
  const times = /\b(once|twice|(\d+|two|three|four|six) times)\s+(?:a|per|each|every)\s+(hour|day|night|week)\b/i.exec(text);
  if (times) {
    const k = times[1]!.toLowerCase() === 'once' ? 1 : times[1]!.toLowerCase() === 'twice' ? 2 : (wordValue(times[2]!) ?? 1);
    return { hours: FREQ_UNITS[times[3]!.toLowerCase()]! / k, words: times[0] };
  }
  const word = /\b(hourly|daily|nightly|weekly|monthly|twice daily|twice a day)\b/i.exec(text);
  if (word) return { hours: FREQ_WORDS[word[1]!.toLowerCase()]!, words: word[0] };
  return undefined;
}

/** The cipher named for stored data: AES-256 in its usual spellings. */
export function readCipher(text: string): { cipher: 'AES-256'; words: string } | undefined {
  const m = /\bAES[- ]?256(?:[- ]?(?:GCM|CBC|XTS|bit))?\b|\b256[- ]bit\s+(?:AES|Advanced Encryption Standard)\b|\bAES\s+(?:with\s+)?256[- ]bit\b|\bAdvanced Encryption Standard\s*(?:\(AES\)\s*)?(?:with\s+)?256\b/i.exec(text);
  return m ? { cipher: 'AES-256', words: m[0] } : undefined;
}
