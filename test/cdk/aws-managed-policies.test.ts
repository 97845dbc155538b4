/**
 * aws-cdk-lib's ManagedPolicy.fromAwsManagedPolicyName synthesizes an ARN built with
 * Fn::Join over AWS::Partition: vouch reads the policy name through it and judges the
 * policy by what its default version grants (src/lib/aws-managed-policies.ts).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { newStack, vouchCheck } from './harness.js';

const RULE = 'iam-least-privilege/aws-iam-full-access-managed-policy';

describe('AWS managed policies attached with aws-cdk-lib, judged by what they grant', () => {
  let doc: EvidenceDocument;
  beforeAll(async () => {
    // GIVEN a Glue role, an EMR instance role, a Lambda role and an EKS node role, each
    // with the AWS managed policy its service's guide suggests
    const stack = newStack();
    const role = (id: string, service: string, ...names: string[]) =>
      new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal(service), managedPolicies: names.map((n) => iam.ManagedPolicy.fromAwsManagedPolicyName(n)) });
    role('GlueRole', 'glue.amazonaws.com', 'service-role/AWSGlueServiceRole');
    role('EmrNodes', 'ec2.amazonaws.com', 'service-role/AmazonElasticMapReduceforEC2Role');
    role('Fn', 'lambda.amazonaws.com', 'service-role/AWSLambdaBasicExecutionRole', 'service-role/AWSLambdaVPCAccessExecutionRole');
    role('Nodes', 'ec2.amazonaws.com', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly');
    // WHEN vouch checks the synthesized assembly
    doc = await vouchCheck(stack);
  }, 120_000);

  const verdicts = () =>
    Object.fromEntries(
      doc.findings.filter((f) => f.ruleId === RULE).map((f) => [`${(f.resource.logicalId ?? '').replace(/[0-9A-F]{8}$/, '')}${f.subId ? ` ${f.subId}` : ''}`, f.status]),
    );

  it('fails the Glue and EMR instance roles, naming what the policy grants', () => {
    // THEN
    expect(verdicts()).toMatchObject({ 'GlueRole ManagedPolicyArns:AWSGlueServiceRole': 'fail', 'EmrNodes ManagedPolicyArns:AmazonElasticMapReduceforEC2Role': 'fail' });
    const glue = doc.findings.find((f) => f.ruleId === RULE && f.subId === 'ManagedPolicyArns:AWSGlueServiceRole');
    expect(glue?.message).toBe('AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources (default version v5)');
  });

  it('passes roles whose AWS managed policies list their actions', () => {
    expect(verdicts()).toMatchObject({ Fn: 'pass', Nodes: 'pass' });
  });
});
