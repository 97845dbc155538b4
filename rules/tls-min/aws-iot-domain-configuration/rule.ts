import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { meetsFloor, notAValidValue, iotPolicyMinTls, IOT_DEFAULT_POLICY, IOT_POLICIES } from '../../../src/lib/tls.js';

/**
 * The TLS security policy of an AWS IoT Core domain configuration (`TlsConfig.SecurityPolicy`): the
 * 2015/2016 policies accept TLS 1.0 and 1.1 from devices; without one IoT Core applies
 * IoTSecurityPolicy_TLS13_1_2_2022_10 (TLS 1.2 and 1.3).
 */
export default defineRule({
  id: 'tls-min/aws-iot-domain-configuration',
  control: 'tls-min',
  title: 'AWS IoT domain configurations accept no TLS below the promised version',
  severity: 'medium',
  risk: 'A domain configuration whose security policy accepts TLS 1.0 or 1.1 lets devices, or an attacker who downgrades them, connect with protocol versions that have known weaknesses.',
  remediation: {
    text: 'Set TlsConfig.SecurityPolicy to IoTSecurityPolicy_TLS13_1_2_2022_10 (TLS 1.2 and 1.3) or IoTSecurityPolicy_TLS13_1_3_2022_10 (TLS 1.3 only).',
    cloudformation: 'Type: AWS::IoT::DomainConfiguration\nProperties:\n  DomainConfigurationName: devices\n  TlsConfig:\n    SecurityPolicy: IoTSecurityPolicy_TLS13_1_2_2022_10',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iot-domainconfiguration-tlsconfig.html',
    'https://docs.aws.amazon.com/iot/latest/developerguide/iot-endpoints-tls-config.html',
    'https://docs.aws.amazon.com/iot/latest/developerguide/transport-security.html',
  ],
  types: ['aws.iot.domain-configuration'],
  // No live collector reads AWS IoT: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const raw = known(r, 'TlsConfig.SecurityPolicy');
    const policy = raw === undefined ? IOT_DEFAULT_POLICY : text(raw);
    const expected = `TLS ${params.tlsMin} or newer`;
    const e = ev('TlsConfig.SecurityPolicy', raw ?? null, expected, raw === undefined ? `omitted: AWS IoT Core applies ${IOT_DEFAULT_POLICY} (TLS 1.2 and 1.3)` : undefined);
    const min = iotPolicyMinTls(policy);
    if (!min) return fail(`security policy ${policy} is not a valid value`, { ...e, note: notAValidValue('TlsConfig.SecurityPolicy', policy, IOT_POLICIES.join(', ')) });
    return meetsFloor(min, params.tlsMin)
      ? pass(`security policy ${policy} accepts TLS ${min} and newer`, e)
      : fail(`security policy ${policy} accepts TLS ${min}, below the promised ${params.tlsMin}`, e);
  },
});
