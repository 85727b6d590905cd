/**
 * Our records' ids are cuids: letters and digits (and, for a few seeded rows, - and _).
 * Anything else — a NUL character, a quote, 300 characters — names no record: callers answer
 * "not found" before asking the database, which would refuse some of these with an error.
 */
export function isRecordId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,100}$/.test(value);
}
