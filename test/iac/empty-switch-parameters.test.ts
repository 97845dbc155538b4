/**
 * A free-text parameter that a condition compares with '' and whose default is '' is the template's
 * "left empty / filled in" switch (`HasKey: !Not [!Equals [!Ref KeyName, '']]`): the user may fill it in
 * at deploy time, so vouch judges both sides of the condition instead of the default alone (fixS;
 * labels.yaml: a property under Fn::If fails when any branch the template allows breaks the promise,
 * and a resource under a Condition is judged as if deployed). A value given with --parameter, a
 * non-empty default, or a parameter no condition tests for '' keeps its value.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { isBranches } from '../../src/model/values.js';
import type { Inventory } from '../../src/model/inventory.js';

const rules = await loadRules();

function withTemplate<T>(text: string, fn: (inv: Inventory) => T, opts: { ext?: string; parameters?: Record<string, string> } = {}): T {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-empty-switch-'));
  try {
    const file = join(dir, `t.${opts.ext ?? 'yaml'}`);
    writeFileSync(file, text);
    return fn(loadIac([file], { region: 'eu-west-1', parameters: opts.parameters }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const byId = (inv: Inventory, id: string) => [...inv.all()].find((r) => r.location.logicalId === id);

function status(inv: Inventory, ruleId: string, id: string): string | undefined {
  const rule = rules.find((r) => r.id === ruleId)!;
  const f = evaluate(inv, [rule], { controls: [rule.control], ctx: { params: DEFAULT_PARAMETERS, inventory: inv } });
  return f.find((x) => x.resource.logicalId === id)?.status;
}

const rds = (defaultCidr: string, extraCondition = '') => `
Parameters:
  AllowedCidr: { Type: String, Default: '${defaultCidr}' }
Conditions:
  OpenToCidr: !Not [!Equals [!Ref AllowedCidr, '']]${extraCondition}
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: true
      PubliclyAccessible: !If [OpenToCidr, true, false]
`;

describe("free-text parameters left empty and tested for ''", () => {
  it('a property under Fn::If on such a condition is judged on both sides: the public side fails', () => {
    withTemplate(rds(''), (inv) => {
      expect(isBranches(byId(inv, 'Db')!.properties.PubliclyAccessible)).toBe(true);
      expect(status(inv, 'public-access/aws-rds-db-instance', 'Db')).toBe('fail');
    });
  });

  it('a value given with --parameter is the value: the condition is known', () => {
    withTemplate(rds(''), (inv) => expect(status(inv, 'public-access/aws-rds-db-instance', 'Db')).toBe('pass'), { parameters: { AllowedCidr: '' } });
    withTemplate(rds(''), (inv) => expect(status(inv, 'public-access/aws-rds-db-instance', 'Db')).toBe('fail'), { parameters: { AllowedCidr: '10.0.0.0/8' } });
  });

  it('a non-empty default keeps its value (the condition is known at it)', () => {
    withTemplate(rds('10.0.0.0/8'), (inv) => {
      expect(byId(inv, 'Db')!.properties.PubliclyAccessible).toBe(true);
    });
  });

  it('the Equals written the other way round, in JSON long form, with the resource under the condition judged as if deployed', () => {
    const json = JSON.stringify({
      Parameters: { CertificateArn: { Type: 'String', Default: '' } },
      Conditions: { NoCertificate: { 'Fn::Equals': ['', { Ref: 'CertificateArn' }] } },
      Resources: {
        Listener: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Condition: 'NoCertificate',
          Properties: { LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1', Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1' }] },
        },
        Secure: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Condition: 'HasCertificate',
          Properties: { LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1', Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: { Ref: 'CertificateArn' } }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1' }] },
        },
      },
    });
    const withHas = JSON.parse(json);
    withHas.Conditions.HasCertificate = { 'Fn::Not': [{ Condition: 'NoCertificate' }] };
    withTemplate(JSON.stringify(withHas), (inv) => {
      // Both listeners may be deployed: neither condition is read at the default alone.
      expect(byId(inv, 'Listener')?.properties.$Condition).toBe('NoCertificate');
      expect(byId(inv, 'Secure')?.properties.$Condition).toBe('HasCertificate');
      expect(status(inv, 'tls-min/aws-elbv2-listener', 'Secure')).toBe('pass');
    }, { ext: 'json' });
  });

  it("a parameter left empty that no condition tests for '' keeps its empty value", () => {
    const yaml = `
Parameters:
  Suffix: { Type: String, Default: '' }
  Env: { Type: String, Default: '' }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      DBInstanceIdentifier: !Sub 'orders\${Suffix}'
      PubliclyAccessible: !If [IsProd, true, false]
`;
    withTemplate(yaml, (inv) => {
      expect(byId(inv, 'Db')!.properties.DBInstanceIdentifier).toBe('orders');
      // Env = '' is compared with 'prod', not with '': read at its default.
      expect(byId(inv, 'Db')!.properties.PubliclyAccessible).toBe(false);
    });
  });
});
