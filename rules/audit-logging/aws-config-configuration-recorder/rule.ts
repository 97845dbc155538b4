import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, asArray, text } from '../../../src/evaluate/facts.js';

/**
 * A configuration recorder in a template (FSBP Config.1): without a RecordingGroup AWS Config records
 * all supported resource types (PutConfigurationRecorder: "If ConfigurationRecorder does not have the
 * recordingGroup parameter specified, the default is to record all supported resource types"); a group
 * that lists resource types (INCLUSION_BY_RESOURCE_TYPES) or excludes some (EXCLUSION_BY_RESOURCE_TYPES)
 * leaves the other resources without configuration history. Global types (IAM) need recording in one
 * region only, so they are shown, not required (as security-monitoring/aws-config-recorder, the live check).
 */
export default defineRule({
  id: 'audit-logging/aws-config-configuration-recorder',
  control: 'audit-logging',
  title: 'AWS Config recorders in templates record all supported resource types',
  severity: 'medium',
  risk: 'A recorder that records only some resource types leaves every other resource without configuration history: changes to it cannot be reviewed or investigated.',
  remediation: {
    text: 'Record all supported resource types: omit RecordingGroup, or set RecordingGroup.AllSupported true (RecordingStrategy.UseOnly ALL_SUPPORTED_RESOURCE_TYPES).',
    cdk: "new config.CfnConfigurationRecorder(this, 'Recorder', { roleArn: role.roleArn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } })",
    cloudformation: 'RecordingGroup:\n  AllSupported: true\n  IncludeGlobalResourceTypes: true',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html', 'https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html'],
  types: ['aws.config.configuration-recorder'],
  sources: ['iac'],
  check(r) {
    const group = known(r, 'RecordingGroup');
    if (group === undefined || group === null) return pass('records all supported resource types (no RecordingGroup: the default)', ev('RecordingGroup', null, 'omitted or AllSupported true', 'omitted: all supported resource types'));
    const all = asBool(known(r, 'RecordingGroup.AllSupported'));
    const strategy = known(r, 'RecordingGroup.RecordingStrategy.UseOnly');
    const globals = asBool(known(r, 'RecordingGroup.IncludeGlobalResourceTypes'));
    const note = globals === true ? undefined : 'global resource types (IAM) are not recorded here: record them in one region';
    const allEv = ev('RecordingGroup.AllSupported', all ?? null, true, note);
    if (strategy !== undefined && text(strategy) !== 'ALL_SUPPORTED_RESOURCE_TYPES')
      return fail(`records only some resource types (RecordingStrategy ${text(strategy)})`, ev('RecordingGroup.RecordingStrategy.UseOnly', strategy, 'ALL_SUPPORTED_RESOURCE_TYPES'), allEv);
    if (all === true || strategy !== undefined) return pass('records all supported resource types', allEv);
    const types = asArray(known(r, 'RecordingGroup.ResourceTypes'));
    return fail(`records only ${types.length} resource type(s), not all supported ones`, allEv, ev('RecordingGroup.ResourceTypes', types, 'all supported resource types'));
  },
});
