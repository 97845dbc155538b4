import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asBool, asNumber, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';

/**
 * SageMaker Model Monitor job definitions (data quality, model quality, model bias,
 * model explainability) run their processing containers on `InstanceCount` instances;
 * with two or more, the containers exchange the monitored data over the network, in
 * plain text unless `NetworkConfig.EnableInterContainerTrafficEncryption` is true (the
 * default is false). AWS Config's sagemaker-*-job-encrypt-in-transit rules judge the same
 * fact, and only from two instances up.
 */
export default defineRule({
  id: 'tls-min/aws-sagemaker-monitoring-job-definition',
  control: 'tls-min',
  title: 'SageMaker monitoring jobs on several instances encrypt traffic between their containers',
  severity: 'low',
  risk: 'Captured inference requests and responses (often personal data) move between the job instances unencrypted.',
  remediation: {
    text: 'Set NetworkConfig.EnableInterContainerTrafficEncryption: true (or run the job on one instance).',
    cdk: "new sagemaker.CfnDataQualityJobDefinition(this, 'Quality', { ..., networkConfig: { enableInterContainerTrafficEncryption: true } })",
    cloudformation: 'NetworkConfig:\n  EnableInterContainerTrafficEncryption: true',
  },
  references: [
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringNetworkConfig.html',
    'https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/sagemaker-model-explainability-job-encrypt-in-transit.html',
  ],
  types: ['aws.sagemaker.data-quality-job-definition', 'aws.sagemaker.model-quality-job-definition', 'aws.sagemaker.model-bias-job-definition', 'aws.sagemaker.model-explainability-job-definition'],
  // No live collector reads SageMaker: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'NetworkConfig.EnableInterContainerTrafficEncryption');
    const on = asBool(raw);
    const e = ev('NetworkConfig.EnableInterContainerTrafficEncryption', raw ?? null, true, raw === undefined ? 'omitted: defaults to false' : on === undefined ? `${text(raw)} is not a valid value (true or false)` : undefined);
    if (on === true) return pass("traffic between the job's instances is encrypted", e);
    const rawCount = known(r, 'JobResources.ClusterConfig.InstanceCount');
    const count = asNumber(rawCount);
    const countEv = ev('JobResources.ClusterConfig.InstanceCount', rawCount ?? null);
    if (count !== undefined && count < 2) return notApplicable('the job runs on one instance: no traffic between containers', countEv, e);
    return fail(`the job's ${text(rawCount ?? 'several')} instances exchange data unencrypted`, countEv, e);
  },
});
