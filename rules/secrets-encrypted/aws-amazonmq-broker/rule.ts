import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, asArray, asRecord, text } from '../../../src/evaluate/facts.js';
import { judgeVariable } from '../_values.js';

export default defineRule({
  id: 'secrets-encrypted/aws-amazonmq-broker',
  control: 'secrets-encrypted',
  title: 'Amazon MQ broker user passwords are not written in the template',
  severity: 'high',
  risk: 'A broker user password written as a literal sits in the template, in source control and in every copy of the stack; anyone who reads it can connect to the broker as that user.',
  remediation: {
    text: 'Take each Users[].Password from Secrets Manager with a dynamic reference ({{resolve:secretsmanager:...}}) or from a NoEcho parameter without a default.',
    cdk: "users: [{ username: 'app', password: secret.secretValueFromJson('password').unsafeUnwrap() }]",
    cloudformation: "Users:\n  - Username: app\n    Password: '{{resolve:secretsmanager:mq-app:SecretString:password}}'",
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-amazonmq-broker-user.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html'],
  types: ['aws.amazonmq.broker'],
  // No live collector reads Amazon MQ users (the API never returns passwords): judged in templates only.
  sources: ['iac'],
  check(r) {
    const users = asArray(known(r, 'Users'));
    const verdicts: Verdict[] = [];
    const names: string[] = [];
    users.forEach((u, i) => {
      const user = asRecord(u);
      const name = text(must(user.Username, `Users[${i}].Username`) ?? `#${i}`);
      names.push(name);
      // The property is a password whatever it holds: judged under its own name.
      const v = judgeVariable('Password', user.Password, `Users[${i}].Password`, 'secret-field');
      if (v && v.status !== 'pass') verdicts.push({ ...v, message: `user ${name}: ${v.message}`, subId: name });
    });
    if (verdicts.length) return verdicts;
    return pass(
      users.length ? `no broker user password is written in the template (${users.length} users)` : 'the broker declares no users in the template',
      ev('Users[].Password', names.length ? names.map((n) => `${n}: not a literal`) : null, 'a dynamic reference or NoEcho parameter'),
    );
  },
});
