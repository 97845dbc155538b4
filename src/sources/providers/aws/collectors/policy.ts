/** IAM / resource policy documents as AWS returns them: JSON, sometimes URL-encoded (IAM). */
export function parsePolicy(doc: string | undefined | null): Record<string, unknown> | undefined {
  if (doc === undefined || doc === null || doc === '') return undefined;
  for (const text of [doc, safeDecode(doc)]) {
    if (text === undefined) continue;
    try {
      const v = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* try the next form */
    }
  }
  return undefined;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}
