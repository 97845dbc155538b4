import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { definite, shown } from '../_principal.js';

/**
 * A layer version permission for principal "*" without an OrganizationId lets
 * every AWS account use the layer, and so read its code and whatever was baked
 * into it (configuration, certificates, credentials).
 */
export default defineRule({
  id: 'public-access/aws-lambda-layer-permission',
  control: 'public-access',
  title: 'Lambda layer versions are not shared with every AWS account',
  severity: 'high',
  risk: 'A layer shared with "*" can be downloaded by anyone with an AWS account: its code and any configuration or secret inside it are public.',
  remediation: {
    text: 'Share the layer with named accounts, or with "*" restricted to your organization (OrganizationId).',
    cdk: "layer.addPermission('Org', { accountId: '*', organizationId: 'o-abc123' })",
    cloudformation: 'Type: AWS::Lambda::LayerVersionPermission\nProperties:\n  Action: lambda:GetLayerVersion\n  LayerVersionArn: !Ref Layer\n  Principal: "*"\n  OrganizationId: o-abc123',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html'],
  types: ['aws.lambda.layer-version-permission'],
  sources: ['iac'],
  check(r) {
    const principal = definite(r, 'Principal');
    const e = ev('Principal', principal ?? null, 'named accounts, or "*" with OrganizationId');
    if (principal !== '*') return pass(`shared with ${shown(principal)}`, e);
    const org = known(r, 'OrganizationId');
    if (org !== undefined && org !== null && org !== '') return pass('shared with every account of one organization', e, ev('OrganizationId', org));
    return fail('the layer version is shared with every AWS account (Principal "*", no OrganizationId)', e, ev('OrganizationId', null, 'an organization id'));
  },
});
