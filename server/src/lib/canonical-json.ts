/**
 * Canonical JSON (sorted keys), so the same body sent twice hashes the same: an upload retried
 * by a phone on a bad connection is recognised as the one already stored. Stored hashes depend
 * on this exact form, so it must not change.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
