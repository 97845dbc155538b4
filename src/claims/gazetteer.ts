/**
 * Places a residency sentence can name, and what each allows in a claims
 * profile's `allowedRegions`:
 * - the jurisdictions `US` and `EU` (as src/lib/regions.ts reads them);
 * - other countries as ISO 3166 codes (`CA`, `DE`, `AU`), which
 *   src/lib/regions.ts places regions in;
 * - blocs (EEA, APAC, …) as the countries they stand for;
 * - US states, cities, region ids and provider display names as the region
 *   ids there — of the provider the text names, of every provider when none;
 * - anything else that reads like a place as `place:<words>`, so a reviewer
 *   sees it and rules answer `unknown` rather than a false violation.
 */
import type { CloudProvider } from './providers.js';
import { REGIONS, EU_MEMBERS, type RegionInfo } from './region-catalog.js';


/** Country names (and common short forms) → ISO code. */
const COUNTRIES: Record<string, string[]> = {
  US: ['United States of America', 'United States', 'U.S.A.', 'U.S.A', 'U.S.', 'USA', 'US', 'America'],
  CA: ['Canada'], MX: ['Mexico'], BR: ['Brazil'], CL: ['Chile'], AR: ['Argentina'], CO: ['Colombia'],
  GB: ['United Kingdom', 'U.K.', 'UK', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales'],
  IE: ['Ireland'], FR: ['France'], DE: ['Germany'], NL: ['Netherlands', 'Holland'], BE: ['Belgium'], LU: ['Luxembourg'],
  CH: ['Switzerland'], AT: ['Austria'], IT: ['Italy'], ES: ['Spain'], PT: ['Portugal'], SE: ['Sweden'], FI: ['Finland'],
  DK: ['Denmark'], NO: ['Norway'], IS: ['Iceland'], LI: ['Liechtenstein'], PL: ['Poland'], CZ: ['Czech Republic', 'Czechia'],
  GR: ['Greece'], HU: ['Hungary'], RO: ['Romania'], BG: ['Bulgaria'], HR: ['Croatia'], SK: ['Slovakia'], SI: ['Slovenia'],
  EE: ['Estonia'], LV: ['Latvia'], LT: ['Lithuania'], CY: ['Cyprus'], MT: ['Malta'],
  AU: ['Australia'], NZ: ['New Zealand'], JP: ['Japan'], KR: ['South Korea', 'Korea'], SG: ['Singapore'], IN: ['India'],
  ID: ['Indonesia'], MY: ['Malaysia'], TH: ['Thailand'], HK: ['Hong Kong'], TW: ['Taiwan'], PH: ['Philippines'], VN: ['Vietnam'],
  CN: ['China'], IL: ['Israel'], AE: ['United Arab Emirates', 'UAE'], SA: ['Saudi Arabia'], QA: ['Qatar'], BH: ['Bahrain'],
  ZA: ['South Africa'], NG: ['Nigeria'], KE: ['Kenya'], EG: ['Egypt'], TR: ['Turkey', 'Türkiye'],
};

const APAC = ['AU', 'NZ', 'JP', 'KR', 'SG', 'IN', 'ID', 'MY', 'TH', 'HK', 'TW', 'PH', 'VN'];
/** Blocs → entries; the note says how the bloc was read. */
const BLOCS: { names: string[]; allowed: string[]; note?: string }[] = [
  { names: ['European Union', 'E.U.', 'EU'], allowed: ['EU'] },
  { names: ['European Economic Area', 'EEA'], allowed: ['EU', 'NO', 'IS', 'LI'] },
  { names: ['Europe'], allowed: ['EU'], note: "'Europe' read strictly as the EU: add GB or CH if the policy means the continent" },
  { names: ['Asia Pacific', 'Asia-Pacific', 'APAC', 'APJ'], allowed: APAC },
  { names: ['Asia'], allowed: APAC.filter((c) => c !== 'AU' && c !== 'NZ') },
  { names: ['North America'], allowed: ['US', 'CA', 'MX'] },
  { names: ['South America', 'Latin America', 'LATAM'], allowed: ['BR', 'CL', 'MX', 'AR', 'CO'] },
  { names: ['Middle East'], allowed: ['AE', 'SA', 'QA', 'BH', 'IL'] },
  { names: ['Oceania'], allowed: ['AU', 'NZ'] },
];

const STATES: Record<string, string> = {
  Alabama: 'AL', Alaska: 'AK', Arizona: 'AZ', Arkansas: 'AR', California: 'CA', Colorado: 'CO', Connecticut: 'CT', Delaware: 'DE',
  Florida: 'FL', Georgia: 'GA', Hawaii: 'HI', Idaho: 'ID', Illinois: 'IL', Indiana: 'IN', Iowa: 'IA', Kansas: 'KS', Kentucky: 'KY',
  Louisiana: 'LA', Maine: 'ME', Maryland: 'MD', Massachusetts: 'MA', Michigan: 'MI', Minnesota: 'MN', Mississippi: 'MS', Missouri: 'MO',
  Montana: 'MT', Nebraska: 'NE', Nevada: 'NV', 'New Hampshire': 'NH', 'New Jersey': 'NJ', 'New Mexico': 'NM', 'New York State': 'NY',
  'North Carolina': 'NC', 'North Dakota': 'ND', Ohio: 'OH', Oklahoma: 'OK', Oregon: 'OR', Pennsylvania: 'PA', 'Rhode Island': 'RI',
  'South Carolina': 'SC', 'South Dakota': 'SD', Tennessee: 'TN', Texas: 'TX', Utah: 'UT', Vermont: 'VT', Virginia: 'VA',
  'Northern Virginia': 'VA', 'N. Virginia': 'VA', 'Washington State': 'WA', 'West Virginia': 'WV', Wisconsin: 'WI', Wyoming: 'WY',
  'Northern California': 'CA', 'N. California': 'CA',
};

/** Cities without a region of their own that still place a region (metro areas). */
const CITY_ALIASES: Record<string, string> = {
  'New York City': 'New York', NYC: 'New York', 'São Paulo': 'Sao Paulo', Montréal: 'Montreal', Zürich: 'Zurich',
  Gävle: 'Gavle', Querétaro: 'Queretaro', 'Bengaluru': 'Bangalore', 'Silicon Valley': 'San Francisco', 'Bay Area': 'San Francisco',
  Ashburn: 'Ashburn',
};

export type PlaceKind = 'jurisdiction' | 'country' | 'bloc' | 'state' | 'city' | 'region' | 'unknown';

export interface PlaceHit {
  words: string;
  index: number;
  kind: PlaceKind;
  /** allowedRegions entries this place stands for. */
  allowed: string[];
  /** Countries the place lies in (for narrowing: a city inside a named country). */
  countries: string[];
  note?: string;
}

interface Name {
  text: string;
  resolve: (providers: readonly CloudProvider[]) => Omit<PlaceHit, 'words' | 'index'>;
}

const regionsWhere = (pred: (r: RegionInfo) => boolean, providers: readonly CloudProvider[]) =>
  REGIONS.filter((r) => providers.includes(r.provider) && pred(r));

function regionHit(kind: PlaceKind, label: string, pred: (r: RegionInfo) => boolean, providers: readonly CloudProvider[], countries: string[]) {
  const rs = regionsWhere(pred, providers);
  if (!rs.length)
    return { kind, allowed: [`place:${label}`], countries, note: `'${label}': no ${providers.length === 1 ? `${providers[0]} ` : ''}region vouch knows there; kept as place:${label} for review` };
  return { kind, allowed: rs.map((r) => r.id), countries: [...new Set(rs.map((r) => r.country))] };
}

function buildNames(): Name[] {
  const names: Name[] = [];
  const countryEntry = (code: string) => (code === 'US' ? 'US' : code);
  for (const [code, list] of Object.entries(COUNTRIES))
    for (const text of list) names.push({ text, resolve: () => ({ kind: code === 'US' ? 'jurisdiction' : 'country', allowed: [countryEntry(code)], countries: [code] }) });
  for (const b of BLOCS)
    for (const text of b.names)
      names.push({ text, resolve: () => ({ kind: b.allowed.length === 1 && b.allowed[0] === 'EU' ? 'jurisdiction' : 'bloc', allowed: b.allowed, countries: b.allowed.flatMap((a) => (a === 'EU' ? EU_MEMBERS : [a])), ...(b.note ? { note: b.note } : {}) }) });
  for (const [text, st] of Object.entries(STATES)) names.push({ text, resolve: (p) => regionHit('state', text, (r) => r.country === 'US' && r.state === st, p, ['US']) });
  const cities = new Set(REGIONS.map((r) => r.city));
  for (const city of cities) {
    if (STATES[city] || Object.values(COUNTRIES).some((l) => l.includes(city))) continue;
    const country = REGIONS.find((r) => r.city === city)!.country;
    names.push({ text: city, resolve: (p) => regionHit('city', city, (r) => r.city === city, p, [country]) });
  }
  for (const [alias, city] of Object.entries(CITY_ALIASES)) {
    if (!cities.has(city) && alias !== city) continue;
    const country = REGIONS.find((r) => r.city === city)?.country ?? 'US';
    names.push({ text: alias, resolve: (p) => regionHit('city', alias, (r) => r.city === city || r.names.includes(alias), p, [country]) });
  }
  for (const r of REGIONS) {
    const hit = { kind: 'region' as const, allowed: [r.id], countries: [r.country] };
    names.push({ text: r.id, resolve: () => hit });
    for (const n of r.names) names.push({ text: n, resolve: () => hit });
  }
  // Longest first, so "US East (Ohio)" wins over "US" and "Ohio".
  names.sort((a, b) => b.text.length - a.text.length);
  return names;
}

const NAMES = buildNames();
/**
 * Names by their first word (lower case), longest first: a place is found by
 * looking up each word of the text, not by one regular expression over every
 * name (which cost a quarter of a millisecond a sentence).
 */
const BY_FIRST = new Map<string, Name[]>();
for (const n of NAMES) {
  const first = n.text.split(/[\s(]/)[0]!.toLowerCase();
  const list = BY_FIRST.get(first) ?? [];
  list.push(n);
  BY_FIRST.set(first, list);
}
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu;
const isId = (t: string) => /^[a-z0-9-]+$/.test(t);

/**
 * The name written at `pos`, longest first. Region ids match in any case and
 * with a zone suffix (`us-central1-b`); other names as written or in capitals
 * ("FRANKFURT"), so "us" the pronoun is no place.
 */
function nameAt(text: string, pos: number, token: string): { name: Name; raw: string } | undefined {
  const lower = token.toLowerCase();
  const bare = lower.replace(/[.'’]+$/, '');
  let list = BY_FIRST.get(lower);
  if (!list && bare !== lower) list = BY_FIRST.get(bare);
  if (!list && /-[a-z]$/.test(bare)) list = BY_FIRST.get(bare.slice(0, -2));
  if (!list) return undefined;
  {
    for (const n of list) {
      const raw = text.slice(pos, pos + n.text.length);
      if (isId(n.text)) {
        if (raw.toLowerCase() !== n.text || !/\d/.test(raw)) continue;
        const zone = /^-[a-z](?![\w-])/.exec(text.slice(pos + raw.length));
        const full = zone ? raw + zone[0] : raw;
        if (/[\w-]/.test(text[pos + full.length] ?? '')) continue;
        return { name: n, raw: full };
      }
      if (raw !== n.text && raw !== n.text.toUpperCase()) continue;
      if (/[\w-]/.test(text[pos + raw.length] ?? '') && !/[.)]$/.test(raw)) continue;
      return { name: n, raw };
    }
  }
  return undefined;
}

/** A word that is cased like a name but is no place (sentence words, product names). */
const NOT_PLACES = new Set([
  'the', 'our', 'your', 'we', 'all', 'any', 'each', 'one', 'two', 'three', 'region', 'regions', 'data', 'customer', 'customers', 'i', 'a', 'an',
  'amazon', 'aws', 'google', 'gcp', 'cloud', 'azure', 'microsoft', 'digitalocean', 'web', 'services', 'platform', 'enterprise', 'business',
  'personal', 'content', 'please', 'see', 'section', 'annex', 'schedule', 'and', 'or', 'data', 'centers', 'centres', 'center', 'centre',
  'standard', 'contractual', 'clauses', 'processor', 'controller', 'service', 'services', 'privacy', 'shield', 'framework', 'law', 'gdpr',
  'kubernetes', 'droplets', 'rds', 's3', 'kms', 'tls', 'https', 'api', 'saas', 'soc', 'iso', 'plan', 'plans', 'edition', 'this', 'that',
]);

/**
 * Places named in `text` (a residency clause), left to right. Where a place
 * lies inside another one named beside it ("Frankfurt, Germany", "the EU
 * (Dublin and Paris)") the narrower one is kept. Capitalised words in a list
 * of places that the gazetteer does not know are returned as unknown places.
 */
export function findPlaces(text: string, providers: readonly CloudProvider[]): PlaceHit[] {
  const hits: PlaceHit[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const found = nameAt(text, m.index, m[0]);
    if (!found) continue;
    hits.push({ words: found.raw, index: m.index, ...found.name.resolve(providers) });
    TOKEN.lastIndex = m.index + found.raw.length;
  }
  hits.push(...unknownPlaces(text, hits));
  hits.sort((a, b) => a.index - b.index);
  return narrow(hits);
}

const SEP = /^(?:\s*\([^()]{0,80}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*\/\s*)(?:the\s+)?/;
const CAPITALISED = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}/u;

/**
 * Capitalised words the gazetteer does not know, when they stand in a list
 * of places ("Frankfurt, Vienna and Atlantis") or right at the start of the
 * clause after the residency verb ("kept in Atlantis").
 */
function unknownPlaces(text: string, known: PlaceHit[]): PlaceHit[] {
  const out: PlaceHit[] = [];
  const starts = new Map(known.map((h) => [h.index, h]));
  const visit = (pos: number, needSep: boolean) => {
    for (let guard = 0; guard < 20; guard++) {
      let p = pos;
      if (needSep) {
        const sep = SEP.exec(text.slice(p));
        if (!sep) return;
        p += sep[0].length;
      } else p += /^\s*(?:the\s+)?/.exec(text.slice(p))![0].length;
      const k = starts.get(p);
      if (k) {
        pos = p + k.words.length;
        needSep = true;
        continue;
      }
      const m = CAPITALISED.exec(text.slice(p));
      if (!m) return;
      const words = m[0].replace(/[.'’]+$/, '');
      if (words.split(/\s+/).some((w) => NOT_PLACES.has(w.toLowerCase())) || /['’]s$/.test(words)) return;
      if (known.some((h) => p < h.index + h.words.length && p + words.length > h.index)) return;
      if (!out.some((o) => o.index === p))
        out.push({ words, index: p, kind: 'unknown', allowed: [`place:${words}`], countries: [], note: `'${words}' read as a place vouch does not know: kept as place:${words} so the allowed set is not narrowed; replace it with region ids` });
      pos = p + words.length;
      needSep = true;
    }
  };
  visit(0, false);
  for (const h of known) visit(h.index + h.words.length, true);
  return out;
}

/**
 * Drop a place when a narrower one inside it is named too: a country or bloc
 * around a city, state or region ("Frankfurt, Germany"), a city or state
 * glossing a region id ("us-east-1 (N. Virginia)").
 */
function narrow(hits: PlaceHit[]): PlaceHit[] {
  const broad = (h: PlaceHit) => h.kind === 'jurisdiction' || h.kind === 'country' || h.kind === 'bloc';
  const specific = hits.filter((h) => !broad(h) && h.kind !== 'unknown');
  const regions = hits.filter((h) => h.kind === 'region');
  return hits.filter((h) => {
    if (broad(h)) return !specific.some((s) => s.countries.length > 0 && s.countries.every((c) => h.countries.includes(c)));
    if (h.kind === 'city' || h.kind === 'state') return !regions.some((r) => h.allowed.includes(r.allowed[0]!));
    return true;
  });
}

export const _forTests = { NAMES, EU_MEMBERS };
