import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asBool, asNumber, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';

const SCHEDULE_JOB = 'MonitoringScheduleConfig.MonitoringJobDefinition';
/** Where each type keeps the flag and the instance count (a schedule may define its job inline). */
const PATHS: Record<string, { flag: string; count: string }> = {
  'aws.sagemaker.data-quality-job-definition': { flag: 'NetworkConfig.EnableInterContainerTrafficEncryption', count: 'JobResources.ClusterConfig.InstanceCount' },
  'aws.sagemaker.model-quality-job-definition': { flag: 'NetworkConfig.EnableInterContainerTrafficEncryption', count: 'JobResources.ClusterConfig.InstanceCount' },
  'aws.sagemaker.model-bias-job-definition': { flag: 'NetworkConfig.EnableInterContainerTrafficEncryption', count: 'JobResources.ClusterConfig.InstanceCount' },
  'aws.sagemaker.model-explainability-job-definition': { flag: 'NetworkConfig.EnableInterContainerTrafficEncryption', count: 'JobResources.ClusterConfig.InstanceCount' },
  'aws.sagemaker.monitoring-schedule': { flag: `${SCHEDULE_JOB}.NetworkConfig.EnableInterContainerTrafficEncryption`, count: `${SCHEDULE_JOB}.MonitoringResources.ClusterConfig.InstanceCount` },
  'aws.sagemaker.processing-job': { flag: 'NetworkConfig.EnableInterContainerTrafficEncryption', count: 'ProcessingResources.ClusterConfig.InstanceCount' },
};

/**
 * SageMaker Model Monitor job definitions (data quality, model quality, model bias,
 * model explainability) run their processing containers on `InstanceCount` instances;
 * with two or more, the containers exchange the monitored data over the network, in
 * plain text unless `NetworkConfig.EnableInterContainerTrafficEncryption` is true (the
 * default is false). AWS Config's sagemaker-*-job-encrypt-in-transit rules judge the same
 * fact, and only from two instances up. The same flag, with the same default, is on a
 * monitoring schedule that defines its job inline (MonitoringJobDefinition; one that names a
 * job definition is judged on that definition) and on a processing job.
 */
export default defineRule({
  id: 'tls-min/aws-sagemaker-monitoring-job-definition',
  control: 'tls-min',
  title: 'SageMaker monitoring and processing jobs on several instances encrypt traffic between their containers',
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
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NetworkConfig.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-monitoringschedule-monitoringjobdefinition.html',
  ],
  types: Object.keys(PATHS),
  // No live collector reads SageMaker: judged in templates only.
  sources: ['iac'],
  check(r) {
    const p = PATHS[r.type]!;
    if (r.type === 'aws.sagemaker.monitoring-schedule' && known(r, SCHEDULE_JOB) === undefined)
      return notApplicable('the schedule runs a job definition it names; that definition is judged on its own', ev(SCHEDULE_JOB, null, undefined, 'omitted: MonitoringJobDefinitionName names the job'));
    const raw = known(r, p.flag);
    const on = asBool(raw);
    const e = ev(p.flag, raw ?? null, true, raw === undefined ? 'omitted: defaults to false' : on === undefined ? `${text(raw)} is not a valid value (true or false)` : undefined);
    if (on === true) return pass("traffic between the job's instances is encrypted", e);
    const rawCount = known(r, p.count);
    const count = asNumber(rawCount);
    const countEv = ev(p.count, rawCount ?? null);
    if (count !== undefined && count < 2) return notApplicable('the job runs on one instance: no traffic between containers', countEv, e);
    return fail(`the job's ${text(rawCount ?? 'several')} instances exchange data unencrypted`, countEv, e);
  },
});
