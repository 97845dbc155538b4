import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const P = 'BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type';

export default defineRule({
  id: 'public-access/aws-msk-cluster',
  control: 'public-access',
  title: 'MSK brokers are not reachable from the internet',
  severity: 'high',
  risk: 'With public access the brokers get Elastic IP addresses; only authentication, ACLs and security groups stand between the topics and the internet.',
  remediation: {
    text: 'Leave PublicAccess unset or Type: DISABLED and reach the brokers from inside the VPC (or through PrivateLink).',
    cdk: "new msk.CfnCluster(this, 'Kafka', { ..., brokerNodeGroupInfo: { ..., connectivityInfo: { publicAccess: { type: 'DISABLED' } } } })",
    cloudformation: 'BrokerNodeGroupInfo:\n  ConnectivityInfo:\n    PublicAccess:\n      Type: DISABLED',
  },
  references: ['https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html'],
  types: ['aws.msk.cluster'],
  // No live collector reads MSK: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, P);
    const v = raw === undefined || raw === null ? 'DISABLED' : text(raw).trim().toUpperCase();
    const evidence = ev(P, raw ?? null, 'DISABLED', raw === undefined ? 'omitted: public access is off unless turned on after creation' : undefined);
    if (v === 'DISABLED') return pass('brokers have no public addresses', evidence);
    if (v === 'SERVICE_PROVIDED_EIPS') return fail('brokers are reachable from the internet (SERVICE_PROVIDED_EIPS)', evidence);
    return fail(`PublicAccess Type ${text(raw)} is not a valid value`, ev(P, raw, 'DISABLED', notAValidValue('PublicAccess.Type', text(raw), 'DISABLED or SERVICE_PROVIDED_EIPS')));
  },
});
