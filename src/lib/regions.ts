/**
 * Where a region is, for residency claims ("data processed only in the US and
 * the EU"). Strict reading: the EU is its member states, so London
 * (eu-west-2, europe-west2, lon1) and Zurich (eu-central-2, europe-west6) are
 * Europe but not EU. Classification follows controls-catalog Appendix B; a
 * region we cannot place is `undefined` (the caller answers `unknown`).
 */
import type { Provider } from '../model/resource.js';
import { globMatch } from '../evaluate/facts.js';
import { countryOfRegion, REGIONS } from '../claims/region-catalog.js';

export type Jurisdiction = 'US' | 'EU' | 'non-EU-Europe' | 'other';

const AWS: Record<string, Jurisdiction> = {
  'us-east-1': 'US', 'us-east-2': 'US', 'us-west-1': 'US', 'us-west-2': 'US',
  'us-gov-east-1': 'US', 'us-gov-west-1': 'US',
  'eu-west-1': 'EU', 'eu-west-3': 'EU', 'eu-central-1': 'EU', 'eu-north-1': 'EU', 'eu-south-1': 'EU', 'eu-south-2': 'EU',
  'eu-west-2': 'non-EU-Europe', 'eu-central-2': 'non-EU-Europe',
  'ca-central-1': 'other', 'ca-west-1': 'other', 'mx-central-1': 'other',
};

const GCP: Record<string, Jurisdiction> = {
  US: 'US', EU: 'EU', NAM4: 'US', EUR4: 'EU', EUR5: 'non-EU-Europe', EUR7: 'EU', EUR8: 'EU',
  // Cloud Storage multi- and dual-regions outside the US and EU.
  ASIA: 'other', ASIA1: 'other',
  'us-central1': 'US', 'us-east1': 'US', 'us-east4': 'US', 'us-east5': 'US', 'us-south1': 'US',
  'us-west1': 'US', 'us-west2': 'US', 'us-west3': 'US', 'us-west4': 'US',
  'europe-west1': 'EU', 'europe-west3': 'EU', 'europe-west4': 'EU', 'europe-west8': 'EU', 'europe-west9': 'EU',
  'europe-west10': 'EU', 'europe-west12': 'EU', 'europe-southwest1': 'EU', 'europe-north1': 'EU', 'europe-north2': 'EU',
  'europe-central2': 'EU',
  'europe-west2': 'non-EU-Europe', 'europe-west6': 'non-EU-Europe',
  'northamerica-northeast1': 'other', 'northamerica-northeast2': 'other', 'northamerica-south1': 'other',
};

const DO: Record<string, Jurisdiction> = {
  nyc1: 'US', nyc2: 'US', nyc3: 'US', sfo1: 'US', sfo2: 'US', sfo3: 'US', atl1: 'US', ric1: 'US',
  ams2: 'EU', ams3: 'EU', fra1: 'EU',
  lon1: 'non-EU-Europe',
  tor1: 'other', sgp1: 'other', blr1: 'other', syd1: 'other',
};

const TABLES: Record<Provider, Record<string, Jurisdiction>> = { aws: AWS, gcp: GCP, digitalocean: DO };

/** Jurisdiction of a region or location; GCP zones (`europe-west1-b`) resolve to their region. */
export function jurisdictionOf(provider: Provider, region: string): Jurisdiction | undefined {
  const table = TABLES[provider];
  // Own keys only: a region written `__proto__` or `constructor` names no jurisdiction.
  const own = (k: string) => (Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined);
  const exact = own(region) ?? own(region.toUpperCase()) ?? own(region.toLowerCase());
  if (exact) return exact;
  if (provider === 'gcp') {
    const m = /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(region.toLowerCase());
    if (m && own(m[1]!)) return own(m[1]!);
    if (/^(asia|australia|southamerica|me|africa)-/.test(region.toLowerCase())) return 'other';
  }
  if (provider === 'aws') {
    if (/^(ap|sa|me|af|il|cn)-/.test(region)) return 'other';
    if (/^us-/.test(region)) return 'US';
  }
  return undefined;
}

