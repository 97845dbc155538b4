import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass } from '../../../src/evaluate/facts.js';
import { COGNITO_ROLES_REFERENCE } from '../_anonymous-role.js';
import { guestGrantsReaching } from '../_guest-grants.js';
import { grantVerdict } from '../_guest-verdicts.js';

/**
 * The data side of aws-public-role-policy: a bucket, table, queue, topic,
 * stream, function, secret, parameter, key, state machine or log group that a
 * policy of a role anyone can assume reaches (a Cognito guest role, a trust open
 * to everyone; by Ref/GetAtt, an ARN built from them, a literal ARN naming it,
 * or `*`) is open to anyone. A resource no such grant
 * reaches is out of this rule's scope.
 */
export default defineRule({
  id: 'public-access/aws-public-role-data-access',
  control: 'public-access',
  title: 'Data resources are not reachable through roles anyone can assume (Cognito guest roles, trusts open to everyone)',
  severity: 'high',
  risk: 'Anyone can get credentials for an identity pool\'s guest role without signing in, and any AWS account can assume a role whose trust is open to everyone; a resource such a role may read or write is readable or writable by the whole internet.',
  remediation: {
    text: 'Remove the grant from the guest role (grant the authenticated role instead) or turn unauthenticated identities off on the identity pool; pin a trust open to everyone with a condition on the caller.',
    cdk: 'table.grantReadData(identityPool.authenticatedRole) // not identityPool.unauthenticatedRole',
    cloudformation: 'Type: AWS::Cognito::IdentityPool\nProperties:\n  AllowUnauthenticatedIdentities: false',
  },
  references: [COGNITO_ROLES_REFERENCE],
  types: [
    'aws.s3.bucket', 'aws.dynamodb.table', 'aws.dynamodb.global-table', 'aws.sqs.queue', 'aws.sns.topic', 'aws.kinesis.stream', 'aws.firehose.delivery-stream',
    'aws.lambda.function', 'aws.secretsmanager.secret', 'aws.ssm.parameter', 'aws.kms.key', 'aws.stepfunctions.state-machine', 'aws.logs.log-group',
  ],
  // Live, identity pools are not collected: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    const reaching = guestGrantsReaching(r, inventory);
    if (reaching.length === 0) return undefined;
    const open = reaching.filter((x) => x.reach.status !== 'not');
    if (open.length === 0) {
      const names = [...new Set(reaching.map((x) => x.role.location.logicalId ?? x.role.id))];
      return pass(
        `granted only to roles that not everyone can assume (${names.join(', ')})`,
        ...reaching.map((x) => ev(`${x.holder.location.logicalId ?? x.holder.id}.${x.grant.path}`, x.grant.actions, undefined, `${x.role.location.logicalId ?? x.role.id}: ${x.reach.why}`)),
      );
    }
    return open.map((x): Verdict => {
      const v = grantVerdict(x.grant, [{ role: x.role, reach: x.reach }], `${x.label} reaches this resource`);
      return { ...v, subId: `${x.holder.location.logicalId ?? x.holder.id}/${x.grant.subId}` };
    });
  },
});
