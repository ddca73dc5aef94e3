// Post dates as the author wrote them. Eleventy keeps only an instant (`page.date`, a JS Date), so a post
// dated `2022-12-19 23:58:11 +0800` would show as 12-19 15:58 UTC — or as the 18th for a post written just
// after midnight in China. The theme shows the date in the post's own offset instead, read from the raw
// front-matter `date` value: an explicit offset (`+0800`, `+08:00`, `Z`) wins, a Luxon DateTime keeps its
// zone, and anything else (a YAML timestamp, a date from the file name) is shown in the site timezone.
import { DateTime, FixedOffsetZone, type Zone } from "luxon";

// The offset must follow a time of day, so the `-15` of a bare `2024-01-15` is not mistaken for one.
const trailingOffset = /\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** The offset written at the end of a date string, in minutes east of UTC; undefined when none. */
export function offsetOf(raw: string): number | undefined {
  const m = trailingOffset.exec(raw.trim());
  if (!m) return undefined;
  const text = m[1];
  if (text.toUpperCase() === "Z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function isDateTime(v: unknown): v is DateTime {
  return DateTime.isDateTime(v);
}

function toInstant(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (isDateTime(v)) return v.isValid ? v.toJSDate() : undefined;
  if (typeof v === "string" || typeof v === "number") {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** The zone a post's date is displayed in. */
export function zoneFor(raw: unknown, siteZone: string): Zone | string {
  if (isDateTime(raw) && raw.isValid) return raw.zone;
  if (typeof raw === "string") {
    const minutes = offsetOf(raw);
    if (minutes !== undefined) return FixedOffsetZone.instance(minutes);
  }
  return siteZone;
}

/** `page.date` (or the raw value when that is missing) as a Luxon DateTime in the post's own zone. */
export function localDate(date: unknown, raw: unknown, siteZone: string): DateTime | undefined {
  const instant = toInstant(date) ?? toInstant(raw);
  if (!instant) return undefined;
  const dt = DateTime.fromJSDate(instant).setZone(zoneFor(raw, siteZone));
  // An unknown IANA name gives an invalid DateTime; fall back to UTC rather than print "Invalid DateTime".
  return dt.isValid ? dt : DateTime.fromJSDate(instant).setZone("UTC");
}

/** `YYYY-MM-DD` in the post's zone. */
export function displayDate(date: unknown, raw: unknown, siteZone: string): string {
  return localDate(date, raw, siteZone)?.toFormat("yyyy-MM-dd") ?? "";
}

/** ISO 8601 with the post's offset (`2022-12-19T23:58:11+08:00`), for `<time datetime>`. */
export function isoDate(date: unknown, raw: unknown, siteZone: string): string {
  return localDate(date, raw, siteZone)?.toISO({ suppressMilliseconds: true }) ?? "";
}

/** RFC 3339 in UTC for Atom (`2022-12-19T15:58:11Z`). */
export function rfc3339(date: unknown): string {
  const instant = toInstant(date);
  return instant ? instant.toISOString().replace(/\.\d{3}Z$/, "Z") : "";
}
