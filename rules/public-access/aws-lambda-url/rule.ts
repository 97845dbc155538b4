import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * A function URL with AuthType NONE is an HTTPS endpoint anyone can call: AWS
 * requires the matching `lambda:InvokeFunctionUrl` permission for principal `*`
 * (with FunctionUrlAuthType NONE), which CDK, SAM and the console add with the
 * URL; public-access/aws-lambda-permission fails that permission the same way.
 * CORS and InvokeMode change what browsers may do and how the answer streams,
 * not who may call: they are not read.
 */
export default defineRule({
  id: 'public-access/aws-lambda-url',
  control: 'public-access',
  title: 'Lambda function URLs require IAM authentication',
  severity: 'high',
  risk: 'A function URL without authentication lets anyone on the internet invoke the function, with its role, and run up its bill.',
  remediation: {
    text: 'Set AuthType: AWS_IAM and sign requests with SigV4 (or front the function with API Gateway and an authorizer, or CloudFront with origin access control).',
    cdk: "fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })",
    cloudformation: 'Type: AWS::Lambda::Url\nProperties:\n  AuthType: AWS_IAM\n  TargetFunctionArn: !GetAtt Fn.Arn',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
  types: ['aws.lambda.url'],
  // No live collector reads function URLs yet: judged in templates only.
  sources: ['iac'],
  check(r) {
    const auth = known(r, 'AuthType');
    if (auth === 'AWS_IAM') return pass('the function URL requires IAM (SigV4) authentication', ev('AuthType', auth, 'AWS_IAM'));
    if (auth === 'NONE') return fail('the function URL has no authentication: anyone on the internet can invoke the function', ev('AuthType', auth, 'AWS_IAM'));
    if (auth === undefined || auth === null)
      return unknown('AuthType is omitted; it is required (AWS_IAM or NONE), so the template does not say who may call the URL', ev('AuthType', null, 'AWS_IAM'));
    return fail(`AuthType ${text(auth)} is not a valid value: who may call the URL is not settled`, ev('AuthType', auth, 'AWS_IAM', notAValidValue('AuthType', text(auth), 'AWS_IAM or NONE')));
  },
});
