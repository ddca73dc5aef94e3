// Jekyll's permalink styles and placeholders (https://jekyllrb.com/docs/permalinks/), computed in the
// site's time zone as Jekyll does.
import type { DateTime } from "luxon";

const styles: Record<string, string> = {
  date: "/:categories/:year/:month/:day/:title:output_ext",
  pretty: "/:categories/:year/:month/:day/:title/",
  ordinal: "/:categories/:year/:y_day/:title:output_ext",
  weekdate: "/:categories/:year/W:week/:short_day/:title:output_ext",
  none: "/:categories/:title:output_ext",
};

export interface PermalinkParts {
  /** The file-name slug (`language-model`), Jekyll's `:title`. */
  slug: string;
  /** The front-matter `slug`, if any (Jekyll's `:slug`, defaults to the file-name slug). */
  frontSlug?: string;
  categories: string[];
  date: DateTime;
}

/** Jekyll's URL escaping of categories and slugs: spaces and unsafe characters percent-encoded, case kept. */
function slugifyPart(s: string): string {
  return encodeURI(s.trim().replace(/\s+/g, "-")).replace(/[?#]/g, encodeURIComponent);
}

export function jekyllPermalink(style: string, parts: PermalinkParts, zone: string): string {
  const pattern = styles[style] ?? style;
  const d = parts.date.setZone(zone);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const values: Record<string, string> = {
    categories: parts.categories.map(slugifyPart).join("/"),
    year: String(d.year),
    short_year: pad(d.year % 100),
    month: pad(d.month),
    i_month: String(d.month),
    short_month: d.toFormat("LLL"),
    long_month: d.toFormat("LLLL"),
    day: pad(d.day),
    i_day: String(d.day),
    y_day: pad(d.ordinal, 3),
    week: pad(d.weekNumber),
    short_day: d.toFormat("ccc"),
    long_day: d.toFormat("cccc"),
    hour: pad(d.hour),
    minute: pad(d.minute),
    second: pad(d.second),
    title: slugifyPart(parts.slug),
    slug: slugifyPart(parts.frontSlug ?? parts.slug),
    output_ext: ".html",
  };
  // Longest names first so `:short_year` is not read as `:short` + `_year`.
  const names = Object.keys(values).sort((a, b) => b.length - a.length);
  let url = pattern.replace(new RegExp(`:(${names.join("|")})`, "g"), (_, name: string) => values[name]);
  url = url.replace(/\/{2,}/g, "/");
  if (!url.startsWith("/")) url = `/${url}`;
  // Eleventy writes a URL ending in `/` as `…/index.html`, which is what a pretty permalink means.
  return url;
}
