/**
 * OpenSearch / Elasticsearch domains and the access policy aws-cdk-lib sets
 * through a custom resource. `opensearch.Domain({ accessPolicies })` does not
 * write the domain's AccessPolicies: it adds `Custom::OpenSearchAccessPolicy`
 * (an AwsCustomResource) whose Create/Update is the JSON text of an SDK call,
 * `{"action":"updateDomainConfig","parameters":{"DomainName":…,"AccessPolicies":"<policy JSON>"}}`,
 * usually built with Fn::Join around the domain's Ref. The policy is read by
 * shape: each piece the template computes stays unresolved inside the policy
 * (so a principal or condition built from it is `unknown`), and text that does
 * not parse is `unknown`, never a pass. The pair is related in
 * src/sources/iac/relations.ts (`domain` / `accessPolicy`).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, get, ev, pass, unknown, asArray, asBool } from '../../src/evaluate/facts.js';
import { isUnresolved, type Unresolved } from '../../src/model/values.js';
import { readShapedJson, type ShapedJsonProblem } from '../../src/model/shaped-json.js';
import { POLICY_TEXT_READING } from '../../src/lib/iam/statements.js';
import { judgePublicPolicy } from './_resource-policy.js';

/** The SDK calls that set a domain's access policy (OpenSearch, Elasticsearch); a value in the call text, not a property. */
const SETS_ACCESS_POLICY = /^update(Elasticsearch)?DomainConfig$/;
/** Bounds on what is parsed: the SDK call text of one custom resource. */
const MAX_TEXT = 200_000;

type Parsed = { policy: unknown } | { problem: string };

/** What a problem of the shared reader means here; `inner`: in the AccessPolicies text, not the call. */
function callProblem(problem: ShapedJsonProblem, what: string, inner: boolean): string {
  switch (problem.kind) {
    case 'too-long':
      return `${what} is longer than ${MAX_TEXT} characters`;
    case 'too-deep':
      return `${what}${inner ? ': its AccessPolicies text' : ''} is nested too deeply to read (${problem.reason})`;
    case 'computed-key':
      return `${what}${inner ? ': its AccessPolicies text' : ''} has a key that the template computes (${problem.reason})`;
    case 'ambiguous':
      return `${what}${inner ? ': its AccessPolicies text' : ''} cannot be read by its shape (${problem.reason})`;
    default:
      return inner ? `${what}: its AccessPolicies text is not JSON once its computed pieces are set aside` : `${what} is not JSON once its computed pieces are set aside`;
  }
}

/** The access policy a Create/Update SDK call sets, or why it cannot be read. `undefined`: the property is absent. */
export function policyOfCall(value: unknown, what: string): Parsed | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string | Unresolved;
  if (typeof value === 'string') text = value;
  else if (isUnresolved(value) && value.shape !== undefined) text = value;
  else if (isUnresolved(value)) return { problem: `${what} depends on ${value.expression}` };
  else if (typeof value === 'object') text = JSON.stringify(value);
  else return { problem: `${what} is not the JSON text of an SDK call` };
  const opts = {
    maxLength: MAX_TEXT,
    expression: (t: string) => `a value in ${what} that the template computes (${t.slice(0, 80)})`,
  };
  const call = readShapedJson(text, opts);
  if (!call.ok) return { problem: callProblem(call.problem, what, false) };
  const c = (call.value && typeof call.value === 'object' && !isUnresolved(call.value) ? call.value : {}) as Record<string, unknown>;
  if (typeof c.action !== 'string' || !SETS_ACCESS_POLICY.test(c.action)) return { problem: `${what} calls ${JSON.stringify(c.action ?? null)}, not updateDomainConfig` };
  const params = (c.parameters ?? {}) as Record<string, unknown>;
  const policy: unknown = params.AccessPolicies;
  if (policy === undefined) return { problem: `${what} sets no AccessPolicies` };
  // The policy is JSON inside a string of the call: read again, its computed pieces keep the call's slots.
  if (typeof policy === 'string' || (isUnresolved(policy) && policy.shape !== undefined)) {
    const inner = readShapedJson(policy, { ...opts, computedKey: POLICY_TEXT_READING.computedKey, resourceRefs: POLICY_TEXT_READING.resourceRefs });
    if (!inner.ok) return { problem: callProblem(inner.problem, what, true) };
    return { policy: inner.value };
  }
  return { policy };
}

