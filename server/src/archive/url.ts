// Connection strings as they may be shown: masked. Kept apart from db.ts so
// that settings can check a value without loading the database client.

/** "postgresql://desk:secret@db/news" → "postgresql://desk:***@db/news"; anything unparsable is not shown. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable connection string)';
  }
}

/** Whether a string looks like a PostgreSQL connection string. */
export function isArchiveUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}
