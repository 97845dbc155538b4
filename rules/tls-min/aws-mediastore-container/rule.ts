import { defineRule } from '../../../src/evaluate/rule.js';
import { get, knownDocument, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { allowsOnlyOverTls, deniesInsecureTransport, readStatements } from '../../../src/lib/s3-policy.js';

const OBJECT_ACTIONS = ['mediastore:GetObject', 'mediastore:PutObject'] as const;

/**
 * Whether a MediaStore container refuses plain HTTP, as S3 buckets are judged: its policy denies
 * everyone when `aws:SecureTransport` is false, or every Allow holds only over TLS (`Bool`
 * `aws:SecureTransport` true, the shape of MediaStore's default policy, which applies when `Policy` is
 * omitted). A policy with an Allow that holds over HTTP fails.
 */
export default defineRule({
  id: 'tls-min/aws-mediastore-container',
  control: 'tls-min',
  title: 'MediaStore containers accept requests only over HTTPS',
  severity: 'medium',
  risk: 'A container whose policy allows requests over plain HTTP serves (or accepts) media and signed requests readable and alterable on the way.',
  remediation: {
    text: 'Add `"Condition": {"Bool": {"aws:SecureTransport": "true"}}` to every Allow statement of the container policy, or a Deny for "*" when aws:SecureTransport is false.',
    cloudformation: 'Type: AWS::MediaStore::Container\nProperties:\n  Policy: \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"mediastore:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}\'',
  },
  references: [
    'https://docs.aws.amazon.com/mediastore/latest/ug/policies-default.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mediastore-container.html',
  ],
  types: ['aws.mediastore.container'],
  // No live collector reads MediaStore: judged in templates only.
  sources: ['iac'],
  check(r) {
    if (get(r.properties, 'Policy') === undefined)
      return pass('no container policy: MediaStore\'s default policy allows access only over HTTPS', ev('Policy', null, 'Allow only when aws:SecureTransport is true', 'omitted: the default container policy holds only over HTTPS'));
    const doc = knownDocument(r, 'Policy');
    const read = readStatements(doc);
    if ('problem' in read) return unknown(`the container policy cannot be read as a policy document: ${read.problem}`, ev('Policy', doc ?? null));
    const { statements } = read;
    const denied = statements.findIndex((s) => deniesInsecureTransport(s, OBJECT_ACTIONS));
    if (denied >= 0) return pass('the container policy denies requests over plain HTTP', ev(`Policy.Statement[${denied}]`, 'Deny when aws:SecureTransport is false', 'Deny when aws:SecureTransport is false'));
    const open = statements.map((s, i) => ({ s, i })).filter(({ s }) => s.Effect === 'Allow' && !allowsOnlyOverTls(s));
    if (open.length)
      return fail(
        `the container policy allows requests over plain HTTP (${open.map(({ s, i }) => (typeof s.Sid === 'string' && s.Sid ? s.Sid : `Statement[${i}]`)).join(', ')}: no aws:SecureTransport condition, and no Deny for plain HTTP)`,
        ...open.map(({ s, i }) => ev(`Policy.Statement[${i}].Condition`, s.Condition ?? null, 'Bool aws:SecureTransport true')),
      );
    return pass('every Allow of the container policy holds only over HTTPS', ev('Policy.Statement', `${statements.length} statements`, 'Allow only when aws:SecureTransport is true'));
  },
});
