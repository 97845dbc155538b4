import { describe, it, expect } from 'vitest';
import { jurisdictionOf, regionAllowed, regionOfAzId, regionOfAzName } from '../src/lib/regions.js';

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

  it('reads the Region of an Availability Zone ID, and refuses Local Zones and unknown prefixes', () => {
    expect(regionOfAzId('use1-az4')).toBe('us-east-1');
    expect(regionOfAzId('euw1-az1')).toBe('eu-west-1');
    expect(regionOfAzId('euc2-az3')).toBe('eu-central-2');
    expect(regionOfAzId('eun1-az2')).toBe('eu-north-1');
    expect(regionOfAzId('apne1-az4')).toBe('ap-northeast-1');
    expect(regionOfAzId('apse2-az1')).toBe('ap-southeast-2');
    expect(regionOfAzId('usgw1-az1')).toBe('us-gov-west-1');
    expect(regionOfAzId('cac1-az1')).toBe('ca-central-1');
    // A Local Zone (Los Angeles, parent us-west-2), an unknown prefix and a zone name are not AZ IDs vouch places.
    expect(regionOfAzId('usw2-lax1-az1')).toBeUndefined();
    expect(regionOfAzId('xxq9-az1')).toBeUndefined();
    expect(regionOfAzId('us-east-1a')).toBeUndefined();
  });

  it('reads the Region of an Availability Zone name', () => {
    expect(regionOfAzName('eu-west-2a')).toBe('eu-west-2');
    expect(regionOfAzName('us-east-1f')).toBe('us-east-1');
    expect(regionOfAzName('ap-southeast-2c')).toBe('ap-southeast-2');
    expect(regionOfAzName('us-gov-west-1b')).toBe('us-gov-west-1');
    // A Local Zone, an AZ ID, a bare Region, an unknown Region and upper case are not zone names vouch places.
    expect(regionOfAzName('us-west-2-lax-1a')).toBeUndefined();
    expect(regionOfAzName('euw2-az1')).toBeUndefined();
    expect(regionOfAzName('eu-west-2')).toBeUndefined();
    expect(regionOfAzName('xx-moon-1a')).toBeUndefined();
    expect(regionOfAzName('EU-WEST-2A')).toBeUndefined();
  });
});
