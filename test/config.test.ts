import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfig, loadConfig, mergeCommon, parseConfig } from '../src/cli/config.js';
import { InputError } from '../src/util/errors.js';
import { ROOT } from './helpers/cli.js';
import { runInProcess as runVouch } from './helpers/in-process.js';
import type { EvidenceDocument } from '../src/findings/evidence.js';

let root: string;
const put = (rel: string, content: string) => {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
};

const TEMPLATE = `Resources:
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Type: application, Subnets: [subnet-1, subnet-2] }
  Api:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTPS
      Port: 443
      SslPolicy: !Ref Policy
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "404" } }]
Parameters:
  Policy: { Type: String, Default: ELBSecurityPolicy-TLS13-1-3-2021-06 }
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vouch-config-'));
  put('repo/.git/HEAD', 'ref: refs/heads/main\n');
  put('repo/infra/app.yaml', TEMPLATE);
  writeFileSync(join(root, 'repo/fantesty.yaml'), readFileSync(join(ROOT, 'examples/claims/fantesty.yaml')));
  put(
    'repo/vouch.config.yaml',
    [
      'version: 1',
      'sources:',
      '  iac: { paths: [infra/app.yaml], region: eu-west-1, parameters: { Policy: ELBSecurityPolicy-TLS13-1-2-2021-06 } }',
      '  aws: { profile: audit, regions: [eu-west-1, us-east-1], accounts: ["012345678901"] }',
      '  gcp: { projects: [acme-prod] }',
      '  digitalocean: { tokenEnv: DO_READ_TOKEN }',
      'claims: fantesty.yaml',
      'regions: [eu-west-1]',
      'concurrency: 4',
      'output: { out: nightly, formats: [json, md], failOn: critical }',
    ].join('\n'),
  );
  put('repo/deep/er/x.txt', '');
  put('outside/vouch.config.yaml', 'claims: nowhere.yaml\n');
  put('outside/repo2/.git', 'gitdir: /elsewhere\n');
  put('outside/repo2/sub/x.txt', '');
});

describe('finding the config', () => {
  it('walks up from the working directory', () => {
    expect(findConfig(join(root, 'repo/deep/er'))).toBe(join(root, 'repo/vouch.config.yaml'));
    expect(findConfig(join(root, 'repo'))).toBe(join(root, 'repo/vouch.config.yaml'));
  });

  it('stops at a .git directory (or file, for worktrees): a config above the repository does not apply', () => {
    expect(findConfig(join(root, 'outside/repo2/sub'))).toBeUndefined();
  });
});

describe('a config above the project never applies', () => {
  it('a config planted in a shared parent (no project marker below it) is not picked up', () => {
    put('shared/vouch.config.yaml', 'output: { failOn: critical }\n');
    put('shared/work/sub/x.txt', '');
    // No .git, package.json or cdk.json anywhere: only the working directory itself is looked at.
    expect(findConfig(join(root, 'shared/work/sub'), '/nonexistent-home')).toBeUndefined();
    expect(findConfig(join(root, 'shared'), '/nonexistent-home')).toBe(join(root, 'shared/vouch.config.yaml'));
  });

  it('stops at package.json or cdk.json as at .git, and at the home directory', () => {
    put('above/vouch.config.yaml', 'output: { failOn: critical }\n');
    put('above/node-proj/package.json', '{}');
    put('above/node-proj/src/x.txt', '');
    put('above/cdk-proj/cdk.json', '{}');
    put('above/home/me/proj/x.txt', '');
    expect(findConfig(join(root, 'above/node-proj/src'), '/nonexistent-home')).toBeUndefined();
    expect(findConfig(join(root, 'above/cdk-proj'), '/nonexistent-home')).toBeUndefined();
    expect(findConfig(join(root, 'above/home/me/proj'), join(root, 'above/home/me'))).toBeUndefined();
    put('above/home/me/vouch.config.yml', 'output: { failOn: high }\n');
    expect(findConfig(join(root, 'above/home/me/proj'), join(root, 'above/home/me'))).toBe(join(root, 'above/home/me/vouch.config.yml'));
  });
});

describe('reading the config', () => {
  it('resolves paths against the file and keeps sources for the scans', () => {
    const c = loadConfig(join(root, 'repo/vouch.config.yaml'));
    expect(c.claims).toBe(join(root, 'repo/fantesty.yaml'));
    expect(c.sources.iac).toEqual({ paths: [join(root, 'repo/infra/app.yaml')], region: 'eu-west-1', parameters: { Policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } });
    expect(c.sources.aws).toEqual({ profile: 'audit', regions: ['eu-west-1', 'us-east-1'], accounts: ['012345678901'] });
    expect(c.sources.digitalocean).toEqual({ tokenEnv: 'DO_READ_TOKEN' });
    expect(c.output).toEqual({ out: join(root, 'repo/nightly'), formats: ['json', 'md'], failOn: 'critical' });
    expect(c.concurrency).toBe(4);
  });

  it.each([
    ['sources: { digitalocean: { token: dop_v1_abc } }', /sources\.digitalocean: Unrecognized key: "token"/],
    ['sources: { aws: { accounts: [12345678901] } }', /sources\.aws\.accounts\[0\]: expected a string; quote account ids/],
    ['output: { failOn: severe }', /output\.failOn: /],
    ['concurrency: 0', /concurrency: /],
    ['claim: x.yaml', /Unrecognized key: "claim"/],
    ['sources: { iac: [] }', /sources\.iac/],
    ['claims: [a', /invalid YAML/],
  ])('%s → one-line error naming the file and path', (yaml, message) => {
    const file = put(`bad-${Math.random().toString(36).slice(2)}.yaml`, yaml);
    expect(() => loadConfig(file)).toThrow(InputError);
    expect(() => loadConfig(file)).toThrow(message);
    expect(() => loadConfig(file)).toThrow(new RegExp(file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  });

  it('an empty file is an empty config', () => {
    expect(parseConfig(null, 'x.yaml').output).toEqual({});
  });

  it('flags win over the config, which wins over the defaults', () => {
    const c = loadConfig(join(root, 'repo/vouch.config.yaml'));
    expect(mergeCommon({}, undefined)).toEqual({ format: 'json,md', out: 'reports', failOn: 'low' });
    expect(mergeCommon({}, c)).toMatchObject({ claims: c.claims, format: 'json,md', out: c.output.out, failOn: 'critical' });
    expect(mergeCommon({ claims: 'mine.yaml', out: 'here', failOn: 'high', format: 'json' }, c)).toEqual({ claims: 'mine.yaml', format: 'json', out: 'here', failOn: 'high' });
  });
});

describe('vouch check with vouch.config.yaml', () => {
  const evidence = (dir: string) => JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8')) as EvidenceDocument;

  it('no arguments: sources, parameters, claims, output and fail-on come from the config', async () => {
    const r = await runVouch(['check', '--quiet'], { cwd: join(root, 'repo/deep/er') });
    const doc = evidence(join(root, 'repo/nightly'));
    expect(doc.claims.profile).toBe('Fantesty Privacy Policy');
    expect(doc.run.failOn).toBe('critical');
    // TLS 1.3 claim vs the 1.2+1.3 policy the config's parameter selects: a failure, but only high, so exit 0 under critical.
    const tls = doc.findings.find((f) => f.ruleId === 'tls-min/aws-elbv2-listener');
    expect(tls?.status).toBe('fail');
    // The config's region places the stack: the residency claim (US + EU) can be judged.
    expect(doc.findings.find((f) => f.ruleId.startsWith('data-residency/'))?.status).toBe('pass');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`vouch: using config ${join(root, 'repo/vouch.config.yaml')}`);
    expect(existsSync(join(root, 'repo/nightly/summary.md'))).toBe(true);
  });

  it('flags override the config', async () => {
    const out = join(root, 'flags-out');
    const r = await runVouch(['check', 'infra/app.yaml', '--fail-on', 'low', '--out', out, '--format', 'json', '--claims', join(ROOT, 'examples/claims/fantastyc.yaml'), '--parameter', 'Policy=ELBSecurityPolicy-2016-08', '--quiet'], { cwd: join(root, 'repo') });
    const doc = evidence(out);
    expect(doc.claims.profile).toBe('Fantastyc security and privacy policy');
    expect(doc.run.failOn).toBe('low');
    expect(r.code).toBe(1);
    expect(existsSync(join(out, 'summary.md'))).toBe(false);
    expect(doc.findings.find((f) => f.ruleId === 'tls-min/aws-elbv2-listener')?.message).toMatch(/2016-08/);
  });

  it('--config names a file; --no-config ignores the one found', async () => {
    const cfg = put('elsewhere/c.yaml', `output: { out: ${join(root, 'explicit')} }\n`);
    await runVouch(['check', join(root, 'repo/infra/app.yaml'), '--config', cfg, '--quiet'], { cwd: root });
    expect(existsSync(join(root, 'explicit/evidence.json'))).toBe(true);
    const r = await runVouch(['check', 'infra/app.yaml', '--no-config', '--out', join(root, 'noconfig'), '--quiet'], { cwd: join(root, 'repo') });
    expect(evidence(join(root, 'noconfig')).claims.profile).toBe('vouch default profile');
    expect(r.code).toBe(1);
  });

  it('a bad config file: one line naming it, exit 2', async () => {
    const dir = join(root, 'badcfg');
    put('badcfg/.git', 'x');
    put('badcfg/vouch.config.yaml', 'output: { failOn: severe }\n');
    const r = await runVouch(['check', 'x.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/vouch\.config\.yaml: output\.failOn/);
  });
});
