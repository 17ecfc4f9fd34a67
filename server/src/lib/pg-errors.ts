/** A unique index refused the write: two writers raced for the same name or slug, and one hears 409. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
