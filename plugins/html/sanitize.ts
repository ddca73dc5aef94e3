// Sanitising of the post body: GitHub's schema (hast-util-sanitize's default), widened for what our
// renderers emit (KaTeX HTML + MathML, Graphviz SVG, highlight.js, the error box, demo islands) and then
// a second pass for what a schema cannot say (case-insensitive URL schemes, `data:` only for images,
// CSS in `style`).
import type { Element, Properties, Root, RootContent } from "hast";
import rehypeSanitize, { defaultSchema, type Options as Schema } from "rehype-sanitize";
import { findScopes, walkElements } from "./scope.ts";

type Definition = NonNullable<Schema["attributes"]>[string][number];

const name = (d: Definition): string => (typeof d === "string" ? d : d[0]);

const mathTags = [
  "math", "semantics", "annotation", "mrow", "mi", "mo", "mn", "ms", "mtext", "mspace", "msup", "msub", "msubsup",
  "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mlabeledtr", "mstyle",
  "mpadded", "menclose", "mphantom", "merror", "mmultiscripts", "mprescripts", "none",
];
const mathAttributes = [
  "xmlns", "display", "encoding", "mathvariant", "stretchy", "fence", "separator", "separators", "lspace", "rspace",
  "form", "minsize", "maxsize", "movablelimits", "symmetric", "largeop", "accent", "accentunder", "linethickness",
  "notation", "width", "height", "depth", "voffset", "rowspacing", "columnspacing", "columnalign", "rowalign",
  "columnlines", "rowlines", "frame", "framespacing", "equalrows", "equalcolumns", "displaystyle", "scriptlevel",
  "mathcolor", "mathbackground", "mathsize", "side", "minlabelspacing", "rowSpan", "columnspan", "numalign",
  "denomalign", "bevelled", "linebreak", "open", "close",
];

const svgTags = [
  "svg", "g", "defs", "title", "desc", "path", "polygon", "polyline", "line", "rect", "circle", "ellipse", "text",
  "tspan", "a", "image", "linearGradient", "radialGradient", "stop", "clipPath", "marker", "symbol",
];
/** SVG attributes as hast property names (`stroke-dasharray` is `strokeDashArray`, `xlink:href` is
 *  `xLinkHref`, `xml:space` is `xmlSpace`). */
const svgAttributes = [
  "viewBox", "preserveAspectRatio", "xmlns", "xmlnsXLink", "xmlSpace", "version", "width", "height", "transform",
  "points", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy", "rotate", "textLength",
  "lengthAdjust", "pathLength", "fill", "fillOpacity", "fillRule", "stroke", "strokeWidth", "strokeDashArray",
  "strokeDashOffset", "strokeLineCap", "strokeLineJoin", "strokeMiterLimit", "strokeOpacity", "opacity",
  "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant", "textAnchor", "dominantBaseline",
  "alignmentBaseline", "baselineShift", "letterSpacing", "wordSpacing", "textDecoration", "visibility", "display",
  "offset", "stopColor", "stopOpacity", "gradientUnits", "gradientTransform", "fx", "fy", "spreadMethod",
  "markerStart", "markerMid", "markerEnd", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
  "clipPath", "clipPathUnits", "vectorEffect", "shapeRendering", "textRendering", "paintOrder", "overflow", "color",
  "xLinkTitle",
];
/** Presentation attributes that may hold `url(…)`: only same-document references (`url(#id)`) stay. */
const paintProperties = ["fill", "stroke", "clipPath", "markerStart", "markerMid", "markerEnd"];

const htmlTags = [
  "nav", "figure", "figcaption", "details", "summary", "caption", "colgroup", "col", "mark", "small", "abbr", "cite",
  "dfn", "time", "u", "wbr", "aside", "header", "footer", "article", "main", "center", "font", "big", "canvas", "output",
];

/** Allowed everywhere: ids and classes unchanged, inline style (checked below), data-* for demo islands. */
const everywhere: Definition[] = [
  "className", "id", "style", "data*", "role", "ariaLabel", "ariaHidden", "ariaLabelledBy", "ariaDescribedBy",
  "ariaLive", "ariaExpanded", "ariaControls", "title", "lang", "dir", "hidden", "translate",
];

