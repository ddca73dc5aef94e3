// The HTML pass run on every built page (an Eleventy transform): parse → heading ids → TOC → sanitise
// the post body → page assets → serialise.
import type { Root } from "hast";
import rehypeParse from "rehype-parse";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import type { BuildReport } from "../errors.ts";
import rehypeAssets from "./assets.ts";
import rehypeHeadingIds from "./heading-ids.ts";
import { extractIslands, restoreIslands } from "./islands.ts";
import rehypeTpSanitize from "./sanitize.ts";
import rehypeToc, { type HeadingInfo } from "./toc.ts";

export interface HtmlPassOptions {
  report: BuildReport;
  /** Path prefix of the site, e.g. `/blog` (default ""). */
  base?: string;
  /** Whether a local image exists (see `AssetOptions.imageExists`); no check without it. */
  imageExists?(src: string): boolean;
  /** Keep checked KaTeX renders out of the parse (see islands.ts). Default true; false forces every
   *  byte through parse + sanitise (slower, same result). */
  fastMath?: boolean;
}

export interface HtmlPassResult {
  html: string;
  headings: HeadingInfo[];
}

/** A full document (`<!doctype …>` or `<html>`, after an optional BOM and comments) or a fragment. */
export function isFullDocument(html: string): boolean {
  return /^\uFEFF?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype[\s>]|html[\s>])/i.test(html);
}

function processorFor(fragment: boolean, opts: HtmlPassOptions) {
  return unified()
    .use(rehypeParse, { fragment })
    .use(rehypeHeadingIds)
    .use(rehypeToc)
    .use(rehypeTpSanitize)
    .use(rehypeAssets, { report: opts.report, base: opts.base, imageExists: opts.imageExists })
    .use(rehypeStringify, { closeEmptyElements: true, tightSelfClosing: true, characterReferences: { useNamedReferences: true } })
    .freeze();
}

/** Like `createHtmlPass`, but also returns the headings found in the post body. */
export function createHtmlPassDetailed(opts: HtmlPassOptions): (html: string, file: string) => HtmlPassResult {
  const documentProcessor = processorFor(false, opts);
  const fragmentProcessor = processorFor(true, opts);
  const process = (html: string, file: string, processor: typeof documentProcessor): HtmlPassResult => {
    const vfile = processor.processSync({ value: html, data: { source: file } });
    return { html: String(vfile.value), headings: vfile.data.headings ?? [] };
  };
  return (html, file) => {
    const processor = isFullDocument(html) ? documentProcessor : fragmentProcessor;
    if (opts.fastMath !== false) {
      const { html: lighter, snippets } = extractIslands(html);
      if (snippets.length > 0) {
        const result = process(lighter, file, processor);
        const restored = restoreIslands(result.html, snippets);
        if (restored !== undefined) return { html: restored, headings: result.headings };
      }
    }
    return process(html, file, processor);
  };
}

/**
 * The HTML pass for Eleventy: `(html, file) => html`, where `file` is the source path used in reports.
 * Only the post body (the element marked `data-tp-body`, else `<body>`, else the whole fragment) gets
 * heading ids, the TOC and sanitising; the layout's head, links and scripts are left alone.
 */
export function createHtmlPass(opts: HtmlPassOptions): (html: string, file: string) => string {
  const run = createHtmlPassDetailed(opts);
  return (html, file) => run(html, file).html;
}

export type { HeadingInfo, Root };
export { gfmSlug, headingText, assignHeadingIds } from "./heading-ids.ts";
export { buildToc, tocListId } from "./toc.ts";
export { sanitizeSchema, styleAllowed, urlAllowed } from "./sanitize.ts";
export { katexCssHref } from "./assets.ts";
export { rehypeAssets, rehypeHeadingIds, rehypeToc, rehypeTpSanitize };
