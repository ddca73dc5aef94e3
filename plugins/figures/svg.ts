// Observable Plot, run at build time on a linkedom document, serialised to an SVG string the page can
// inline: no <style> (Plot's per-chart class and its style sheet would differ between builds; the
// theme's CSS styles `.tp-plot` instead), coordinates rounded to 0.1 px, role="img" with <title>/<desc>.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** Plot's options without `document` and `className`, which this module sets. */
export type PlotOptions = Omit<Plot.PlotOptions, "document" | "className">;

let shim: Document | undefined;

/** One linkedom document for every chart of a build (Plot only creates elements in it). */
function documentShim(): Document {
  shim ??= parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
  return shim;
}

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const geometry = /\s(transform|d|x|y|x1|x2|y1|y2|cx|cy|r|width|height|viewBox)="([^"]*)"/g;
const round = (attr: string): string => attr.replace(/-?\d+\.\d+(?:e-?\d+)?(?!\d|em)/g, (n) => String(Math.round(Number(n) * 10) / 10));

/**
 * The chart as an SVG string: deterministic (same options → same bytes), readable in both themes
 * (Plot draws in currentColor; colours passed in are CSS variables), with a text alternative.
 */
export function plotSvg(options: PlotOptions, label: string, description: string): string {
  const el = Plot.plot({ ...options, document: documentShim(), className: "tp-plot" }) as unknown as Element;
  if (el.tagName.toLowerCase() !== "svg") throw new Error("plotSvg: Plot returned a figure (a legend or title option?) instead of an <svg>");
  el.querySelectorAll("style").forEach((s) => s.remove());
  let svg = el.outerHTML.replace(geometry, (_, k: string, v: string) => ` ${k}="${round(v)}"`);
  svg = svg.replace(/^<svg\b([^>]*)>/, (_, attrs: string) => `<svg${attrs} role="img" aria-label="${escapeXml(label)}"><title>${escapeXml(label)}</title><desc>${escapeXml(description)}</desc>`);
  return svg;
}
