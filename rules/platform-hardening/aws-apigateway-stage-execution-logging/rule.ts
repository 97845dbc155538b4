import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, asRecord } from '../../../src/evaluate/facts.js';

/**
 * FSBP APIGateway.1 (REST): the stage's method settings for all resources and
 * methods (`/*`, `*`) log execution at ERROR or INFO. Templates only: the live
 * collector does not read stages.
 */
export default defineRule({
  id: 'platform-hardening/aws-apigateway-stage-execution-logging',
  control: 'platform-hardening',
  title: 'API Gateway REST API stages log execution for every method',
  severity: 'medium',
  risk: 'Without execution logs, failed authorizations, integration errors and abuse of the API leave no trace to investigate.',
  remediation: {
    text: 'Set the stage method settings for resource path /* and method * to logging level ERROR or INFO (and set the account CloudWatch role).',
    cdk: "new apigateway.RestApi(this, 'Api', { deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.ERROR } })",
    cloudformation: "Type: AWS::ApiGateway::Stage\nProperties:\n  MethodSettings:\n    - { ResourcePath: '/*', HttpMethod: '*', LoggingLevel: ERROR }",
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  types: ['aws.apigateway.stage'],
  sources: ['iac'],
  check(r) {
    const settings = asArray(known(r, 'MethodSettings')).map(asRecord);
    const all = settings.find((s) => s.ResourcePath === '/*' && s.HttpMethod === '*');
    const level = all ? known(r, `MethodSettings[${settings.indexOf(all)}].LoggingLevel`) : undefined;
    const e = ev("MethodSettings[/*,*].LoggingLevel", level ?? null, 'ERROR or INFO', all ? undefined : 'no method setting for all resources and methods: execution logging is off by default');
    return level === 'ERROR' || level === 'INFO' ? pass(`execution logging is ${level} for every method`, e) : fail(`execution logging is ${String(level ?? 'off')} for the stage's methods`, e);
  },
});
