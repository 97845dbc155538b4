/** FSBP EFS.2 live: a file system no selection names is "uncovered" only when every backup selection was read. */
import { describe, it, expect } from 'vitest';
import rule from '../../rules/deletion-protection/aws-efs-backup-plan/rule.js';
import { Inventory, type Coverage } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/resource.js';

const fs: Resource = {
  type: 'aws.efs.file-system',
  provider: 'aws',
  source: 'live',
  id: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0',
  properties: { Encrypted: true },
  relations: {},
  location: { account: '111122223333', region: 'us-east-1' },
};
const judge = (coverage: Coverage) => {
  const v = rule.check(fs, { params: {} as never, inventory: new Inventory([fs], coverage) } as never);
  return Array.isArray(v) ? v[0]!.status : v!.status;
};

describe('deletion-protection/aws-efs-backup-plan (live)', () => {
  it('fails when the selections were read and none names it', () => expect(judge({})).toBe('fail'));
  it('is unknown when AWS Backup was left out with --services', () => expect(judge({ excludedServices: ['aws:backup'] })).toBe('unknown'));
  it("is unknown when the region's backup selections could not be read", () => {
    expect(judge({ failures: [{ operation: 'backup:ListBackupSelections', region: 'us-east-1', code: 'AccessDeniedException', message: 'denied' }] })).toBe('unknown');
    expect(judge({ failures: [{ operation: 'backup:ListBackupSelections', region: 'eu-west-1', code: 'AccessDeniedException', message: 'denied' }] })).toBe('fail');
  });
});
