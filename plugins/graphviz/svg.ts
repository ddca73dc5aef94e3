// Turns Graphviz's standalone SVG document into a fragment that can be dropped inline into a page:
//  - everything before `<svg` (XML declaration, doctype, comments: POST-NOTES G4) and all comments go;
//  - the result never contains a blank line (markdown-it ends an HTML block at one: G5), even when a DOT
//    id or label holds raw newlines (those are written as `&#10;`);
//  - it is sanitised: only the SVG elements Graphviz produces are kept (no script, style, foreignObject,
//    animation), no `on*` attributes, and link targets are limited to http(s)/mailto/relative URLs;
//  - default black/white is replaced by `currentColor`/`transparent` so the page's CSS colour themes it,
//    while colours the author chose are kept (text on a node the author filled keeps its colour);
//  - the fixed pt size becomes `viewBox` + `max-width`, so the drawing scales down on narrow screens;
//  - it gets `role="img"`, an `aria-label`, a `<title>` and a `<desc>` (edge list) for screen readers.
// The work is done on a small XML token stream, not with regular expressions over the whole text.
import { escapeHtml } from "../errors.ts";

// ---------------------------------------------------------------------------------------------------
// Tokenizer

interface Attr {
  name: string;
  value: string; // decoded
}
type Token =
  | { type: "text"; text: string } // decoded
  | { type: "open"; name: string; attrs: Attr[]; selfClosing: boolean }
  | { type: "close"; name: string }
  | { type: "skip" }; // comment, processing instruction, doctype

// XML's five, plus the HTML ones an attacker would use to hide a scheme (`javascript&colon;`). Unknown
// names stay as written; the serialiser re-escapes `&`, so a browser never decodes them either.
const namedEntities: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0",
  colon: ":", tab: "\t", newline: "\n", sol: "/", lpar: "(", rpar: ")", period: ".", num: "#", quest: "?",
};

/** Decodes the XML/HTML character references Graphviz (or a hand-written SVG) may use. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const named = namedEntities[body.toLowerCase()];
    return named ?? whole;
  });
}

function parseAttrs(src: string): Attr[] {
  const attrs: Attr[] = [];
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    attrs.push({ name: m[1], value: decodeEntities(m[2] ?? m[3] ?? m[4] ?? "") });
  }
  return attrs;
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt === -1) {
      tokens.push({ type: "text", text: decodeEntities(xml.slice(i)) });
      break;
    }
    if (lt > i) tokens.push({ type: "text", text: decodeEntities(xml.slice(i, lt)) });
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      i = end === -1 ? n : end + 3;
      tokens.push({ type: "skip" });
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      tokens.push({ type: "text", text: xml.slice(lt + 9, end === -1 ? n : end) });
      i = end === -1 ? n : end + 3;
    } else if (xml.startsWith("<?", lt)) {
      const end = xml.indexOf("?>", lt + 2);
      i = end === -1 ? n : end + 2;
      tokens.push({ type: "skip" });
    } else if (xml.startsWith("<!", lt)) {
      // Doctype, possibly with an internal subset in brackets.
      let j = lt + 2;
      let depth = 0;
      while (j < n && !(xml[j] === ">" && depth === 0)) {
        if (xml[j] === "[") depth++;
        else if (xml[j] === "]") depth = Math.max(0, depth - 1);
        j++;
      }
      i = j + 1;
      tokens.push({ type: "skip" });
    } else if (xml[lt + 1] === "/") {
      const end = xml.indexOf(">", lt);
      const name = xml.slice(lt + 2, end === -1 ? n : end).trim();
      tokens.push({ type: "close", name });
      i = end === -1 ? n : end + 1;
    } else if (/[A-Za-z]/.test(xml[lt + 1] ?? "")) {
      // Find the end of the tag, skipping quoted attribute values (they may contain `>`).
      let j = lt + 1;
      let quote = "";
      while (j < n) {
        const c = xml[j];
        if (quote) {
          if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (c === ">") break;
        j++;
      }
      let inner = xml.slice(lt + 1, j);
      const selfClosing = /\/\s*$/.test(inner);
      if (selfClosing) inner = inner.replace(/\/\s*$/, "");
      const nameMatch = /^[^\s/>]+/.exec(inner);
      const name = nameMatch ? nameMatch[0] : "";
      tokens.push({ type: "open", name, attrs: parseAttrs(inner.slice(name.length)), selfClosing });
      i = j + 1;
    } else {
      // A lone `<` that starts no tag: keep it as text.
      tokens.push({ type: "text", text: "<" });
      i = lt + 1;
    }
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------
// Sanitising rules

/** SVG elements Graphviz's SVG renderer writes (plus plain shapes). Anything else is dropped with its
 *  content: script, style, foreignObject, iframe, animate/set (they can rewrite an href), use, … */
