import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const ACCESS_MODES = ['PUBLIC_ONLY', 'PRIVATE_ONLY'];

/**
 * `WebserverAccessMode: PUBLIC_ONLY` gives an Amazon MWAA environment's Apache Airflow web server a public
 * endpoint: its sign-in page answers from the internet (sign-in still goes through IAM), where PRIVATE_ONLY
 * serves it only through a VPC endpoint in the environment's VPC. The property is optional and an
 * environment created without it is PRIVATE_ONLY (MWAA API CreateEnvironment), so PUBLIC_ONLY fails and
 * PRIVATE_ONLY or omitted passes; a parameter defaulting to PUBLIC_ONLY deploys a public UI (labels.yaml).
 * Corpus count before the rule (session 14, rule zero): PUBLIC_ONLY environments 3 labelled fail (scout6
 * MarketingAirflow, scout12 DataPipelinesEnvironment, scout30 LakeAirflow) : 1 not (scout3
 * AirflowEnvironment, a parameter default); PRIVATE_ONLY 1, not labelled.
 */
export default defineRule({
  id: 'public-access/aws-mwaa-environment-webserver',
  control: 'public-access',
  title: 'MWAA environments keep the Airflow web server off the internet',
  severity: 'medium',
  risk: 'A PUBLIC_ONLY Airflow web server is reachable from anywhere on the internet: only IAM sign-in stands between it and the UI that triggers DAGs and shows connections, variables and task logs.',
  remediation: {
    text: 'Set WebserverAccessMode to PRIVATE_ONLY (the default) and reach the Airflow UI through the VPC (a VPN, Direct Connect or a bastion).',
    cloudformation: 'Type: AWS::MWAA::Environment\nProperties:\n  WebserverAccessMode: PRIVATE_ONLY',
  },
  references: [
    'https://docs.aws.amazon.com/mwaa/latest/userguide/configuring-networking.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mwaa-environment.html',
    'https://docs.aws.amazon.com/mwaa/latest/API/API_CreateEnvironment.html',
  ],
  types: ['aws.mwaa.environment'],
  // The live collector does not read MWAA environments.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'WebserverAccessMode');
    const omitted = raw === undefined || raw === null;
    const e = ev('WebserverAccessMode', raw ?? null, 'PRIVATE_ONLY', omitted ? 'omitted: MWAA creates the web server PRIVATE_ONLY' : undefined);
    if (omitted) return pass('the Airflow web server is reachable only from the VPC (PRIVATE_ONLY by default)', e);
    const v = text(raw).trim().toUpperCase();
    if (!ACCESS_MODES.includes(v)) return fail(`WebserverAccessMode ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('WebserverAccessMode', text(raw), ACCESS_MODES.join(', ')) });
    return v === 'PUBLIC_ONLY'
      ? fail('the Airflow web server has a public endpoint on the internet (WebserverAccessMode PUBLIC_ONLY)', e)
      : pass('the Airflow web server is reachable only from the VPC (PRIVATE_ONLY)', e);
  },
});
