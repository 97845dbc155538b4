import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/**
 * A function URL with AuthType NONE is an HTTPS endpoint anyone on the internet
 * can call without signing the request (with AuthType AWS_IAM, callers need
 * IAM credentials). The permission that lets the URL invoke the function is
 * judged by public-access/aws-lambda-permission; this rule judges the endpoint
 * itself, which exists whichever way the permission was granted.
 */
export default defineRule({
  id: 'public-access/aws-lambda-url',
  control: 'public-access',
  title: 'Lambda function URLs require IAM authentication',
  severity: 'high',
  risk: 'A function URL with AuthType NONE runs the function, with its role, for any unsigned request from the internet: its data, the downstream calls it makes and the bill are open to all.',
  remediation: {
    text: 'Set AuthType: AWS_IAM and sign requests (SigV4), or put the function behind API Gateway or CloudFront with authentication; if the endpoint must be public (a webhook), verify the caller inside the function and acknowledge the finding with its reason.',
    cdk: 'fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })',
    cloudformation: 'Type: AWS::Lambda::Url\nProperties:\n  TargetFunctionArn: !GetAtt Fn.Arn\n  AuthType: AWS_IAM',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
  types: ['aws.lambda.url'],
  sources: ['iac'],
  check(r) {
    const auth = known(r, 'AuthType');
    const e = ev('AuthType', auth ?? null, 'AWS_IAM');
    if (auth === 'AWS_IAM') return pass('the function URL requires IAM-signed requests', e);
    if (auth === 'NONE') return fail('the function URL takes unauthenticated requests from anyone on the internet (AuthType NONE)', e);
    return fail(`AuthType ${JSON.stringify(auth ?? null)} is not a valid value (AWS_IAM or NONE); only AWS_IAM requires authentication`, e);
  },
});
