import type { Resource } from '../../../src/model/resource.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, get, asArray, asBool, describe } from '../../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';

const SERVICE = 'aws.ec2.vpc-endpoint-service';
const PERMISSIONS = 'aws.ec2.vpc-endpoint-service-permissions';

/** `*` among the allowed principals: any AWS account may create an endpoint to the service. */
function everyone(perm: Resource): boolean | undefined {
  const list = get(perm.properties, 'AllowedPrincipals');
  if (isUnresolved(list)) return undefined;
  let open: boolean | undefined = false;
  for (const p of asArray(list)) {
    if (p === '*') return true;
    if (isUnresolved(p)) open = undefined;
  }
  return open;
}

/** AcceptanceRequired of a service: true / false, or undefined when omitted or not resolved. */
function acceptance(service: Resource): boolean | undefined {
  const raw = get(service.properties, 'AcceptanceRequired');
  return isUnresolved(raw) || raw === undefined ? undefined : asBool(raw);
}

/**
 * A VPC endpoint service (PrivateLink) that allows every principal (`*`) and accepts connections
 * without the owner's approval can be reached from any AWS account (Checkov CKV_AWS_123 asks for
 * manual acceptance). Judged on the service and on the permissions resource that opens it.
 */
export default defineRule({
  id: 'public-access/aws-ec2-vpc-endpoint-service',
  control: 'public-access',
  title: 'VPC endpoint services do not accept connections from every AWS account automatically',
  severity: 'high',
  risk: 'With AllowedPrincipals "*" and AcceptanceRequired false, any AWS account can create an endpoint to the service and reach the load balancer behind it from its own VPC, with no approval.',
  remediation: {
    text: 'List the consumer accounts or roles in AllowedPrincipals instead of "*", and set AcceptanceRequired: true so each connection is approved.',
    cdk: "new ec2.VpcEndpointService(this, 'Svc', { vpcEndpointServiceLoadBalancers: [nlb], acceptanceRequired: true, allowedPrincipals: [new iam.ArnPrincipal('arn:aws:iam::444455556666:root')] })",
    cloudformation: 'AcceptanceRequired: true\n# and AWS::EC2::VPCEndpointServicePermissions AllowedPrincipals: [arn:aws:iam::444455556666:root]',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html'],
  types: [SERVICE, PERMISSIONS],
  sources: ['iac'],
  check(r, { inventory }) {
    const sameStack = (x: Resource) => x.location.stack === r.location.stack && x.location.file === r.location.file;
    if (r.type === PERMISSIONS) {
      const open = everyone(r);
      const principals = ev('AllowedPrincipals', describe(get(r.properties, 'AllowedPrincipals')) ?? null, 'named accounts or roles, not *');
      if (open === false) return pass('only named principals may connect', principals);
      if (open === undefined) return unknown('the allowed principals cannot be resolved', principals);
      const sid = get(r.properties, 'ServiceId');
      const service = isRef(sid) ? inventory.ofType(SERVICE).find((s) => sameStack(s) && s.location.logicalId === sid.logicalId) : undefined;
      if (!service) return unknown(`every AWS account is allowed; whether connections need approval is set on service ${describe(sid)}, which is not in the template`, principals);
      return judge(acceptance(service), principals, `service ${service.location.logicalId}`);
    }
    const perms = inventory.ofType(PERMISSIONS).filter((p) => sameStack(p) && isRef(get(p.properties, 'ServiceId')) && (get(p.properties, 'ServiceId') as { logicalId: string }).logicalId === r.location.logicalId);
    const states = perms.map(everyone);
    const accept = ev('AcceptanceRequired', describe(get(r.properties, 'AcceptanceRequired')) ?? null, true);
    if (!states.includes(true) && !states.includes(undefined)) return acceptance(r) === true ? pass('every connection must be accepted', accept) : pass(`no permissions resource allows every account (${perms.length} in the template)`, accept);
    if (!states.includes(true)) return unknown('a permissions resource for this service has principals that cannot be resolved', accept);
    return judge(acceptance(r), accept, 'this service');
  },
});

function judge(accepts: boolean | undefined, evidence: ReturnType<typeof ev>, where: string): Verdict {
  if (accepts === true) return pass(`every AWS account may request a connection, but each must be accepted (${where} sets AcceptanceRequired)`, evidence);
  if (accepts === false) return fail(`every AWS account may connect without approval: AllowedPrincipals "*" and AcceptanceRequired false on ${where}`, evidence);
  return unknown(`every AWS account is allowed, and whether connections need approval is not set in the template (${where}: AcceptanceRequired omitted or unresolved)`, evidence);
}
