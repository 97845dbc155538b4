/**
 * Classify one sentence (or list item) with the pattern table: which controls
 * and parameters it implies, what needs attestation, and — when nothing maps —
 * whether it still reads like a promise (then it goes to review, with the
 * reason). Before the table runs, the sentence's meaning is read: is it an
 * instruction to the reader ("customers should enable MFA", "deploy it behind
 * a firewall") or a plan ("ISO 27001 is planned for Q4")? Those promise
 * nothing the company does today, so they never become claims.
 */
import { CONTROL_IDS, type ControlId } from '../evaluate/controls.js';
import type { ParametersInput } from '../evaluate/claims-profile.js';
import { MODAL_BEFORE, MODAL_HEDGES, OFFER_HEDGES, PATTERNS, PROMISE_CUES, TOPICS, WEAK_CUES, type ParamReading, type Pattern } from './patterns.js';
import { readCipher } from './parse-values.js';
import { CLOUD_PROVIDERS, providersNamed, type CloudProvider } from './providers.js';

export interface Classification {
  controls: ControlId[];
  parameters?: ParametersInput;
  attestation?: string;
  /** Which words triggered which mapping, and notes for the reviewer. */
  rationale: string[];
  /** The words that triggered the mappings. */
  triggers?: string[];
  confidence?: 'high' | 'medium' | 'low';
  /** Set when no mapping was made but the sentence reads like a promise. */
  review?: string;
}

export interface ClassifyContext {
  /** The lead-in sentence of the list this item belongs to ("Customer data is stored in:"). */
  leadIn?: string;
  /** Providers named near the sentence (its paragraph, else the document), used when it names none. */
  contextProviders?: readonly CloudProvider[];
}

/** Same length as the input: offsets in the normalized text are offsets in the quote. */
export function normalize(s: string): string {
  return s.replace(/[\u00a0\u2000-\u200a\u202f]/g, ' ').replace(/[‘’ʼ]/g, "'").replace(/[“”„]/g, '"').replace(/[‐‑]/g, '-');
}

/**
 * The text the patterns read: invisible characters removed (a soft hyphen in
 * "AES\u00ad256" must not break "AES-256"), spelled-out protocol names
 * shortened to the acronyms the patterns know, numbers written twice ("thirty
 * (30) days") once.
 */
export function cleanText(s: string): string {
  return normalize(s)
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff\u180e]/g, '')
    .replace(/\bTransport Layer Security\s*\(TLS\)/gi, 'TLS')
    .replace(/\bTransport Layer Security\b/gi, 'TLS')
    .replace(/\bSecure Sockets? Layer\s*\(SSL\)/gi, 'SSL')
    .replace(/\bSecure Sockets? Layer\b/gi, 'SSL')
    .replace(/\bAdvanced Encryption Standard\s*\(AES\)/gi, 'AES')
    .replace(/\b([a-z]+(?:-[a-z]+)?)\s+\((\d{1,4})\)(?=\s+(?:hours?|days?|weeks?|months?|years?)\b)/gi, '$2')
    .replace(/\s+/g, ' ')
    .trim();
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

/** Where one conjunct ends and the next begins: a negation in one does not reach into the other. */
const CONJUNCT_BREAK = /[;:—–]|,\s*(?:and|but|while|whereas|so|or)\s+|\s+(?:but|whereas|while)\s+|,\s+(?=(?:we|our|all|every|each|it|they|its|their)\b)|\s+and\s+(?=(?:we|our|all|every|each|it|they)\s)/gi;

function conjunctStart(s: string, index: number): number {
  let start = 0;
  CONJUNCT_BREAK.lastIndex = 0;
  for (let m = CONJUNCT_BREAK.exec(s); m && m.index < index; m = CONJUNCT_BREAK.exec(s)) start = m.index + m[0].length;
  return start;
}

const NEGATION_WORDS = /\b(?:not|no|never|without|nor|cannot|neither|none)\b|n't\b/gi;
/** Phrases with a negation word that negate nothing: bounds and idioms. */
const NOT_NEGATIONS = /\b(?:without exception|no later than|no longer than|no more than|not more than|no less than|not less than|not later than|not only|no matter|not exceed\w*|no fewer than|without undue delay|no additional (?:cost|charge))\b/gi;
const RESTRICTORS = /\b(?:without|except|unless|other than|outside(?: of)?)\b/i;

