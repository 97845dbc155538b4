import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const OPTIONS = { 'load-balancer': 'LoadBalancerOptions', 'network-interface': 'NetworkInterfaceOptions' } as const;

/**
 * A Verified Access endpoint terminates the user's HTTPS and opens a second connection to
 * the application: for a load-balancer or network-interface endpoint, `Protocol` says whether
 * that hop is `https` or plain `http`. With `http` the requests, the session and the user's
 * identity headers cross the VPC unencrypted. RDS and CIDR endpoints pass TCP through (the
 * client's own TLS decides): not judged here.
 */
export default defineRule({
  id: 'tls-min/aws-ec2-verified-access-endpoint',
  control: 'tls-min',
  title: 'Verified Access endpoints reach their applications over HTTPS',
  severity: 'medium',
  risk: 'An endpoint with Protocol http forwards every request, cookie and the signed identity claims to the application in plaintext inside the VPC.',
  remediation: {
    text: 'Set LoadBalancerOptions.Protocol (or NetworkInterfaceOptions.Protocol) to https with Port 443, and give the application a TLS listener.',
    cloudformation: 'Type: AWS::EC2::VerifiedAccessEndpoint\nProperties:\n  EndpointType: load-balancer\n  LoadBalancerOptions:\n    LoadBalancerArn: !Ref AppAlb\n    Port: 443\n    Protocol: https',
  },
  references: [
    'https://docs.aws.amazon.com/verified-access/latest/ug/verified-access-endpoints.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-verifiedaccessendpoint.html',
  ],
  types: ['aws.ec2.verified-access-endpoint'],
  // No live collector reads Verified Access: judged in templates only.
  sources: ['iac'],
  check(r) {
    const type = text(known(r, 'EndpointType')).trim().toLowerCase();
    const options = OPTIONS[type as keyof typeof OPTIONS];
    if (!options) return notApplicable(`a ${type || 'untyped'} endpoint passes TCP through: the client's own TLS decides`, ev('EndpointType', type || null));
    const path = `${options}.Protocol` as const;
    const raw = known(r, path);
    if (raw === undefined || raw === null)
      return unknown(`${path} is not given: the template does not say whether the endpoint reaches the application over HTTPS`, ev(path, null, 'https'));
    const protocol = text(raw).trim().toLowerCase();
    const evidence = ev(path, raw, 'https');
    if (protocol === 'https') return pass('the endpoint reaches the application over HTTPS', evidence);
    if (protocol === 'http') return fail('the endpoint forwards requests to the application over plain HTTP', evidence);
    return fail(`${path} ${text(raw)} is not a valid value`, { ...evidence, note: notAValidValue('Protocol', text(raw), 'http, https') });
  },
});
