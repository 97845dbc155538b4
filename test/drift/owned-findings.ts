/** Live findings with each kind of owner, for the report tests of ownership. */
import { richEvidence, richFindings, makeFinding } from '../reports/evidence-fixture.js';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/WebStack/0f1e2d3c-aaaa-bbbb-cccc-000000000001';
export const owned = makeFinding({
  ruleId: 'enc-rest/aws-s3-bucket',
  status: 'fail',
  resource: {
    type: 'aws.s3.bucket',
    provider: 'aws',
    source: 'live',
    id: 'arn:aws:s3:::web-assets-bucket',
    arn: 'arn:aws:s3:::web-assets-bucket',
    account: '123456789012',
    region: 'us-east-1',
    owner: { status: 'stack', stackName: 'WebStack', stackId: STACK_ID, logicalId: 'AssetsBucket1A2B3C4D', constructPath: 'WebStack/Assets/Resource' },
  },
});
export const shadow = makeFinding({
  ruleId: 'enc-rest/aws-s3-bucket',
  status: 'fail',
  resource: { type: 'aws.s3.bucket', provider: 'aws', source: 'live', id: 'arn:aws:s3:::hand-made-bucket', arn: 'arn:aws:s3:::hand-made-bucket', account: '123456789012', region: 'us-east-1', owner: { status: 'none' } },
});
export const ambiguous = makeFinding({
  ruleId: 'enc-rest/aws-sqs-queue',
  status: 'fail',
  resource: {
    type: 'aws.sqs.queue',
    provider: 'aws',
    source: 'live',
    id: 'arn:aws:sqs:us-east-1:123456789012:shared-events',
    account: '123456789012',
    region: 'us-east-1',
    owner: {
      status: 'ambiguous',
      reason: '2 stacks claim this physical id',
      claims: [
        { stackName: 'CopyStack', stackId: STACK_ID.replace('WebStack', 'CopyStack'), logicalId: 'SharedQueueCopy' },
        { stackName: 'DataStack', stackId: STACK_ID.replace('WebStack', 'DataStack'), logicalId: 'SharedQueue' },
      ],
    },
  },
});
export const doc = richEvidence([...richFindings(), owned, shadow, ambiguous]);

