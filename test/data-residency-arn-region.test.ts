/**
 * One reading of "this built ARN names the stack's own region" (rules/data-residency/_target.ts
 * arnRegionIsStackRegion), used by cross-region delivery targets and Backup copy destinations.
 */
import { describe, it, expect } from 'vitest';
import { Unresolved, SHAPE_SPECIFIC as S, SHAPE_UNKNOWN as U } from '../src/model/values.js';
import { arnRegionIsStackRegion } from '../rules/data-residency/_target.js';

const built = (shape: string, slots: ('account' | 'region' | 'text' | 'unknown')[]) => new Unresolved('Fn::Sub', shape, slots);

describe('arnRegionIsStackRegion', () => {
  it('is true only when the region field is one placeholder whose slot is the region', () => {
    expect(arnRegionIsStackRegion(built(`arn:${S}:backup:${S}:${S}:backup-vault:archive`, ['text', 'region', 'account']))).toBe(true);
    expect(arnRegionIsStackRegion(built(`arn:aws:backup:${S}:111122223333:backup-vault:archive`, ['region']))).toBe(true);
    // The slot counted is the one at the region field, not the first placeholder of the text.
    expect(arnRegionIsStackRegion(built(`arn:${S}:backup:${S}:${S}:backup-vault:archive`, ['region', 'text', 'account']))).toBe(false);
    expect(arnRegionIsStackRegion(built(`arn:aws:backup:${S}:111122223333:backup-vault:archive`, ['text']))).toBe(false);
    expect(arnRegionIsStackRegion(built(`arn:aws:backup:${U}:111122223333:backup-vault:archive`, ['unknown']))).toBe(false);
    expect(arnRegionIsStackRegion(built(`arn:aws:backup:eu-${S}:111122223333:backup-vault:archive`, ['region']))).toBe(false);
    expect(arnRegionIsStackRegion(built(`arn:aws:backup:eu-west-1:111122223333:backup-vault:archive`, []))).toBe(false);
    expect(arnRegionIsStackRegion(built(`${S}`, ['region']))).toBe(false);
    expect(arnRegionIsStackRegion(new Unresolved('Ref Vault'))).toBe(false);
  });
});
