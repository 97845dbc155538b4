/**
 * Cognito guest roles (rules/public-access/_anonymous-role.ts) beyond the fixture
 * harness: what is out of scope gets no finding at all, the evidence says which
 * pool and trust make the role a guest role, and the shapes a fixture file cannot
 * mark (a role attached by a literal ARN, managed policies, unresolved actions).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import type { Rule } from '../src/evaluate/rule.js';
import { fixturesDir, runFixture } from './helpers/rule-fixtures.js';

const rules = await loadRules();
const rule = (id: string): Rule => rules.find((r) => r.id === id)!;
const POLICY = rule('public-access/aws-public-role-policy');
const DATA = rule('public-access/aws-public-role-data-access');
const dir = mkdtempSync(join(tmpdir(), 'vouch-guest-'));
let n = 0;
function run(r: Rule, yaml: string) {
  const file = join(dir, `t${n++}.yaml`);
  writeFileSync(file, yaml);
  return runFixture(r, file).findings;
}
const of = (findings: ReturnType<typeof run>, logicalId: string) => findings.filter((f) => f.resource.logicalId === logicalId);

const POOL = (guests: string) => `
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: ${guests} }`;
const GUEST_TRUST = (amr = 'unauthenticated') => `
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Federated: cognito-identity.amazonaws.com }
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: { "cognito-identity.amazonaws.com:aud": !Ref Pool }
              "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": ${amr} }`;

describe('Cognito guest roles', () => {
  it('gives no finding to roles, policies and data that have nothing to do with Cognito', () => {
    const yaml = `Resources:
  Fn:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
  FnPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref Fn]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:*", Resource: "*" }] }
  Data:
    Type: AWS::S3::Bucket
`;
    expect(run(POLICY, yaml)).toEqual([]);
    expect(run(DATA, yaml)).toEqual([]);
  });

  it('leaves data no guest grant reaches out of scope, and names role, pool and statement when one does', () => {
    const dataPass = runFixture(DATA, join(fixturesDir(DATA), 'pass.yaml')).findings;
    expect(of(dataPass, 'Reports')).toEqual([]);
    const fails = runFixture(POLICY, join(fixturesDir(POLICY), 'fail-attachment.yaml')).findings;
    const media = of(fails, 'ReadMedia');
    // The harmless Analytics statement is not a finding; the Media statement is.
    expect(media.map((f) => `${f.subId}=${f.status}`)).toEqual(['Media=fail']);
    const guest = media[0]!.evidence.find((e) => e.path === 'guest role')!;
    expect(guest.observed).toBe('VisitorRole');
    expect(guest.note).toMatch(/identity pool Visitors, which allows them; Roles makes it the pool's unauthenticated role/);
  });

  it('follows an attachment that names a template role by a literal ARN (its RoleName)', () => {
    const yaml = `Resources:${POOL('true')}
  Guest:
    Type: AWS::IAM::Role
    Properties:
      RoleName: site-guest
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": !Ref Pool } } }] }
  Attach:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: { unauthenticated: "arn:aws:iam::111122223333:role/site-guest" }
  GuestPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref Guest]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: dynamodb:Scan, Resource: !GetAtt Table.Arn }] }
  Table:
    Type: AWS::DynamoDB::Table
    Properties: { KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }], BillingMode: PAY_PER_REQUEST }
`;
    expect(of(run(POLICY, yaml), 'GuestPolicy').map((f) => f.status)).toEqual(['fail']);
    expect(of(run(DATA, yaml), 'Table').map((f) => f.status)).toEqual(['fail']);
    // The same with guests off on the pool: nothing is public.
    expect(of(run(POLICY, yaml.replace('AllowUnauthenticatedIdentities: true', 'AllowUnauthenticatedIdentities: false')), 'GuestPolicy').map((f) => f.status)).toEqual(['pass']);
  });

  it('an authenticated-only trust is not a guest role even when an attachment names it as unauthenticated', () => {
    const yaml = `Resources:${POOL('true')}
  Member:
    Type: AWS::IAM::Role
    Properties:${GUEST_TRUST('authenticated')}
  Attach:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: { unauthenticated: !GetAtt Member.Arn }
  MemberPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref Member]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }] }
`;
    const f = of(run(POLICY, yaml), 'MemberPolicy');
    expect(f.map((x) => x.status)).toEqual(['pass']);
    expect(f[0]!.evidence[0]!.note).toMatch(/admits only authenticated identities/);
  });

  it('judges a guest role\'s managed policies: a data policy fails, one it cannot read is unknown', () => {
    const yaml = `Resources:${POOL('true')}
  Guest:
    Type: AWS::IAM::Role
    Properties:${GUEST_TRUST()}
      ManagedPolicyArns:
        - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess"
        - arn:aws:iam::aws:policy/AmazonPollyFullAccessButNotReally
        - arn:aws:iam::111122223333:policy/guest-extras
`;
    const f = of(run(POLICY, yaml), 'Guest');
    expect(f.map((x) => `${x.subId}=${x.status}`)).toEqual(['ManagedPolicyArns[0]=fail', 'ManagedPolicyArns[1]=unknown', 'ManagedPolicyArns[2]=unknown']);
  });

  it('an Action the template does not resolve is unknown on a guest role, never a pass', () => {
    const yaml = `Parameters:
  Extra: { Type: String }
Resources:${POOL('true')}
  Guest:
    Type: AWS::IAM::Role
    Properties:${GUEST_TRUST()}
  GuestPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref Guest]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: [mobileanalytics:PutEvents, !Ref Extra], Resource: "*" }] }
`;
    expect(of(run(POLICY, yaml), 'GuestPolicy').map((x) => x.status)).toEqual(['unknown']);
  });

  it('an amr condition on an operator it does not evaluate makes the role unknown, not safe', () => {
    const yaml = `Resources:${POOL('true')}
  Guest:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": !Ref Pool }, "ForAnyValue:ArnLike": { "cognito-identity.amazonaws.com:amr": "x" } } }] }
  GuestPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref Guest]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: "*" }] }
`;
    const f = of(run(POLICY, yaml), 'GuestPolicy');
    expect(f.map((x) => x.status)).toEqual(['unknown']);
    expect(f[0]!.message).toMatch(/ArnLike/);
  });

  it('a trust that opens to everyone only under a condition is judged per branch: the open branch fails', () => {
    const yaml = `Parameters:
  Share: { Type: String, AllowedValues: ["public", "private"] }
Conditions:
  IsPublic: !Equals [!Ref Share, public]
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: !If [IsPublic, { AWS: "*" }, { AWS: "arn:aws:iam::444455556666:root" }]
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: !Sub "\${Data.Arn}/*" }] }
  Data:
    Type: AWS::S3::Bucket
`;
    expect(of(run(POLICY, yaml), 'Reader').map((f) => f.status)).toContain('fail');
    expect(of(run(DATA, yaml), 'Data').map((f) => f.status)).toContain('fail');
  });
});
