import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const STATES = ['ACTIVE', 'INACTIVE'];

/**
 * A Cognito user pool is the store of an application's user accounts (profiles, password hashes, MFA settings);
 * deleting it cannot be undone. `DeletionProtection: ACTIVE` makes DeleteUserPool fail until it is turned off.
 * The console turns it on for new pools, but "When you create a user pool with the CreateUserPool API, deletion
 * protection is inactive by default" (Cognito developer guide, User pool deletion protection), which is what
 * CloudFormation calls: omitted or INACTIVE fails, ACTIVE passes. AWS Config has the same check
 * (cognito-user-pool-deletion-protection-enabled).
 */
export default defineRule({
  id: 'deletion-protection/aws-cognito-user-pool',
  control: 'deletion-protection',
  title: 'Cognito user pools have deletion protection',
  severity: 'medium',
  risk: 'Without deletion protection one DeleteUserPool call, or a stack update that replaces the pool, removes every user account; users cannot sign in and their accounts cannot be restored.',
  remediation: {
    text: 'Set DeletionProtection: ACTIVE on the user pool.',
    cdk: "new cognito.UserPool(this, 'Users', { ..., deletionProtection: true })",
    cloudformation: 'Type: AWS::Cognito::UserPool\nProperties:\n  DeletionProtection: ACTIVE',
  },
  references: [
    'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/cognito-user-pool-deletion-protection-enabled.html',
  ],
  types: ['aws.cognito.user-pool'],
  // The live collector does not read user pool settings.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'DeletionProtection');
    const e = ev('DeletionProtection', raw ?? null, 'ACTIVE', raw === undefined || raw === null ? 'omitted: INACTIVE when a pool is created through the API (CloudFormation)' : undefined);
    if (raw === undefined || raw === null) return fail('the user pool can be deleted by one call: deletion protection is not on', e);
    const v = text(raw).trim().toUpperCase();
    if (!STATES.includes(v)) return fail(`DeletionProtection ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('DeletionProtection', text(raw), STATES.join(', ')) });
    return v === 'ACTIVE' ? pass('the user pool has deletion protection', e) : fail('the user pool can be deleted by one call: deletion protection is INACTIVE', e);
  },
});
