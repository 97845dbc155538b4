import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, unknown, text, dynamicReferenceIn } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { offendersOrPass } from '../../data-residency/_region.js';

/**
 * The URLs MediaTailor calls or hands to players, by type. The ad decision server (ADS) receives each
 * session's player parameters (session id, client IP, user agent) in the query MediaTailor builds; the
 * content origin, slate and bumpers are fetched by MediaTailor; the CDN and segment delivery prefixes are
 * what viewers' players fetch from. An `http://` URL sends that over plain HTTP (PutPlaybackConfiguration
 * and CreateSourceLocation take either scheme).
 */
const URLS: Record<string, { path: string; label: string }[]> = {
  'aws.mediatailor.playback-configuration': [
    { path: 'AdDecisionServerUrl', label: 'ad decision server (session and player parameters)' },
    { path: 'LivePreRollConfiguration.AdDecisionServerUrl', label: 'pre-roll ad decision server' },
    { path: 'VideoContentSourceUrl', label: 'content origin' },
    { path: 'SlateAdUrl', label: 'slate ad' },
    { path: 'Bumper.StartUrl', label: 'start bumper' },
    { path: 'Bumper.EndUrl', label: 'end bumper' },
    { path: 'CdnConfiguration.ContentSegmentUrlPrefix', label: 'CDN content segment prefix (fetched by players)' },
    { path: 'CdnConfiguration.AdSegmentUrlPrefix', label: 'CDN ad segment prefix (fetched by players)' },
  ],
  'aws.mediatailor.source-location': [
    { path: 'HttpConfiguration.BaseUrl', label: 'source location origin' },
    { path: 'DefaultSegmentDeliveryConfiguration.BaseUrl', label: 'default segment delivery server (fetched by players)' },
  ],
};

/** Longest URL quoted in evidence (a URL of a megabyte is not copied whole into every report). */
const MAX_QUOTED = 512;
const quoted = (v: unknown): string => {
  const t = text(v);
  return t.length > MAX_QUOTED ? `${t.slice(0, MAX_QUOTED)}… (${t.length.toLocaleString('en-US')} characters)` : t;
};

/**
 * One URL: https passes, http fails, a value the template does not settle is unknown. Any other text (no scheme,
 * another scheme, a dynamic reference, a list) is unknown too (fixP5): it was skipped, and a playback
 * configuration whose ad decision server URL vouch could not read passed on its content origin alone.
 */
function judgeUrl(path: string, label: string, v: unknown): Verdict {
  const written = isUnresolved(v) ? v.shape : v;
  if (typeof written === 'string' && /^https:\/\//i.test(written)) return pass(`${label} is called over HTTPS`, ev(path, quoted(v)));
  if (typeof written === 'string' && /^http:\/\//i.test(written)) return fail(`${label} is called over plain HTTP (${path} starts with http://)`, ev(path, quoted(v), 'https://…'));
  if (isUnresolved(v)) return unknown(`${path} depends on ${v.expression}, so whether the ${label} is called over HTTPS is not known`, ev(path, v.expression));
  const ref = dynamicReferenceIn(v);
  if (ref) return unknown(`${path} is ${ref}, resolved at deploy time, so whether the ${label} is called over HTTPS is not known`, ev(path, ref));
  return unknown(`${path} is not an http:// or https:// URL vouch can read, so whether the ${label} is called over HTTPS is not known`, ev(path, typeof v === 'string' ? quoted(v) : '<not text>', 'https://…'));
}

export default defineRule({
  id: 'tls-min/aws-mediatailor-urls',
  control: 'tls-min',
  title: 'MediaTailor playback configurations and source locations call ad servers, origins and CDNs over HTTPS',
  severity: 'medium',
  risk: 'An http:// ad decision server receives every viewer session\'s id, client IP and player parameters in plain text; an http:// origin, slate or CDN prefix lets content and manifests be read or altered on the path.',
  remediation: {
    text: 'Use https:// URLs for the ad decision server, the content origin, slate and bumper ads, the CDN prefixes and source locations.',
    cdk: "new mediatailor.CfnPlaybackConfiguration(this, 'Playback', { name: 'fast', adDecisionServerUrl: 'https://ads.example.com/vast', videoContentSourceUrl: 'https://origin.example.com/out' })",
    cloudformation: 'Type: AWS::MediaTailor::PlaybackConfiguration\nProperties:\n  AdDecisionServerUrl: https://ads.example.com/vast',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mediatailor-playbackconfiguration.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mediatailor-sourcelocation.html',
    'https://docs.aws.amazon.com/mediatailor/latest/ug/ad-decision-server-interactions.html',
  ],
  types: Object.keys(URLS),
  // No live collector reads MediaTailor: judged in templates only.
  sources: ['iac'],
  check(r) {
    const out: Verdict[] = [];
    for (const { path, label } of URLS[r.type] ?? []) {
      const v = get(r.properties, path);
      if (v === undefined || v === null || v === '') continue;
      out.push(judgeUrl(path, label, v));
    }
    if (r.type === 'aws.mediatailor.source-location') {
      const list = get(r.properties, 'SegmentDeliveryConfigurations');
      if (isUnresolved(list)) out.push(unknown(`SegmentDeliveryConfigurations depends on ${list.expression}, so whether players fetch segments over HTTPS is not known`, ev('SegmentDeliveryConfigurations', list.expression)));
      else if (Array.isArray(list))
        list.forEach((c, i) => {
          const v = get(c, 'BaseUrl');
          if (v !== undefined && v !== null && v !== '') out.push(judgeUrl(`SegmentDeliveryConfigurations[${i}].BaseUrl`, 'segment delivery server (fetched by players)', v));
        });
    }
    if (out.length === 0) return unknown('no URL vouch can read is set, so whether MediaTailor calls it over HTTPS is not known', ev(Object.keys(URLS).includes(r.type) ? URLS[r.type]![0]!.path : 'properties', null));
    return offendersOrPass(out);
  },
});
