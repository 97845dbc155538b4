/**
 * A moto world with one violation per CIS AWS Foundations control vouch
 * judges, seeded through the AWS APIs with plain SDK clients (not vouch's
 * read-only ones). `CANNOT_SEED` lists the covered controls moto cannot
 * break, with why, and the verdict vouch gives instead.
 */
import { S3Client, CreateBucketCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { IAMClient, UploadServerCertificateCommand, CreateUserCommand, CreateLoginProfileCommand, CreateAccessKeyCommand, PutUserPolicyCommand, CreatePolicyCommand, AttachUserPolicyCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { EC2Client, CreateSecurityGroupCommand, AuthorizeSecurityGroupIngressCommand, RunInstancesCommand, DescribeSecurityGroupsCommand, DescribeImagesCommand, RegisterImageCommand } from '@aws-sdk/client-ec2';
import { RDSClient, CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { KMSClient, CreateKeyCommand } from '@aws-sdk/client-kms';
import { EFSClient, CreateFileSystemCommand } from '@aws-sdk/client-efs';
import type { BenchmarkVerdict } from '../../src/evaluate/frameworks/verdicts.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** Covered automated controls moto cannot put in violation, and the verdict vouch reaches instead. */
export const CANNOT_SEED: Record<string, { verdict: BenchmarkVerdict; why: string }> = {
  '1.4': { verdict: 'pass', why: 'moto has no root access keys (GetAccountSummary AccountAccessKeysPresent is always 0)' },
  '1.12': { verdict: 'unknown', why: "moto dates every credential report 2015-02-02: ages measured from it would be wrong, so vouch says unknown" },
  '1.14': { verdict: 'unknown', why: "moto dates every credential report 2015-02-02 (as 1.12)" },
};

export async function seedCisWorld(endpoint: string): Promise<void> {
  const base = { endpoint, credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' }, region: REGION };
  const iam = new IAMClient(base);
  const s3 = new S3Client({ ...base, forcePathStyle: true });
  const ec2 = new EC2Client(base);

  // 1.8, 1.9: a weak password policy (8 characters, reuse allowed).
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireNumbers: true }));
  // 1.10: a console user without MFA.
  await iam.send(new CreateUserCommand({ UserName: 'console-no-mfa' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'console-no-mfa', Password: 'Seed-Only-Pw-1!' }));
  // 1.13: two active access keys.
  await iam.send(new CreateUserCommand({ UserName: 'two-keys' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'two-keys' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'two-keys' }));
  // 1.15: a policy on the user itself; 1.16: a full "*:*" policy attached.
  await iam.send(new PutUserPolicyCommand({ UserName: 'two-keys', PolicyName: 'direct', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }) }));
  const admin = await iam.send(new CreatePolicyCommand({ PolicyName: 'full-admin', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'console-no-mfa', PolicyArn: admin.Policy!.Arn! }));
  // 1.17: no role has AWSSupportAccess (nothing to seed). 1.5, 1.6: moto's root has no MFA.
  // 1.19: a server certificate kept in IAM (moto reports every one as expired in 2012).
  await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'cis-old-cert', CertificateBody: 'seed-certificate-body', PrivateKey: 'seed-private-key' }));

  // 2.1.1 (no deny-HTTP policy), 2.1.4 (no public access block), 3.4 (no access logging), 2.1.2 (versioned, no MFA delete).
  await s3.send(new CreateBucketCommand({ Bucket: 'cis-open-bucket' }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'cis-open-bucket', VersioningConfiguration: { Status: 'Enabled' } }));

  // 2.2.1: EBS encryption by default stays off (moto's default). 2.3.1, 2.3.2, 2.3.3: one database breaks all three.
  await new RDSClient(base).send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'cis-db',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'postgres',
      AllocatedStorage: 20,
      MasterUsername: 'app',
      MasterUserPassword: 'Seed-Only-Pw-1!',
      StorageEncrypted: false,
      PubliclyAccessible: true,
      AutoMinorVersionUpgrade: false,
    }),
  );

  // 3.1, 3.2, 3.5, 3.8, 3.9: a single-region trail without validation, KMS or data events.
  await s3.send(new CreateBucketCommand({ Bucket: 'cis-trail-logs' }));
  const ct = new CloudTrailClient(base);
  await ct.send(new CreateTrailCommand({ Name: 'cis-trail', S3BucketName: 'cis-trail-logs', IsMultiRegionTrail: false, EnableLogFileValidation: false }));
  await ct.send(new StartLoggingCommand({ Name: 'cis-trail' }));
  // 3.6: a customer-managed key without rotation.
  await new KMSClient(base).send(new CreateKeyCommand({ Description: 'cis no rotation' }));
  // 2.4.1: an unencrypted EFS file system.
  await new EFSClient(base).send(new CreateFileSystemCommand({ CreationToken: 'cis-efs', Encrypted: false }));
  // 4.1–4.15: the only trail is single-region (above), so no multi-region trail feeds a metric filter.
  // 1.20: the Access Analyzer server (moto has none) lists no analyzer. 3.3: no Config recorder.
  // 4.16: Security Hub is not enabled (moto's default).
  // 3.7: the default VPC has no flow logs. 5.1: its default network ACL admits everything. 5.4: its default security group has rules.

  // 5.2 (0.0.0.0/0 to 22) and 5.3 (::/0 to 3389).
  const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'cis-open-admin', Description: 'open admin ports' }));
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg.GroupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      ],
    }),
  );
  // 5.6: an instance that accepts IMDSv1.
  const images = await ec2.send(new DescribeImagesCommand({}));
  const image = images.Images?.[0]?.ImageId ?? (await ec2.send(new RegisterImageCommand({ Name: 'cis-seed-ami', RootDeviceName: '/dev/xvda' }))).ImageId!;
  const defaultSg = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))).SecurityGroups![0]!.GroupId!;
  await ec2.send(new RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SecurityGroupIds: [defaultSg], MetadataOptions: { HttpTokens: 'optional' } }));
}
