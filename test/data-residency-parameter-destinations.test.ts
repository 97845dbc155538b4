/**
 * A delivery destination given whole by a parameter without a value (a landing-zone log group, stream, function or
 * bucket ARN) in a stack whose own region is not known: the parameter's region and the stack's region are one open
 * question, asked on the stack. The resource passes that target, the `(stack)` stays unknown and names each
 * resource and parameter; once the stack's region is known the target is unknown on the resource again (fail closed).
 * Labels (fixAK count, session 15): 19 such resources in 7 sets pass with the (stack) unknown, none is labelled otherwise.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS, mergeParameters } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-dr-param-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'landing.json'),
  JSON.stringify({
    Parameters: {
      JobFunctionArn: { Type: 'String' },
      WafStreamArn: { Type: 'String' },
      ApiLogGroupArn: { Type: 'String' },
      ForwardDestinationArn: { Type: 'String' },
      BusTargetArn: { Type: 'String' },
      UsLogGroupArn: { Type: 'String', Default: 'arn:aws:logs:us-east-1:111122223333:log-group:central' },
      LogRegion: { Type: 'String' },
    },
    Resources: {
      Nightly: {
        Type: 'AWS::Scheduler::Schedule',
        Properties: { ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: { Ref: 'JobFunctionArn' }, RoleArn: 'arn:aws:iam::111122223333:role/s' } },
      },
      AclLogs: { Type: 'AWS::WAFv2::LoggingConfiguration', Properties: { ResourceArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/a/1', LogDestinationConfigs: [{ Ref: 'WafStreamArn' }] } },
      ApiStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: 'abc', StageName: '$default', AccessLogSettings: { DestinationArn: { Ref: 'ApiLogGroupArn' }, Format: '$context.requestId' } } },
      Forward: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: '/app', FilterPattern: '', DestinationArn: { Ref: 'ForwardDestinationArn' } } },
      ToLake: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['app'] }, Targets: [{ Id: 't', Arn: { Ref: 'BusTargetArn' } }] } },
      UsMachine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: { RoleArn: 'arn:aws:iam::111122223333:role/m', DefinitionString: '{}', LoggingConfiguration: { Level: 'ALL', Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { Ref: 'UsLogGroupArn' } } }] } },
      },
      RegionLattice: {
        Type: 'AWS::VpcLattice::AccessLogSubscription',
        Properties: { ResourceIdentifier: 'sn-0123456789abcdef0', DestinationArn: { 'Fn::Sub': 'arn:aws:logs:${LogRegion}:111122223333:log-group:lattice' } },
      },
    },
  }),
);
writeFileSync(join(dir, 'other.json'), JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } } }));

const rules = (await loadRules()).filter((r) => r.control === 'data-residency');
function run(env: { region?: string; account?: string }) {
  const inventory = loadIac(['landing.json', 'other.json'].map((f) => join(dir, f)), env);
  const params = mergeParameters(DEFAULT_PARAMETERS, { allowedRegions: ['EU'] }, false);
  const findings = evaluate(inventory, rules, { controls: ['data-residency'], ctx: { params, inventory } });
  const worst = new Map<string, string>();
  const order = ['fail', 'unknown', 'pass', 'not-applicable'];
  for (const f of findings) {
    const had = worst.get(f.resource.id);
    if (!had || order.indexOf(f.status) < order.indexOf(had)) worst.set(f.resource.id, f.status);
  }
  return { findings, worst };
}
const deferred = ['Nightly', 'AclLogs', 'ApiStage', 'Forward', 'ToLake'];

describe('data-residency of delivery targets given by parameters without a value', () => {
  it('bare templates: each such target passes on its resource, and the unknown stack names it and its parameter', () => {
    const { findings, worst } = run({});
    for (const id of deferred) expect([id, worst.get(`landing/${id}`)]).toEqual([id, 'pass']);
    const nightly = findings.find((f) => f.resource.id === 'landing/Nightly')!;
    expect(nightly.message).toContain('given by parameter JobFunctionArn');
    const stack = findings.find((f) => f.resource.id === 'landing/(stack)')!;
    expect(stack.status).toBe('unknown');
    expect(stack.message).toContain('5 delivery target(s) given by parameters without a value');
    for (const [id, param] of [['Nightly', 'JobFunctionArn'], ['AclLogs', 'WafStreamArn'], ['ApiStage', 'ApiLogGroupArn'], ['Forward', 'ForwardDestinationArn'], ['ToLake', 'BusTargetArn']])
      expect(stack.evidence.some((e) => e.path.startsWith(`${id}.`) && String(e.observed).includes(`Ref ${param}`))).toBe(true);
    // Another stack names none of them.
    const other = findings.find((f) => f.resource.id === 'other/(stack)')!;
    expect(other.status).toBe('unknown');
    expect(other.message).not.toContain('delivery target');
  });
  it('a parameter whose default names a region is judged by it, and a parameter inside the region field stays unknown', () => {
    const { worst } = run({});
    expect(worst.get('landing/UsMachine')).toBe('fail');
    expect(worst.get('landing/RegionLattice')).toBe('unknown');
  });
  it("with the stack's region known, the targets are unknown on their resources (the stack no longer carries the question)", () => {
    const { findings, worst } = run({ region: 'eu-west-1', account: '111122223333' });
    for (const id of deferred) expect([id, worst.get(`landing/${id}`)]).toEqual([id, 'unknown']);
    expect(findings.find((f) => f.resource.id === 'landing/(stack)')!.status).toBe('pass');
    expect(worst.get('landing/UsMachine')).toBe('fail');
  });
  it('in a StackSet body the target is unknown on its resource: the body\'s stack is not applicable and carries no question (fixP5)', () => {
    const body = [
      'Parameters:',
      '  SiemDestinationArn: { Type: String }',
      'Resources:',
      '  ToSiem:',
      '    Type: AWS::Logs::SubscriptionFilter',
      '    Properties: { LogGroupName: /app, FilterPattern: "", DestinationArn: !Ref SiemDestinationArn }',
    ].join('\n');
    const file = join(dir, 'stackset.json');
    writeFileSync(
      file,
      JSON.stringify({
        Resources: {
          Forwarding: {
            Type: 'AWS::CloudFormation::StackSet',
            Properties: { StackSetName: 'fwd', PermissionModel: 'SERVICE_MANAGED', StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-abcd-11112222'] }, Regions: ['eu-west-1', 'eu-central-1'] }], TemplateBody: body },
          },
        },
      }),
    );
    const inventory = loadIac([file], {});
    const params = mergeParameters(DEFAULT_PARAMETERS, { allowedRegions: ['EU'] }, false);
    const findings = evaluate(inventory, rules, { controls: ['data-residency'], ctx: { params, inventory } });
    const toSiem = findings.filter((f) => f.resource.logicalId === 'ToSiem');
    expect(toSiem.map((f) => f.status)).toEqual(['unknown']);
    expect(toSiem[0]!.message).toContain('SiemDestinationArn');
    // Its stack is the StackSet's to judge: not applicable, naming no deferred target.
    const bodyStack = findings.find((f) => f.ruleId === 'data-residency/aws-cloudformation-stack' && f.status === 'not-applicable');
    expect(bodyStack?.message).toContain('StackSet');
  });
});
