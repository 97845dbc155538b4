/**
 * Small CDK-shaped stacks for the ownership and drift tests: templates with
 * `aws:cdk:path` metadata as `cdk synth` writes them, deployed into moto
 * through CloudFormation CreateStack.
 */
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

export const SEED = { region: 'us-east-1', credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' } };

type Res = { Type: string; Properties?: Record<string, unknown>; path: string };

/** A template whose every resource carries its construct path, like a synthesized CDK stack. */
export function cdkTemplate(stack: string, resources: Record<string, Res>, parameters?: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const [id, r] of Object.entries(resources)) out[id] = { Type: r.Type, ...(r.Properties ? { Properties: r.Properties } : {}), Metadata: { 'aws:cdk:path': `${stack}/${r.path}` } };
  return JSON.stringify({ ...(parameters ? { Parameters: parameters } : {}), Resources: out }, null, 1);
}

export function encryptedBucket(name: string): Res {
  return {
    Type: 'AWS::S3::Bucket',
    path: `${name}/Resource`,
    Properties: { BucketName: name, BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } },
  };
}

export function queue(name: string, path: string): Res {
  return { Type: 'AWS::SQS::Queue', path, Properties: { QueueName: name, SqsManagedSseEnabled: true } };
}

export function securityGroup(path: string, description: string): Res {
  return { Type: 'AWS::EC2::SecurityGroup', path, Properties: { GroupDescription: description, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }] } };
}

/** Deploy a template and return the stack id (moto creates the resources synchronously). */
export async function deploy(url: string, name: string, body: string, parameters?: Record<string, string>, region = SEED.region): Promise<string> {
  const cfn = new CloudFormationClient({ ...SEED, region, endpoint: url });
  const r = await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: parameters && Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })) }));
  const d = await cfn.send(new DescribeStacksCommand({ StackName: name }));
  const status = d.Stacks?.[0]?.StackStatus;
  if (status !== 'CREATE_COMPLETE') throw new Error(`stack ${name}: ${status} ${d.Stacks?.[0]?.StackStatusReason ?? ''}`);
  return r.StackId!;
}
