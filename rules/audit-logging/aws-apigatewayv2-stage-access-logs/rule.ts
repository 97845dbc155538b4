import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get } from '../../../src/evaluate/facts.js';
import { judgeAccessLogDestination } from '../_access-log-destination.js';

/** HTTP and WebSocket API stages (`AWS::ApiGatewayV2::Stage`, also what SAM's HttpApi emits). */
export default defineRule({
  id: 'audit-logging/aws-apigatewayv2-stage-access-logs',
  control: 'audit-logging',
  title: 'API Gateway HTTP and WebSocket API stages write access logs',
  severity: 'medium',
  risk: 'Without access logs there is no record of who called the API, from where, and with what result, for review or investigation.',
  remediation: {
    text: 'Give the stage AccessLogSettings with a DestinationArn (a CloudWatch Logs log group ARN) and a Format that includes $context.requestId.',
    cdk: "new apigwv2.HttpStage(this, 'Stage', { httpApi, accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(logGroup) } })",
    cloudformation: 'Type: AWS::ApiGatewayV2::Stage\nProperties:\n  AccessLogSettings:\n    DestinationArn: !GetAtt ApiAccessLogs.Arn\n    Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\'',
  },
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html',
  ],
  types: ['aws.apigatewayv2.stage'],
  // The live collector does not read API Gateway stages.
  sources: ['iac'],
  check(r) {
    const path = 'AccessLogSettings.DestinationArn';
    return judgeAccessLogDestination(get(r.properties, path), () => known(r, path), path, 'stage', false, 'omitted: HTTP and WebSocket API stages write access logs only when AccessLogSettings names a destination');
  },
});