/**
 * The negation that applies to a match: one anywhere before it in its own
 * conjunct ("is not, under any circumstances, encrypted" is caught; "we keep
 * no card numbers, and all data is encrypted" is not vetoed), inside it, or
 * right after it ("backups are not encrypted"). "Cannot … without a VPN" is a
 * restriction, not a negation.
 */
function negated(s: string, m: { index: number; 0: string }): string | undefined {
  const blank = (t: string) => t.replace(NOT_NEGATIONS, (x) => ' '.repeat(x.length));
  const inMatch = new RegExp(NEGATION_WORDS.source, 'i').exec(blank(m[0]));
  if (inMatch) return inMatch[0];
  const start = conjunctStart(s, m.index);
  const before = blank(s.slice(start, m.index));
  const found = [...before.matchAll(NEGATION_WORDS)];
  if (found.length) {
    const last = found[found.length - 1]![0];
    // Double negation: "cannot access … without going through our VPN".
    if (found.length >= 2 && RESTRICTORS.test(last)) return undefined;
    if (found.length === 1 && RESTRICTORS.test(last) && /\b(?:only|solely)\b/i.test(before)) return undefined;
    return last;
  }
  const after = /^[^.;,]{0,16}?\b(?:is|are|was|were|be)\s+(not|never|disabled|off)\b/i.exec(blank(s.slice(m.index + m[0].length, m.index + m[0].length + 40)));
  return after ? `${after[1]}` : undefined;
}

