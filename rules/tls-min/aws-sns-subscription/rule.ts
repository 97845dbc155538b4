import { defineRule } from '../../../src/evaluate/rule.js';
import { get, asArray, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';

/**
 * SNS delivers an `http` subscription as a plain-HTTP POST: the message body, and the
 * subscription confirmation token, cross the internet unencrypted. `https` delivers over
 * TLS; the other protocols (sqs, lambda, firehose, application, sms, email) are not web
 * endpoints this rule judges. Subscriptions are declared on their own
 * (`AWS::SNS::Subscription`) or inline in a topic's `Subscription` list.
 */
function entries(r: { type: string; properties: unknown }): { at: string; protocol: unknown; endpoint: unknown }[] {
  if (r.type === 'aws.sns.subscription') return [{ at: '', protocol: get(r.properties, 'Protocol'), endpoint: get(r.properties, 'Endpoint') }];
  const list = get(r.properties, 'Subscription');
  if (isUnresolved(list)) return [{ at: 'Subscription', protocol: list, endpoint: undefined }];
  return asArray(list).map((s, i) => ({ at: `Subscription[${i}].`, protocol: get(s, 'Protocol'), endpoint: get(s, 'Endpoint') }));
}

export default defineRule({
  id: 'tls-min/aws-sns-subscription',
  control: 'tls-min',
  title: 'SNS subscriptions deliver to web endpoints over HTTPS, not plain HTTP',
  severity: 'medium',
  risk: 'An http subscription posts every message published to the topic, unencrypted, to its endpoint; anyone on the path reads (or changes) them.',
  remediation: {
    text: 'Subscribe the endpoint with Protocol https and an https:// URL (the endpoint must present a certificate from a trusted CA).',
    cdk: "topic.addSubscription(new subs.UrlSubscription('https://hooks.example.com/sns'))",
    cloudformation: 'Type: AWS::SNS::Subscription\nProperties:\n  TopicArn: !Ref Topic\n  Protocol: https\n  Endpoint: https://hooks.example.com/sns',
  },
  references: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html',
    'https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html',
  ],
  types: ['aws.sns.subscription', 'aws.sns.topic'],
  // The live collector does not read subscriptions.
  sources: ['iac'],
  check(r) {
    const list = entries(r);
    const plain: EvidenceItem[] = [];
    const open: EvidenceItem[] = [];
    const secure: EvidenceItem[] = [];
    for (const s of list) {
      if (isUnresolved(s.protocol)) {
        open.push(ev(s.at === 'Subscription' ? 'Subscription' : `${s.at}Protocol`, s.protocol, 'https'));
        continue;
      }
      const p = text(s.protocol ?? '').toLowerCase();
      if (p === 'http') plain.push(ev(`${s.at}Protocol`, s.protocol, 'https', isUnresolved(s.endpoint) ? undefined : `delivers to ${text(s.endpoint)} without TLS`));
      else if (p === 'https') secure.push(ev(`${s.at}Protocol`, s.protocol, 'https'));
    }
    if (plain.length) return fail(`${plain.length} subscription${plain.length > 1 ? 's deliver' : ' delivers'} messages over plain HTTP`, ...plain);
    if (open.length) return unknown(`the subscription protocol depends on ${open.map((e) => text(e.observed)).join(', ')}`, ...open);
    if (secure.length) return pass(`${secure.length} web subscription${secure.length > 1 ? 's deliver' : ' delivers'} over HTTPS`, ...secure);
    return notApplicable(list.length ? 'no subscription delivers to a web endpoint' : 'the topic declares no subscriptions');
  },
});
