import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/** Subnets that carry VM traffic; proxy-only, Private Service Connect and NAT subnets cannot log flows. */
const FLOW_PURPOSES = new Set(['PRIVATE', 'PRIVATE_RFC_1918']);

/**
 * CIS GCP 3.8: flow logs on (`flow-logs`), recording every flow with its
 * metadata at the 5-second interval (`settings`). Compute's defaults when
 * logging is on: INTERVAL_5_SEC, sampling 0.5, INCLUDE_ALL_METADATA.
 */
export default defineRule({
  id: 'audit-logging/gcp-compute-subnetwork',
  control: 'audit-logging',
  title: 'VPC subnets record flow logs (every flow, with metadata, at 5-second aggregation)',
  severity: 'medium',
  risk: 'Without flow logs there is no record of which hosts talked to which over the network, for detection or for an investigation.',
  remediation: {
    text: 'Turn on flow logs for each subnet, with a 5-second aggregation interval, sample rate 1.0, all metadata and no filter.',
    cli: 'gcloud compute networks subnets update SUBNET --region=REGION --enable-flow-logs --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=1 --logging-metadata=include-all',
  },
  references: ['https://cloud.google.com/vpc/docs/using-flow-logs', 'https://cloud.google.com/compute/docs/reference/rest/v1/subnetworks'],
  types: ['gcp.compute.subnetwork'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const purpose = String(known(r, 'purpose') ?? 'PRIVATE');
    if (!FLOW_PURPOSES.has(purpose)) {
      const na = notApplicable(`a ${purpose} subnet carries no VM traffic and cannot log flows`, ev('purpose', purpose));
      return [{ ...na, subId: 'flow-logs' }, { ...na, subId: 'settings' }];
    }
    const log = asRecord(known(r, 'logConfig'));
    const on = log.enable === true || (log.enable === undefined && known(r, 'enableFlowLogs') === true);
    const e = ev('logConfig.enable', log.enable ?? known(r, 'enableFlowLogs') ?? null, true);
    if (!on) return [{ ...fail('flow logs are off', e), subId: 'flow-logs' }, { ...fail('flow logs are off', e), subId: 'settings' }];
    const interval = String(log.aggregationInterval ?? 'INTERVAL_5_SEC');
    const sampling = log.flowSampling === undefined ? 0.5 : Number(log.flowSampling);
    const metadata = String(log.metadata ?? 'INCLUDE_ALL_METADATA');
    const filter = typeof log.filterExpr === 'string' ? log.filterExpr.trim() : '';
    const weak = [
      interval !== 'INTERVAL_5_SEC' ? `aggregation ${interval}` : '',
      sampling < 1 ? `sampling ${sampling}${log.flowSampling === undefined ? ' (the default)' : ''}` : '',
      metadata !== 'INCLUDE_ALL_METADATA' ? `metadata ${metadata}` : '',
      filter && filter !== 'true' ? `filter ${filter}` : '',
    ].filter(Boolean);
    const es = ev('logConfig', { aggregationInterval: interval, flowSampling: sampling, metadata, filterExpr: filter || null }, { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 1, metadata: 'INCLUDE_ALL_METADATA', filterExpr: null });
    return [
      { ...pass('flow logs are on', e), subId: 'flow-logs' },
      { ...(weak.length ? fail(`flow logs record less than every flow: ${weak.join(', ')}`, es) : pass('every flow is logged with all metadata at 5-second aggregation', es)), subId: 'settings' },
    ];
  },
});