/**
 * Is this region allowed by the profile's list? Entries are region ids, globs
 * (`us-*`), the jurisdictions `US` / `EU`, ISO country codes (`CA`), or
 * `place:<name>` (a place no region is known for). Returns undefined when an
 * entry is a jurisdiction or country and the region cannot be placed, or when
 * a `place:` entry might cover it.
 */
export function regionAllowed(provider: Provider, region: string, allowed: readonly string[]): boolean | undefined {
  let undecided = false;
  for (const entry of allowed) {
    // A place the claims extractor could not map to regions: a region not otherwise allowed may lie there.
    if (entry.startsWith('place:')) {
      undecided = true;
      continue;
    }
    // An ISO country code (`CA`, `DE`, `AU`), as written by `vouch claims extract`.
    if (/^[A-Z]{2}$/.test(entry) && entry !== 'US' && entry !== 'EU') {
      const country = countryOfRegion(provider, region);
      if (country === undefined) undecided = true;
      else if (country === entry) return true;
      continue;
    }
    if (entry === 'US' || entry === 'EU') {
      // A GCP multi-region named exactly like the entry is a location, not a jurisdiction test.
      const j = jurisdictionOf(provider, region);
      if (j === undefined) undecided = true;
      else if (j === entry) return true;
      continue;
    }
    if (globMatch(entry, region) || entry.toLowerCase() === region.toLowerCase()) return true;
  }
  return undecided ? undefined : false;
}

/** The region field of an ARN (`arn:aws:backup:eu-central-1:...`); undefined when the ARN has none (S3, IAM). */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return parts[3] || undefined;
}

/** How an AZ ID abbreviates each word of a Region code (`eu-central-1` → `euc1`, `ap-northeast-1` → `apne1`). */
const AZ_ID_WORDS: Record<string, string> = {
  east: 'e', west: 'w', north: 'n', south: 's', central: 'c',
  northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw', gov: 'g',
};

/** AZ-ID prefix → AWS Region, built from the Regions vouch knows (region-catalog). */
let azPrefixes: Map<string, string> | undefined;

function azIdPrefixes(): Map<string, string> {
  if (azPrefixes) return azPrefixes;
  const out = new Map<string, string>();
  for (const r of REGIONS) {
    if (r.provider !== 'aws') continue;
    const [geo, ...rest] = r.id.split('-');
    const num = rest.pop();
    const words = rest.map((w) => AZ_ID_WORDS[w]);
    if (!geo || !num || words.some((w) => w === undefined)) continue;
    out.set(`${geo}${words.join('')}${num}`, r.id);
  }
  return (azPrefixes = out);
}

/**
 * The AWS Region of an Availability Zone ID (`use1-az4` → `us-east-1`, `euw1-az1` → `eu-west-1`):
 * an AZ ID is the Region code's abbreviation followed by `-az` and a number (AWS Regions and
 * Availability Zones, "AZ IDs"). A Local Zone or Wavelength Zone ID (`usw2-lax1-az1`) or a prefix of
 * a Region vouch does not know is undefined: the caller answers unknown.
 */
export function regionOfAzId(azId: string): string | undefined {
  const m = /^([a-z]+\d+)-az\d+$/.exec(azId);
  return m ? azIdPrefixes().get(m[1]!) : undefined;
}

/**
 * The AWS Region of an Availability Zone name (`eu-west-2a` → `eu-west-2`): a zone name is its Region code
 * followed by one letter (AWS Regions and Availability Zones). Only Regions vouch knows (region-catalog);
 * a Local Zone (`us-west-2-lax-1a`), an AZ ID (see regionOfAzId) or anything else is undefined.
 */
export function regionOfAzName(az: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(az);
  if (!m) return undefined;
  return REGIONS.some((r) => r.provider === 'aws' && r.id === m[1]) ? m[1] : undefined;
}
