import { defineRule } from '../../../src/evaluate/rule.js';
import { pass, fail } from '../../../src/evaluate/facts.js';
import { executionLogging } from '../../audit-logging/_execution-logging.js';

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
    const { level, on, evidence } = executionLogging(r);
    return on ? pass(`execution logging is ${String(level)} for every method`, evidence) : fail(`execution logging is ${String(level ?? 'off')} for the stage's methods`, evidence);
  },
});
