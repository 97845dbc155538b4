import { describe, it, expect } from 'vitest';
import { Template, Match, Annotations } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TokenVault } from '../../cdk/token-vault.js';
import { newStack, vouchCheck, problems } from './harness.js';

describe('TokenVault', () => {
  it('stores tokens under a rotating customer-managed key with no value in the template', async () => {
    const stack = newStack();
    const vault = new TokenVault(stack, 'Tokens');
    vault.addToken('FacebookAds');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TokensKey'), 'Arn'] },
      GenerateSecretString: Match.anyValue(),
    });
    const secret = Object.values(t.findResources('AWS::SecretsManager::Secret'))[0] as { Properties: Record<string, unknown> };
    expect(secret.Properties.SecretString).toBeUndefined();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    expect(problems(await vouchCheck(stack))).toEqual([]);
  });

  it('grantRead grants exactly GetSecretValue on the secret and a scoped kms:Decrypt', async () => {
    const stack = newStack();
    const vault = new TokenVault(stack, 'Tokens');
    const token = vault.addToken('FacebookAds');
    const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    vault.grantRead(role, token);
    const t = Template.fromStack(stack);
    const policies = Object.values(t.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toEqual({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: expect.stringMatching(/^TokensFacebookAds/) } });
    expect(statements[1]).toMatchObject({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^TokensKey/), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': expect.anything(), 'kms:EncryptionContext:SecretARN': { Ref: expect.stringMatching(/^TokensFacebookAds/) } } },
    });
    expect(problems(await vouchCheck(stack))).toEqual([]);
  });

  it('refuses to grant a secret from elsewhere', () => {
    const stack = newStack();
    const a = new TokenVault(stack, 'A');
    const b = new TokenVault(stack, 'B');
    const foreign = b.addToken('X');
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    expect(() => a.grantRead(role, foreign)).toThrow(/not a secret of this vault/);
  });
});
