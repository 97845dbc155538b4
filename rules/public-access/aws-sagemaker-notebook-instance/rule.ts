import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'public-access/aws-sagemaker-notebook-instance',
  control: 'public-access',
  title: 'SageMaker notebook instances have no direct internet access',
  severity: 'medium',
  risk: 'A notebook with direct internet access reaches (and is reachable through) a network outside the VPC: data can leave past every VPC control, and code from the internet runs beside the data.',
  remediation: {
    text: 'Place the notebook in a VPC subnet (SubnetId, SecurityGroupIds) and set DirectInternetAccess: Disabled; reach the internet through the VPC (NAT, endpoints) if needed.',
    cdk: "new sagemaker.CfnNotebookInstance(this, 'Notebook', { ..., subnetId, securityGroupIds, directInternetAccess: 'Disabled' })",
    cloudformation: 'DirectInternetAccess: Disabled\nSubnetId: !Ref PrivateSubnet',
  },
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-notebookinstance.html'],
  types: ['aws.sagemaker.notebook-instance'],
  // No live collector reads SageMaker: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'DirectInternetAccess');
    const v = raw === undefined || raw === null ? 'Enabled' : text(raw).trim();
    const evidence = ev('DirectInternetAccess', raw ?? null, 'Disabled', raw === undefined ? 'omitted: notebook instances are internet-enabled by default' : undefined);
    if (v === 'Disabled') return pass('notebook reaches networks only through its VPC', evidence);
    if (v === 'Enabled') return fail('notebook has direct internet access', evidence);
    return fail(`DirectInternetAccess ${v} is not a valid value`, ev('DirectInternetAccess', raw, 'Disabled', notAValidValue('DirectInternetAccess', v, 'Enabled or Disabled')));
  },
});
