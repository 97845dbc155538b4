/**
 * The provider declarations are the single source for services, types, calls
 * and permissions: every rule's live types have a producer (or are declared
 * template-only), every declared type and call is really what the collectors
 * emit and make, and what is derived from them (endpoint names, --services,
 * the IAM policy document) matches.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import type { Rule } from '../../src/evaluate/rule.js';
import { PROVIDERS, producerOf, iacOnlyReason, readCalls, parseServiceList, servicesHelp, aws, gcp, digitalocean } from '../../src/sources/providers/index.js';
import { awsIamPolicyText } from '../../src/sources/providers/aws/iam-policy.js';
import { SERVICE_ENV_IDS, parseEndpoints } from '../../src/sources/providers/aws/collectors/clients.js';
import { GLOBAL_COLLECTORS, REGIONAL_COLLECTORS, ALL_SERVICES, parseServices } from '../../src/sources/providers/aws/collectors/scan.js';

const root = join(import.meta.dirname, '../..');
const sources = (provider: string) => {
  const dir = join(root, 'src/sources/providers', provider, 'collectors');
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
};

let rules: Rule[];
beforeAll(async () => {
  rules = await loadRules();
});

describe('rules and producers', () => {
  it('every live type of every rule has a producer, or is declared template-only', () => {
    const orphans: string[] = [];
    for (const r of rules) {
      if (!r.sources.includes('live')) continue;
      for (const t of r.types) {
        const p = PROVIDERS[t.split('.')[0] as keyof typeof PROVIDERS];
        if (!producerOf(p, t) && !iacOnlyReason(p, t)) orphans.push(`${r.id}: ${t}`);
      }
    }
    expect(orphans).toEqual([]);
  });

  it('a rule whose every type exists only in templates does not claim live', () => {
    const wrong = rules.filter((r) => r.sources.includes('live') && r.types.every((t) => iacOnlyReason(PROVIDERS[t.split('.')[0] as keyof typeof PROVIDERS], t)));
    expect(wrong.map((r) => r.id)).toEqual([]);
    // The standalone ingress rule is judged live as part of its group.
    expect(rules.find((r) => r.id === 'bastion-only/aws-security-group-ingress')?.sources).toEqual(['iac']);
  });

  it('every declared type is emitted by a collector of its provider, and no type is declared twice', () => {
    for (const p of [aws, gcp, digitalocean]) {
      const text = sources(p.name);
      const types = [...p.base.produces, ...p.services.flatMap((s) => [...s.produces])];
      expect(new Set(types).size, p.name).toBe(types.length);
      // A declared type that no collector names would be a producer on paper only.
      const missing = types.filter((t) => !text.includes(`'${t}'`) && !text.includes(`'${t.split('.').slice(1).join('.')}'`) && !text.includes(`'${t.split('.').slice(2).join('.')}'`));
      expect(missing, p.name).toEqual([]);
    }
  });
});

describe('AWS calls', () => {
  const declared = new Set(readCalls(aws).map((r) => r.op));

  it('every operation the AWS collectors record is declared', () => {
    const text = sources('aws');
    const used = new Set([...text.matchAll(/'([a-z0-9-]+:[A-Z][A-Za-z0-9]+)'/g)].map((m) => m[1]!).filter((op) => !/^(arn|aws):/.test(op)));
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((op) => !declared.has(op)).sort()).toEqual([]);
  });

  it('every declared operation is made by some collector (cloudfront:GetDistributionConfig is reserved for reading distribution configs)', () => {
    const text = sources('aws');
    const unused = [...declared].filter((op) => !text.includes(`'${op}'`) && op !== 'cloudfront:GetDistributionConfig');
    expect(unused).toEqual([]);
  });

  it('endpoint names, --services and the collector tables come from the declaration', () => {
    expect(Object.keys(SERVICE_ENV_IDS).sort()).toEqual([...new Set([aws.base, ...aws.services].flatMap((d) => Object.keys(d.endpoints)))].sort());
    expect(SERVICE_ENV_IDS.efs).toBe('EFS');
    expect(SERVICE_ENV_IDS.cognito).toBe('COGNITO_IDENTITY_PROVIDER');
    expect(parseEndpoints(['efs=http://127.0.0.1:1', 'apigatewayv2=http://127.0.0.1:2'])).toEqual({ efs: 'http://127.0.0.1:1', apigatewayv2: 'http://127.0.0.1:2' });
    expect(() => parseEndpoints(['nosuch=http://127.0.0.1:1'])).toThrow(/unknown AWS service 'nosuch'/);
    expect(ALL_SERVICES).toEqual(aws.services.map((s) => s.name));
    expect(Object.keys(GLOBAL_COLLECTORS).sort()).toEqual(['cloudfront', 'iam', 's3']);
    expect(Object.keys(REGIONAL_COLLECTORS).length + 3).toBe(aws.services.length);
    expect(servicesHelp(aws)).toContain('efs, sqs, sns, kinesis, opensearch, cognito, cloudformation');
    expect(parseServices('EFS,sqs,efs')).toEqual(['efs', 'sqs']);
    expect(parseServices(['efs', 'sns'])).toEqual(['efs', 'sns']);
    expect(parseServices(undefined)).toEqual(ALL_SERVICES);
    expect(() => parseServices('efs,nosuch')).toThrow(/unknown service 'nosuch'/);
    expect(() => parseServiceList(gcp, 'ec2')).toThrow(/gcp services: storage, compute, sql, iam, logging/);
    expect(parseServiceList(digitalocean, 'spaces,databases')).toEqual(['spaces', 'databases']);
  });

  it('docs/aws-iam-policy.json is the policy generated from the declaration', () => {
    const file = join(root, 'docs/aws-iam-policy.json');
    // To regenerate: VOUCH_WRITE_IAM_POLICY=1 npx vitest run test/providers/declarations.test.ts
    if (process.env.VOUCH_WRITE_IAM_POLICY === '1') writeFileSync(file, awsIamPolicyText());
    const committed = readFileSync(file, 'utf8');
    expect(committed).toBe(awsIamPolicyText());
    const policy = JSON.parse(committed) as { Statement: { Action: string | string[] }[] };
    const actions = policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('elasticfilesystem:DescribeFileSystems');
    expect(actions.filter((a) => !/^[a-z0-9-]+:(Get|List|Describe|GenerateCredentialReport|GET$)/.test(a))).toEqual([]);
    expect(actions.filter((a) => /GetItem|GetObject|GetLogEvents|GetSecretValue|GetParameter$|ReceiveMessage|GetRecords/.test(a))).toEqual([]);
  });
});