/** The CloudFormation type of each custom resource type, for messages. */
export const ACCESS_POLICY_CFN_TYPE: Readonly<Record<string, string>> = {
  'aws.custom.custom-open-search-access-policy': 'Custom::OpenSearchAccessPolicy',
  'aws.custom.custom-elasticsearch-access-policy': 'Custom::ElasticsearchAccessPolicy',
};

/**
 * The policies a custom resource's Create and Update calls set (Update repeating Create, as aws-cdk-lib
 * writes it, once), each with the call it is in and whether it is the second distinct one; a call
 * that cannot be read is a problem. undefined: neither call is there.
 */
export function accessPolicyCalls(p: Resource): { k: 'Create' | 'Update'; parsed: Parsed; second: boolean }[] | undefined {
  const logical = p.location.logicalId ?? p.id;
  const calls = (['Create', 'Update'] as const)
    .map((k) => ({ k, parsed: policyOfCall(get(p.properties, k), `${logical}'s SDK call`) }))
    .filter((c): c is { k: 'Create' | 'Update'; parsed: Parsed } => c.parsed !== undefined);
  if (!calls.length) return undefined;
  const seen = new Set<string>();
  const out: { k: 'Create' | 'Update'; parsed: Parsed; second: boolean }[] = [];
  for (const c of calls) {
    const key = 'problem' in c.parsed ? `problem:${c.parsed.problem}` : JSON.stringify(c.parsed.policy);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...c, second: seen.size > 1 });
  }
  return out;
}

/** The custom resource's own reading of its policy: one verdict per open statement, as public-access policies are read. */
export function judgeAccessPolicyResource(p: Resource): Verdict | Verdict[] {
  const logical = p.location.logicalId ?? p.id;
  const calls = accessPolicyCalls(p);
  if (!calls) return unknown(`${logical} has neither Create nor Update: the policy it sets is not known`, ev('Create', null));
  const out: Verdict[] = [];
  for (const { k, parsed, second } of calls) {
    if ('problem' in parsed) {
      out.push({ ...unknown(parsed.problem, ev(k, get(p.properties, k) ?? null)), subId: k });
      continue;
    }
    const v = judgePublicPolicy(parsed.policy, { path: `${k}.parameters.AccessPolicies`, what: 'call the domain from the internet' });
    for (const x of Array.isArray(v) ? v : [v]) out.push(second ? { ...x, subId: `${k}/${x.subId ?? 'policy'}` } : x);
  }
  return out.length === 1 ? out[0]! : out;
}

/** A VPC domain: its endpoint is reachable only from the VPC. */
export function vpcPass(d: Resource): Verdict | undefined {
  // Subnets from a parameter still place the domain in a VPC (the list cannot be empty: CreateDomain refuses it).
  const rawSubnets = get(d.properties, 'VPCOptions.SubnetIds');
  const subnets = isUnresolved(rawSubnets) ? [rawSubnets] : asArray(known(d, 'VPCOptions.SubnetIds'));
  if (subnets.length) return pass('a VPC domain: its endpoint is reachable only from the VPC', ev('VPCOptions.SubnetIds', subnets.length, 'a VPC, or an access policy that does not admit everyone'));
  return undefined;
}

/** An open policy on a domain with fine-grained access control: every request is authenticated. */
export function withFineGrained(d: Resource, verdicts: Verdict | Verdict[], policyEvidence: { path: string; value: unknown }): Verdict | Verdict[] {
  const list = Array.isArray(verdicts) ? verdicts : [verdicts];
  if (!list.some((v) => v.status === 'fail')) return verdicts;
  const fgac = known(d, 'AdvancedSecurityOptions.Enabled');
  if (asBool(fgac) === true)
    return pass('the access policy admits everyone, but fine-grained access control authenticates every request', ev('AdvancedSecurityOptions.Enabled', fgac, true), ev(policyEvidence.path, policyEvidence.value));
  return list;
}
