/**
 * docs/aws-iam-policy.json, generated from the AWS declaration: every IAM
 * action a scan of the account needs, nothing else. The scan's own STS calls
 * are left out (GetCallerIdentity needs no permission; AssumeRole is granted
 * to the caller, not to the role being scanned), and Organizations listing
 * is a statement of its own (needed only with --org-role).
 */
import { aws } from './index.js';
import { readCalls } from '../index.js';
import type { ReadCall } from '../types.js';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
}

const SID_NAMES: Record<string, string> = { apigateway: 'ApiGateway' };

/** The IAM action a read needs (`null`: none). */
export const actionOf = (r: ReadCall) => (r.action === undefined ? r.op : r.action);

export function awsIamPolicy(): { Version: string; Statement: Statement[] } {
  const anywhere: string[] = [];
  const scoped = new Map<string, string[]>();
  const org: string[] = [];
  for (const r of readCalls(aws)) {
    const action = actionOf(r);
    if (!action || action.startsWith('sts:')) continue;
    if (action.startsWith('organizations:')) {
      if (!org.includes(action)) org.push(action);
    } else if (r.resource) {
      const list = scoped.get(action) ?? [];
      if (!list.includes(r.resource)) list.push(r.resource);
      scoped.set(action, list);
    } else if (!anywhere.includes(action)) anywhere.push(action);
  }
  const statements: Statement[] = [{ Sid: 'VouchReadSecurityConfiguration', Effect: 'Allow', Action: anywhere, Resource: '*' }];
  for (const [action, resources] of scoped) {
    const prefix = action.split(':')[0]!;
    const sid = `VouchRead${SID_NAMES[prefix] ?? prefix.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;
    statements.push({ Sid: sid, Effect: 'Allow', Action: action, Resource: resources.length === 1 ? resources[0]! : resources });
  }
  if (org.length) statements.push({ Sid: 'VouchOrganizationScan', Effect: 'Allow', Action: org, Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

/** The committed file's text: two-space JSON and a final newline. */
export function awsIamPolicyText(): string {
  return JSON.stringify(awsIamPolicy(), null, 2) + '\n';
}
