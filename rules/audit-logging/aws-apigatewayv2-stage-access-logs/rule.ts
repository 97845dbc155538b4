import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, notApplicable, text, knownPointer } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { isRef } from '../../../src/model/values.js';

/** The API a stage belongs to, when its ApiId is a Ref of an API in the same stack. */
function apiOf(stage: Resource, inventory: Inventory): Resource | undefined {
  const id = get(stage.properties, 'ApiId');
  const own = stage.location.logicalId;
  if (!isRef(id) || !own || !stage.id.endsWith(`/${own}`)) return undefined;
  const api = inventory.get(stage.id.slice(0, stage.id.length - own.length) + id.logicalId);
  return api?.type === 'aws.apigatewayv2.api' ? api : undefined;
}
import { judgeAccessLogDestination } from '../_access-log-destination.js';

/**
 * HTTP and WebSocket API stages (`AWS::ApiGatewayV2::Stage`, also what SAM's
 * HttpApi emits), and the `$default` stage an HTTP API "quick create" (`Target`
 * on the `AWS::ApiGatewayV2::Api`) makes without any Stage resource: that
 * stage has no access log settings.
 */
export default defineRule({
  id: 'audit-logging/aws-apigatewayv2-stage-access-logs',
  control: 'audit-logging',
  title: 'API Gateway HTTP API stages write access logs; WebSocket stages write access or execution logs',
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
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html',
  ],
  types: ['aws.apigatewayv2.stage', 'aws.apigatewayv2.api'],
  // The live collector does not read API Gateway stages.
  sources: ['iac'],
  check(r, { inventory }) {
    if (r.type === 'aws.apigatewayv2.api') {
      const target = known(r, 'Target');
      if (target === undefined || target === null || target === '')
        return notApplicable('no quick-create Target: the API\'s stages are AWS::ApiGatewayV2::Stage resources, judged on their own', ev('Target', null));
      return fail(
        'quick create makes a $default stage without access log settings',
        ev('Target', text(target), undefined, 'with Target set, API Gateway creates the $default stage itself; it writes no access logs unless a Stage resource configures them'),
      );
    }
    const path = 'AccessLogSettings.DestinationArn';
    const access = judgeAccessLogDestination(get(r.properties, path), () => knownPointer(r, path), path, 'stage', false, 'omitted: HTTP and WebSocket API stages write access logs only when AccessLogSettings names a destination');
    if (access.status !== 'fail') return access;
    // A WebSocket stage logging execution at ERROR or INFO records every call (FSBP APIGateway.1), as a REST stage
    // does (audit-logging/aws-apigateway-stage-access-logs). HTTP APIs have no execution logging: access logs only.
    const level = get(r.properties, 'DefaultRouteSettings.LoggingLevel');
    if (level !== 'ERROR' && level !== 'INFO') return access;
    const api = apiOf(r, inventory);
    const protocol = api ? get(api.properties, 'ProtocolType') : undefined;
    if (protocol !== 'WEBSOCKET') return access;
    return pass(
      `WebSocket stage logs execution at ${level} for every route (no access log)`,
      ...(access.evidence ?? []),
      ev('DefaultRouteSettings.LoggingLevel', level, 'ERROR or INFO'),
      ev('(api) ProtocolType', protocol),
    );
  },
});
