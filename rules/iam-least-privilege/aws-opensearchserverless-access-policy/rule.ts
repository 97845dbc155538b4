import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { get, asArray, jsonDocument, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { SERVICE_WILDCARD_REFERENCES } from '../../../src/lib/iam.js';

/** A data access policy longer than this is not read (the service caps a policy at 20 KB). */
const MAX_TEXT = 64 * 1024;

/**
 * An OpenSearch Serverless data access policy (`Type: data`) is a JSON list of
 * rule sets, each granting `Permission`s on collections and indexes to
 * `Principal`s. `aoss:*` (or `*`) in a rule grants every data-plane action of
 * that resource type: creating and deleting indexes and collections' items,
 * reading and writing every document. It is the serverless form of `es:*`.
 */
export default defineRule({
  id: 'iam-least-privilege/aws-opensearchserverless-access-policy',
  control: 'iam-least-privilege',
  title: 'OpenSearch Serverless data access policies grant no wildcard permissions',
  severity: 'high',
  risk: 'A data access policy that grants aoss:* lets its principals delete indexes and read and overwrite every document of the collections it names, where a reader or an ingester needs a few actions.',
  remediation: {
    text: 'List the permissions each principal needs: aoss:ReadDocument and aoss:DescribeIndex for readers; aoss:WriteDocument, aoss:CreateIndex and aoss:UpdateIndex for ingesters.',
    cdk: "new opensearchserverless.CfnAccessPolicy(this, 'Access', { name, type: 'data', policy: JSON.stringify([{ Rules: [{ ResourceType: 'index', Resource: ['index/docs/*'], Permission: ['aoss:ReadDocument', 'aoss:DescribeIndex'] }], Principal: [readerRole.roleArn] }]) })",
    cloudformation: 'Type: AWS::OpenSearchServerless::AccessPolicy\nProperties:\n  Type: data\n  Policy: \'[{"Rules":[{"ResourceType":"index","Resource":["index/docs/*"],"Permission":["aoss:ReadDocument","aoss:DescribeIndex"]}],"Principal":["arn:aws:iam::111122223333:role/reader"]}]\'',
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html', ...SERVICE_WILDCARD_REFERENCES],
  types: ['aws.opensearchserverless.access-policy'],
  // No live collector reads OpenSearch Serverless.
  sources: ['iac'],
  check(r) {
    const type = get(r.properties, 'Type');
    if (typeof type === 'string' && type.toLowerCase() !== 'data') return notApplicable(`a ${type} policy grants no data-plane permissions`);
    const doc = jsonDocument(r, 'Policy', MAX_TEXT);
    if (isUnresolved(doc)) return unknown(`Policy depends on ${doc.expression}`, ev('Policy', doc.expression));
    const out: Verdict[] = [];
    let rules = 0;
    for (const [i, set] of asArray(doc).entries()) {
      for (const [j, rule] of asArray(get(set, 'Rules')).entries()) {
        rules++;
        const path = `Policy[${i}].Rules[${j}].Permission`;
        const perms = get(rule, 'Permission');
        if (isUnresolved(perms)) {
          out.push({ ...unknown(`permissions depend on ${perms.expression}`, ev(path, perms.expression)), subId: path });
          continue;
        }
        const wild = asArray(perms).filter((p) => typeof p === 'string' && /^(?:aoss:)?\*+$/i.test(p.trim()));
        if (wild.length)
          out.push({
            ...fail(`grants every ${text(get(rule, 'ResourceType') ?? 'resource')} action (${wild.map((w) => text(w)).join(', ')}) on ${asArray(get(rule, 'Resource')).map((x) => text(x)).join(', ') || '(no Resource)'}`, ev(path, perms, 'the aoss: actions each principal needs')),
            subId: path,
          });
      }
    }
    if (out.length) return out;
    if (rules === 0) return unknown('Policy holds no rules vouch can read', ev('Policy', '<no Rules>'));
    return pass(`${rules} rule${rules === 1 ? '' : 's'} name their permissions`, ev('Policy', `${rules} rules`, 'no aoss:* or *'));
  },
});
