// One demo island as HTML, on one line (a shortcode's output sits inside Markdown, where a blank line
// would end the HTML block and a newline would shift later line numbers):
//
//   <figure class="tp-demo tp-demo-<kind>" data-demo="<model id>" data-kind="<kind>" data-state="static"
//           data-options="{…json…}" data-demo-data="{…json…}">
//     <div class="tp-demo-stage" data-stage>…static figure…</div>
//     <output class="tp-demo-output" data-output>…sample result…</output>
//     <figcaption class="tp-demo-caption">caption <span class="tp-demo-status" data-status>…</span></figcaption>
//   </figure>
//
// Everything is data attributes, so the post-body sanitiser keeps it (it allows data-*) and still strips
// any <script> a post contains; the client reads the JSON with JSON.parse, never as markup.
import { escapeHtml } from "../errors.ts";
import { strings } from "./client/strings.ts";
import type { DemoKind } from "./registry.ts";
import type { Fallback } from "./static/types.ts";

export interface IslandParts {
  id: string;
  kind: DemoKind;
  options: Record<string, string>;
  data: unknown;
  fallback: Fallback;
  lang: string;
}

/** Marker the page-level step looks for to decide whether a page needs the client bundle (a code block
 *  showing an island's markup has `&lt;figure`, so it does not count). */
export const islandMarker = '<figure class="tp-demo ';

export function islandHtml(p: IslandParts): string {
  const t = strings(p.lang);
  const attr = (v: unknown): string => escapeHtml(JSON.stringify(v));
  const caption = p.options.caption !== undefined ? `${escapeHtml(p.options.caption)} ` : "";
  return (
    `<figure class="tp-demo tp-demo-${escapeHtml(p.kind.kind)}" data-demo="${escapeHtml(p.id)}" data-kind="${escapeHtml(p.kind.kind)}" data-state="static"` +
    ` data-options="${attr(p.options)}"${p.data === undefined ? "" : ` data-demo-data="${attr(p.data)}"`}>` +
    `<div class="tp-demo-stage" data-stage>${p.fallback.stage}</div>` +
    `<output class="tp-demo-output" data-output>${p.fallback.output}</output>` +
    `<figcaption class="tp-demo-caption">${caption}<span class="tp-demo-status" data-status>${escapeHtml(t.static)}</span></figcaption>` +
    `</figure>`
  );
}

/** An attribute value of a serialised page as text: the inverse of the escaping above and of the
 *  sanitiser's serialiser (numeric references and the five XML names). */
export function attributeText(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(quot|amp|lt|gt|apos));/gi, (_, hex: string, dec: string, name: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" }[name.toLowerCase()] ?? "");
}
