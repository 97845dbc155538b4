import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray, asRecord, gapFor } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 2.13 (`asset-inventory`): the Cloud Asset Inventory API is enabled,
 * so resource and IAM history can be searched. 2.15 (`access-approval`):
 * Google support staff must ask before they access the project's content
 * (enrolled services on the project, or inherited from a folder/organization).
 * 1.16 (`essential-contacts`): someone receives each of the notification
 * categories below, set on the project or inherited from the organization
 * (the collector asks `contacts:compute` for these categories).
 */
const CATEGORIES = ['LEGAL', 'SECURITY', 'SUSPENSION', 'TECHNICAL', 'TECHNICAL_INCIDENTS'];
export default defineRule({
  id: 'platform-hardening/gcp-project-settings',
  control: 'platform-hardening',
  title: 'Projects enable Cloud Asset Inventory, enroll in Access Approval and have Essential Contacts for every category',
  severity: 'low',
  risk: 'Without Cloud Asset Inventory there is no searchable history of resources and IAM policies for an investigation; without Access Approval, Google personnel can access customer content under support without the customer approving each request.',
  remediation: {
    text: 'Enable cloudasset.googleapis.com in each project; enroll the project (or its organization) in Access Approval.',
    cli: 'gcloud services enable cloudasset.googleapis.com --project=PROJECT; gcloud access-approval settings update --project=PROJECT --enrolled_services=all --notification_emails=SECURITY_EMAIL',
  },
  references: ['https://cloud.google.com/asset-inventory/docs/overview', 'https://cloud.google.com/assured-workloads/access-approval/docs/overview'],
  types: ['gcp.project.settings'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const out: Verdict[] = [];
    const assetGap = gapFor(r, 'cloudAsset');
    if (assetGap) out.push({ ...unknown(`the Cloud Asset API state could not be read: ${assetGap}`, ev('cloudAsset.state', null, 'ENABLED')), subId: 'asset-inventory' });
    else {
      const state = String(asRecord(known(r, 'cloudAsset')).state ?? 'STATE_UNSPECIFIED');
      const e = ev('cloudAsset.state', state, 'ENABLED');
      out.push({ ...(state === 'ENABLED' ? pass('the Cloud Asset Inventory API is enabled', e) : fail(`the Cloud Asset Inventory API is ${state}`, e)), subId: 'asset-inventory' });
    }
    const approvalGap = gapFor(r, 'accessApproval');
    if (approvalGap) out.push({ ...unknown(`the Access Approval settings could not be read: ${approvalGap}`, ev('accessApproval', null, 'enrolled services')), subId: 'access-approval' });
    else {
      const a = asRecord(known(r, 'accessApproval'));
      const services = asArray(a.enrolledServices).map((s) => String(asRecord(s).cloudProduct ?? ''));
      const e = ev('accessApproval.enrolledServices', services, 'at least one (all) enrolled service', a.enrolledAncestor === true ? 'enrolled through a folder or the organization' : undefined);
      out.push({ ...(services.length > 0 || a.enrolledAncestor === true ? pass(`Access Approval covers ${services.join(', ') || 'the services of an ancestor'}`, e) : fail('no service is enrolled in Access Approval', e)), subId: 'access-approval' });
    }
    const contactsGap = gapFor(r, 'essentialContacts');
    if (contactsGap) out.push({ ...unknown(`the Essential Contacts could not be read: ${contactsGap}`, ev('essentialContacts', null, CATEGORIES)), subId: 'essential-contacts' });
    else {
      const subs = asArray(known(r, 'essentialContacts')).flatMap((c) => asArray(asRecord(c).notificationCategorySubscriptions).map(String));
      const missing = subs.includes('ALL') ? [] : CATEGORIES.filter((c) => !subs.includes(c));
      const e = ev('essentialContacts[].notificationCategorySubscriptions', [...new Set(subs)].sort(), CATEGORIES);
      out.push({ ...(missing.length ? fail(`no essential contact for ${missing.join(', ')}`, e) : pass('every notification category has an essential contact', e)), subId: 'essential-contacts' });
    }
    return out;
  },
});
