/** `https://.../zones/europe-west1-b` → `europe-west1-b`. */
export function lastSegmentOf(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  return v.split('/').pop() || undefined;
}
