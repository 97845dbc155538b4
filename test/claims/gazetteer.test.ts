import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { findPlaces } from '../../src/claims/gazetteer.js';
import { REGIONS, countryOfRegion } from '../../src/claims/region-catalog.js';
import { regionAllowed, jurisdictionOf } from '../../src/lib/regions.js';
import { parseProfile } from '../../src/evaluate/claims-profile.js';
import { CLOUD_PROVIDERS } from '../../src/claims/providers.js';

const allowed = (text: string, providers = CLOUD_PROVIDERS) => [...new Set(findPlaces(text, providers).flatMap((h) => h.allowed))];

describe('the region catalog', () => {
  it('every region id is unique per provider and has a country', () => {
    const keys = REGIONS.map((r) => `${r.provider}:${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of REGIONS) expect(r.country, r.id).toMatch(/^[A-Z]{2}$/);
  });

  it('agrees with the jurisdictions rules already use (EU members are EU, the US is US)', () => {
    const eu = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);
    for (const r of REGIONS) {
      if (r.provider === 'azure') continue;
      const j = jurisdictionOf(r.provider, r.id);
      if (j === undefined) continue;
      if (j === 'EU') expect(eu.has(r.country), r.id).toBe(true);
      if (j === 'US') expect(r.country, r.id).toBe('US');
    }
  });

  it('places GCP zones by their region', () => expect(countryOfRegion('gcp', 'europe-west4-a')).toBe('NL'));
});

describe('the gazetteer', () => {
  it('knows countries, blocs, states, cities, region ids and display names', () => {
    expect(allowed('Canada')).toEqual(['CA']);
    expect(allowed('the EEA')).toEqual(['EU', 'NO', 'IS', 'LI']);
    expect(allowed('Ohio', ['aws'])).toEqual(['us-east-2']);
    expect(allowed('Oregon', ['gcp'])).toEqual(['us-west1']);
    expect(allowed('Sydney', ['digitalocean'])).toEqual(['syd1']);
    expect(allowed('ap-southeast-2')).toEqual(['ap-southeast-2']);
    expect(allowed('Asia Pacific (Tokyo)')).toEqual(['ap-northeast-1']);
    expect(allowed('UK South')).toEqual(['uksouth']);
    expect(allowed('NYC3')).toEqual(['nyc3']);
  });

  it('"us" the pronoun and lower-case words are no places; region ids need a digit', () => {
    expect(allowed('let us know')).toEqual([]);
    expect(allowed('the west of europe')).toEqual([]);
  });

  it('a state or city with no region of the named provider is kept as a place, not dropped', () => {
    expect(allowed('Texas', ['aws'])).toEqual(['place:Texas']);
  });

  it('unknown places count only inside a list of places or right after the verb', () => {
    expect(allowed('Frankfurt and Springfield', ['aws'])).toEqual(['eu-central-1', 'place:Springfield']);
    expect(allowed('our Enterprise plan in Germany')).toEqual(['DE']);
  });
});

describe('allowedRegions entries written by the extractor, as rules read them', () => {
  it('an ISO country code allows the regions in that country', () => {
    expect(regionAllowed('aws', 'ca-central-1', ['CA'])).toBe(true);
    expect(regionAllowed('gcp', 'northamerica-northeast2', ['CA'])).toBe(true);
    expect(regionAllowed('digitalocean', 'tor1', ['CA'])).toBe(true);
    expect(regionAllowed('aws', 'us-east-1', ['CA'])).toBe(false);
    expect(regionAllowed('aws', 'xx-new-9', ['CA'])).toBeUndefined();
  });

  it('place:<name> never narrows: a region not otherwise allowed is undecided (unknown), not a violation', () => {
    expect(regionAllowed('aws', 'eu-central-1', ['eu-central-1', 'place:Vienna'])).toBe(true);
    expect(regionAllowed('aws', 'us-east-1', ['eu-central-1', 'place:Vienna'])).toBeUndefined();
  });
});

describe('profile parameters carry what the text said', () => {
  const profile = (claims: unknown[]) => parseProfile({ version: 1, name: 'p', claims }, 'p.yaml');

  it('cipher, backup frequency and retention mode load and reach the effective parameters', () => {
    const p = profile([
      { id: 'a', text: 'x', controls: ['enc-rest'], parameters: { cipher: 'AES-256' } },
      { id: 'b', text: 'y', controls: ['backup-retention'], parameters: { backup: { frequencyHours: 24, maxDays: 14, mode: 'exact' } } },
      { id: 'c', text: 'z', controls: ['data-retention'], parameters: { retention: [{ dataSet: 'logs', maxDays: 90, mode: 'max' }] } },
    ]);
    expect(p.parameters.cipher).toBe('AES-256');
    expect(p.parameters.backup).toMatchObject({ frequencyHours: 24, maxDays: 14, mode: 'exact' });
    expect(p.parameters.retention[0]).toMatchObject({ maxDays: 90, mode: 'max' });
  });

  it('places from several residency claims add up (each names where some data may be)', () => {
    const p = profile([
      { id: 'a', text: 'x', controls: ['data-residency'], parameters: { allowedRegions: ['US'] } },
      { id: 'b', text: 'y', controls: ['data-residency'], parameters: { allowedRegions: ['eu-central-1'] } },
    ]);
    expect(p.parameters.allowedRegions).toEqual(['US', 'eu-central-1']);
  });

  it('confidence and triggers are accepted on a claim; an unknown cipher is refused', () => {
    expect(() => profile([{ id: 'a', text: 'x', controls: ['mfa'], confidence: 'medium', triggers: ['MFA'] }])).not.toThrow();
    expect(() => profile([{ id: 'a', text: 'x', controls: ['enc-rest'], parameters: { cipher: 'ROT13' } }])).toThrow(/cipher/);
  });

  it('a profile with no claims is refused for checking, quoting why the draft has none', () => {
    const draft = parse('version: 1\nname: d\nextracted: { nothingCheckable: "no sentence of 3 promises anything" }\nclaims: []\n');
    expect(() => parseProfile(draft, 'd.yaml')).toThrow(/d\.yaml: claims: the profile has no claims.*no sentence of 3/);
  });
});
