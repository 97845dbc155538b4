/**
 * The files people write — claims profile, config, suppressions — have one
 * zod schema each (src/schema/); the JSON Schemas generated from them
 * (schema/*.schema.json, for editors and CI) accept what vouch loads and
 * reject what it refuses.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseYamlFile } from '../../src/util/yaml-file.js';
import { parseProfile } from '../../src/evaluate/claims-profile.js';
import { parseConfig } from '../../src/cli/config.js';
import { suppressionsFileSchema } from '../../src/schema/suppressions.js';
import { extractClaims, renderProfileYaml } from '../../src/claims/extract.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const validator = (file: string) => {
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  const v = ajv.compile(JSON.parse(readFileSync(join(root, 'schema', file), 'utf8')));
  // YAML dates are Date objects in memory and strings in JSON.
  return (data: unknown) => v(JSON.parse(JSON.stringify(data)));
};
const yaml = (text: string) => parseYamlFile(text, 'x.yaml');
const loads = (load: () => unknown) => {
  try {
    load();
    return true;
  } catch {
    return false;
  }
};

describe('claims profile schema', () => {
  const valid = validator('claims-profile.schema.json');

  it('accepts every profile in the repository and every draft vouch claims extract writes for the example and corpus policies', () => {
    const profiles = [join(root, 'cdk/example/claims.yaml'), ...readdirSync(join(root, 'examples/claims')).map((f) => join(root, 'examples/claims', f))];
    const texts = profiles.map((f) => [f, readFileSync(f, 'utf8')] as const);
    const policies = [join(root, 'examples/policies'), join(root, 'test/claims/corpus/tune')].flatMap((d) =>
      readdirSync(d)
        .filter((f) => /\.(txt|md)$/.test(f))
        .map((f) => join(d, f)),
    );
    for (const p of policies) texts.push([`draft of ${p}`, renderProfileYaml(extractClaims(readFileSync(p, 'utf8'), p), p)]);
    expect(texts.length).toBeGreaterThan(20);
    let drafted = 0;
    for (const [name, text] of texts) {
      const data = yaml(text);
      expect(valid(data), name).toBe(true);
      if (loads(() => parseProfile(data, name))) drafted++;
    }
    expect(drafted).toBeGreaterThan(20);
  });

  it('a bare YAML number is a TLS version to both', () => {
    const p = yaml('version: 1\nname: n\nparameters: { tlsMin: 1.3 }\nclaims:\n  - { id: t, text: TLS 1.3 only., controls: [tls-min] }\n');
    expect(valid(p)).toBe(true);
    expect(parseProfile(p, 'p.yaml').parameters.tlsMin).toBe('1.3');
  });

  it('rejects what vouch refuses', () => {
    const claim = '  - { id: t, text: Encrypted., controls: [enc-rest] }\n';
    for (const text of [
      `version: 1\nname: n\nparameters: { tlsMin: '1.4' }\nclaims:\n${claim}`,
      `version: 1\nname: n\nclaims:\n  - { id: t, text: Encrypted., controls: [enc-everything] }\n`,
      `version: 1\nname: n\ncolour: blue\nclaims:\n${claim}`,
      `version: 2\nname: n\nclaims:\n${claim}`,
      `version: 1\nname: n\nparameters: { adminCidrs: [office] }\nclaims:\n${claim}`,
      `version: 1\nname: n\nclaims:\n  - { id: 'bad id!', text: Encrypted., controls: [enc-rest] }\n`,
    ]) {
      const data = yaml(text);
      expect(loads(() => parseProfile(data, 'p.yaml')), text).toBe(false);
      expect(valid(data), text).toBe(false);
    }
  });
});

describe('config schema', () => {
  const valid = validator('config.schema.json');
  const full = `version: 1
sources:
  iac: { paths: [cdk.out], parameters: { Env: prod, Count: 3, On: true }, region: eu-west-1, account: '111122223333' }
  aws: { profile: audit, regions: [eu-west-1], roleArn: 'arn:aws:iam::111122223333:role/Audit', orgRole: OrgAudit, accounts: ['111122223333'], endpoints: { s3: 'http://127.0.0.1:5000' } }
  gcp: { projects: [p1], organization: '1234', folder: '5678', endpoints: { compute: 'http://127.0.0.1:8080' } }
  digitalocean: { tokenEnv: DIGITALOCEAN_TOKEN }
claims: claims.yaml
suppressions: suppressions.yaml
regions: [eu-west-1]
concurrency: 16
output: { out: reports, formats: [json, sarif], failOn: high }
`;

  it('accepts a config using every field, the example in docs/config.md, and the short forms', () => {
    const documented = /```yaml\n([\s\S]*?)```/.exec(readFileSync(join(root, 'docs/config.md'), 'utf8'))![1]!;
    expect(documented).toMatch(/^version: 1/);
    for (const text of [full, documented, 'sources:\n  iac: [cdk.out]\noutput: { formats: "json,md" }\n', '{}\n']) {
      const data = yaml(text);
      expect(loads(() => parseConfig(data, 'vouch.config.yaml')), text).toBe(true);
      expect(valid(data), text).toBe(true);
    }
  });

  it('rejects what vouch refuses: unknown keys, bare-digit account ids, out-of-range concurrency, a token in place of its variable name', () => {
    for (const text of [
      'token: abc\n',
      'sources:\n  aws: { accounts: [111122223333] }\n',
      'sources:\n  aws: { roleArn: Audit }\n',
      'concurrency: 0\n',
      'concurrency: 1000\n',
      'sources:\n  digitalocean: { tokenEnv: dop_v1_abc-def }\n',
      'output: { failOn: severe }\n',
    ]) {
      const data = yaml(text);
      expect(loads(() => parseConfig(data, 'vouch.config.yaml')), text).toBe(false);
      expect(valid(data), text).toBe(false);
    }
  });
});

describe('suppressions schema', () => {
  const valid = validator('suppressions.schema.json');
  const parses = (data: unknown) => suppressionsFileSchema.safeParse(data).success;

  it('accepts entries with quoted and unquoted (YAML date) expiry, and without resource, owner or expiry', () => {
    const data = yaml(
      "suppressions:\n  - { rule: 'enc-rest/*', resource: 'Data/*', reason: public data set, owner: ops@example.com, expires: 2027-01-31 }\n  - { rule: 'mfa/aws-root-user[Mfa]', reason: break-glass account, expires: '2027-02-01' }\n  - { rule: tls-min/aws-elbv2-listener, reason: legacy clients }\n",
    );
    expect(parses(data)).toBe(true);
    expect(valid(data)).toBe(true);
  });

  it('rejects what vouch refuses: no reason, a one-letter reason, an unknown key, an expiry that is not a date', () => {
    for (const text of [
      'suppressions:\n  - { rule: a/b }\n',
      'suppressions:\n  - { rule: a/b, reason: x }\n',
      'suppressions:\n  - { rule: a/b, reason: because, until: 2027-01-01 }\n',
      'suppressions:\n  - { rule: a/b, reason: because, expires: soon }\n',
      'rules: []\n',
    ]) {
      const data = yaml(text);
      expect(parses(data), text).toBe(false);
      expect(valid(data), text).toBe(false);
    }
  });
});
