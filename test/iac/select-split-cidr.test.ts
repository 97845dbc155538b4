/**
 * Two intrinsics real templates use where the value is known from the template alone:
 * - `Fn::Cidr` over a literal (or a parameter's default) IPv4 block gives the subnets CloudFormation
 *   computes, so an ingress rule from `Fn::Select [0, Fn::Cidr [...]]` is judged by its range;
 * - `Fn::Select` of an `Fn::Split` of a resource's own Ref (CDK's state-machine execution ARNs) is one
 *   definite piece, so an ARN built from it names one resource, not a wildcard.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { cidrSubnets } from '../../src/sources/iac/intrinsics.js';
import type { ControlId } from '../../src/evaluate/controls.js';

const root = mkdtempSync(join(tmpdir(), 'vouch-select-split-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const rules = await loadRules();

function judge(name: string, yaml: string, control: ControlId) {
  const file = join(root, name);
  writeFileSync(file, yaml);
  const inventory = loadIac([file], {});
  return evaluate(inventory, rules, { controls: [control], ctx: { params: DEFAULT_PARAMETERS, inventory } }).filter((f) => f.control === control);
}

describe('Fn::Cidr', () => {
  it('computes IPv4 subnets as CloudFormation does, and leaves what it cannot compute unresolved', () => {
    expect(cidrSubnets('10.0.0.0/16', 3, 8)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(cidrSubnets('192.168.4.0/22', 2, 9)).toEqual(['192.168.4.0/23', '192.168.6.0/23']);
    expect(cidrSubnets('10.1.2.3/16', 1, 12)).toEqual(['10.1.0.0/20']);
    expect(cidrSubnets('10.0.0.0/24', 3, 8)).toBeUndefined(); // three /24s do not fit in a /24
    expect(cidrSubnets('10.0.0.0/16', 1, 20)).toBeUndefined(); // a /12 is wider than the block
    expect(cidrSubnets('2001:db8::/56', 2, 64)).toBeUndefined();
    expect(cidrSubnets('10.0.0.0/16', 'x', 8)).toBeUndefined();
  });

  it('an SSH source selected from Fn::Cidr is judged by its range: private passes, a wide public range fails, an unknown block is unknown', () => {
    // A /20 of a public block is wider than one office (/24), which would pass with no admin CIDRs declared.
    const sg = (id: string, block: string) => `
  ${id}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Select [1, !Cidr [${block}, 4, 12]] }`;
    const found = judge(
      'cidr.yaml',
      `Parameters:
  HubCidr: { Type: String, Default: 10.20.0.0/16 }
  Elsewhere: { Type: String }
Resources:${sg('FromParamDefault', '!Ref HubCidr')}${sg('FromPublic', '198.51.0.0/16')}${sg('FromUnknown', '!Ref Elsewhere')}
`,
      'bastion-only',
    );
    const by = Object.fromEntries(found.map((f) => [f.resource.logicalId, f.status]));
    expect(by).toEqual({ FromParamDefault: 'pass', FromPublic: 'fail', FromUnknown: 'unknown' });
    expect(found.find((f) => f.resource.logicalId === 'FromPublic')!.message).toContain('198.51.16.0/20');
  });
});

describe('Fn::Select of Fn::Split', () => {
  it("a piece of a resource's own Ref names one resource; so does a piece of a parameter in an ARN's resource part", () => {
    const policy = (id: string, of: string) => `
  ${id}:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: ${id}
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [states:DescribeExecution, states:StopExecution]
            Resource: !Join ['', ['arn:', !Ref AWS::Partition, ':states:eu-west-1:111122223333:execution:', !Select [6, !Split [':', ${of}]], ':*']]`;
    const found = judge(
      'split.yaml',
      `Parameters:
  MachineArn: { Type: String }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: states.amazonaws.com }, Action: sts:AssumeRole }] }
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties: { RoleArn: !GetAtt Role.Arn, DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' }${policy('OwnMachine', '!Ref Machine')}${policy('ParamMachine', '!Ref MachineArn')}
`,
      'iam-least-privilege',
    );
    const by = Object.fromEntries(found.filter((f) => f.resource.type === 'aws.iam.policy').map((f) => [f.resource.logicalId, f.status]));
    // The parameter's piece is the machine name inside an executions ARN whose service, region and account are
    // literal: the executions of the machine the stack is given (src/lib/iam/actions.ts parameterNamedResource).
    expect(by).toEqual({ OwnMachine: 'pass', ParamMachine: 'pass' });
  });
});
