import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * A SageMaker (Studio) domain's apps reach the internet through a SageMaker-managed network unless
 * AppNetworkAccessType is VpcOnly (omitted: PublicInternetOnly), as a notebook instance with direct
 * internet access does (the house reading of SageMaker notebooks).
 */
export default defineRule({
  id: 'public-access/aws-sagemaker-domain',
  control: 'public-access',
  title: 'SageMaker domains keep their apps inside the VPC (AppNetworkAccessType VpcOnly)',
  severity: 'medium',
  risk: 'With PublicInternetOnly, Studio apps and notebooks reach the internet outside the VPC: data can leave past every VPC control, and code from the internet runs beside the data.',
  remediation: {
    text: 'Set AppNetworkAccessType: VpcOnly with private subnets and security groups; reach the internet through the VPC (NAT, endpoints) if needed.',
    cdk: "new sagemaker.CfnDomain(this, 'Studio', { ..., appNetworkAccessType: 'VpcOnly' })",
    cloudformation: 'AppNetworkAccessType: VpcOnly',
  },
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-domain.html'],
  types: ['aws.sagemaker.domain'],
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'AppNetworkAccessType');
    const v = raw === undefined || raw === null ? 'PublicInternetOnly' : text(raw).trim();
    const evidence = ev('AppNetworkAccessType', raw ?? null, 'VpcOnly', raw === undefined ? 'omitted: domains are created with PublicInternetOnly' : undefined);
    if (v === 'VpcOnly') return pass('the domain’s apps reach networks only through its VPC', evidence);
    if (v === 'PublicInternetOnly') return fail('the domain’s apps have direct internet access (PublicInternetOnly)', evidence);
    return fail(`AppNetworkAccessType ${v} is not a valid value`, ev('AppNetworkAccessType', raw, 'VpcOnly', notAValidValue('AppNetworkAccessType', v, 'PublicInternetOnly or VpcOnly')));
  },
});
