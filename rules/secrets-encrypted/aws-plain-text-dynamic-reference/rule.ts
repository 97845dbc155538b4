import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { ev, get, pass, notApplicable } from '../../../src/evaluate/facts.js';
import { isBranches, isUnresolved } from '../../../src/model/values.js';
import { dynamicSecretReference, exposedReference, DYNAMIC_REFERENCE_DOC } from '../_values.js';

/**
 * Properties a service stores and shows as written, where a resolved secret
 * ends up in plain text: user data (DescribeInstanceAttribute,
 * DescribeLaunchTemplateVersions), state machine definitions
 * (DescribeStateMachine), App Runner and Elastic Beanstalk environment values,
 * and tags (readable with any Describe/List call, and copied to cost reports).
 * Environment variables of Lambda, ECS, Batch, CodeBuild and Glue jobs have
 * rules of their own.
 */
const PLACES = {
  'aws.ec2.instance': ['UserData', 'Tags'],
  'aws.ec2.launch-template': ['LaunchTemplateData.UserData', 'LaunchTemplateData.TagSpecifications', 'TagSpecifications'],
  'aws.autoscaling.launch-configuration': ['UserData'],
  'aws.stepfunctions.state-machine': ['DefinitionString', 'Definition', 'DefinitionSubstitutions', 'Tags'],
  'aws.apprunner.service': [
    'SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables',
    'SourceConfiguration.CodeRepository.CodeConfiguration.CodeConfigurationValues.RuntimeEnvironmentVariables',
  ],
  'aws.elasticbeanstalk.environment': ['OptionSettings'],
  'aws.elasticbeanstalk.configuration-template': ['OptionSettings'],
} as const satisfies Record<string, readonly string[]>;

const MAX_DEPTH = 32;

/** Every place under `value` holding a secret-store dynamic reference, with its path. */
function references(value: unknown, path: string, out: { path: string; store: string }[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string' || isUnresolved(value)) {
    const store = dynamicSecretReference(value);
    if (store) out.push({ path, store });
    return;
  }
  if (isBranches(value)) {
    references(value.whenTrue, path, out, depth + 1);
    references(value.whenFalse, path, out, depth + 1);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => references(v, `${path}[${i}]`, out, depth + 1));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) references(v, `${path}.${k}`, out, depth + 1);
}

export default defineRule({
  id: 'secrets-encrypted/aws-plain-text-dynamic-reference',
  control: 'secrets-encrypted',
  title: 'Secret-store dynamic references are not resolved into plain-text properties (user data, definitions, tags)',
  severity: 'high',
  risk: 'CloudFormation replaces {{resolve:secretsmanager:...}} and {{resolve:ssm-secure:...}} with the secret at deploy time; in user data, a state machine definition, an App Runner or Beanstalk environment value or a tag, the service then keeps the secret in plain text and shows it to anyone who can describe the resource.',
  remediation: {
    text: 'Pass the secret\'s ARN or name instead, and fetch the value at run time with the resource\'s role (aws secretsmanager get-secret-value in user data; the Secrets Manager SDK integration in Step Functions; RuntimeEnvironmentSecrets in App Runner).',
    cdk: "userData.addCommands(`DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${secret.secretArn} --query SecretString --output text)`); secret.grantRead(instance)",
    cloudformation: 'UserData: !Base64\n  Fn::Sub: |\n    #!/bin/bash\n    DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${DbSecret} --query SecretString --output text)',
  },
  references: [DYNAMIC_REFERENCE_DOC, 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html'],
  types: Object.keys(PLACES) as (keyof typeof PLACES)[],
  // What a template writes: a live resource holds the resolved value, judged by the other secrets rules.
  sources: ['iac'],
  check(r) {
    const places = PLACES[r.type as keyof typeof PLACES] ?? [];
    const present = places.filter((p) => get(r.properties, p) !== undefined);
    if (present.length === 0) return notApplicable('no user data, definition, environment values or tags in the template', ev(places[0] ?? '(properties)', null));
    const found: { path: string; store: string }[] = [];
    for (const p of present) references(get(r.properties, p), p, found);
    if (found.length === 0) return pass('no secret-store dynamic reference is resolved into a plain-text property', ev(present.join(', '), 'no {{resolve:secretsmanager|ssm-secure:...}}'));
    return found.map((f): Verdict => ({ ...exposedReference(f.path, f.store, f.path), subId: f.path }));
  },
});
