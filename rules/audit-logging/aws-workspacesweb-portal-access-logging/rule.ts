import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text, knownPointer, pointerNote } from '../../../src/evaluate/facts.js';

/**
 * A WorkSpaces Secure Browser (WorkSpaces Web) portal records user sessions (start, end,
 * URLs visited) only to the Kinesis stream of the user access logging settings it is
 * associated with: `UserAccessLoggingSettingsArn`. Without one (the default) there is
 * no record of what a user did through the portal.
 */
export default defineRule({
  id: 'audit-logging/aws-workspacesweb-portal-access-logging',
  control: 'audit-logging',
  title: 'WorkSpaces Secure Browser portals log user access',
  severity: 'low',
  risk: 'Without user access logging there is no record of who used the portal, when, and which sites they opened through it.',
  remediation: {
    text: 'Create an AWS::WorkSpacesWeb::UserAccessLoggingSettings with a Kinesis stream and set the portal UserAccessLoggingSettingsArn to it.',
    cdk: "new workspacesweb.CfnPortal(this, 'Portal', { userAccessLoggingSettingsArn: logging.attrUserAccessLoggingSettingsArn, ... })",
    cloudformation: 'Type: AWS::WorkSpacesWeb::Portal\nProperties:\n  UserAccessLoggingSettingsArn: !GetAtt AccessLogging.UserAccessLoggingSettingsArn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-workspacesweb-portal.html',
    'https://docs.aws.amazon.com/workspaces-web/latest/adminguide/user-logging.html',
  ],
  types: ['aws.workspacesweb.portal'],
  // No live collector reads WorkSpaces Web: judged in templates only.
  sources: ['iac'],
  check(r) {
    // Presence decides: the portal takes only an existing settings resource's ARN, so one from a parameter or an import is logging on.
    const arn = knownPointer(r, 'UserAccessLoggingSettingsArn');
    const item = ev('UserAccessLoggingSettingsArn', arn ?? null, 'user access logging settings', arn === undefined ? 'omitted: the portal logs no user access' : pointerNote(arn, 'the settings'));
    if (arn === undefined) return fail('the portal has no user access logging settings: user sessions are not logged', item);
    return pass(`user access is logged through ${pointerNote(arn, 'x') ? 'settings set at deploy time' : text(arn)}`, item);
  },
});
