/**
 * The README's table of what each live scan reads, generated from the
 * provider declarations (a service added to a declaration appears here, with
 * its `--services` name and title). test/providers/services-doc.test.ts
 * compares the committed README block with this and rewrites it on request.
 */
import { PROVIDERS, endpointNames } from './index.js';

export const SERVICES_DOC_BEGIN = '<!-- services: generated from the provider declarations (src/sources/providers/<cloud>/index.ts); regenerate: VOUCH_WRITE_DOCS=1 npx vitest run test/providers/services-doc.test.ts -->';
export const SERVICES_DOC_END = '<!-- /services -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** One table (cloud, `--services` name, what is read; AWS: once per account or per region), then each cloud's `--endpoint` names. */
export function renderServicesDoc(): string {
  const rows = Object.values(PROVIDERS).flatMap((p) =>
    p.services.map((s) => {
      const scope = s.scope === 'global' ? ' (once per account)' : '';
      return `| ${p.title} | \`${s.name}\` | ${cell(s.title)}${scope} |`;
    }),
  );
  const endpoints = Object.values(PROVIDERS).map((p) => `- ${p.title}: ${endpointNames(p).map((n) => `\`${n}\``).join(', ')}`);
  return [
    SERVICES_DOC_BEGIN,
    '',
    '| cloud | `--services` | what is read |',
    '|---|---|---|',
    ...rows,
    '',
    '`--endpoint NAME=URL` names (AWS also takes `default`, every client; `scan all` takes `--endpoint CLOUD:NAME=URL`):',
    '',
    ...endpoints,
    '',
    SERVICES_DOC_END,
  ].join('\n');
}

/** `text` with its services block replaced by `block`; throws when the markers are missing. */
export function replaceServicesDoc(text: string, block: string): string {
  const a = text.indexOf(SERVICES_DOC_BEGIN);
  const b = text.indexOf(SERVICES_DOC_END);
  if (a < 0 || b < a) throw new Error('README.md: the services block markers are missing');
  return text.slice(0, a) + block + text.slice(b + SERVICES_DOC_END.length);
}
