import { describe, it, expect } from 'vitest';
import { jurisdictionOf, regionAllowed } from '../src/lib/regions.js';

describe('regions', () => {
  it('places EU members, non-EU Europe and the US', () => {
    expect(jurisdictionOf('aws', 'eu-west-1')).toBe('EU');
    expect(jurisdictionOf('aws', 'eu-west-2')).toBe('non-EU-Europe');
    expect(jurisdictionOf('aws', 'ap-southeast-2')).toBe('other');
    expect(jurisdictionOf('gcp', 'europe-west2')).toBe('non-EU-Europe');
    expect(jurisdictionOf('gcp', 'europe-west1-b')).toBe('EU');
    expect(jurisdictionOf('gcp', 'EU')).toBe('EU');
    expect(jurisdictionOf('gcp', 'ASIA')).toBe('other');
    expect(jurisdictionOf('digitalocean', 'lon1')).toBe('non-EU-Europe');
    expect(jurisdictionOf('digitalocean', 'fra1')).toBe('EU');
    expect(jurisdictionOf('aws', 'xx-new-9')).toBeUndefined();
  });

  it('allows by jurisdiction, id or glob, and says when it cannot tell', () => {
    expect(regionAllowed('aws', 'eu-central-1', ['US', 'EU'])).toBe(true);
    expect(regionAllowed('aws', 'eu-west-2', ['US', 'EU'])).toBe(false);
    expect(regionAllowed('gcp', 'US', ['US', 'EU'])).toBe(true);
    expect(regionAllowed('digitalocean', 'sgp1', ['US', 'EU'])).toBe(false);
    expect(regionAllowed('aws', 'eu-west-2', ['eu-*'])).toBe(true);
    expect(regionAllowed('aws', 'xx-new-9', ['US', 'EU'])).toBeUndefined();
    expect(regionAllowed('aws', 'xx-new-9', ['eu-west-1'])).toBe(false);
  });
});
