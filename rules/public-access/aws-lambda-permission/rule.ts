import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { principalCouldBeEveryone } from '../_resource-policy.js';
import { definite } from '../_principal.js';

const S3_PRINCIPAL = /^s3\.amazonaws\.com(\.cn)?$/;

/**
 * FSBP Lambda.1: a function's resource policy does not let anyone invoke it.
 * A permission for principal `*` is public unless a condition narrows it to
 * an account, organization or source ARN, or it grants a function URL that
 * requires IAM authentication. A principal built from pseudo parameters
 * (`!Ref AWS::AccountId`, `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`)
 * names one principal (principalCouldBeEveryone); a SourceAccount / SourceArn /
 * PrincipalOrgID built from them pins the stack's own account (../_principal.ts).
 * An S3 event permission (principal `s3.amazonaws.com`) needs SourceAccount (or
 * PrincipalOrgID): AWS Config's lambda-function-public-access-prohibited, behind
 * FSBP Lambda.1, fails it otherwise, since a bucket ARN names no account.
 * Templates only: live, the policy needs a GetPolicy call per function, which
 * vouch does not make.
 */
export default defineRule({
  id: 'public-access/aws-lambda-permission',
  control: 'public-access',
  title: 'Lambda permissions do not let anyone invoke the function',
  severity: 'high',
  risk: 'A function anyone may invoke runs with its role on requests from the whole internet: data it can read, and the bill, are open to all.',
  remediation: {
    text: 'Grant the permission to a specific principal, or add SourceAccount / SourceArn / PrincipalOrgID; for function URLs use AuthType AWS_IAM.',
    cdk: "fn.addPermission('Invoke', { principal: new iam.ServicePrincipal('events.amazonaws.com'), sourceArn: rule.ruleArn })",
    cloudformation: 'Type: AWS::Lambda::Permission\nProperties:\n  Principal: events.amazonaws.com\n  SourceArn: !GetAtt Rule.Arn',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html', 'https://docs.aws.amazon.com/config/latest/developerguide/lambda-function-public-access-prohibited.html'],
  types: ['aws.lambda.permission'],
  sources: ['iac'],
  check(r) {
    const principal = get(r.properties, 'Principal');
    const e = ev('Principal', principal ?? null, 'a named account or service, or "*" narrowed by a condition');
    // A principal built with Fn::Sub (`arn:aws:iam::${AWS::AccountId}:role/readers`) names one principal;
    // one computed as a whole (a parameter) could be "*".
    if (principalCouldBeEveryone(principal)) known(r, 'Principal');
    if (typeof principal === 'string' && S3_PRINCIPAL.test(principal)) {
      // Bucket ARNs carry no account: without SourceAccount, a bucket of any account (one that
      // takes over a deleted bucket's name, too) can invoke the function (AWS Config / FSBP Lambda.1).
      const pin = (['SourceAccount', 'PrincipalOrgID'] as const).find((k) => definite(r, k) !== undefined);
      if (pin) return pass(`granted to ${principal} only for buckets where ${pin} matches`, e, ev(pin, definite(r, pin)));
      return fail(`granted to ${principal} without SourceAccount: a bucket in any account can send events that invoke the function`, e, ev('SourceAccount', get(r.properties, 'SourceAccount') ?? null, 'the account that owns the bucket', 'a SourceArn alone does not pin the account: bucket ARNs carry none'));
    }
    if (principal !== '*') return pass(`granted to ${text(principal)}`, e);
    // A pin built from pseudo parameters (`SourceAccount: !Ref AWS::AccountId`) pins the stack's own account.
    const narrowed = (['SourceAccount', 'SourceArn', 'PrincipalOrgID'] as const).filter((k) => definite(r, k) !== undefined);
    if (narrowed.length) return pass(`granted to "*" but only where ${narrowed.join(', ')} match`, e, ev(narrowed[0]!, definite(r, narrowed[0]!)));
    const urlAuth = known(r, 'FunctionUrlAuthType');
    if (urlAuth === 'AWS_IAM') return pass('a function URL permission that requires IAM authentication', e, ev('FunctionUrlAuthType', urlAuth));
    return fail(urlAuth === 'NONE' ? 'a public function URL: anyone on the internet can invoke the function' : 'anyone (principal "*", no condition) can invoke the function', e, ev('FunctionUrlAuthType', urlAuth ?? null, 'AWS_IAM or a condition'));
  },
});
