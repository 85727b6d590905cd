/** The free-text note stored with an evidence item, if any. */
export function noteOf(data: unknown): string | null {
  if (data && typeof data === "object" && "note" in data && typeof (data as { note: unknown }).note === "string") {
    return (data as { note: string }).note;
  }
  return null;
}
