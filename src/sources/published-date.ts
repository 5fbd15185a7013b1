/** Publication dates from feeds, pages and records, normalised to ISO (day, month or year precision). */

const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Returns YYYY-MM-DD, YYYY-MM or YYYY, or null when the value is not a recognisable date. */
export function normalizePublished(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  if (!text) return null;
  const partial = ISO_PARTIAL.exec(text);
  if (partial) {
    const [, , month, day] = partial;
    if (month && (Number(month) < 1 || Number(month) > 12)) return null;
    if (day && (Number(day) < 1 || Number(day) > 31)) return null;
    return text;
  }
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) return null;
  const year = parsed.getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  // A timestamp with an offset names the local day where it was published, not the UTC day.
  const local = /^(\d{4}-\d{2}-\d{2})T/.exec(text);
  return local ? local[1]! : parsed.toISOString().slice(0, 10);
}
