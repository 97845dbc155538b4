import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

export default defineRule({
  id: 'public-access/aws-neptunegraph-graph',
  control: 'public-access',
  title: 'Neptune Analytics graphs are not reachable from the internet',
  severity: 'high',
  risk: 'With PublicConnectivity true a Neptune Analytics graph answers over the internet, guarded only by IAM.',
  remediation: {
    text: 'Set PublicConnectivity: false (the default) and reach the graph through a private graph endpoint in the VPC.',
    cloudformation: 'Type: AWS::NeptuneGraph::Graph\nProperties:\n  ProvisionedMemory: 16\n  PublicConnectivity: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptunegraph-graph.html', 'https://docs.aws.amazon.com/neptune-analytics/latest/userguide/gettingStarted-connecting.html'],
  types: ['aws.neptunegraph.graph'],
  // No live collector reads Neptune Analytics: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgePublicFlag(r, { path: 'PublicConnectivity', defaultPublic: false, omittedNote: 'omitted: a graph is private unless PublicConnectivity is true (CloudFormation default false)', what: 'graph' });
  },
});
