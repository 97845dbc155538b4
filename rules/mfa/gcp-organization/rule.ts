import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, unknown } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'mfa/gcp-organization',
  control: 'mfa',
  title: 'Google accounts with access use 2-step verification (attestation)',
  severity: 'high',
  risk: '2-step verification enforcement is a Google Workspace / Cloud Identity setting, not visible through GCP APIs, so it can only be proven with evidence a person provides.',
  remediation: {
    text: 'In the Google Admin console (Security → Authentication → 2-step verification) enforce 2SV for every organizational unit with GCP access (security keys for admins), and keep a dated export as audit evidence.',
  },
  references: ['https://support.google.com/a/answer/9176657', 'https://cloud.google.com/architecture/identity/best-practices-for-federating'],
  types: ['gcp.organization', 'gcp.project'],
  sources: ['live'],
  attestationOnly: true,
  check(r, { inventory }) {
    // One item per organization; a project outside any organization gets its own.
    if (r.type === 'gcp.project' && inventory.related(r, 'ancestors').some((a) => a.type === 'gcp.organization')) return undefined;
    const who = r.type === 'gcp.organization' ? `organization ${r.name}` : `project ${r.name} (no organization)`;
    return unknown(
      'needs attestation: 2-step verification enforcement lives in Google Workspace / Cloud Identity admin console; attach a dated export of the 2-step verification enforcement settings per organizational unit and the user list with "2SV enrolled / enforced" columns (Admin console → Reports → User reports → Security)',
      ev('(not in GCP APIs)', null, '2-step verification enforced for every user with access', who),
    );
  },
});
