import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

interface Analyzer { name?: string; type?: string; status?: string }

/** External-access analyzers; unused-access analyzers do not find resources shared outside the zone of trust. */
const EXTERNAL = new Set(['ACCOUNT', 'ORGANIZATION']);

/** CIS AWS 1.20: an active IAM Access Analyzer (account or organization zone of trust) in every region scanned. */
export default defineRule({
  id: 'security-monitoring/aws-access-analyzer',
  control: 'security-monitoring',
  title: 'IAM Access Analyzer is active in every region',
  severity: 'low',
  risk: 'Without an analyzer in a region, a bucket, key, role or queue there shared with another account or the public is not reported.',
  remediation: {
    text: 'Create an IAM Access Analyzer with the account (or organization) as the zone of trust in every enabled region.',
    cli: 'aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region REGION',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html'],
  types: ['aws.accessanalyzer.region'],
  sources: ['live'],
  check(r) {
    const analyzers = (known(r, 'Analyzers') as Analyzer[] | undefined) ?? [];
    const e = ev('Analyzers', analyzers.map((a) => ({ name: a.name, type: a.type, status: a.status })), 'an ACTIVE analyzer of type ACCOUNT or ORGANIZATION');
    const active = analyzers.find((a) => a.status === 'ACTIVE' && EXTERNAL.has(a.type ?? ''));
    if (active) return pass(`analyzer ${active.name} (${active.type}) is active`, e);
    return fail(analyzers.length ? `no analyzer of the region is an active external-access analyzer (${analyzers.map((a) => `${a.name}: ${a.type} ${a.status}`).join(', ')})` : 'the region has no IAM Access Analyzer', e);
  },
});
