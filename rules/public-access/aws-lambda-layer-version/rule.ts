import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeOpenedByPolicies } from '../_opened-by-policy.js';
import layerPermission from '../aws-lambda-layer-permission/rule.js';

/**
 * The layer version itself, judged by the AWS::Lambda::LayerVersionPermission resources that name it
 * (read as public-access/aws-lambda-layer-permission reads them): a layer version shared with every
 * AWS account is public, whichever resource carries the grant.
 */
export default defineRule({
  id: 'public-access/aws-lambda-layer-version',
  control: 'public-access',
  title: 'Lambda layer versions are not shared with every AWS account by a layer permission',
  severity: 'high',
  risk: 'A layer version a permission shares with "*" can be downloaded by anyone with an AWS account: its code and any configuration or secret inside it are public.',
  remediation: {
    text: 'Share the layer with named accounts, or with "*" restricted to your organization (OrganizationId).',
    cdk: "layer.addPermission('Org', { accountId: '*', organizationId: 'o-abc123' })",
    cloudformation: 'Type: AWS::Lambda::LayerVersionPermission\nProperties:\n  Action: lambda:GetLayerVersion\n  LayerVersionArn: !Ref Layer\n  Principal: "*"\n  OrganizationId: o-abc123',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html'],
  types: ['aws.lambda.layer-version'],
  sources: ['iac'],
  check(r, ctx) {
    return judgeOpenedByPolicies(r, ctx.inventory, { path: 'Principal', what: 'use the layer' }, 'layer version', { judge: (p) => layerPermission.check(p as never, ctx) });
  },
});
