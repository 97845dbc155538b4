/**
 * Redshift enhanced VPC routing (`EnhancedVpcRouting`, the same property on a
 * provisioned cluster and a Serverless workgroup): with it COPY and UNLOAD
 * traffic to S3 and other services goes through the VPC, where security groups,
 * endpoint policies and flow logs see it. The CloudFormation default is false.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';

export function judgeEnhancedVpcRouting(r: Resource): Verdict {
  const raw = known(r, 'EnhancedVpcRouting');
  if (raw === undefined || raw === null)
    return fail('enhanced VPC routing is off (the default): COPY and UNLOAD traffic leaves the VPC', ev('EnhancedVpcRouting', null, true, 'omitted: the CloudFormation default is false'));
  const v = asBool(raw);
  if (v === undefined) return fail(`EnhancedVpcRouting ${text(raw)} is not a valid value`, ev('EnhancedVpcRouting', raw, true, notAValidValue('EnhancedVpcRouting', text(raw), 'true or false')));
  return v ? pass('enhanced VPC routing is on', ev('EnhancedVpcRouting', raw, true)) : fail('enhanced VPC routing is off: COPY and UNLOAD traffic leaves the VPC', ev('EnhancedVpcRouting', raw, true));
}
