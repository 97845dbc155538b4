/**
 * SAM event sources that become an EventBridge rule or an EventBridge Scheduler schedule (`Schedule`,
 * `CloudWatchEvent`, `EventBridgeRule`, `ScheduleV2`) on a state machine or a function, expanded into what
 * the transform writes for them (AWS SAM specification, "Generated AWS CloudFormation resources" and the
 * event source pages of AWS::Serverless::StateMachine and AWS::Serverless::Function):
 *
 * - the rule or schedule `<Owner><Event>` with the owner as its one target;
 * - the role the target is started through, `<Owner><Event>Role`, unless the event names one (`RoleArn`):
 *   a state machine's rules always get it (trusting events.amazonaws.com, allowed states:StartExecution on
 *   the state machine); a schedule gets it for either owner (trusting scheduler.amazonaws.com, allowed
 *   states:StartExecution or lambda:InvokeFunction, and sqs:SendMessage on its dead-letter queue). A
 *   function's rules invoke it through a resource policy (the permission sam.ts writes), no role;
 * - with `DeadLetterConfig: { Type: SQS }`, the queue SAM creates (`<Owner><Event>Queue`, or the
 *   QueueLogicalId given) and, for a rule, the queue policy that lets the rule send to it.
 */
import { asRecord } from '../../evaluate/facts.js';
import { Unresolved } from '../../model/values.js';

export interface EventOut {
  add(id: string, type: string, props: Record<string, unknown>): void;
}

export interface EventOwner {
  /** Logical id of the generated state machine or function. */
  id: string;
  kind: 'state machine' | 'function';
  /** The owner's PermissionsBoundary, which SAM puts on the roles of its events too. */
  permissionsBoundary?: unknown;
}

export const RULE_EVENT_TYPES = new Set(['Schedule', 'ScheduleV2', 'CloudWatchEvent', 'EventBridgeRule']);

const set = (o: Record<string, unknown>, k: string, v: unknown) => {
  if (v !== undefined) o[k] = v;
};

/** The owner's ARN as SAM writes it: `Ref` of a state machine, `Fn::GetAtt Arn` of a function. */
const ownerArn = (o: EventOwner): unknown => (o.kind === 'state machine' ? { Ref: o.id } : { 'Fn::GetAtt': [o.id, 'Arn'] });

/** SAM's `Enabled` as a rule `State`: a literal boolean (or its text) decides; anything else is left to deploy time. */
function enabledState(v: unknown): unknown {
  if (v === true || v === 'true' || v === 'True') return 'ENABLED';
  if (v === false || v === 'false' || v === 'False') return 'DISABLED';
  return new Unresolved('SAM Schedule Enabled');
}

/** The dead-letter queue a `DeadLetterConfig` names or makes (with `made` its logical id when SAM creates it). */
function deadLetterQueue(eventLogicalId: string, dlq: Record<string, unknown>, out: EventOut): { arn: unknown; made?: string } {
  if (dlq.Arn !== undefined) return { arn: dlq.Arn };
  if (dlq.Type !== 'SQS') return { arn: new Unresolved('SAM DeadLetterConfig with neither Arn nor Type SQS') };
  const made = typeof dlq.QueueLogicalId === 'string' && dlq.QueueLogicalId !== '' ? dlq.QueueLogicalId : `${eventLogicalId}Queue`;
  out.add(made, 'AWS::SQS::Queue', {});
  return { arn: { 'Fn::GetAtt': [made, 'Arn'] }, made };
}

/** A role a service assumes to start the owner (also the state machine Api event's apigateway role, sam.ts): one inline policy a statement. */
export function serviceRole(id: string, service: string, statements: { name: string; action: string; resource: unknown }[], boundary: unknown, out: EventOut): void {
  out.add(id, 'AWS::IAM::Role', {
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }] },
    Policies: statements.map((s) => ({ PolicyName: s.name, PolicyDocument: { Statement: [{ Effect: 'Allow', Action: s.action, Resource: s.resource }] } })),
    ...(boundary !== undefined ? { PermissionsBoundary: boundary } : {}),
  });
}

/**
 * How many resources `expandRuleEvent` makes for this event (counted before anything is built, against the run's
 * cap): the rule or schedule, its role, the dead-letter queue SAM creates and the rule's queue policy.
 */
export function ruleEventResourceCount(kind: EventOwner['kind'], type: string, epIn: unknown): number {
  const ep = asRecord(epIn);
  const dlq = ep.DeadLetterConfig === undefined ? undefined : asRecord(ep.DeadLetterConfig);
  const queue = dlq !== undefined && dlq.Arn === undefined && dlq.Type === 'SQS' ? 1 : 0;
  if (type === 'ScheduleV2') return 1 + (ep.RoleArn === undefined ? 1 : 0) + queue;
  return 1 + (kind === 'state machine' && ep.RoleArn === undefined ? 1 : 0) + queue * 2;
}

