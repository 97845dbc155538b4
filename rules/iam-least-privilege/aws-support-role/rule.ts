import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray } from '../../../src/evaluate/facts.js';

/**
 * CIS AWS 1.17. Live only: the collector lists the roles that have the
 * AWS-managed AWSSupportAccess policy attached (from GetAccountAuthorizationDetails).
 */
export default defineRule({
  id: 'iam-least-privilege/aws-support-role',
  control: 'iam-least-privilege',
  title: 'A role with AWSSupportAccess exists, so incidents are handled with AWS Support without broader rights',
  severity: 'low',
  risk: 'Without a dedicated support role, people open AWS Support cases with administrator access, or with the root user.',
  remediation: {
    text: 'Create a role for your incident responders and attach the AWS-managed AWSSupportAccess policy to it.',
    cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json && aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
  },
  references: ['https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html'],
  types: ['aws.iam.account'],
  sources: ['live'],
  check(r) {
    const roles = asArray(known(r, 'Live.SupportAccessRoles')).map(String);
    const e = ev('Live.SupportAccessRoles', roles, 'at least one role with AWSSupportAccess attached');
    return roles.length ? pass(`support role: ${roles.join(', ')}`, e) : fail('no role has AWSSupportAccess attached', e);
  },
});
