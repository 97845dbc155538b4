/**
 * The CloudTrail event classes CIS AWS Foundations 4.1–4.15 (Security Hub
 * CloudWatch.1–14) want a metric filter and alarm for. Each class is a set of
 * sample CloudTrail records the filter must count, written from the events
 * the benchmark names; a filter covers the class when it matches every
 * sample and does not match an ordinary successful read (a filter that counts
 * every event singles nothing out).
 */
import type { Json } from './_aws-filter-pattern.js';

export interface EventClass {
  /** Finding sub-id; the benchmark profile names it: `rule[sub]`. */
  id: string;
  cis: string;
  title: string;
  samples: Json[];
}

const ACCOUNT = '111122223333';
const user = { type: 'IAMUser', principalId: 'AIDAEXAMPLEUSER', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' };
const root = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };

function api(eventSource: string, eventName: string, extra: Record<string, Json> = {}): Json {
  return { eventVersion: '1.09', eventType: 'AwsApiCall', eventSource, eventName, awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.20', userAgent: 'aws-cli/2.15', userIdentity: user, recipientAccountId: ACCOUNT, readOnly: false, ...extra };
}
const calls = (source: string, names: string[]) => names.map((n) => api(source, n));

function consoleLogin(extra: Record<string, Json>): Json {
  return { eventVersion: '1.09', eventType: 'AwsConsoleSignIn', eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.20', userIdentity: user, recipientAccountId: ACCOUNT, ...extra };
}

/** An ordinary, successful read: no class's filter may count it. */
export const ORDINARY_EVENT: Json = { ...(api('ec2.amazonaws.com', 'DescribeInstances') as Record<string, Json>), readOnly: true };

export const EVENT_CLASSES: readonly EventClass[] = [
  {
    id: 'unauthorized-api-calls',
    cis: '4.1',
    title: 'unauthorized API calls',
    samples: [
      api('ec2.amazonaws.com', 'RunInstances', { errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' }),
      api('ec2.amazonaws.com', 'DescribeVpcs', { errorCode: 'UnauthorizedOperation' }),
      api('s3.amazonaws.com', 'ListBuckets', { errorCode: 'AccessDenied', errorMessage: 'Access Denied' }),
      api('kms.amazonaws.com', 'Decrypt', { errorCode: 'AccessDeniedException' }),
    ],
  },
  {
    id: 'console-signin-without-mfa',
    cis: '4.2',
    title: 'console sign-in without MFA',
    samples: [consoleLogin({ additionalEventData: { LoginTo: 'https://console.aws.amazon.com/', MobileVersion: 'No', MFAUsed: 'No' }, responseElements: { ConsoleLogin: 'Success' } })],
  },
  {
    id: 'root-usage',
    cis: '4.3',
    title: 'use of the root user',
    samples: [
      { ...(api('iam.amazonaws.com', 'CreateAccessKey') as Record<string, Json>), userIdentity: root },
      consoleLogin({ userIdentity: root, additionalEventData: { MFAUsed: 'Yes' }, responseElements: { ConsoleLogin: 'Success' } }),
    ],
  },
  {
    id: 'iam-policy-changes',
    cis: '4.4',
    title: 'IAM policy changes',
    samples: calls('iam.amazonaws.com', [
      'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy',
      'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
    ]),
  },
  { id: 'cloudtrail-changes', cis: '4.5', title: 'CloudTrail configuration changes', samples: calls('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']) },
  {
    id: 'console-auth-failures',
    cis: '4.6',
    title: 'console authentication failures',
    samples: [consoleLogin({ errorMessage: 'Failed authentication', additionalEventData: { MFAUsed: 'No' }, responseElements: { ConsoleLogin: 'Failure' } })],
  },
  { id: 'cmk-disable-or-deletion', cis: '4.7', title: 'disabling or scheduled deletion of customer-managed keys', samples: calls('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']) },
  {
    id: 's3-bucket-policy-changes',
    cis: '4.8',
    title: 'S3 bucket policy changes',
    samples: calls('s3.amazonaws.com', ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication']),
  },
  { id: 'config-changes', cis: '4.9', title: 'AWS Config configuration changes', samples: calls('config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder']) },
  {
    id: 'security-group-changes',
    cis: '4.10',
    title: 'security group changes',
    samples: calls('ec2.amazonaws.com', ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup']),
  },
  {
    id: 'nacl-changes',
    cis: '4.11',
    title: 'network ACL changes',
    samples: calls('ec2.amazonaws.com', ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation']),
  },
  {
    id: 'network-gateway-changes',
    cis: '4.12',
    title: 'network gateway changes',
    samples: calls('ec2.amazonaws.com', ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway']),
  },
  {
    id: 'route-table-changes',
    cis: '4.13',
    title: 'route table changes',
    samples: calls('ec2.amazonaws.com', ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']),
  },
  {
    id: 'vpc-changes',
    cis: '4.14',
    title: 'VPC changes',
    samples: calls('ec2.amazonaws.com', [
      'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink',
    ]),
  },
  {
    id: 'organizations-changes',
    cis: '4.15',
    title: 'AWS Organizations changes',
    samples: calls('organizations.amazonaws.com', [
      'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy',
      'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit',
    ]),
  },
];
