// Fast path for KaTeX. A post's formulas are most of its HTML (87 formulas ≈ 300 KB of spans and MathML
// for a 40 KB post), and parsing, sanitising and re-serialising them dominated the pass. So before
// parsing, each KaTeX render whose markup passes a strict check (only the tags, attributes and styles
// KaTeX emits, every one also allowed by the sanitiser's schema, properly nested) is swapped for an
// empty placeholder element, and put back verbatim after serialising. Anything that does not pass
// the check (including hand-written look-alikes) stays in the page and goes through the full parse and
// sanitiser. If a placeholder does not come back intact (a formula inside an attribute, `<title>`, …),
// the caller runs the whole page through the slow path instead.
import { styleAllowed } from "./sanitize.ts";

export const islandTag = "tp-katex-island";

const mathml = new Set([
  "math", "semantics", "annotation", "mrow", "mi", "mo", "mn", "ms", "mtext", "mspace", "msup", "msub", "msubsup",
  "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mlabeledtr", "mstyle",
  "mpadded", "menclose", "mphantom",
]);
const svgChildren = new Set(["path", "line", "rect"]);
/** Attribute names (as written) that KaTeX uses, per kind of element. */
const spanAttributes = new Set(["class", "style", "aria-hidden"]);
const mathAttributes = new Set([
  "xmlns", "display", "encoding", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "form",
  "minsize", "maxsize", "movablelimits", "symmetric", "largeop", "accent", "accentunder", "linethickness",
  "notation", "width", "height", "depth", "voffset", "rowspacing", "columnspacing", "columnalign", "rowalign",
  "columnlines", "rowlines", "frame", "framespacing", "equalrows", "equalcolumns", "displaystyle", "scriptlevel",
  "mathcolor", "mathbackground", "mathsize", "side",
]);
const svgAttributes = new Set(["xmlns", "width", "height", "viewBox", "preserveAspectRatio", "d", "x", "y", "x1", "y1", "x2", "y2", "stroke-width", "style"]);

const start = /<span class="katex(?:-display(?: [a-z-]+)*)?">/g;
const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n]+[a-zA-Z][a-zA-Z0-9-]*="[^"<]*")*)[ \t\n]*(\/?)>|[^<]+/y;
const attribute = /([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"/g;
const xmlns: Record<string, string> = { math: "http://www.w3.org/1998/Math/MathML", svg: "http://www.w3.org/2000/svg" };

function decode(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (m, hex?: string, dec?: string, named?: string) => {
    if (named) return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[named] ?? m;
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

type Space = "html" | "math" | "svg";

function attributesOk(tag: string, space: Space, attrs: string): boolean {
  const allowed = space === "html" ? spanAttributes : space === "math" ? mathAttributes : svgAttributes;
  attribute.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = attribute.exec(attrs))) {
    const [, name, value] = m;
    if (!allowed.has(name)) return false;
    if (name === "style" && !styleAllowed(decode(value))) return false;
    if (name === "xmlns" && value !== xmlns[tag]) return false;
    if (name === "encoding" && tag !== "annotation") return false;
  }
  return true;
}

/** Length of the KaTeX render starting at `from` if it passes the check, else 0. */
function islandLength(html: string, from: number): number {
  const stack: { tag: string; space: Space }[] = [];
  token.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = token.exec(html))) {
    if (m[2] === undefined) continue; // text
    const [, closing, tag, attrs, selfClosing] = m;
    const parent = stack[stack.length - 1];
    if (closing) {
      if (parent === undefined || parent.tag !== tag || attrs !== "" || selfClosing) return 0;
      stack.pop();
      if (stack.length === 0) return token.lastIndex - from;
      continue;
    }
    const space: Space | undefined =
      parent === undefined || parent.space === "html"
        ? tag === "span" ? "html" : tag === "math" ? "math" : tag === "svg" ? "svg" : undefined
        : parent.space === "math"
          ? mathml.has(tag) && tag !== "math" ? "math" : undefined
          : svgChildren.has(tag) ? "svg" : undefined;
    if (space === undefined || !attributesOk(tag, space, attrs)) return 0;
    // An annotation holds text only; `/>` only closes SVG shapes.
    if (parent?.tag === "annotation") return 0;
    if (selfClosing) {
      if (!(space === "svg" && tag !== "svg")) return 0;
      continue;
    }
    stack.push({ tag, space });
  }
  return 0;
}

export interface Extracted {
  html: string;
  snippets: string[];
}

/** Swaps every KaTeX render that passes the check for `<tp-katex-island data-i data-tex>`. The TeX
 *  (from the MathML annotation, or the visible text) rides along so heading ids can still use it. */
export function extractIslands(html: string): Extracted {
  const snippets: string[] = [];
  if (html.includes(islandTag)) return { html, snippets };
  let out = "";
  let last = 0;
  start.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = start.exec(html))) {
    const length = islandLength(html, m.index);
    if (length === 0) continue;
    const snippet = html.slice(m.index, m.index + length);
    const annotation = /<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/.exec(snippet);
    const text = annotation ? annotation[1] : snippet.replace(/<[^>]*>/g, "");
    const attr = annotation ? "data-tex" : "data-text";
    out += `${html.slice(last, m.index)}<${islandTag} data-i="${snippets.length}" ${attr}="${text.replace(/"/g, "&quot;")}"></${islandTag}>`;
    snippets.push(snippet);
    last = m.index + length;
    start.lastIndex = last;
  }
  return { html: snippets.length === 0 ? html : out + html.slice(last), snippets };
}

const placeholder = new RegExp(`<${islandTag} data-i="(\\d+)"(?: data-te?xt?="[^"]*")?></${islandTag}>`, "g");

/** Puts the renders back; `undefined` when a placeholder did not survive intact. */
export function restoreIslands(html: string, snippets: string[]): string | undefined {
  if (snippets.length === 0) return html;
  let broken = false;
  const out = html.replace(placeholder, (_, i: string) => {
    const s = snippets[Number(i)];
    if (s === undefined) broken = true;
    return s ?? "";
  });
  return broken || out.includes(islandTag) ? undefined : out;
}