const allowedElements = new Set([
  "svg", "g", "title", "desc", "a", "polygon", "polyline", "ellipse", "circle", "rect", "line", "path", "text",
  "tspan", "image", "defs", "linearGradient", "radialGradient", "stop",
]);

const urlAttributes = new Set(["href", "xlink:href", "src"]);
const allowedSchemes = new Set(["http", "https", "mailto"]);

/** True for relative URLs, fragments and http(s)/mailto. False for javascript:, data:, vbscript:, … */
export function isSafeUrl(value: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme (`java\tscript:`).
  const compact = decodeEntities(value).replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (scheme) return allowedSchemes.has(scheme[1].toLowerCase());
  // No scheme: relative. A `:` before any `/?#` would be a scheme with odd characters: refuse it.
  const firstColon = compact.indexOf(":");
  if (firstColon === -1) return true;
  const firstSep = compact.search(/[/?#]/);
  return firstSep !== -1 && firstSep < firstColon;
}

function safeStyle(value: string): boolean {
  const v = decodeEntities(value).replace(/\\/g, "").toLowerCase();
  if (/javascript:|vbscript:|expression\s*\(|@import|behavior\s*:|-moz-binding/.test(v)) return false;
  // url() may only point inside the document (gradients).
  return !/url\s*\(\s*['"]?\s*[^#\s'")]/.test(v);
}

function keepAttribute(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith("on")) return false;
  if (urlAttributes.has(lower)) return isSafeUrl(value);
  if (lower === "style") return safeStyle(value);
  if ((lower === "fill" || lower === "stroke" || lower === "filter" || lower === "mask" || lower === "clip-path") && /url\s*\(/i.test(value)) {
    return /^\s*url\s*\(\s*['"]?#/i.test(value);
  }
  // Only the namespaces Graphviz writes; `xmlns:foo` or `foo:bar` could smuggle other vocabularies.
  if (lower.includes(":")) return ["xmlns:xlink", "xlink:href", "xlink:title", "xlink:show", "xlink:type", "xml:space"].includes(lower);
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Colours

function normColour(v: string | undefined): string | undefined {
  return v === undefined ? undefined : v.trim().toLowerCase();
}
const blacks = new Set(["black", "#000", "#000000", "#000000ff", "rgb(0,0,0)"]);
const whites = new Set(["white", "#fff", "#ffffff", "#ffffffff", "rgb(255,255,255)"]);
const isBlack = (v: string | undefined) => v !== undefined && blacks.has(v.replace(/\s+/g, ""));
const isWhite = (v: string | undefined) => v !== undefined && whites.has(v.replace(/\s+/g, ""));
const isNoPaint = (v: string | undefined) => v === undefined || v === "none" || v === "transparent" || v === "";

const paintServers = new Set(["linearGradient", "radialGradient"]);

/** FNV-1a, base 36: a short stable tag for one SVG. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const shapeElements = new Set(["polygon", "polyline", "ellipse", "circle", "rect", "path"]);

interface Frame {
  name: string;
  /** `graph`, `cluster`, `node`, `edge` for Graphviz's classed groups, else "". */
  kind: string;
  /** Text here sits on a fill the author chose: leave its colour alone. */
  filled: boolean;
  /** The group's own background shape was seen (the first shape of a graph/cluster/node group). */
  shapeSeen: boolean;
}

/** The first coordinates of a shape or text, in the graph's coordinate system. */
function pointsOf(name: string, attrs: Attr[]): [number, number][] {
  const get = (n: string) => attrs.find((a) => a.name === n)?.value;
  const num = (v: string | undefined) => (v === undefined ? NaN : parseFloat(v));
  let pts: [number, number][] = [];
  if (name === "polygon" || name === "polyline") {
    pts = (get("points") ?? "")
      .trim()
      .split(/\s+/)
      .map((p) => p.split(",").map(Number) as [number, number]);
  } else if (name === "ellipse" || name === "circle") pts = [[num(get("cx")), num(get("cy"))]];
  else if (name === "text" || name === "rect") pts = [[num(get("x")), num(get("y"))]];
  else if (name === "path") {
    const m = /M\s*(-?[\d.]+)[ ,]+(-?[\d.]+)/.exec(get("d") ?? "");
    if (m) pts = [[Number(m[1]), Number(m[2])]];
  }
  return pts.filter((p) => p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]));
}

function groupKind(attrs: Attr[]): string {
  const cls = attrs.find((a) => a.name === "class")?.value.split(/\s+/) ?? [];
  return ["graph", "cluster", "node", "edge"].find((k) => cls.includes(k)) ?? "";
}

/** The nearest frame whose shape decides what is behind its content. */
function owner(stack: Frame[]): Frame | undefined {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].kind) return stack[k];
  return undefined;
}

function recolourShape(attrs: Attr[], stack: Frame[]): void {
  const fill = normColour(attrs.find((a) => a.name === "fill")?.value);
  const own = owner(stack);
  const isBackground = own !== undefined && own.kind !== "edge" && !own.shapeSeen;
  if (own && isBackground) {
    own.shapeSeen = true;
    // A background fill the author chose (any colour, a gradient, even black: the default is none/white)
    // means the text on it keeps its own colour, and a black background stays black.
    if (!isNoPaint(fill) && !isWhite(fill)) own.filled = true;
  }
  for (const a of attrs) {
    if (a.name === "fill") {
      if (isWhite(normColour(a.value))) a.value = "transparent";
      else if (isBlack(normColour(a.value)) && !isBackground) a.value = "currentColor";
    } else if (a.name === "stroke") {
      if (isBlack(normColour(a.value))) a.value = "currentColor";
    }
  }
}

function recolourText(attrs: Attr[], stack: Frame[]): void {
  if (owner(stack)?.filled) return;
  const fill = attrs.find((a) => a.name === "fill");
  if (fill === undefined) attrs.push({ name: "fill", value: "currentColor" });
  else if (isBlack(normColour(fill.value))) fill.value = "currentColor";
}

// ---------------------------------------------------------------------------------------------------
// Serialising

function escText(s: string): string {
  // `&#10;` keeps a newline's meaning without ever putting a raw line break (so a blank line) in the page.
  return s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;")).replace(/\r\n?|\n/g, "&#10;");
}
function escAttr(s: string): string {
  return escText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;");
}
function openTag(name: string, attrs: Attr[], selfClosing: boolean): string {
  const body = attrs.map((a) => ` ${a.name}="${escAttr(a.value)}"`).join("");
  return `<${name}${body}${selfClosing ? "/>" : ">"}`;
}

// ---------------------------------------------------------------------------------------------------
// Public API

export interface GraphCount {
  nodes: number;
  edges: number;
}

/** Counts Graphviz's node and edge groups (`<g id="nodeN" class="node">`, `class="edge"`). */
export function countGraph(svg: string): GraphCount {
  const count = (kind: string) =>
    (svg.match(new RegExp(`<g\\b[^>]*\\bclass="(?:[^"]*\\s)?${kind}(?:\\s[^"]*)?"`, "g")) ?? []).length;
  return { nodes: count("node"), edges: count("edge") };
}

export interface CleanOptions {
  /** Accessible name to use instead of the one derived from the graph (its `label`, or a summary). */
  label?: string;
  /** Class of the wrapper `<div>`; default `graphviz-wrapper`. */
  wrapperClass?: string;
}

export interface CleanResult {
  /** `<div class="graphviz-wrapper"><svg …>…</svg></div>`, no blank line. */
  html: string;
  nodes: number;
  edges: number;
  /** The text alternative used for `aria-label` and `<title>`. */
  label: string;
}

/** Cleans one Graphviz SVG document into an inline, themeable, sanitised fragment. */
export function cleanSvgDetailed(svg: string, options: CleanOptions = {}): CleanResult {
  const start = svg.search(/<svg[\s>]/i);
  const tokens = tokenize(start === -1 ? svg : svg.slice(start));

  // Pass 1: facts for the text alternative (node labels, edges, the graph's own label/tooltip).
  const nodeLabel = new Map<string, string>();
  const edgeTitles: string[] = [];
  const graphText: string[] = [];
  let graphTooltip = "";
  let nodes = 0;
  let edges = 0;
  // Graphviz writes nodes and edges after (not inside) the cluster groups they sit in, so "is this
  // text on a cluster the author filled?" is answered with geometry: the group's first point against
  // the boxes of filled clusters (all share graph0's coordinates).
  const filledBoxes: { id: string; box: [number, number, number, number] }[] = [];
  // Gradient ids (`node1_l_0`) repeat in every graph with gradients: on a page with two of them the
  // second would paint with the first one's colours. They get a prefix derived from the SVG itself.
  const paintIds = new Set<string>();
  const refPoints: { id: string; x: number; y: number }[] = [];
  {
    const kinds: string[] = [];
    const geo: { id: string; kind: string; shapeSeen: boolean; refSeen: boolean }[] = [];
    let current: { kind: string; title: string; texts: string[] } | undefined;
    let inTitle = false;
    let inText = false;
    for (const t of tokens) {
      if (t.type === "open") {
        if (t.name === "g") {
          const kind = groupKind(t.attrs);
          if (!t.selfClosing) kinds.push(kind);
          if (kind && kind !== "graph" && !t.selfClosing) {
            geo.push({ id: t.attrs.find((a) => a.name === "id")?.value ?? "", kind, shapeSeen: false, refSeen: false });
          }
          if (kind === "node" || kind === "edge") {
            if (kind === "node") nodes++;
            else edges++;
            current = { kind, title: "", texts: [] };
          }
        } else if (t.name === "title" && !t.selfClosing) inTitle = true;
        if (paintServers.has(t.name)) {
          const id = t.attrs.find((a) => a.name === "id")?.value;
          if (id) paintIds.add(id);
        }
        if (t.name === "text" && !t.selfClosing) inText = true;
        const g = geo.at(-1);
        if (g && (shapeElements.has(t.name) || t.name === "text")) {
          const pts = pointsOf(t.name, t.attrs);
          if (g.kind === "cluster" && !g.shapeSeen && shapeElements.has(t.name)) {
            g.shapeSeen = true;
            const fill = normColour(t.attrs.find((a) => a.name === "fill")?.value);
            if (pts.length && !isNoPaint(fill) && !isWhite(fill)) {
              const xs = pts.map((p) => p[0]);
              const ys = pts.map((p) => p[1]);
              filledBoxes.push({ id: g.id, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
            }
          }
          if (!g.refSeen && pts.length && (t.name === "text" || g.kind !== "edge")) {
            g.refSeen = true;
            refPoints.push({ id: g.id, x: pts[0][0], y: pts[0][1] });
          }
        }
        if (t.name === "a" && kinds.filter(Boolean).at(-1) === "graph" && !graphTooltip) {
          graphTooltip = t.attrs.find((a) => a.name === "xlink:title" || a.name === "title")?.value ?? "";
        }
      } else if (t.type === "close") {
        if (t.name === "g") {
          const kind = kinds.pop();
          if (kind && kind !== "graph") geo.pop();
          if ((kind === "node" || kind === "edge") && current) {
            if (current.kind === "node") nodeLabel.set(current.title, current.texts.join(" ").trim() || current.title);
            else edgeTitles.push(current.title);
            current = undefined;
          }
        } else if (t.name === "title") inTitle = false;
        else if (t.name === "text") inText = false;
      } else if (t.type === "text") {
        const owning = kinds.filter(Boolean).at(-1);
        if (inTitle && current && owning === current.kind) current.title += t.text;
        else if (inText && current && owning === current.kind) current.texts.push(t.text);
        else if (inText && owning === "graph") graphText.push(t.text);
      }
    }
  }
  const onFilledCluster = new Set(
    refPoints
      .filter((r) => filledBoxes.some((b) => b.id !== r.id && r.x >= b.box[0] && r.x <= b.box[2] && r.y >= b.box[1] && r.y <= b.box[3]))
      .map((r) => r.id),
  );
  const directed = edgeTitles.some((e) => e.includes("->"));
  const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
  const graphLabel = oneLine(graphText.join(" "));
  const summary = `${directed || edges === 0 ? "Diagram" : "Undirected diagram"}: ${nodes} node${nodes === 1 ? "" : "s"}, ${edges} edge${edges === 1 ? "" : "s"}`;
  const label = oneLine(options.label ?? "") || (graphLabel ? `${graphLabel} (${summary.toLowerCase()})` : "") || oneLine(graphTooltip) || summary;
  const name = (id: string) => oneLine(nodeLabel.get(id) ?? id);
  const edgeList = edgeTitles.map((title) => {
    const sep = title.includes("->") ? "->" : "--";
    const at = title.indexOf(sep);
    if (at === -1) return oneLine(title);
    const strip = (end: string) => end.replace(/:[^:]*$/, (port) => (nodeLabel.has(end) ? port : ""));
    const tail = title.slice(0, at);
    const head = title.slice(at + 2);
    const t = nodeLabel.has(tail) ? tail : strip(tail);
    const h = nodeLabel.has(head) ? head : strip(head);
    return `${name(t)} ${sep === "->" ? "→" : "—"} ${name(h)}`;
  });
  const desc = edgeList.length ? `Edges: ${edgeList.join("; ")}.` : nodes ? `Nodes: ${[...nodeLabel.values()].map(oneLine).join(", ")}.` : "";

  const prefix = `gv${hash(svg)}-`;
  const renamePaint = (value: string) =>
    value.replace(/url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g, (whole, _q: string, id: string) => (paintIds.has(id) ? `url(#${prefix}${id})` : whole));

  // Pass 2: filter, recolour and serialise.
  const out: string[] = [];
  const stack: Frame[] = [];
  let dropDepth = 0; // > 0 while inside a dropped element
  let dropName = "";
  let sawRoot = false;
  let skipGraphTitle = false;
  let titleDepth = -1;
  for (const t of tokens) {
    if (dropDepth > 0) {
      if (t.type === "open" && t.name === dropName && !t.selfClosing) dropDepth++;
      else if (t.type === "close" && t.name === dropName) dropDepth--;
      continue;
    }
    if (t.type === "skip") continue;
    if (t.type === "text") {
      if (skipGraphTitle) continue;
      const inContent = ["text", "tspan", "title", "desc"].includes(stack.at(-1)?.name ?? "");
      if (!inContent && /^\s*$/.test(t.text)) {
        // Whitespace between tags: one line break at most, never a blank line.
        if (t.text.includes("\n") && !out.at(-1)?.endsWith("\n")) out.push("\n");
        continue;
      }
      out.push(escText(t.text));
      continue;
    }
    if (t.type === "close") {
      if (!allowedElements.has(t.name)) continue;
      if (skipGraphTitle && t.name === "title" && stack.length === titleDepth) {
        skipGraphTitle = false;
        continue;
      }
      // Close only what is open (ill-formed input must not unbalance the page).
      const at = stack.map((f) => f.name).lastIndexOf(t.name);
      if (at === -1) continue;
      while (stack.length > at) out.push(`</${stack.pop()?.name}>`);
      if (stack.length === 0) break; // the root </svg>: nothing after it
      continue;
    }
    // Opening tag.
    if (!allowedElements.has(t.name) || (!sawRoot && t.name !== "svg")) {
      if (!t.selfClosing) {
        dropDepth = 1;
        dropName = t.name;
      }
      continue;
    }
    const attrs = t.attrs.filter((a) => keepAttribute(a.name, a.value));
    if (paintIds.size) {
      for (const a of attrs) {
        if (a.name === "id" && paintServers.has(t.name) && paintIds.has(a.value)) a.value = prefix + a.value;
        else if (a.value.includes("url(")) a.value = renamePaint(a.value);
        else if ((a.name === "href" || a.name === "xlink:href") && a.value.startsWith("#") && paintIds.has(a.value.slice(1))) {
          a.value = `#${prefix}${a.value.slice(1)}`;
        }
      }
    }
    if (!sawRoot) {
      sawRoot = true;
      const width = attrs.find((a) => a.name === "width")?.value;
      const height = attrs.find((a) => a.name === "height")?.value;
      const kept = attrs.filter((a) => !["width", "height", "class", "role", "aria-label", "style", "focusable"].includes(a.name));
      if (!kept.some((a) => a.name === "viewBox") && width && height) {
        kept.push({ name: "viewBox", value: `0 0 ${parseFloat(width)} ${parseFloat(height)}` });
      }
      if (!kept.some((a) => a.name === "xmlns")) kept.push({ name: "xmlns", value: "http://www.w3.org/2000/svg" });
      kept.push({ name: "class", value: "graphviz" }, { name: "role", value: "img" }, { name: "aria-label", value: label });
      const maxWidth = width && /^[\d.]+(pt|px)?$/.test(width.trim()) ? `max-width:${width.trim()};` : "";
      kept.push({ name: "style", value: `${maxWidth}width:100%;height:auto` });
      out.push(openTag("svg", kept, false));
      out.push(`<title>${escText(label)}</title>`);
      if (desc) out.push(`<desc>${escText(desc)}</desc>`);
      stack.push({ name: "svg", kind: "", filled: false, shapeSeen: true });
      if (t.selfClosing) {
        out.push("</svg>");
        stack.pop();
        break;
      }
      continue;
    }
    if (t.name === "g") {
      const kind = groupKind(attrs);
      const id = attrs.find((a) => a.name === "id")?.value ?? "";
      const filled = (owner(stack)?.filled ?? false) || (kind !== "" && kind !== "graph" && onFilledCluster.has(id));
      const frame: Frame = { name: "g", kind, filled, shapeSeen: kind === "" || kind === "edge" };
      if (!t.selfClosing) stack.push(frame);
      out.push(openTag("g", attrs, t.selfClosing));
      continue;
    }
    if (t.name === "title" && owner(stack)?.kind === "graph" && stack.at(-1)?.kind === "graph" && !t.selfClosing) {
      // The graph's name (`G`) as a tooltip over the whole drawing says nothing: the svg's own title replaces it.
      skipGraphTitle = true;
      titleDepth = stack.length;
      continue;
    }
    if (shapeElements.has(t.name)) recolourShape(attrs, stack);
    else if (t.name === "text" || t.name === "tspan") recolourText(attrs, stack);
    if (t.name === "a") {
      // Links open where the author said; never let a new tab reach back to this page.
      if (attrs.some((a) => a.name === "target")) attrs.push({ name: "rel", value: "noopener noreferrer" });
    }
    out.push(openTag(t.name, attrs, t.selfClosing));
    if (!t.selfClosing) stack.push({ name: t.name, kind: "", filled: owner(stack)?.filled ?? false, shapeSeen: true });
  }
  while (stack.length) out.push(`</${stack.pop()?.name}>`);

  const wrapperClass = options.wrapperClass ?? "graphviz-wrapper";
  let body = out.join("");
  // Belt and braces: no line of the fragment may be empty or whitespace-only.
  body = body
    .split("\n")
    .filter((l) => l.trim() !== "")
    .join("\n");
  if (!sawRoot) body = "";
  return { html: `<div class="${escapeHtml(wrapperClass)}">${body}</div>`, nodes, edges, label };
}

/** {@link cleanSvgDetailed}, returning only the HTML. */
export function cleanSvg(svg: string, options: CleanOptions = {}): string {
  return cleanSvgDetailed(svg, options).html;
}
