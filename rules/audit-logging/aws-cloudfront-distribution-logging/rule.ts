import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { sharedAcrossVariants, type Inventory } from '../../../src/model/inventory.js';
import { knownPointer, get, ev, pass, fail, pointerNote } from '../../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';

const DC = 'DistributionConfig';

/**
 * Logical ids of distributions that a CloudWatch Logs delivery source (standard logging v2) names, per inventory:
 * built once for every Fn::If variant of the distributions when no delivery source branches (2,000 distributions
 * with an unknown Logging condition and 20,000 delivery sources: 12.7 s, each variant building it again).
 */
const deliverySources = new WeakMap<object, Map<null, Map<string, Resource>>>();

function deliverySourceFor(r: Resource, inventory: Inventory): Resource | undefined {
  const byTarget = sharedAcrossVariants(deliverySources, inventory, null, () => {
    const out = new Map<string, Resource>();
    for (const s of inventory.ofType('aws.logs.delivery-source')) {
      const arn = get(s.properties, 'ResourceArn');
      if (isRef(arn)) out.set(`${s.location.stack}/${arn.logicalId}`, s);
      else if (isUnresolved(arn)) {
        // `arn:…:distribution/${Dist}` written with Fn::Sub or Fn::Join.
        const m = /distribution\/\$\{([A-Za-z0-9]+)\}/.exec(arn.expression) ?? /\{"Ref":"([A-Za-z0-9]+)"\}/.exec(arn.expression);
        if (m) out.set(`${s.location.stack}/${m[1]}`, s);
      }
    }
    return out;
  });
  return byTarget.get(r.id);
}

export default defineRule({
  id: 'audit-logging/aws-cloudfront-distribution-logging',
  control: 'audit-logging',
  title: 'CloudFront distributions write standard access logs',
  severity: 'low',
  risk: 'Without access logs there is no record of the requests a distribution served (client, path, status, TLS version) for review or investigation.',
  remediation: {
    text: 'Turn on standard logging: DistributionConfig.Logging.Bucket naming a log bucket, or a CloudWatch Logs delivery source (standard logging v2) for the distribution.',
    cdk: "new cloudfront.Distribution(this, 'Cdn', { ..., enableLogging: true, logBucket })",
    cloudformation: 'DistributionConfig:\n  Logging:\n    Bucket: !GetAtt LogBucket.RegionalDomainName\n    Prefix: cdn/',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html'],
  types: ['aws.cloudfront.distribution'],
  sources: ['iac'],
  check(r, { inventory }) {
    // Presence decides: with Logging.Bucket set, CloudFront writes standard logs to whatever bucket it
    // names (it must be an existing bucket's domain name, or the stack does not deploy), so a bucket from a
    // parameter or an import is logging on. Absent, empty or AWS::NoValue is off; an Fn::If is judged per branch.
    const bucket = knownPointer(r, `${DC}.Logging.Bucket`);
    if (bucket !== undefined) return pass('standard access logs are written to S3', ev(`${DC}.Logging.Bucket`, bucket, 'a log bucket', pointerNote(bucket, 'the log bucket')));
    const v2 = r.source === 'iac' ? deliverySourceFor(r, inventory) : undefined;
    if (v2) return pass('standard logging (v2) delivers access logs through CloudWatch Logs', ev(`${v2.name ?? v2.id}.ResourceArn`, get(v2.properties, 'ResourceArn'), 'this distribution'));
    return fail('standard access logging is off', ev(`${DC}.Logging.Bucket`, null, 'a log bucket', 'omitted: CloudFront writes no access logs unless Logging is configured'));
  },
});
