/**
 * cdk-nag (AwsSolutions pack) findings on the example service that are not
 * fixed, each acknowledged where it arises with the reason it stands. cdk-nag
 * 3 reads CDK's own acknowledgements (`Validations.of(x).acknowledge`), so
 * this module needs no cdk-nag import. test/cdk/cdk-nag.test.ts runs the pack
 * and fails on any finding not listed here.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ServiceStack } from './service-stack.js';

export interface NagAcknowledgement {
  /** Construct path below the stack. */
  readonly at: string;
  /** cdk-nag rule id, with the finding in brackets where the rule reports several. */
  readonly id: string;
  readonly reason: string;
}

export function nagAcknowledgements(s: ServiceStack): { construct: IConstruct; ack: NagAcknowledgement }[] {
  const logBuckets = [s.node.findChild('FlowLogs'), s.loadBalancer.node.findChild('AccessLogs')];
  const out: { construct: IConstruct; ack: Omit<NagAcknowledgement, 'at'> }[] = [
    ...logBuckets.map((c) => ({
      construct: c,
      ack: {
        id: 'AwsSolutions-S1',
        reason: 'This bucket receives logs (VPC flow logs / ALB access logs). Access-logging a log bucket needs yet another log bucket; it is SSE-S3, SSL-only and blocks all public access.',
      },
    })),
    {
      construct: s.bastion.role,
      ack: {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
        reason: 'The AWS-maintained policy for the SSM agent, the bastion\'s only way in (no inbound rule); it grants no administrative or IAM actions.',
      },
    },
    {
      construct: s.bastion.instance,
      ack: { id: 'AwsSolutions-EC28', reason: 'Detailed (1-minute) monitoring is not a promise of these policies; basic monitoring suffices for a bastion.' },
    },
    {
      construct: s.bastion.instance,
      ack: { id: 'AwsSolutions-EC29', reason: 'The bastion is disposable and rebuilt from the template; it holds no data worth termination protection.' },
    },
    {
      construct: s.database.instance,
      ack: { id: 'AwsSolutions-RDS11', reason: 'A non-default port is obscurity, not a control: the database is in isolated subnets, reachable only from the app and bastion security groups, TLS forced.' },
    },
    {
      construct: s.database.instance.node.findChild('Secret'),
      ack: { id: 'AwsSolutions-SMG4', reason: 'Credential rotation is not among the policies\' promises; a rotation function needs a network path to the database and is left to the operator.' },
    },
    {
      construct: s.cache.authToken,
      ack: { id: 'AwsSolutions-SMG4', reason: 'Rotating an ElastiCache AUTH token is a ModifyReplicationGroup ROTATE/SET sequence coordinated with clients, not a Secrets Manager rotation function.' },
    },
    {
      construct: s.tokens.tokens[0]!,
      ack: { id: 'AwsSolutions-SMG4', reason: 'Customer OAuth tokens are renewed by the data source\'s OAuth refresh flow; a Secrets Manager rotation function cannot mint them.' },
    },
    {
      construct: s.loadBalancer.loadBalancer,
      ack: { id: 'AwsSolutions-EC23', reason: 'The public entry point of the service: 443 (TLS 1.3 only) and 80 (301 to HTTPS only) from anywhere. No administrative port is open.' },
    },
    {
      construct: s.service.taskDefinition.taskRole,
      ack: {
        id: 'AwsSolutions-IAM5[Resource::<ExportsBucket54D5CE64.Arn>/exports/*]',
        reason: 'Object keys are generated at run time; the grant is s3:GetObject/s3:PutObject on one prefix of one bucket.',
      },
    },
    {
      construct: s.service.taskDefinition.taskRole,
      ack: { id: 'AwsSolutions-IAM5[Resource::<TelemetryBucketFB1718EF.Arn>/runs/*]', reason: 'Run telemetry objects are keyed by run id at run time; the grant is s3:PutObject on one prefix.' },
    },
    {
      construct: s.staff.policy,
      ack: {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:mfa/*]',
        reason: 'Users name their own virtual MFA device at enrolment, so CreateVirtualMFADevice cannot name one ARN; it is the only action on it.',
      },
    },
    {
      construct: s.staff.policy,
      ack: { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'iam:ListVirtualMFADevices and iam:GetAccountPasswordPolicy support no resource-level permissions; both are read-only.' },
    },
  ];
  const stackPath = s.node.path;
  return out.map(({ construct, ack }) => ({ construct, ack: { ...ack, at: construct.node.path.slice(stackPath.length + 1) } }));
}

/** Record every acknowledgement on its construct. */
export function acknowledgeNagFindings(s: ServiceStack): NagAcknowledgement[] {
  const list = nagAcknowledgements(s);
  for (const { construct, ack } of list) Validations.of(construct).acknowledge({ id: ack.id, reason: ack.reason });
  return list.map((l) => l.ack);
}
