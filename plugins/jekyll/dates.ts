// Jekyll accepts dates that Eleventy (Luxon's ISO parser) rejects, most often `2022-12-19 23:58:11 +0800`.
// This reads every form Jekyll's docs and Ruby's Time.parse commonly see in posts.
import { DateTime } from "luxon";

// Ruby/Jekyll spellings, tried in order; a zone in the text wins over the site's zone.
const formats: string[] = [
  "yyyy-MM-dd HH:mm:ss ZZZ", // 2022-12-19 23:58:11 +0800
  "yyyy-MM-dd HH:mm:ss ZZ", // 2022-12-19 23:58:11 +08:00
  "yyyy-MM-dd HH:mm ZZZ",
  "yyyy-MM-dd HH:mm ZZ",
  "yyyy-MM-dd HH:mm:ss.SSS ZZZ",
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd HH:mm",
  "yyyy-MM-dd",
];

export class DateError extends Error {}

/** Parses a front-matter or file-name date; dates without an offset are read in `zone` (Jekyll's `timezone`). */
export function parseJekyllDate(value: unknown, zone: string): DateTime {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DateError("invalid date");
    return DateTime.fromJSDate(value, { zone });
  }
  if (typeof value !== "string") throw new DateError(`expected a date, got ${value === null ? "null" : typeof value}`);
  const text = value.trim().replace(/\s+/g, " ");
  for (const format of formats) {
    const dt = DateTime.fromFormat(text, format, { zone, setZone: true });
    if (dt.isValid) return dt;
  }
  const iso = DateTime.fromISO(text, { zone, setZone: true });
  if (iso.isValid) return iso;
  throw new DateError(`"${value}" is not a date Jekyll understands (e.g. 2022-12-19 23:58:11 +0800)`);
}

const postName = /^(\d{4})-(\d{2})-(\d{2})-(.+)\.(md|markdown|mkd|mkdn|html)$/i;

/** `2022-12-19-language-model.md` → its date (midnight in `zone`) and slug, as Jekyll names posts. */
export function parsePostFileName(fileName: string, zone: string): { date: DateTime; slug: string } | undefined {
  const m = postName.exec(fileName);
  if (!m) return undefined;
  const date = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone });
  if (!date.isValid) return undefined;
  return { date, slug: m[4] };
}