/** Who the sentence is addressed to or about: an instruction to the reader promises nothing the company does. */
const LEAD = /^(?:\d+(?:\.\d+)*[.)]?\s+|(?:\(?[a-z0-9]{1,3}[.)]\s*)+|(?:Q|A|Note|Tip|Warning|Important|Caution)\s*[:.]\s*)/i;
const READER_SUBJECT =
  /^(?:please\s+)?(?:the\s+)?(?:customers?|clients?|users?|you|admins?|administrators|licensees?|account owners?|workspace (?:owners?|admins?)|self[- ]hosted\s+[\w-]+|self[- ]hosters?|operators of self[- ]hosted)\b(?!['’])(?!\s+(?:data|content|records|information|files|personal|responses|notes|accounts?|passwords?|credentials|secrets|traffic|requests|in|from|located|based|residing)\b)/i;
const OBLIGATION = /\b(?:should|must|shall|may|can|need to|needs to|have to|has to|are responsible|is responsible|are required|is required|are encouraged|is encouraged|will need|ought to)\b/i;
/** Verbs that open an instruction ("Deploy it behind a firewall"); the ambiguous ones need an object after them ("Run telemetry is kept…" is no instruction). */
const IMPERATIVE = /^(?:please\s+)?(?:deploy|enable|configure|install|make sure|turn on|set up|avoid|do not|don't|never share|consider|choose|select|ensure (?:that )?you)\b/i;
const IMPERATIVE_WITH_OBJECT =
  /^(?:please\s+)?(?:use|run|put|keep|restrict|follow|rotate|add|update|place|review|store|protect|block|host|limit|require|set|turn)\s+(?:it|them|the|a|an|your|this|these|those|all|each|every|only|strong|unique|multi-factor|two-factor|MFA|2FA|SSO|TLS|HTTPS|encryption|access)\b(?!(?:\s+\S+){0,3}\s+(?:is|are|was|were)\b)/i;
const PLAN =
  /\b(?:planned|plans? to|planning to|pursuing|working towards?|work towards|in progress|underway|(?:is|are) scheduled|on (?:our|the) roadmap|expect(?:s|ing)? to (?:complete|achieve|obtain|receive)|currently undergoing|not yet|will (?:undergo|obtain|achieve|pursue|begin|start)|aim(?:s|ing)? to (?:complete|achieve|obtain)|next year|later this year|by (?:the end of )?(?:Q[1-4]|20\d\d))\b/i;

export function readModality(s: string): { kind: 'instruction' | 'plan'; words: string } | undefined {
  const t = s.replace(LEAD, '').trim();
  const conditional = /^(?:if|when|once)\s+you\b[^,]{0,80},\s*(?:you\b|please\b|make sure\b|\w+\s+(?:it|the|your)\b)/i.exec(t);
  if (conditional) return { kind: 'instruction', words: conditional[0] };
  const subject = READER_SUBJECT.exec(t);
  if (subject) {
    const rest = t.slice(subject[0].length, subject[0].length + 80);
    const ob = OBLIGATION.exec(rest);
    if (ob && ob.index < 50) return { kind: 'instruction', words: `${subject[0]}${rest.slice(0, ob.index + ob[0].length)}`.trim() };
  }
  const imp = IMPERATIVE.exec(t) ?? IMPERATIVE_WITH_OBJECT.exec(t);
  if (imp) return { kind: 'instruction', words: imp[0] };
  const rec = /\bwe (?:strongly )?(?:recommend|encourage|advise|suggest)\b|\b(?:is|are) (?:the )?(?:customer|client|user)['’]?s? responsibility\b|\byour responsibility\b|\bresponsibility of the (?:customer|client|user)\b/i.exec(t);
  if (rec) return { kind: 'instruction', words: rec[0] };
  const plan = PLAN.exec(t);
  if (plan) return { kind: 'plan', words: plan[0] };
  return undefined;
}

/** "may be held in backups for up to 30 days": the modal states a bound; it hedges nothing. */
const BOUND_MODAL =
  /\b(?:may|might|should|can|could)\s+(?:\w+\s+)?(?:be\s+)?(?:\w+\s+)?(?:retain\w*|kept|keep|held|hold|stor\w*|purged?|deleted?|removed?|erased?|remain)\b[^.;]{0,80}\b(?:up to|within|no (?:longer|more) than|at most|maximum of|not (?:exceed|more than))\b/i;

interface Fired {
  pattern: Pattern;
  words: string;
  index: number;
  reading: ParamReading;
}

function mergeParams(into: ParametersInput, add: ParametersInput): ParametersInput {
  const out: ParametersInput = { ...into };
  if (add.tlsMin) out.tlsMin = add.tlsMin;
  if (add.backup) out.backup = { ...out.backup, ...add.backup };
  if (add.allowedRegions) out.allowedRegions = [...new Set([...(out.allowedRegions ?? []), ...add.allowedRegions])];
  if (add.retention) out.retention = [...(out.retention ?? []), ...add.retention];
  if (add.requireCustomerManagedKeys !== undefined) out.requireCustomerManagedKeys = add.requireCustomerManagedKeys;
  if (add.cipher) out.cipher = add.cipher;
  return out;
}

/** Each pattern's gate words as one regular expression: one scan of the sentence instead of one per word. */
const GATES = new Map<Pattern, RegExp>(PATTERNS.filter((p) => p.gate?.length).map((p) => [p, new RegExp(p.gate!.map((g) => g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))]));

interface Run {
  fired: Fired[];
  vetoes: string[];
}

function runPatterns(s: string, providers: readonly CloudProvider[], providerSource: 'sentence' | 'context' | 'none'): Run {
  const fired: Fired[] = [];
  const vetoes: string[] = [];
  const lower = s.toLowerCase();
  const boundModal = BOUND_MODAL.test(s);
  for (const p of PATTERNS) {
    const gate = GATES.get(p);
    if (gate && !gate.test(lower)) continue;
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
    const reading = p.params?.({ sentence: s, clause: clause.text, clauseStart: clause.start, match: m, providers, providerSource }) ?? {};
    if (reading.none) continue;
    const isControl = Boolean(p.controls?.length);
    if (p.negatable ?? isControl) {
      const neg = negated(s, m);
      if (neg) {
        vetoes.push(`${p.label} ('${words}') not mapped: negated ('${neg}')`);
        continue;
      }
    }
    const hedge = OFFER_HEDGES.exec(clause.text) ?? (p.modalOk ? null : MODAL_HEDGES.exec(clause.text));
    // "available for download for 24 hours" is the period itself; a hedge inside the trigger is part of what it matched.
    const inTrigger =
      hedge &&
      ((clause.start + hedge.index >= m.index && clause.start + hedge.index < m.index + m[0].length) ||
        (/^available$/i.test(hedge[0]) && /^available\s+(?:for\s+(?:download\s+)?)?(?:for|during)\s+(?:up to\s+)?\S+\s+(?:hours?|days?|weeks?|months?|years?)\b/i.test(clause.text.slice(hedge.index))));
    const boundHedge = hedge && ((reading.bound || boundModal) && /^(?:may|might|could|should|can|available)$/i.test(hedge[0]) || inTrigger);
    if (hedge && !boundHedge) {
      vetoes.push(`${p.label} ('${words}') not mapped: hedged ('${hedge[0]}'), which is not a promise`);
      continue;
    }
    if (reading.veto) {
      vetoes.push(`${p.label} ('${words}') not mapped: ${reading.veto}`);
      continue;
    }
    if (boundHedge) reading.notes = [...(reading.notes ?? []), `'${hedge![0]}' states the bound, not a hedge`];
    fired.push({ pattern: p, words, index: m.index, reading: boundHedge ? { ...reading, lowConfidence: reading.lowConfidence ?? `read through '${hedge![0]}'` } : reading });
  }
  return { fired, vetoes };
}

/** Clauses a modality can govern: split at semicolons. */
function clausesOf(s: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let start = 0;
  for (const m of s.matchAll(/;\s*/g)) {
    out.push({ start, text: s.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  out.push({ start, text: s.slice(start) });
  return out;
}

const controlsOf = (f: Fired[]) => new Set(f.flatMap((x) => x.pattern.controls ?? []));

export function classify(quote: string, ctx: ClassifyContext = {}): Classification {
  const s = cleanText(quote);
  // A question asks; it promises nothing (its answer, read with it, may).
  if (s.replace(/["')\]]+$/, '').endsWith('?')) return { controls: [], rationale: [] };
  const lead = ctx.leadIn ? cleanText(ctx.leadIn) : undefined;
  // Fragments (table cells, labels) are not sentences that promise anything — unless a list's lead-in gives them a verb.
  if (!lead && s.split(/\s+/).filter(Boolean).length < 3) return { controls: [], rationale: [] };
  const own = providersNamed(s);
  const named = own.length ? own : lead && providersNamed(lead).length ? providersNamed(lead) : (ctx.contextProviders ?? []);
  const providerSource = own.length ? 'sentence' : named.length ? 'context' : 'none';
  const providers = named.length ? named : CLOUD_PROVIDERS;

  const modality = readModality(s);
  let run: Run;
  let usedLeadIn = false;
  if (lead) {
    // An item is read with its lead-in; what the lead-in says on its own belongs to the lead-in's own claim.
    const together = runPatterns(/[?:]\W*$/.test(lead) ? `${lead.replace(/[?:\s]+$/, '')} ${s}` : `${lead}: ${s}`, providers, providerSource);
    const leadOnly = runPatterns(lead, providers, providerSource);
    const alone = runPatterns(s, providers, providerSource);
    const leadControls = controlsOf(leadOnly.fired);
    const leadAttest = new Set(leadOnly.fired.filter((f) => f.pattern.attestation).map((f) => f.pattern.id));
    const added = together.fired.filter((f) => f.pattern.controls?.length ? f.pattern.controls.some((c) => !leadControls.has(c)) || f.pattern.id === 'data-residency' : !leadAttest.has(f.pattern.id));
    const byId = new Map<string, Fired>();
    for (const f of [...alone.fired, ...added]) if (!byId.has(f.pattern.id)) byId.set(f.pattern.id, f);
    // Places and periods read through the lead-in win over the item alone ("What happens when I delete my account?" + "Erased within 14 days").
    for (const id of ['data-residency', 'data-retention', 'backup-rotation']) {
      const f = added.find((x) => x.pattern.id === id) ?? (byId.has(id) ? together.fired.find((x) => x.pattern.id === id) : undefined);
      if (f) byId.set(id, f);
    }
    run = { fired: [...byId.values()], vetoes: alone.vetoes };
    usedLeadIn = added.length > 0;
  } else run = runPatterns(s, providers, providerSource);

  const vetoes = [...run.vetoes];
  let fired = run.fired;
  if (fired.length) {
    // Modality belongs to a clause: "You may request deletion; we will comply within 30 days" promises the second half.
    const clauses = clausesOf(s);
    const modalOf = clauses.map((c) => readModality(c.text));
    const whole = modality;
    const dropped: Fired[] = [];
    fired = fired.filter((f) => {
      const k = usedLeadIn ? -1 : clauses.findIndex((c) => f.index >= c.start && f.index < c.start + c.text.length);
      const mod = clauses.length > 1 && k >= 0 ? modalOf[k] : whole;
      if (!mod) return true;
      dropped.push(f);
      const what = mod.kind === 'instruction' ? 'an instruction to the reader, not a promise of the company' : 'a plan, not something in place today';
      vetoes.push(`${f.pattern.label} ('${f.words}') not mapped: '${mod.words}' makes it ${what}`);
      return false;
    });
  }
  const superseded = new Set(fired.flatMap((f) => f.pattern.supersedes ?? []));
  let kept = fired.filter((f) => !superseded.has(f.pattern.id));
  // A retention period that is the backups' own period is said once, as backup retention.
  const backup = kept.find((f) => f.pattern.id === 'backup-rotation');
  const retention = kept.find((f) => f.pattern.id === 'data-retention');
  if (backup && retention) {
    const b = backup.reading.parameters?.backup;
    const r = retention.reading.parameters?.retention?.[0];
    const backupWord = /\bbackups?\b|\bbacked up\b|\bsnapshots?\b/i.exec(s);
    const retentionIsAboutBackups = backupWord && backupWord.index < retention.index + 40 && Math.abs(backupWord.index - retention.index) < 40;
    if (!b?.maxDays || (r && r.maxDays === b.maxDays) || retentionIsAboutBackups) kept = kept.filter((f) => f !== retention);
  }

  const rationale: string[] = [];
  const controls = new Set<ControlId>();
  const evidence: string[] = [];
  const triggers: string[] = [];
  let parameters: ParametersInput | undefined;
  let confidence: 'high' | 'medium' | 'low' = 'high';
  const lower = (c: 'medium' | 'low') => {
    if (confidence === 'high' || c === 'low') confidence = c;
  };
  for (const f of kept) {
    const target = f.pattern.controls?.length ? f.pattern.controls.join(' + ') : 'attestation';
    rationale.push([`'${f.words}' → ${target}`, ...(f.reading.notes ?? [])].join('; '));
    triggers.push(f.words);
    for (const c of f.pattern.controls ?? []) controls.add(c);
    if (f.pattern.attestation && !evidence.includes(f.pattern.attestation)) evidence.push(f.pattern.attestation);
    if (f.reading.parameters) parameters = mergeParams(parameters ?? {}, f.reading.parameters);
    if (f.reading.lowConfidence) lower(/through|several/.test(f.reading.lowConfidence) ? 'low' : 'medium');
  }
  if (controls.has('enc-rest')) {
    const c = readCipher(s);
    if (c) {
      parameters = mergeParams(parameters ?? {}, { cipher: c.cipher });
      rationale.push(`cipher '${c.words}' → cipher: ${c.cipher}`);
    }
    if (/\b(?:provider|platform|AWS|Google|cloud provider)[- ]managed keys?\b|\bkeys?\b[^.;]{0,30}\bmanaged by (?:the (?:cloud )?provider|AWS|Google|Azure|our (?:cloud|hosting) provider)\b/i.test(s) && !parameters?.requireCustomerManagedKeys)
      rationale.push('keys managed by the provider: platform-default encryption satisfies the claim (requireCustomerManagedKeys stays false)');
  }
  if (usedLeadIn) {
    rationale.push(`read with the list's lead-in: '${ctx.leadIn!.trim()}'`);
    lower('medium');
  }
  const bareEncrypted = /\bencrypt\w*/i.exec(s);
  const explained = kept.some((f) => f.pattern.explainsEncryption) || fired.some((f) => f.pattern.explainsEncryption) || vetoes.some((v) => /encrypt|TLS|transit|rest/i.test(v));
  if (bareEncrypted && !explained && !negated(s, bareEncrypted)) {
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
      triggers,
      confidence,
    };
  }
  if (vetoes.length) return { controls: [], rationale: [], review: vetoes.join('; ') };
  const cue = PROMISE_CUES.exec(s)?.[0] ?? weakCue(s);
  if (cue) return { controls: [], rationale: [], review: `reads like a promise ('${cue}') but no pattern maps it` };
  const topic = TOPICS.exec(s)?.[0];
  if (topic) return { controls: [], rationale: [], review: `mentions '${topic}' but no pattern maps it` };
  return { controls: [], rationale: [] };
}

function weakCue(s: string): string | undefined {
  WEAK_CUES.lastIndex = 0;
  for (let m = WEAK_CUES.exec(s); m; m = WEAK_CUES.exec(s)) {
    if (!MODAL_BEFORE.test(s.slice(Math.max(0, m.index - 30), m.index))) return m[0];
  }
  return undefined;
}
