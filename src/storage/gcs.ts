/**
 * Reading evidence files from a Cloud Storage prefix (for `vouch merge gs://...`),
 * with Application Default Credentials; STORAGE_EMULATOR_HOST points it at a
 * local server for tests.
 */
import { InputError } from '../engine/errors.js';

export function parseGsUrl(url: string): { bucket: string; prefix: string } {
  const m = /^gs:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m || !m[1]) throw new InputError(`${url}: expected gs://bucket/prefix`);
  return { bucket: m[1], prefix: m[2] ?? '' };
}

export async function readGcsEvidence(url: string): Promise<{ key: string; text: string }[]> {
  const { bucket, prefix } = parseGsUrl(url);
  const { Storage } = await import('@google-cloud/storage');
  try {
    const [files] = await new Storage().bucket(bucket).getFiles({ prefix, autoPaginate: true });
    const wanted = files.filter((f) => /(^|\/)([^/]*\.)?evidence\.json$/.test(f.name)).sort((a, b) => a.name.localeCompare(b.name));
    const out: { key: string; text: string }[] = [];
    for (const f of wanted) {
      const [buf] = await f.download();
      out.push({ key: `gs://${bucket}/${f.name}`, text: buf.toString('utf8') });
    }
    if (out.length === 0) throw new InputError(`${url}: no evidence.json objects under this prefix`);
    return out;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${url}: ${(e as Error).message?.split('\n')[0] ?? String(e)}`);
  }
}