/** Expand one `Schedule` / `CloudWatchEvent` / `EventBridgeRule` / `ScheduleV2` event of `owner`. */
export function expandRuleEvent(owner: EventOwner, eventId: string, type: string, epIn: unknown, out: EventOut): void {
  const ep = asRecord(epIn);
  const logicalId = `${owner.id}${eventId}`;
  const dlqConfig = ep.DeadLetterConfig === undefined ? undefined : asRecord(ep.DeadLetterConfig);
  const dlq = dlqConfig ? deadLetterQueue(logicalId, dlqConfig, out) : undefined;
  const start = owner.kind === 'state machine' ? { action: 'states:StartExecution', suffix: 'StartExecutionPolicy' } : { action: 'lambda:InvokeFunction', suffix: 'LambdaPolicy' };

  if (type === 'ScheduleV2') {
    let roleArn = ep.RoleArn;
    if (roleArn === undefined) {
      const roleId = `${logicalId}Role`;
      const statements = [{ name: `${logicalId}${start.suffix}`, action: start.action, resource: ownerArn(owner) }];
      if (dlq) statements.push({ name: `${logicalId}SQSPolicy`, action: 'sqs:SendMessage', resource: dlq.arn });
      serviceRole(roleId, 'scheduler.amazonaws.com', statements, ep.PermissionsBoundary, out);
      roleArn = { 'Fn::GetAtt': [roleId, 'Arn'] };
    }
    const target: Record<string, unknown> = { Arn: ownerArn(owner), RoleArn: roleArn };
    set(target, 'Input', ep.Input);
    if (dlq) target.DeadLetterConfig = { Arn: dlq.arn };
    set(target, 'RetryPolicy', ep.RetryPolicy);
    const schedule: Record<string, unknown> = { ScheduleExpression: ep.ScheduleExpression, FlexibleTimeWindow: ep.FlexibleTimeWindow ?? { Mode: 'OFF' }, Target: target };
    if (ep.OmitName !== true) schedule.Name = ep.Name ?? logicalId;
    for (const k of ['State', 'Description', 'StartDate', 'EndDate', 'ScheduleExpressionTimezone', 'GroupName', 'KmsKeyArn']) set(schedule, k, ep[k]);
    out.add(logicalId, 'AWS::Scheduler::Schedule', schedule);
    return;
  }

  // An EventBridge rule. A state machine is started through a role; a function is invoked through its permission.
  let roleArn: unknown;
  if (owner.kind === 'state machine') {
    roleArn = ep.RoleArn;
    if (roleArn === undefined) {
      const roleId = `${logicalId}Role`;
      serviceRole(roleId, 'events.amazonaws.com', [{ name: `${roleId}${start.suffix}`, action: start.action, resource: ownerArn(owner) }], owner.permissionsBoundary, out);
      roleArn = { 'Fn::GetAtt': [roleId, 'Arn'] };
    }
  }
  const targetIn = asRecord(ep.Target);
  const target: Record<string, unknown> = { Arn: ownerArn(owner), Id: targetIn.Id ?? `${logicalId}${owner.kind === 'state machine' ? 'StepFunctionsTarget' : 'LambdaTarget'}` };
  set(target, 'RoleArn', roleArn);
  set(target, 'Input', ep.Input);
  set(target, 'InputPath', ep.InputPath);
  set(target, 'InputTransformer', ep.InputTransformer);
  if (dlq) target.DeadLetterConfig = { Arn: dlq.arn };
  set(target, 'RetryPolicy', ep.RetryPolicy);
  const rule: Record<string, unknown> = { Targets: [target] };
  if (type === 'Schedule') {
    rule.ScheduleExpression = ep.Schedule;
    set(rule, 'Name', ep.Name);
    set(rule, 'Description', ep.Description);
    set(rule, 'State', ep.State ?? (ep.Enabled !== undefined ? enabledState(ep.Enabled) : undefined));
  } else {
    set(rule, 'EventBusName', ep.EventBusName);
    set(rule, 'EventPattern', ep.Pattern);
    set(rule, 'Name', ep.RuleName);
    set(rule, 'State', ep.State);
  }
  out.add(logicalId, 'AWS::Events::Rule', rule);
  if (dlq?.made) {
    // The queue policy SAM writes so that this rule (and only it) can send to the queue it made.
    out.add(`${logicalId}QueuePolicy`, 'AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq.made }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: dlq.arn, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId, 'Arn'] } } } }],
      },
    });
  }
}
