/**
 * Policy documents written as JSON text, read as the object form: a literal JSON string, Fn::Sub
 * (with pseudo parameters, a resource's Ref/GetAtt, a parameter with or without a Default, a variable
 * map, an IRSA condition key `${Issuer}:sub`) and Fn::Join of JSON pieces. What cannot be read after
 * substitution, and a substituted value that could be "*", stay unknown. Templates: test/policy-text/.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';
import { parsePolicyDocument, PolicyShapeError, statementsOf, POLICY_TEXT_MAX_LENGTH } from '../src/lib/iam/statements.js';
import { readStatements } from '../src/lib/s3-policy.js';
import { ResourceRef, Unresolved, SHAPE_SPECIFIC, SHAPE_UNKNOWN } from '../src/model/values.js';

const DIR = join(import.meta.dirname, 'policy-text');

/** `logicalId ruleId` → { status, message } for every finding of the three controls a policy decides. */
let got: Map<string, { status: string; message: string }>;
beforeAll(async () => {
  const rules = await loadRules();
  const inventory = loadIac([DIR], {});
  got = new Map();
  for (const f of evaluate(inventory, rules, { controls: ['iam-least-privilege', 'mfa', 'public-access'], ctx: { params: DEFAULT_PARAMETERS, inventory } }))
    got.set(`${f.resource.logicalId} ${f.ruleId}`, { status: f.status, message: f.message });
});
const status = (key: string) => got.get(key)?.status ?? 'none';

describe('trust policies written with Fn::Sub (irsa-trust-sub.yaml)', () => {
  it('reads the IRSA shape: an issuer parameter as provider and as the prefix of its pinned :sub/:aud keys passes', () => {
    expect(status('DnsUpdaterRole iam-least-privilege/aws-iam-role-trust')).toBe('pass');
    expect(status('DnsUpdaterRole public-access/aws-iam-role-trust')).toBe('pass');
    expect(status('DnsUpdaterRole mfa/aws-iam-role-trust-mfa')).toBe('not-applicable');
  });

  it('the same provider with any subject is not a pass (the provider is not known, nothing pins its identities)', () => {
    expect(status('AnySubjectRole iam-least-privilege/aws-iam-role-trust')).toBe('unknown');
    expect(got.get('AnySubjectRole iam-least-privilege/aws-iam-role-trust')!.message).toContain('Fn::Sub "arn:aws:iam::${…}:oidc-provider/${…}"');
  });

  it('fails a GitHub trust built with pseudo parameters whose sub allows any owner (public: any repository)', () => {
    expect(status('CiDeployRole public-access/aws-iam-role-trust')).toBe('fail');
    expect(status('CiDeployRole iam-least-privilege/aws-iam-role-trust')).toBe('pass');
  });

  it("reads the stack's own account root (pseudo parameters) as one principal: not public, but a person without MFA", () => {
    expect(status('OwnAccountRole public-access/aws-iam-role-trust')).toBe('pass');
    expect(status('OwnAccountRole iam-least-privilege/aws-iam-role-trust')).toBe('pass');
    expect(status('OwnAccountRole mfa/aws-iam-role-trust-mfa')).toBe('fail');
  });

  it("a GitHub trust whose :sub key is built from a parameter is unknown (it may not be GitHub's key)", () => {
    const v = got.get('GithubBuiltKeyRole public-access/aws-iam-role-trust')!;
    expect(v.status).toBe('unknown');
    expect(v.message).toContain('StringLike ${…}:sub is a key the template builds, which could be token.actions.githubusercontent.com:sub');
  });

  it('reads an issuer built from the region and a cluster id, and an ABAC key with a parameter tag name', () => {
    expect(status('RegionalIssuerRole iam-least-privilege/aws-iam-role-trust')).toBe('pass');
    expect(status('RegionalIssuerRole iam-least-privilege/aws-iam-inline-policy')).toBe('pass');
  });

  it('keeps a principal that is a parameter as a whole unknown (it could be "*")', () => {
    expect(status('ParameterPrincipalRole public-access/aws-iam-role-trust')).toBe('unknown');
    expect(status('ParameterPrincipalRole iam-least-privilege/aws-iam-role-trust')).toBe('unknown');
    expect(status('ParameterPrincipalRole mfa/aws-iam-role-trust-mfa')).toBe('unknown');
  });
});

describe('Fn::Join of JSON pieces and literal JSON strings (join-and-literal.yaml)', () => {
  it('reads a joined document around a GetAtt: s3:* fails, named reads pass', () => {
    expect(status('JoinedWildcardPolicy iam-least-privilege/aws-iam-policy')).toBe('fail');
    expect(status('JoinedNarrowPolicy iam-least-privilege/aws-iam-policy')).toBe('pass');
  });

  it('a list parameter spliced in as a whole JSON value is unknown, with why', () => {
    expect(status('JoinedListPolicy iam-least-privilege/aws-iam-policy')).toBe('unknown');
    expect(got.get('JoinedListPolicy iam-least-privilege/aws-iam-policy')!.message).toContain('a computed piece outside a string');
  });

  it('reads literal JSON strings as the object form: a Lambda trust passes, Allow * fails, Principal "*" fails', () => {
    expect(status('LiteralTextRole iam-least-privilege/aws-iam-role-trust')).toBe('pass');
    expect(status('LiteralTextRole public-access/aws-iam-role-trust')).toBe('pass');
    expect(status('LiteralTextRole iam-least-privilege/aws-iam-inline-policy')).toBe('fail');
    expect(status('LiteralOpenTrustRole public-access/aws-iam-role-trust')).toBe('fail');
    // An open trust is public-access's finding only (fixAL count: iam-least-privilege pass 4 : fail 0).
    expect(status('LiteralOpenTrustRole iam-least-privilege/aws-iam-role-trust')).toBe('pass');
  });
});

