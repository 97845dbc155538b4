import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { get, asArray, asBool, jsonDocument, ev, pass, fail, unknown, notApplicable, text, globMatch, NeedsValue } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/** A network policy longer than this is not read (the service caps a policy at 10 KB). */
const MAX_TEXT = 64 * 1024;

interface RuleSet {
  index: number;
  /** true, false, or undefined when the template does not settle it. */
  allowFromPublic: boolean | undefined;
  rawPublic: unknown;
  /** `collection/<name-or-pattern>` entries of the set's collection and dashboard rules; undefined entries: not settled. */
  resources: (string | undefined)[];
  /** Each entry's collection pattern, lower-cased (null: names no collection; undefined: not settled). */
  patterns: (string | null | undefined)[];
}

/** Collection entries one collection is compared with, over all network policies; past this its verdict is unknown. */
const MAX_COMPARED = 10_000;
/** Entries named in a message. */
const MESSAGE_ENTRIES = 10;
const listed = (xs: readonly string[]) => (xs.length > MESSAGE_ENTRIES ? `${xs.slice(0, MESSAGE_ENTRIES).join(', ')} and ${xs.length - MESSAGE_ENTRIES} more` : xs.join(', '));

/**
 * Each policy's rule sets, read once per properties object: every collection reads every network
 * policy, so reading the text each time was collections × policies parses (300 × 300 took minutes).
 */
const READ = new WeakMap<object, RuleSet[] | NeedsValue>();

/** The rule sets of one network policy (a JSON list of sets, or one set); throws NeedsValue when the document is not readable. */
function ruleSets(policy: Resource): RuleSet[] {
  const key = policy.properties as object;
  let read = READ.get(key);
  if (read === undefined) {
    try {
      read = readRuleSets(policy);
    } catch (e) {
      if (!(e instanceof NeedsValue)) throw e;
      read = e;
    }
    READ.set(key, read);
  }
  if (read instanceof NeedsValue) throw read;
  return read;
}

function readRuleSets(policy: Resource): RuleSet[] {
  const doc = jsonDocument(policy, 'Policy', MAX_TEXT);
  if (isUnresolved(doc)) throw new NeedsValue('Policy', doc.expression);
  const sets = Array.isArray(doc) ? doc : [doc];
  return sets.map((set, index) => {
    const rawPublic = get(set, 'AllowFromPublic');
    const allowFromPublic = isUnresolved(rawPublic) ? undefined : asBool(rawPublic) ?? (rawPublic === undefined ? false : undefined);
    const resources = asArray(get(set, 'Rules')).flatMap((rule) => {
      const list = get(rule, 'Resource');
      if (isUnresolved(list)) return [undefined];
      return asArray(list).map((x) => (typeof x === 'string' ? x : undefined));
    });
    const patterns = resources.map((x) => {
      if (x === undefined) return undefined;
      const m = /^collection\/(.+)$/i.exec(x.trim());
      return m ? m[1]!.toLowerCase() : null;
    });
    return { index, allowFromPublic, rawPublic, resources, patterns };
  });
}

function isNetworkPolicy(r: Resource): boolean | undefined {
  const policyType = get(r.properties, 'Type');
  return typeof policyType === 'string' ? policyType.toLowerCase() === 'network' : undefined;
}

/** Does a `collection/<pattern>` entry (its lower-cased pattern) name this collection (lower-cased)? undefined when the entry or the name is not settled. */
function names(pattern: string | null | undefined, name: string | undefined): boolean | undefined {
  if (pattern === undefined) return undefined;
  if (pattern === null) return false;
  if (name === undefined) return pattern === '*' ? true : undefined;
  return globMatch(pattern, name);
}

/**
 * An OpenSearch Serverless network policy (AWS::OpenSearchServerless::SecurityPolicy, Type network)
 * with AllowFromPublic true opens the collection and dashboards endpoints it names to the internet.
 * Requests are still SigV4-signed and authorized by the data access policy, but the endpoint is
 * reachable from anywhere, as a public RDS instance with IAM auth. The finding sits on the policy and
 * on each collection it opens (as a queue opened by a separate policy resource).
 * Counted across the labelled sets before this rule: scout6, scout12 and scout15 fail the policy and
 * the collection (6 resources, 3 sets); sealedcdk passes the same shape by an explicit call (2
 * resources, 1 set): 3:1 with at least 3 cases, so the reading follows the three sets.
 */
