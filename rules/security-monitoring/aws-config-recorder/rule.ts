import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

interface Recorder {
  name?: string;
  AllSupported?: boolean;
  RecordingStrategy?: string;
  IncludeGlobalResourceTypes?: boolean;
  Recording?: boolean;
  LastStatus?: string;
}

/**
 * CIS AWS 3.3 and FSBP Config.1: a configuration recorder in every region
 * that records all supported resource types and is recording. Global types
 * (IAM) need recording in one region only, so they are shown, not required.
 */
export default defineRule({
  id: 'security-monitoring/aws-config-recorder',
  control: 'security-monitoring',
  title: 'AWS Config records all resources in every region',
  severity: 'medium',
  risk: 'Without a recorder, changes to resources in the region leave no configuration history: an investigation cannot say what a security group or bucket policy looked like before.',
  remediation: {
    text: 'Create a configuration recorder that records all supported resource types, a delivery channel, and start recording, in every enabled region.',
    cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=true\naws configservice start-configuration-recorder --configuration-recorder-name default',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html'],
  types: ['aws.config.region'],
  sources: ['live'],
  check(r) {
    const recorders = (known(r, 'Recorders') as Recorder[] | undefined) ?? [];
    const e = ev('Recorders', recorders, 'a recorder with allSupported true that is recording');
    if (!recorders.length) return fail('the region has no AWS Config recorder', e);
    const all = (x: Recorder) => x.AllSupported === true && (x.RecordingStrategy === undefined || x.RecordingStrategy === 'ALL_SUPPORTED_RESOURCE_TYPES');
    const good = recorders.find((x) => all(x) && x.Recording === true && x.LastStatus !== 'FAILURE' && x.LastStatus !== 'Failure');
    if (good) return pass(`recorder ${good.name} records all supported resource types and is recording`, e);
    const why = recorders.map((x) => `${x.name}: ${!all(x) ? 'records only some resource types' : x.Recording !== true ? 'is not recording' : `last status ${x.LastStatus}`}`);
    return fail(`no recorder of the region records all resources: ${why.join('; ')}`, e);
  },
});
