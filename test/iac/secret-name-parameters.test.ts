/**
 * A template parameter that names a secret (read inside a {{resolve:secretsmanager:${P}…}}
 * reference, or named as a secret's ARN/name/id) is a pointer: not a credential kept
 * in plain text, whatever words its name has or which property takes it.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { parametersNamingSecrets } from '../../src/sources/iac/secret-name-parameters.js';
import { namesStoredSecret } from '../../src/lib/secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-secret-name-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = (await loadRules()).filter((r) => r.id === 'secrets-encrypted/aws-cloudformation-stack');
function stackVerdicts(file: string, template: unknown) {
  writeFileSync(join(dir, file), JSON.stringify(template));
  const inventory = loadIac([join(dir, file)]);
  const out: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: ['secrets-encrypted'], ctx: { params: DEFAULT_PARAMETERS, inventory } })) out[f.subId ?? '(all)'] = f.status;
  return { out, inventory };
}

describe('parameters that name a secret', () => {
  it('the loader finds parameters read inside dynamic references, in Fn::Sub (both forms) and Fn::Join', () => {
    const resources = {
      A: { Properties: { Password: { 'Fn::Sub': '{{resolve:secretsmanager:${BreakGlassPasswordSecret}:SecretString:user1}}' } } },
      B: { Properties: { X: { 'Fn::Sub': ['{{resolve:ssm-secure:${TokenParam}:1}}', {}] } } },
      C: { Properties: { Y: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'ApiKeySecret' }, ':SecretString:key}}']] } } },
      D: { Properties: { Z: { 'Fn::Sub': 'plain ${DbPassword} text' } } },
    };
    const names = new Set(['BreakGlassPasswordSecret', 'TokenParam', 'ApiKeySecret', 'DbPassword', 'Unused']);
    expect([...parametersNamingSecrets(resources, names)].sort()).toEqual(['ApiKeySecret', 'BreakGlassPasswordSecret', 'TokenParam']);
  });

  it('reads the reference however the text is built: a Sub in a Join, a Sub variable map, an If among the parts', () => {
    const resources = {
      A: { Properties: { P: { 'Fn::Join': ['', [{ 'Fn::Sub': '{{resolve:secretsmanager:${AdminSecretName}' }, ':SecretString:password}}']] } } },
      B: { Properties: { P: { 'Fn::Sub': ['{{resolve:ssm-secure:${N}:3}}', { N: { Ref: 'DeployTokenParam' } }] } } },
      C: { Properties: { P: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { 'Fn::If': ['Prod', { Ref: 'ProdKeySecret' }, 'dev/key'] }, '}}']] } } },
      D: { Properties: { P: { 'Fn::Join': ['', ['password=', { 'Fn::Sub': ['${X}', { X: { Ref: 'RealPassword' } }] }]] } } },
    };
    const names = new Set(['AdminSecretName', 'DeployTokenParam', 'ProdKeySecret', 'RealPassword']);
    expect([...parametersNamingSecrets(resources, names)].sort()).toEqual(['AdminSecretName', 'DeployTokenParam', 'ProdKeySecret']);
  });

  it('a password-named parameter with a default that only names the secret store entry is not flagged; a real one still is', () => {
    const { out, inventory } = stackVerdicts('break-glass.json', {
      Parameters: { BreakGlassPasswordSecret: { Type: 'String', Default: 'iam/break-glass/initial-password' }, SupportPassword: { Type: 'String', Default: 'Welcome2024!' } },
      Resources: {
        BreakGlass: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: { 'Fn::Sub': '{{resolve:secretsmanager:${BreakGlassPasswordSecret}:SecretString:user1}}' }, PasswordResetRequired: true } } },
        Support: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: { Ref: 'SupportPassword' } } } },
      },
    });
    expect(inventory.get('break-glass/(stack)')!.properties.Parameters).toMatchObject({ BreakGlassPasswordSecret: { NamesSecret: true } });
    expect(out.BreakGlassPasswordSecret).toBeUndefined();
    expect(out.SupportPassword).toBe('fail');
  });

  it('a parameter named as a secret ARN is a pointer even where a password property takes it (DocumentDB elastic, AuthType SECRET_ARN)', () => {
    const { out } = stackVerdicts('docdb-elastic.json', {
      Parameters: { CatalogSecretArn: { Type: 'String' }, AdminPassword: { Type: 'String', Default: 'Sup3rSecret!' } },
      Resources: {
        Catalog: { Type: 'AWS::DocDBElastic::Cluster', Properties: { ClusterName: 'c', AdminUserName: 'a', AuthType: 'SECRET_ARN', AdminUserPassword: { Ref: 'CatalogSecretArn' }, ShardCapacity: 2, ShardCount: 1 } },
        Other: { Type: 'AWS::DocDBElastic::Cluster', Properties: { ClusterName: 'd', AdminUserName: 'a', AuthType: 'PLAIN_TEXT', AdminUserPassword: { Ref: 'AdminPassword' }, ShardCapacity: 2, ShardCount: 1 } },
      },
    });
    expect(out.CatalogSecretArn).toBeUndefined();
    expect(out.AdminPassword).toBe('fail');
  });

  it('names: a credential word followed by ARN / name / id points at the stored secret; a secret word last does not', () => {
    for (const n of ['CatalogSecretArn', 'DbPasswordSecretName', 'API_KEY_ID', 'tokenSecretArns']) expect(namesStoredSecret(n), n).toBe(true);
    // MUX_TOKEN_SECRET is the Mux API's secret half: a credential, not a pointer.
    for (const n of ['MUX_TOKEN_SECRET', 'SessionSecret', 'VpcId', 'BucketName', 'ARN']) expect(namesStoredSecret(n), n).toBe(false);
  });
});
