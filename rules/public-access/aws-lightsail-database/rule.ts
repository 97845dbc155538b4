import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

/**
 * A Lightsail managed database in public mode (PubliclyAccessible true) takes connections from any
 * address on the internet, guarded only by its master password; private mode admits only the
 * account's Lightsail resources in the same region. Lightsail creates databases with public mode
 * disabled, so an omitted property passes, with that default in the evidence.
 */
export default defineRule({
  id: 'public-access/aws-lightsail-database',
  control: 'public-access',
  title: 'Lightsail databases are not in public mode',
  severity: 'high',
  risk: 'A Lightsail database in public mode accepts connections from the whole internet: anyone who guesses or steals the master password reads and changes the data.',
  remediation: {
    text: 'Set PubliclyAccessible: false (or omit it) and connect from Lightsail instances in the same region; turn public mode on only for a short, attended task.',
    cloudformation: 'Type: AWS::Lightsail::Database\nProperties:\n  PubliclyAccessible: false',
  },
  references: [
    'https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-configuring-database-public-mode.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-database.html',
  ],
  types: ['aws.lightsail.database'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgePublicFlag(r, { path: 'PubliclyAccessible', defaultPublic: false, omittedNote: 'omitted: Lightsail creates databases with public mode disabled', what: 'database' });
  },
});
