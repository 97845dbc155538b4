import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, notApplicable, knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * A table's (or a global table replica's) resource-based policy read as every
 * other resource policy: an Allow to everyone without a pinning condition is
 * public. DynamoDB's block public access refuses such a policy at deployment;
 * the template still asks for it, and a finding says so before the deploy does.
 */
export default defineRule({
  id: 'public-access/aws-dynamodb-table-policy',
  control: 'public-access',
  title: 'DynamoDB table resource policies grant nothing to everyone without a condition that pins the caller',
  severity: 'critical',
  risk: 'A table policy that allows Principal "*" with no condition would let any AWS account read or write the table\'s items.',
  remediation: {
    text: 'Grant the table to named roles or accounts, or pin Principal "*" with aws:PrincipalOrgID / aws:PrincipalAccount.',
    cdk: 'table.grantReadData(role) // or table.addToResourcePolicy(statement) with named principals',
    cloudformation: 'ResourcePolicy:\n  PolicyDocument:\n    Statement:\n      - Effect: Allow\n        Principal: { AWS: !GetAtt ReaderRole.Arn }\n        Action: dynamodb:GetItem\n        Resource: "*"',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/rbac-bpa-rbp.html'],
  types: ['aws.dynamodb.table', 'aws.dynamodb.global-table'],
  sources: ['iac'],
  check(r) {
    const what = 'read or write the table';
    if (r.type === 'aws.dynamodb.table') {
      const doc = knownDocument(r, 'ResourcePolicy.PolicyDocument');
      if (doc === undefined || doc === null) return notApplicable('no resource policy on the table');
      return judgePublicPolicy(doc, { path: 'ResourcePolicy.PolicyDocument', what });
    }
    const replicas = asArray(known(r, 'Replicas'));
    const verdicts: Verdict[] = [];
    replicas.forEach((_, i) => {
      const path = `Replicas[${i}].ResourcePolicy.PolicyDocument` as const;
      const doc = knownDocument(r, path);
      if (doc === undefined || doc === null) return;
      const v = judgePublicPolicy(doc, { path, what });
      for (const one of Array.isArray(v) ? v : [v]) verdicts.push({ ...one, subId: one.subId ? `replica[${i}]:${one.subId}` : `replica[${i}]` });
    });
    return verdicts.length ? verdicts : notApplicable('no replica has a resource policy');
  },
});
