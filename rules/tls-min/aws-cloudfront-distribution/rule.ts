import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool } from '../../../src/evaluate/facts.js';
import { CLOUDFRONT_DEFAULT_CERT_POLICY, CLOUDFRONT_POLICIES, cloudFrontMinTls, meetsFloor, notAValidValue } from '../../../src/lib/tls.js';

const VC = 'DistributionConfig.ViewerCertificate';

export default defineRule({
  id: 'tls-min/aws-cloudfront-distribution',
  control: 'tls-min',
  title: 'CloudFront distributions accept no viewer TLS version below the promised floor',
  severity: 'high',
  risk: 'With the default *.cloudfront.net certificate, or an old security policy, viewers can connect with TLS 1.0/1.1.',
  remediation: {
    text: 'Serve the distribution on your own domain with an ACM certificate (us-east-1), SslSupportMethod sni-only and MinimumProtocolVersion TLSv1.2_2021 or newer (TLSv1.3_2025 for a 1.3 floor). The default CloudFront certificate always allows TLSv1.',
    cdk: "new cloudfront.Distribution(this, 'Cdn', { ..., domainNames: ['www.example.com'], certificate, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 })",
    cloudformation: 'ViewerCertificate:\n  AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/...\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
  ],
  types: ['aws.cloudfront.distribution'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const cert = known(r, VC);
    const expected = `TLS ${params.tlsMin} or newer`;
    const defaultCert = cert === undefined || asBool(known(r, `${VC}.CloudFrontDefaultCertificate`)) === true;
    if (defaultCert)
      return fail(
        `distribution uses the default *.cloudfront.net certificate, which accepts ${CLOUDFRONT_DEFAULT_CERT_POLICY} (TLS 1.0)`,
        ev(`${VC}.CloudFrontDefaultCertificate`, cert === undefined ? null : true, false, cert === undefined ? 'ViewerCertificate omitted: CloudFront uses its default certificate' : undefined),
        ev(`${VC}.MinimumProtocolVersion`, cert === undefined ? null : (known(r, `${VC}.MinimumProtocolVersion`) ?? null), expected, 'with the default certificate CloudFront sets the security policy to TLSv1 regardless of this value'),
      );
    const named = known(r, `${VC}.MinimumProtocolVersion`);
    const policy = typeof named === 'string' && named !== '' ? named : 'TLSv1';
    const note = named ? undefined : 'omitted: CloudFront applies TLSv1 when no minimum protocol version is given';
    const min = cloudFrontMinTls(policy);
    if (!min)
      return fail(
        `security policy ${policy} is not a valid CloudFront security policy`,
        ev(`${VC}.MinimumProtocolVersion`, policy, expected, notAValidValue('MinimumProtocolVersion', policy, `one of ${CLOUDFRONT_POLICIES.join(', ')}`)),
      );
    const evidence = ev(`${VC}.MinimumProtocolVersion`, named ?? null, expected, note ?? `policy ${policy} accepts TLS ${min} and newer`);
    return meetsFloor(min, params.tlsMin)
      ? pass(`viewer security policy ${policy} accepts TLS ${min}+`, evidence)
      : fail(`viewer security policy ${policy} accepts TLS ${min}, below the promised ${params.tlsMin}`, evidence);
  },
});
