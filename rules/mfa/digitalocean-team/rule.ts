import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, unknown } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'mfa/digitalocean-team',
  control: 'mfa',
  title: 'DigitalOcean team members use two-factor authentication (attestation)',
  severity: 'high',
  risk: 'Team two-factor enforcement is not exposed by the DigitalOcean API, so it can only be proven with evidence a person provides.',
  remediation: {
    text: 'Enable "Require two-factor authentication" in the team settings, and keep a dated screenshot of the team security settings and member list (2FA column) as audit evidence.',
  },
  references: ['https://docs.digitalocean.com/platform/teams/how-to/manage-membership/'],
  types: ['digitalocean.team'],
  sources: ['live'],
  attestationOnly: true,
  check(r) {
    return unknown(
      'needs attestation: team two-factor enforcement is not in the DigitalOcean API; attach a dated screenshot of the team security settings (two-factor required) and the member list',
      ev('(not in API)', null, 'two-factor authentication required for every member', `team ${r.name ?? r.id}`),
    );
  },
});
