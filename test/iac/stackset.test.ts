/**
 * A StackSet's inline TemplateBody is a template vouch judges: parsed with the
 * same parser and limits as any template, named `<parent stack>/<StackSet id>`,
 * given the StackSet's Parameters, placed in the regions its instances deploy
 * to. What cannot be read (a remote TemplateURL, a body built from unresolved
 * parts, a body that does not parse, StackSets nested too deep) is a coverage
 * gap, never a crash and never a pass.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { MAX_STACK_SET_DEPTH } from '../../src/sources/iac/stackset.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { ControlId } from '../../src/evaluate/controls.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-stackset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
};

const adminRole = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } };
const readOnlyRole = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: adminRole.Properties.AssumeRolePolicyDocument, ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
const sshGroup = (cidr: unknown) => ({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'ssh', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: cidr }] } });
const stackSet = (props: Record<string, unknown>) => ({
  Type: 'AWS::CloudFormation::StackSet',
  Properties: { StackSetName: 'baseline', PermissionModel: 'SERVICE_MANAGED', StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-workloads'] }, Regions: ['eu-west-1'] }], ...props },
});

const rules = await loadRules();
function verdicts(inventory: Inventory, controls: ControlId[], allowedRegions?: string[]): Record<string, string> {
  const params = { ...DEFAULT_PARAMETERS, allowedRegions };
  const out: Record<string, string> = {};
  const worse: Record<string, number> = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };
  for (const f of evaluate(inventory, rules, { controls, ctx: { params, inventory } })) {
    const k = `${f.resource.id} ${f.control}`;
    if (out[k] === undefined || worse[f.status]! > worse[out[k]]!) out[k] = f.status;
  }
  return out;
}
const gaps = (inv: Inventory) => (inv.coverage.notCollected ?? []).filter((n) => n.gap).map((n) => `${n.what} | ${n.why}`);

describe('a StackSet with an inline TemplateBody', () => {
  it('JSON body: its resources are a stack <parent>/<StackSet>, judged one by one (an admin role fails, a read-only one passes), located at the StackSet', () => {
    const body = JSON.stringify({ Resources: { AdminRole: adminRole, AuditRole: readOnlyRole } });
    write('json-body.json', { Resources: { Baseline: stackSet({ TemplateBody: body }) } });
    const inv = loadIac([join(dir, 'json-body.json')]);
    const admin = inv.get('json-body/Baseline/AdminRole')!;
    expect(admin).toBeDefined();
    expect(admin.location).toMatchObject({ file: expect.stringContaining('json-body.json'), logicalId: 'AdminRole', stack: 'json-body/Baseline', line: inv.get('json-body/Baseline')!.location.line, region: 'eu-west-1' });
    const v = verdicts(inv, ['iam-least-privilege']);
    expect(v['json-body/Baseline/AdminRole iam-least-privilege']).toBe('fail');
    expect(v['json-body/Baseline/AuditRole iam-least-privilege']).toBe('pass');
    expect(gaps(inv)).toEqual([]);
  });

  it('YAML body with short-form tags, in a YAML parent as a block string', () => {
    const parent = [
      'Parameters:',
      '  Env: { Type: String, Default: prod }',
      'Resources:',
      '  Guardrails:',
      '    Type: AWS::CloudFormation::StackSet',
      '    Properties:',
      '      StackSetName: guardrails',
      '      PermissionModel: SELF_MANAGED',
      '      StackInstancesGroup:',
      '        - DeploymentTargets: { Accounts: ["111122223333"] }',
      '          Regions: [eu-central-1]',
      '      TemplateBody: |',
      '        Resources:',
      '          OpenSsh:',
      '            Type: AWS::EC2::SecurityGroup',
      '            Properties:',
      '              GroupDescription: !Sub "ssh for ${AWS::StackName}"',
      '              SecurityGroupIngress:',
      '                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }',
      '          PrivateSsh:',
      '            Type: AWS::EC2::SecurityGroup',
      '            Properties:',
      '              GroupDescription: !Join ["-", [ssh, private]]',
      '              SecurityGroupIngress:',
      '                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8 }',
      '',
    ].join('\n');
    write('yaml-body.yaml', parent);
    const inv = loadIac([join(dir, 'yaml-body.yaml')]);
    const v = verdicts(inv, ['bastion-only']);
    expect(v['yaml-body/Guardrails/OpenSsh bastion-only']).toBe('fail');
    expect(v['yaml-body/Guardrails/PrivateSsh bastion-only']).toBe('pass');
    expect(inv.get('yaml-body/Guardrails/OpenSsh')!.location.region).toBe('eu-central-1');
  });

  it("the StackSet's Parameters are the body's parameter values; one the parent does not settle leaves the body's Default unused (unknown)", () => {
    const body = JSON.stringify({
      Parameters: { SshCidr: { Type: 'String', Default: '10.0.0.0/8' }, AdminCidr: { Type: 'String', Default: '10.0.0.0/8' }, Untouched: { Type: 'String', Default: '0.0.0.0/0' } },
      Resources: { Passed: sshGroup({ Ref: 'SshCidr' }), FromParent: sshGroup({ Ref: 'AdminCidr' }), ByDefault: sshGroup({ Ref: 'Untouched' }) },
    });
    write('params.json', {
      Parameters: { OperatorCidr: { Type: 'String' } },
      Resources: {
        Baseline: stackSet({
          TemplateBody: body,
          Parameters: [
            { ParameterKey: 'SshCidr', ParameterValue: '0.0.0.0/0' },
            { ParameterKey: 'AdminCidr', ParameterValue: { Ref: 'OperatorCidr' } },
          ],
        }),
      },
    });
    const inv = loadIac([join(dir, 'params.json')]);
    const v = verdicts(inv, ['bastion-only']);
    // Passed in by the StackSet: the internet, whatever the body's default says.
    expect(v['params/Baseline/Passed bastion-only']).toBe('fail');
    // The parent's parameter has no value here: the body's private default must not make it pass.
    expect(v['params/Baseline/FromParent bastion-only']).toBe('unknown');
    // Not passed: the body's own default deploys.
    expect(v['params/Baseline/ByDefault bastion-only']).toBe('fail');
    expect(inv.get('params/Baseline/(stack)')!.properties.Parameters).toMatchObject({ SshCidr: { Overridden: true }, Untouched: { HasDefault: true } });
  });

  it('a body built with Fn::Sub from settled parameters is read; one built from unresolved parts is a gap', () => {
    const subBody = { 'Fn::Sub': ['{"Resources":{"Role":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]},"ManagedPolicyArns":["arn:aws:iam::aws:policy/${Policy}"]}}}}', {}] };
    write('sub-body.json', {
      Parameters: { Policy: { Type: 'String', Default: 'AdministratorAccess' }, Unset: { Type: 'String' } },
      Resources: {
        Known: stackSet({ TemplateBody: subBody }),
        Unknown: stackSet({ TemplateBody: { 'Fn::Join': ['', ['{"Resources":', { Ref: 'Unset' }, '}']] } }),
      },
    });
    const inv = loadIac([join(dir, 'sub-body.json')]);
    expect(verdicts(inv, ['iam-least-privilege'])['sub-body/Known/Role iam-least-privilege']).toBe('fail');
    expect([...inv.all()].filter((r) => r.location.stack === 'sub-body/Unknown')).toEqual([]);
    expect(gaps(inv).join('\n')).toMatch(/StackSet Unknown \| TemplateBody is built from values the template does not settle .*not judged/);
  });

  it('a body that does not parse, a remote TemplateURL and a body of hostile YAML are gaps; the rest of the template is still judged', () => {
    const bomb = ['Resources:', '  A: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `  ${String.fromCharCode(66 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    write('broken.json', {
      Resources: {
        Truncated: stackSet({ TemplateBody: '{"Resources": {"Role": {"Type": "AWS::IAM::Role"' }),
        NoResources: stackSet({ TemplateBody: 'Description: only words' }),
        Remote: stackSet({ TemplateURL: 'https://s3.amazonaws.com/bucket/baseline.yaml' }),
        Bomb: stackSet({ TemplateBody: bomb }),
        Proto: stackSet({ TemplateBody: '{"Resources": {"__proto__": {"Type": "AWS::IAM::Role"}}}' }),
        Open: sshGroup('0.0.0.0/0'),
      },
    });
    const t = performance.now();
    const inv = loadIac([join(dir, 'broken.json')]);
    expect(performance.now() - t).toBeLessThan(5_000);
    const g = gaps(inv).join('\n');
    expect(g).toMatch(/StackSet Truncated \| its TemplateBody is not a template vouch can read \(.*invalid JSON/);
    expect(g).toMatch(/StackSet NoResources \| its TemplateBody is not a template vouch can read \(.*no Resources section/);
    expect(g).toMatch(/StackSet Remote \| its template is remote \(TemplateURL\)/);
    expect(g).toMatch(/StackSet Bomb \| .*alias bomb/);
    expect(g).toMatch(/StackSet Proto \| .*__proto__/);
    expect([...inv.all()].filter((r) => r.location.stack !== 'broken').map((r) => r.id)).toEqual([]);
    expect(verdicts(inv, ['bastion-only'])['broken/Open bastion-only']).toBe('fail');
  });

  it('StackSets inside bodies are read to a bounded depth; deeper ones are a gap', () => {
    // Each level is a StackSet whose body holds an admin role and the next level.
    const level = (depth: number): Record<string, unknown> => {
      const resources: Record<string, unknown> = { Admin: adminRole };
      if (depth > 0) resources.Inner = stackSet({ TemplateBody: JSON.stringify(level(depth - 1)) });
      return { Resources: resources };
    };
    write('nested.json', { Resources: { Outer: stackSet({ TemplateBody: JSON.stringify(level(MAX_STACK_SET_DEPTH + 1)) }) } });
    const inv = loadIac([join(dir, 'nested.json')]);
    const v = verdicts(inv, ['iam-least-privilege']);
    expect(v['nested/Outer/Admin iam-least-privilege']).toBe('fail');
    expect(v['nested/Outer/Inner/Admin iam-least-privilege']).toBe('fail');
    const stacks = new Set([...inv.all()].map((r) => r.location.stack));
    expect(stacks.size).toBe(1 + MAX_STACK_SET_DEPTH);
    expect(gaps(inv).join('\n')).toMatch(new RegExp(`StackSet Inner \\| a StackSet inside StackSet bodies ${MAX_STACK_SET_DEPTH} levels deep`));
  });

  it('a secret the StackSet passes as a literal in its Parameters is written in the parent template: the NoEcho body parameter fails; a dynamic reference or a parent NoEcho parameter passes', () => {
    const body = JSON.stringify({
      Parameters: { DbPassword: { Type: 'String', NoEcho: true }, ApiToken: { Type: 'String', NoEcho: true }, RelayPassword: { Type: 'String', NoEcho: true } },
      Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
    });
    write('passed-secrets.json', {
      Parameters: { ParentRelayPassword: { Type: 'String', NoEcho: true } },
      Resources: {
        Baseline: stackSet({
          TemplateBody: body,
          Parameters: [
            { ParameterKey: 'DbPassword', ParameterValue: 'Pr0d-Passw0rd-2024' },
            { ParameterKey: 'ApiToken', ParameterValue: '{{resolve:secretsmanager:relay/api-token}}' },
            { ParameterKey: 'RelayPassword', ParameterValue: { Ref: 'ParentRelayPassword' } },
          ],
        }),
      },
    });
    const inventory = loadIac([join(dir, 'passed-secrets.json')]);
    const out: Record<string, string> = {};
    for (const f of evaluate(inventory, rules.filter((r) => r.id === 'secrets-encrypted/aws-cloudformation-stack'), { controls: ['secrets-encrypted'], ctx: { params: DEFAULT_PARAMETERS, inventory } }))
      out[`${f.resource.id} ${f.subId}`] = `${f.status}${f.status === 'fail' ? `: ${f.message}` : ''}`;
    expect(out['passed-secrets/Baseline/(stack) DbPassword']).toMatch(/^fail: .*StackSet Baseline passes it a literal value/);
    expect(JSON.stringify(out)).not.toContain('Pr0d-Passw0rd');
    expect(out['passed-secrets/Baseline/(stack) ApiToken']).toBe('pass');
    expect(out['passed-secrets/Baseline/(stack) RelayPassword']).toBe('pass');
  });

  it("the regions its instances deploy to are judged on the StackSet; the body's stack record carries them and leaves residency to the StackSet", () => {
    const body = JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
    write('regions.json', {
      Resources: {
        InEu: stackSet({ TemplateBody: body }),
        Wide: stackSet({ TemplateBody: body, StackInstancesGroup: [{ DeploymentTargets: { Accounts: ['111122223333'] }, Regions: ['eu-west-1', 'us-east-1'] }] }),
      },
    });
    const inv = loadIac([join(dir, 'regions.json')], { region: 'eu-west-1' });
    const wide = inv.get('regions/Wide/(stack)')!;
    expect(wide.properties).toMatchObject({ StackSet: 'regions/Wide', Regions: ['eu-west-1', 'us-east-1'] });
    // Two regions: the body's own AWS::Region is not one value.
    expect(wide.location.region).toBeUndefined();
    const v = verdicts(inv, ['data-residency'], ['EU']);
    expect(v['regions/Wide data-residency']).toBe('fail');
    expect(v['regions/InEu data-residency']).toBe('pass');
    expect(v['regions/Wide/(stack) data-residency']).toBe('not-applicable');
    expect(v['regions/(stack) data-residency']).toBe('pass');
  });
});

describe('a StackSet body counts against the run-wide resource cap while it expands', () => {
  // SAM in a body multiplies as in a file: Globals events copied to every function (300 × 300 here,
  // about 180,000 resources). Before fixQ2 a body was counted only once loaded: 10 s and 350 MB here
  // before the refusal, and a 224 KB body (2,000 × 2,000) expanded to 8 million resources.
  it('SAM Globals events in a TemplateBody are refused as they expand, not after', () => {
    const events = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`Tick${i}`, { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)' } }]));
    const body = {
      Transform: 'AWS::Serverless-2016-10-31',
      Globals: { Function: { Runtime: 'nodejs20.x', Handler: 'index.handler', InlineCode: 'x', Events: events } },
      Resources: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`Worker${i}`, { Type: 'AWS::Serverless::Function' }])),
    };
    const file = write('sam-body.json', { Resources: { Fleet: stackSet({ TemplateBody: JSON.stringify(body) }) } });
    const started = Date.now();
    let message = '';
    try {
      loadIac([file], { maxResources: 3000 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/sam-body\.json: the templates of this run expand to more than 3000 resources/);
    // Refused by the expansion itself (the loader's after-the-fact count names the body instead).
    expect(message).not.toMatch(/StackSet body/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a body under the cap loads in full', () => {
    const body = { Transform: 'AWS::Serverless-2016-10-31', Resources: { Worker: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', InlineCode: 'x', Events: { Tick: { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)' } } } } } } };
    const file = write('sam-body-small.json', { Resources: { Small: stackSet({ TemplateBody: JSON.stringify(body) }) } });
    const inv = loadIac([file], { maxResources: 3000 });
    expect(inv.get('sam-body-small/Small/WorkerTick')?.type).toBe('aws.events.rule');
  });
});

describe('the resource cap given to the library', () => {
  // fixQ2: NaN made every `count > cap` false, so the run was not capped at all.
  it.each([Number.NaN, 0, -5, 2.5, Number.POSITIVE_INFINITY])('maxResources %s is refused, not taken as no cap', (cap) => {
    const file = write('tiny.json', { Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    expect(() => loadIac([file], { maxResources: cap })).toThrow(/maxResources: expected a whole number of resources, at least 1/);
  });

  it('a whole number caps the run', () => {
    const file = write('two.json', { Resources: { A: { Type: 'AWS::SQS::Queue' }, B: { Type: 'AWS::SQS::Queue' } } });
    expect(() => loadIac([file], { maxResources: 1 })).toThrow(/more than 1 resources/);
    expect(loadIac([file], { maxResources: 10 }).ofType('aws.sqs.queue').length).toBe(2);
  });
});
