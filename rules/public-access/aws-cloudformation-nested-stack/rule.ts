import { defineRule } from '../../../src/evaluate/rule.js';
import { nestedStackSetting } from '../../../src/lib/nested-stack-settings.js';

export default defineRule({
  id: 'public-access/aws-cloudformation-nested-stack',
  control: 'public-access',
  title: 'Nested stacks whose template is not read do not take a public access setting unseen',
  severity: 'high',
  risk: 'A nested stack or Serverless Application Repository app is passed PubliclyAccessible: true in its Parameters, which sets public access, but its template is not part of what was scanned: a child that opens a database or bucket from it may expose data to the internet, and nothing here would show it.',
  remediation: {
    text: 'Scan the child template too (vouch check parent.yaml child.yaml, or the cdk.out that holds it), or the deployed stack (vouch scan aws); set the parameter to its secure value.',
    cloudformation: 'Type: AWS::CloudFormation::Stack\nProperties:\n  TemplateURL: https://templates.example.com/child.yaml\n  Parameters:\n    PubliclyAccessible: <secure value>',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html'],
  types: ['aws.cloudformation.nested-stack'],
  // Judged in templates only: a deployed nested stack's resources are scanned live on their own.
  sources: ['iac'],
  check(r, { inventory }) {
    return nestedStackSetting(r, inventory, 'public-access');
  },
});
