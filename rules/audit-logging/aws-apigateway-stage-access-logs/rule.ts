import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeAccessLogDestination } from '../_access-log-destination.js';

const OMITTED = 'omitted: API Gateway writes access logs only when AccessLogSetting names a destination';

/**
 * A REST API stage is created either by an `AWS::ApiGateway::Stage` (what CDK's
 * RestApi and the SAM transform emit) or by an `AWS::ApiGateway::Deployment`
 * that names a `StageName`, configured through its `StageDescription`.
 */
export default defineRule({
  id: 'audit-logging/aws-apigateway-stage-access-logs',
  control: 'audit-logging',
  title: 'API Gateway REST API stages write access logs',
  severity: 'medium',
  risk: 'Without access logs there is no record of who called the API, from where, and with what result, for review or investigation.',
  remediation: {
    text: 'Give the stage an AccessLogSetting with a DestinationArn (a CloudWatch Logs log group, or a Firehose stream named amazon-apigateway-*) and a Format that includes $context.requestId.',
    cdk: "new apigateway.RestApi(this, 'Api', { deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(logGroup), accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields() } })",
    cloudformation: 'Type: AWS::ApiGateway::Stage\nProperties:\n  AccessLogSetting:\n    DestinationArn: !GetAtt ApiAccessLogs.Arn\n    Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\'',
  },
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-deployment.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
  ],
  types: ['aws.apigateway.stage', 'aws.apigateway.deployment'],
  // The live collector does not read API Gateway stages.
  sources: ['iac'],
  check(r) {
    if (r.type === 'aws.apigateway.deployment') {
      const stageName = known(r, 'StageName');
      if (stageName === undefined || stageName === '')
        return notApplicable('deployment names no StageName, so it creates no stage (a separate AWS::ApiGateway::Stage is judged)', ev('StageName', null));
      const path = 'StageDescription.AccessLogSetting.DestinationArn';
      return judgeAccessLogDestination(get(r.properties, path), () => known(r, path), path, `stage ${String(stageName)} created by the deployment`, true, OMITTED);
    }
    const path = 'AccessLogSetting.DestinationArn';
    return judgeAccessLogDestination(get(r.properties, path), () => known(r, path), path, 'stage', true, OMITTED);
  },
});