describe('resource policies as JSON text (resource-policies.yaml)', () => {
  it('fails a Sub-built bucket policy that lets "*" read every object', () => {
    expect(status('SitePolicy public-access/aws-s3-bucket-policy')).toBe('fail');
  });

  it('keeps "*" pinned only by an organization id from a parameter without a value unknown', () => {
    expect(status('ArchivePolicy public-access/aws-s3-bucket-policy')).toBe('unknown');
  });

  it('Sub with a variable map: a reader parameter without a value is unknown, one with a literal Default is read as it', () => {
    expect(status('JobsReaderPolicy public-access/aws-sqs-queue-policy')).toBe('unknown');
    expect(status('ResultsReaderPolicy public-access/aws-sqs-queue-policy')).toBe('pass');
  });

  it('reads a literal KMS key policy string: the account root passes, {"AWS":"*"} decrypting fails', () => {
    expect(status('AccountKey public-access/aws-kms-key-policy')).toBe('pass');
    expect(status('OpenKey public-access/aws-kms-key-policy')).toBe('fail');
    expect(got.get('OpenKey public-access/aws-kms-key-policy')!.message).toContain('AnyoneDecrypts');
  });
});

describe('text that cannot be read (broken-text.yaml)', () => {
  it('built text that is not JSON once filled in is unknown with one clear message, on every rule that reads it', () => {
    for (const rule of ['iam-least-privilege/aws-iam-role-trust', 'mfa/aws-iam-role-trust-mfa', 'public-access/aws-iam-role-trust']) {
      const v = got.get(`TruncatedSubRole ${rule}`)!;
      expect(v.status).toBe('unknown');
      expect(v.message).toContain('is not JSON once its values are filled in');
    }
  });

  it('a literal string that is not JSON is unknown, saying where', () => {
    const v = got.get('NotJsonRole public-access/aws-iam-role-trust')!;
    expect(v.status).toBe('unknown');
    expect(v.message).toContain('the policy document text is not valid JSON (expected a string key at character 2)');
    expect(status('NotJsonRole iam-least-privilege/aws-iam-role-trust')).toBe('unknown');
  });

  it('a condition key that is a parameter as a whole (it could be aws:PrincipalOrgID) is unknown, never a verdict', () => {
    expect(status('ComputedKeyPolicy public-access/aws-s3-bucket-policy')).toBe('unknown');
    expect(status('ComputedKeyPolicy iam-least-privilege/aws-resource-policy')).toBe('unknown');
  });
});

describe('parsePolicyDocument: the one reader of a document, whatever its form', () => {
  const obj = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] };

  it('reads literal text, URL-encoded text and the object form alike', () => {
    expect(parsePolicyDocument(JSON.stringify(obj))).toEqual(obj);
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(obj)))).toEqual(obj);
    expect(parsePolicyDocument(obj)).toBe(obj);
    expect(readStatements(JSON.stringify(obj))).toEqual({ statements: obj.Statement });
  });

  it('refuses text that is not a JSON object, too long or too deep, with a PolicyShapeError, never a crash', () => {
    for (const bad of ['', '[]', '"text"', '{"Statement":', '{"a":1}x', `{"a":${'['.repeat(100_000)}`, `{"a":"${'x'.repeat(POLICY_TEXT_MAX_LENGTH)}"}`, '%7Bnot%ZZ'])
      expect(() => parsePolicyDocument(bad), bad.slice(0, 20)).toThrow(PolicyShapeError);
    expect(() => parsePolicyDocument(`{"a":"${'x'.repeat(POLICY_TEXT_MAX_LENGTH)}"}`)).toThrow(`longer than ${POLICY_TEXT_MAX_LENGTH} characters`);
    expect(readStatements('{"Statement": [')).toMatchObject({ problem: expect.stringContaining('not valid JSON') });
  });

  it('reads a built string that is wholly a resource\'s Ref/GetAtt as that ResourceRef, as the object form does', () => {
    const doc = new Unresolved('Fn::Sub', `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"${SHAPE_SPECIFIC}"},"Action":"sqs:SendMessage","Resource":"${SHAPE_SPECIFIC}/x"}]}`, ['text', 'text'], ['Sender.Arn', 'Queue.Arn']);
    const [s] = statementsOf(doc);
    expect(s!.principal!.AWS).toEqual([new ResourceRef('Sender', 'Arn')]);
    // Inside a longer string it stays a built string, with the resource it names.
    expect(s!.resource![0]).toBeInstanceOf(Unresolved);
    expect((s!.resource![0] as Unresolved).refs).toEqual(['Queue.Arn']);
  });

  it('reads a computed condition key with a literal ":" as its own key, and refuses two alike in one block', () => {
    const [s] = statementsOf(new Unresolved('Fn::Sub', `{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":{"${SHAPE_UNKNOWN}:sub":"system:serviceaccount:a:b"}}}]}`));
    expect(Object.keys(s!.condition!.StringEquals!)).toEqual([`${SHAPE_UNKNOWN}:sub`]);
    expect(() => statementsOf(new Unresolved('Fn::Sub', `{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":{"${SHAPE_UNKNOWN}:sub":"a","${SHAPE_SPECIFIC}:sub":"b","${SHAPE_UNKNOWN}:sub":"c"}}}]}`))).toThrow('two keys the template computes alike');
  });
});
