import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, get, ev, pass, unknown, notApplicable, NeedsValue, knownPointer } from '../../../src/evaluate/facts.js';
import { judgeAccessLogDestination } from '../_access-log-destination.js';
import { executionLogging, type ExecutionLogging } from '../_execution-logging.js';

const OMITTED = 'omitted: API Gateway writes access logs only when AccessLogSetting names a destination';

/**
 * A REST API stage is created either by an `AWS::ApiGateway::Stage` (what CDK's
 * RestApi and the SAM transform emit) or by an `AWS::ApiGateway::Deployment`
 * that names a `StageName`, configured through its `StageDescription`.
 *
 * The stage keeps the audit-logging promise with either record of its calls: an
 * access log, or execution logging at ERROR or INFO for every method (FSBP
 * APIGateway.1; the corpus labellers of three independent sets pass such
 * stages). Neither → fail. The account's CloudWatch role (`AWS::ApiGateway::Account`),
 * which both need to write, is not judged here.
 */
export default defineRule({
  id: 'audit-logging/aws-apigateway-stage-access-logs',
  control: 'audit-logging',
  title: 'API Gateway REST API stages write access logs or execution logs',
  severity: 'medium',
  risk: 'Without access logs there is no record of who called the API, from where, and with what result, for review or investigation.',
  remediation: {
    text: 'Give the stage an AccessLogSetting with a DestinationArn (a CloudWatch Logs log group, or a Firehose stream named amazon-apigateway-*) and a Format that includes $context.requestId, or turn on execution logging (ERROR or INFO) for all methods (/* and *).',
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
    let what = 'stage';
    let path: 'AccessLogSetting.DestinationArn' | 'StageDescription.AccessLogSetting.DestinationArn' = 'AccessLogSetting.DestinationArn';
    if (r.type === 'aws.apigateway.deployment') {
      const stageName = known(r, 'StageName');
      if (stageName === undefined || stageName === '')
        return notApplicable('deployment names no StageName, so it creates no stage (a separate AWS::ApiGateway::Stage is judged)', ev('StageName', null));
      path = 'StageDescription.AccessLogSetting.DestinationArn';
      what = `stage ${String(stageName)} created by the deployment`;
    }
    let access: Verdict;
    try {
      access = judgeAccessLogDestination(get(r.properties, path), () => knownPointer(r as Resource, path), path, what, true, OMITTED);
    } catch (e) {
      if (!(e instanceof NeedsValue)) throw e;
      access = unknown(`${what}: cannot tell whether access logs are written: ${e.message}`, ev(path, null, 'a log destination'));
    }
    if (access.status === 'pass') return access;
    let exec: ExecutionLogging | NeedsValue;
    try {
      exec = executionLogging(r);
    } catch (e) {
      if (!(e instanceof NeedsValue)) throw e;
      exec = e;
    }
    if (!(exec instanceof NeedsValue) && exec.on)
      return pass(`${what} logs execution at ${String(exec.level)} for every method (no access log)`, ...(access.evidence ?? []), exec.evidence);
    if (access.status === 'unknown') return access;
    if (exec instanceof NeedsValue) return unknown(`${what} writes no access logs, and its execution logging level cannot be read: ${exec.message}`, ...(access.evidence ?? []));
    return { ...access, message: `${access.message}, and no execution logging (${String(exec.level ?? 'off')})`, evidence: [...(access.evidence ?? []), exec.evidence] };
  },
});