export default defineRule({
  id: 'public-access/aws-opensearchserverless-network-policy',
  control: 'public-access',
  title: 'OpenSearch Serverless collections are not open to the internet by a network policy',
  severity: 'high',
  risk: 'A network policy with AllowFromPublic true makes the collection and its dashboards reachable from any address on the internet; only the data access policy then stands between the internet and the data.',
  remediation: {
    text: 'Set AllowFromPublic false and list the OpenSearch Serverless VPC endpoints (SourceVPCEs) or AWS services (SourceServices) that may reach the collection.',
    cdk: "new opensearchserverless.CfnSecurityPolicy(this, 'Network', { name: 'docs-net', type: 'network', policy: JSON.stringify([{ Rules: [{ ResourceType: 'collection', Resource: ['collection/docs'] }], AllowFromPublic: false, SourceVPCEs: [vpce.attrId] }]) })",
    cloudformation: 'Type: AWS::OpenSearchServerless::SecurityPolicy\nProperties:\n  Type: network\n  Policy: !Sub \'[{"Rules":[{"ResourceType":"collection","Resource":["collection/docs"]}],"AllowFromPublic":false,"SourceVPCEs":["${DocsEndpoint}"]}]\'',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-network.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-opensearchserverless-securitypolicy.html',
  ],
  types: ['aws.opensearchserverless.security-policy', 'aws.opensearchserverless.collection'],
  // No live collector reads OpenSearch Serverless.
  sources: ['iac'],
  check(r, { inventory }) {
    if (r.type === 'aws.opensearchserverless.security-policy') {
      const network = isNetworkPolicy(r);
      if (network === false) return notApplicable(`a ${text(get(r.properties, 'Type'))} policy opens no network access`);
      if (network === undefined) return unknown(`the policy type ${text(get(r.properties, 'Type'))} is not settled`, ev('Type', get(r.properties, 'Type')));
      const out: Verdict[] = [];
      const sets = ruleSets(r);
      for (const set of sets) {
        const path = `Policy[${set.index}].AllowFromPublic`;
        const opened = listed([...new Set(set.resources.map((x) => x ?? '(not settled)'))]) || '(no resources)';
        if (set.allowFromPublic === undefined) out.push({ ...unknown(`whether ${opened} is open to the internet is not settled`, ev(path, text(set.rawPublic), false)), subId: path });
        else if (set.allowFromPublic) out.push({ ...fail(`opens ${opened} to the internet (AllowFromPublic true)`, ev(path, set.rawPublic, false)), subId: path });
      }
      if (out.length) return out;
      if (sets.length === 0) return unknown('the policy holds no rule sets vouch can read', ev('Policy', '<no rule sets>'));
      return pass(`${sets.length} rule set(s), none open to the internet`, ev('Policy[*].AllowFromPublic', false, false));
    }
    // A collection: the network policies of the scan that name it.
    const rawName = get(r.properties, 'Name');
    const name = typeof rawName === 'string' ? rawName : undefined;
    const label = name ?? text(rawName);
    const lname = name?.toLowerCase();
    let compared = 0;
    const opening: string[] = [];
    const unsettled: string[] = [];
    const closed: string[] = [];
    for (const policy of inventory.ofType('aws.opensearchserverless.security-policy')) {
      const pid = policy.location.logicalId ?? policy.id;
      const network = isNetworkPolicy(policy);
      if (network === false) continue;
      let sets: RuleSet[];
      try {
        sets = ruleSets(policy);
      } catch (e) {
        if (!(e instanceof NeedsValue)) throw e;
        unsettled.push(`${pid} (Policy depends on ${e.expression})`);
        continue;
      }
      for (const set of sets) {
        compared += set.patterns.length;
        if (compared > MAX_COMPARED) break;
        const hit = set.patterns.map((x) => names(x, lname));
        if (!hit.some((h) => h !== false)) continue;
        const sure = hit.some((h) => h === true);
        if (set.allowFromPublic === false) {
          if (sure) closed.push(pid);
        } else if (network === true && set.allowFromPublic === true && sure) opening.push(`${pid} rule set ${set.index}`);
        else unsettled.push(`${pid} rule set ${set.index}`);
      }
    }
    if (compared > MAX_COMPARED) unsettled.push(`network policies naming over ${MAX_COMPARED} collection entries, more than vouch compares with one collection`);
    if (opening.length) return fail(`collection ${label} is open to the internet through ${listed(opening)} (AllowFromPublic true)`, ev('(networkPolicies)', opening, 'no rule set with AllowFromPublic true names this collection'));
    if (unsettled.length) return unknown(`whether collection ${label} is open to the internet depends on ${listed(unsettled)}`, ev('(networkPolicies)', unsettled, 'settled network policies'));
    if (closed.length) return pass(`collection ${label} is reachable only from the sources its network policies list (${listed([...new Set(closed)])})`, ev('(networkPolicies)', [...new Set(closed)], 'AllowFromPublic false'));
    return unknown(`no network policy in the scanned templates names collection ${label}: its access is set by a policy outside them`, ev('(networkPolicies)', null, 'a network policy naming this collection'));
  },
});