function buildSchema(): Schema {
  const attributes: Record<string, Definition[]> = {};
  // The default limits `className` to a few values on a, code, li, ol, ul, h2, section; an empty result
  // there would not fall back to the `*` list, so those entries go and `className` is allowed everywhere.
  for (const [tag, defs] of Object.entries(defaultSchema.attributes ?? {})) {
    attributes[tag] = defs.filter((d) => name(d) !== "className");
  }
  attributes["*"] = [...(attributes["*"] ?? []), ...everywhere];
  attributes.a = [...(attributes.a ?? []), "rel", "hrefLang", ["target", "_blank", "_self", "_parent", "_top"]];
  attributes.img = [...(attributes.img ?? []), "srcSet", "sizes", "loading", "decoding"];
  attributes.ol = [...(attributes.ol ?? []), "reversed", "type"];
  for (const tag of mathTags) attributes[tag] = [...(attributes[tag] ?? []), ...mathAttributes];
  for (const tag of svgTags) attributes[tag] = [...(attributes[tag] ?? []), ...svgAttributes];
  attributes.a.push("xLinkHref", "href");
  attributes.image = [...attributes.image, "xLinkHref", "href"];
  return {
    ...defaultSchema,
    // The KaTeX placeholder (islands.ts) is an empty element; its data-* carry the index and the TeX.
    tagNames: [...new Set([...(defaultSchema.tagNames ?? []), ...htmlTags, ...mathTags, ...svgTags, "tp-katex-island"])],
    attributes,
    // Ids are kept exactly as written: old anchors (kramdown ids, `#markdown-toc-…`, footnotes) must work.
    clobber: [],
    clobberPrefix: "",
    protocols: {
      ...defaultSchema.protocols,
      href: ["http", "https", "mailto", "irc", "ircs", "xmpp", "tel"],
      xLinkHref: ["http", "https", "mailto"],
      // `data:` passes here and is then allowed only as `data:image/…` in an `<img src>` (see below).
      src: ["http", "https", "data"],
      srcSet: ["http", "https", "data"],
    },
    // Dropped with everything inside (other unknown elements are replaced by their content).
    strip: ["script", "style", "iframe", "object", "embed", "applet", "foreignObject", "foreignobject", "template",
      "noscript", "noembed", "noframes", "xmp", "textarea", "select", "annotation-xml", "frameset", "frame"],
  };
}

export const sanitizeSchema: Schema = buildSchema();

/** A URL as a browser reads its scheme: case folded, ASCII controls/whitespace (which the URL parser
 *  strips or skips) removed. */
function schemeOf(url: string): string | undefined {
  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1];
}

/** Whether a URL attribute may stay: never `javascript:`/`vbscript:`/`file:`, and `data:` only as a
 *  raster/vector image in `<img src>` / `<source srcset>`. */
export function urlAllowed(url: string, imageSource: boolean): boolean {
  const scheme = schemeOf(url);
  if (scheme === undefined) return true;
  if (scheme === "javascript" || scheme === "vbscript" || scheme === "file") return false;
  if (scheme === "data") return imageSource && /^data:image\//i.test(url.trim());
  return true;
}

/** CSS with escapes decoded and comments/whitespace removed, lower-cased: what the checks look at. */
function normaliseCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, "")
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?/g, (_, hex: string) => {
      const cp = parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
    })
    .replace(/\\([\s\S])/g, "$1")
    .replace(/[\s\u0000-\u001f]/g, "")
    .toLowerCase();
}

/** Whether an inline `style` may stay: anything that can load a resource or run code is refused whole
 *  (`url(`, `image-set(`, `expression(`, `javascript:`, `@import`, `behavior`, `-moz-binding`). */
export function styleAllowed(css: string): boolean {
  return !/url\(|image-set\(|(?:^|[^a-z-])image\(|cross-fade\(|element\(|expression\(|javascript:|vbscript:|@import|behavior|-moz-binding/.test(
    normaliseCss(css),
  );
}

/** For `fill`, `stroke`, … : `url(#id)` (a gradient, marker) is fine, any other `url(` is not. */
function paintAllowed(value: string): boolean {
  const css = normaliseCss(value);
  return !/url\((?!['"]?#)/.test(css) && !/expression\(|javascript:/.test(css);
}

function srcSetAllowed(value: string): boolean {
  return value.split(",").every((candidate) => urlAllowed(candidate.trim().split(/\s+/)[0] ?? "", true));
}

/** The checks a schema cannot express, on an already sanitised tree. */
function recheck(el: Element): void {
  const p: Properties = el.properties;
  const isImage = el.tagName === "img" || el.tagName === "source";
  for (const key of ["href", "xLinkHref", "src", "cite", "longDesc"]) {
    const v = p[key];
    if (v !== undefined && v !== null && !urlAllowed(String(v), isImage && key === "src")) delete p[key];
  }
  if (p.srcSet !== undefined && p.srcSet !== null && !srcSetAllowed(Array.isArray(p.srcSet) ? p.srcSet.join(",") : String(p.srcSet))) delete p.srcSet;
  if (typeof p.style === "string" && !styleAllowed(p.style)) delete p.style;
  for (const key of paintProperties) {
    const v = p[key];
    if (v !== undefined && v !== null && !paintAllowed(Array.isArray(v) ? v.join(" ") : String(v))) delete p[key];
  }
}

const clean = rehypeSanitize(sanitizeSchema);

/** Sanitises the children of `parent` in place (the parent element itself, e.g. the layout's
 *  `<article data-tp-body>`, is the layout's and stays as it is). */
export function sanitizeChildren(parent: { children: RootContent[] }): void {
  const safe = clean({ type: "root", children: parent.children });
  walkElements(safe, (el) => {
    recheck(el);
  });
  parent.children = safe.children;
}

/** rehype plugin: sanitises the post body only (see `findScopes`); the layout's head and chrome stay. */
export default function rehypeTpSanitize() {
  return (tree: Root): void => {
    for (const scope of findScopes(tree)) sanitizeChildren(scope as { children: RootContent[] });
  };
}
