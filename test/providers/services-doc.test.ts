/**
 * The README's list of what each live scan reads is generated from the
 * provider declarations, not kept by hand (it had drifted: four AWS services
 * were missing from the prose list it replaced). To regenerate:
 * VOUCH_WRITE_DOCS=1 npx vitest run test/providers/services-doc.test.ts
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderServicesDoc, replaceServicesDoc, SERVICES_DOC_BEGIN, SERVICES_DOC_END } from '../../src/sources/providers/services-doc.js';
import { PROVIDERS, endpointNames } from '../../src/sources/providers/index.js';
import { GCP_APIS } from '../../src/sources/providers/gcp/collectors/transport.js';
import { SERVICE_ENV_IDS } from '../../src/sources/providers/aws/collectors/clients.js';

const README = join(import.meta.dirname, '../../README.md');

describe('README: the services each scan reads', () => {
  it('has one row per declared service of every provider, with its --services name and title', () => {
    const block = renderServicesDoc();
    const rows = block.split('\n').filter((l) => /^\| (?!cloud|---)/.test(l));
    expect(rows.length).toBe(Object.values(PROVIDERS).reduce((n, p) => n + p.services.length, 0));
    for (const p of Object.values(PROVIDERS)) for (const s of p.services) expect(block).toContain(`| ${p.title} | \`${s.name}\` |`);
    expect(block).toContain('| AWS | `iam` | IAM users, groups, roles, policies, credential report, account settings (once per account) |');
    expect(block).toContain('| DigitalOcean | `spaces` |');
    // Every cloud's --endpoint names, as its scan command accepts them.
    expect(block).toContain('- DigitalOcean: `api`, `spaces`');
    expect(block).toMatch(/- GCP: `storage`, `compute`, `sqladmin`, .*`dataproc`/);
    expect(block).toMatch(/- AWS: .*`s3`.*`efs`/);
  });

  it('the --endpoint names are the ones the clouds accept', () => {
    expect(endpointNames(PROVIDERS.gcp)).toEqual([...GCP_APIS]);
    expect(endpointNames(PROVIDERS.aws).sort()).toEqual(Object.keys(SERVICE_ENV_IDS).sort());
  });

  it('the committed README block is the generated one', () => {
    let text = readFileSync(README, 'utf8');
    if (process.env.VOUCH_WRITE_DOCS === '1') {
      text = replaceServicesDoc(text, renderServicesDoc());
      writeFileSync(README, text);
    }
    const a = text.indexOf(SERVICES_DOC_BEGIN);
    const b = text.indexOf(SERVICES_DOC_END);
    expect(a, 'the block markers').toBeGreaterThan(0);
    expect(text.slice(a, b + SERVICES_DOC_END.length)).toBe(renderServicesDoc());
  });

  it('replacing the block keeps the text around it and refuses a README without markers', () => {
    const text = `before\n${SERVICES_DOC_BEGIN}\nold\n${SERVICES_DOC_END}\nafter\n`;
    expect(replaceServicesDoc(text, 'NEW')).toBe('before\nNEW\nafter\n');
    expect(() => replaceServicesDoc('no markers', 'x')).toThrow(/markers are missing/);
  });
});

describe('docs/aws.md: what is collected', () => {
  it('names every read call of every service the AWS declaration has (a service added without its row fails here)', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/aws.md'), 'utf8');
    // S3 Control's account-level call is the SDK's GetPublicAccessBlock; the IAM action the declaration names differs.
    const spelled: Record<string, string> = { 's3:GetAccountPublicAccessBlock': 'S3 Control `GetPublicAccessBlock`' };
    const missing = PROVIDERS.aws.services
      .flatMap((s) => s.reads.map((r) => r.op))
      .filter((op) => !doc.includes(spelled[op] ?? `\`${op.split(':')[1]}\``) && !doc.includes(op));
    expect(missing).toEqual([]);
  });
});
