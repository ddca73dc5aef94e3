// Small hast helpers shared by the HTML pass: where the post body is, class tests, text of a node.
import type { Element, ElementContent, Nodes, Parents, Root } from "hast";

/** Elements whose content never belongs to the post's visible text (and which sanitising drops). */
const opaque = new Set(["script", "style", "template", "noscript", "iframe", "object", "embed", "foreignObject", "svg", "math"]);

export function isElement(node: Nodes | undefined, tagName?: string): node is Element {
  return node !== undefined && node.type === "element" && (tagName === undefined || node.tagName === tagName);
}

export function classesOf(el: Element): string[] {
  const c: unknown = el.properties.className;
  if (Array.isArray(c)) return c.map(String);
  return typeof c === "string" ? c.split(/[ \t\n\f\r]+/).filter(Boolean) : [];
}

export function hasClass(el: Element, name: string): boolean {
  return classesOf(el).includes(name);
}

/** Depth-first, document-order walk over elements below `parent`; `visit` returning false skips that
 *  element's children. Written by hand (not unist-util-visit) because it is on the hot path and the
 *  callers need no ancestry. */
export function walkElements(parent: Parents, visit: (el: Element, parent: Parents) => boolean | void): void {
  for (const child of parent.children) {
    if (child.type !== "element") continue;
    if (visit(child, parent) === false) continue;
    walkElements(child, visit);
  }
}

/** Concatenated text of a node, like hast-util-to-string but without allocating per node. */
export function textOf(node: Nodes): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element" && node.type !== "root") return "";
  let out = "";
  for (const c of node.children) out += textOf(c);
  return out;
}

/**
 * The parts of a page the HTML pass may rewrite: every outermost element marked `data-tp-body` (the
 * layout puts it around the post's content); when there is none, the `<body>` of a full document; for
 * a fragment without a marker, the whole fragment. The layout's `<head>` is never a scope.
 */
export function findScopes(tree: Root): Parents[] {
  const marked: Element[] = [];
  let body: Element | undefined;
  walkElements(tree, (el) => {
    if (el.properties.dataTpBody !== undefined && el.properties.dataTpBody !== null && el.properties.dataTpBody !== false) {
      marked.push(el);
      return false;
    }
    if (el.tagName === "body" && body === undefined) body = el;
    return el.tagName !== "head";
  });
  if (marked.length > 0) return marked;
  if (body !== undefined) return [body];
  const hasHtml = tree.children.some((c) => isElement(c, "html"));
  return hasHtml ? [] : [tree];
}

/** Headings h1–h6 below `scope` in document order, not looking inside SVG, MathML, templates or
 *  elements the sanitiser removes with their content (a heading there would vanish from the page). */
export function headingsIn(scope: Parents): Element[] {
  const found: Element[] = [];
  walkElements(scope, (el) => {
    if (opaque.has(el.tagName)) return false;
    if (/^h[1-6]$/.test(el.tagName)) {
      found.push(el);
      return false;
    }
    return true;
  });
  return found;
}

export function headingLevel(el: Element): number {
  return Number(el.tagName.slice(1));
}

export type { Element, ElementContent, Parents, Root };
