import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, mustDocument } from '../../../src/evaluate/facts.js';
import { TLS_RANK } from '../../../src/lib/tls.js';
import { deniedBelowTls, deniesInsecureTransport, mayDenyBelowTls, mayDenyInsecureTransport, readStatements } from '../../../src/lib/s3-policy.js';

export default defineRule({
  id: 'tls-min/aws-s3-bucket',
  control: 'tls-min',
  title: 'S3 buckets refuse plain-HTTP requests (and TLS below the floor) in their bucket policy',
  severity: 'high',
  risk: 'S3 serves objects over plain HTTP unless the bucket policy denies aws:SecureTransport=false; with a 1.3 floor, TLS 1.2 must be denied too.',
  remediation: {
    text: 'Attach a bucket policy that denies s3:* to everyone when aws:SecureTransport is false; for a TLS 1.3 floor add a deny when NumericLessThan s3:TlsVersion 1.3.',
    cdk: "new s3.Bucket(this, 'Data', { enforceSSL: true, minimumTLSVersion: 1.3 })",
    cloudformation:
      'PolicyDocument:\n  Statement:\n    - Effect: Deny\n      Principal: "*"\n      Action: "s3:*"\n      Resource: [!GetAtt Data.Arn, !Sub "${Data.Arn}/*"]\n      Condition: { Bool: { "aws:SecureTransport": "false" } }',
  },
  references: ['https://repost.aws/knowledge-center/s3-enforce-modern-tls', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html'],
  types: ['aws.s3.bucket'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    // A live collector that could not read the policy records a gap at `Policy`: unknown, not "no policy".
    known(r, 'Policy');
    const policies = inventory.related(r, 'policy');
    if (policies.length === 0)
      return fail('no bucket policy denies plain-HTTP requests: S3 accepts http:// requests to this bucket', ev('(policy)', null, 'Deny when aws:SecureTransport is false', 'no AWS::S3::BucketPolicy references this bucket'));
    let httpDenied: string | undefined;
    let tlsDeniedBelow: number | undefined;
    let mayDeny: { path: string; expression: string } | undefined;
    let mayDenyOldTls: { path: string; expression: string } | undefined;
    for (const p of policies) {
      const doc = mustDocument(p.properties.PolicyDocument, `${p.name ?? p.id}.PolicyDocument`);
      const read = readStatements(doc);
      if ('problem' in read) return unknown(`bucket policy ${p.name ?? p.id} has no readable policy document: ${read.problem}`, ev(`${p.name ?? p.id}.PolicyDocument`, doc));
      const { statements } = read;
      statements.forEach((s, i) => {
        if (deniesInsecureTransport(s)) httpDenied ??= `${p.name ?? p.id}.PolicyDocument.Statement[${i}]`;
        else {
          const open = mayDenyInsecureTransport(s);
          if (open) mayDeny ??= { path: `${p.name ?? p.id}.PolicyDocument.Statement[${i}]`, expression: open };
        }
        const below = deniedBelowTls(s);
        if (below !== undefined && (tlsDeniedBelow === undefined || below > tlsDeniedBelow)) tlsDeniedBelow = below;
        else if (below === undefined) {
          const open = mayDenyBelowTls(s);
          if (open) mayDenyOldTls ??= { path: `${p.name ?? p.id}.PolicyDocument.Statement[${i}]`, expression: open };
        }
      });
    }
    if (!httpDenied && mayDeny)
      return unknown(`whether the bucket policy denies plain-HTTP requests depends on ${mayDeny.expression} (${mayDeny.path})`, ev(mayDeny.path, `<unresolved: ${mayDeny.expression}>`, 'Deny s3:* for Principal * when aws:SecureTransport is false'));
    if (!httpDenied)
      return fail('the bucket policy does not deny plain-HTTP requests (aws:SecureTransport=false) on all objects', ev('(policy).Statement', `${policies.length} policies`, 'Deny s3:* for Principal * when aws:SecureTransport is false'));
    const floor = Number(params.tlsMin);
    const evidence = [ev(httpDenied, 'Deny when aws:SecureTransport is false', 'Deny when aws:SecureTransport is false')];
    if (tlsDeniedBelow !== undefined) evidence.push(ev('(policy) NumericLessThan s3:TlsVersion', tlsDeniedBelow, `>= ${params.tlsMin}`));
    if (TLS_RANK[params.tlsMin] >= TLS_RANK['1.3'] && (tlsDeniedBelow === undefined || tlsDeniedBelow < floor) && mayDenyOldTls)
      return unknown(
        `plain HTTP is denied; whether TLS below ${params.tlsMin} is denied depends on ${mayDenyOldTls.expression} (${mayDenyOldTls.path})`,
        ...evidence,
        ev(mayDenyOldTls.path, `<unresolved: ${mayDenyOldTls.expression}>`, `Deny when NumericLessThan s3:TlsVersion ${params.tlsMin}`),
      );
    if (TLS_RANK[params.tlsMin] >= TLS_RANK['1.3'] && (tlsDeniedBelow === undefined || tlsDeniedBelow < floor))
      return fail(`plain HTTP is denied, but TLS below ${params.tlsMin} is not (no Deny on NumericLessThan s3:TlsVersion ${params.tlsMin})`, ...evidence);
    return pass(
      `the bucket policy denies plain-HTTP requests${tlsDeniedBelow !== undefined ? ` and TLS below ${tlsDeniedBelow}` : ''}`,
      ...evidence.map((e, i) => (i === 0 && TLS_RANK[params.tlsMin] < TLS_RANK['1.3'] ? { ...e, note: 'S3 endpoints themselves refuse TLS below 1.2, so denying plain HTTP meets a 1.2 floor' } : e)),
    );
  },
});
