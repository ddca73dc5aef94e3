// The default theme, delivered entirely as Eleventy virtual templates (Eleventy 3's `addTemplate`), so a
// blogger copies no files. It registers:
//   layouts  `tensorpost/{base,post,page}.njk` under the includes (or layouts) directory, with the aliases
//            `base`, `post`, `page` and `default` (= page) that Jekyll front matter uses — an alias is left
//            out when the site has its own layout file of that name, so a site can override one layout;
//   pages    `/index.html` (posts newest first), `/tags/<slug>/` (one per tag), `/tags/`, `/feed.xml` (Atom);
//   assets   `/assets/tensorpost.css`, `/assets/katex/` (KaTeX CSS + woff2 fonts), and the images folder
//            (`options.imagesDir`, relative to the input dir) at `/img/`.
// The pages read `collections.posts` (oldest first, as Eleventy sorts) and `collections.postTags`
// (`{ tag, slug, posts }[]`, see tags.ts) — the plugin defines both; a site without them gets empty pages.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import type { EleventyConfig } from "../index.ts";
import type { TensorpostOptions } from "../options.ts";
import { displayDate, isoDate, rfc3339 } from "./dates.ts";
import { katexCss, katexDistDir } from "./katex-assets.ts";
import { tagSlug } from "./slug.ts";
import { uiString } from "./strings.ts";
import { newestFirst, tagsByCount, toList, type PostLike, type TagEntry } from "./tags.ts";
import {
  baseLayout,
  feedTemplate,
  homePage,
  layoutFolder,
  layoutPath,
  pageLayout,
  postLayout,
  tagPage,
  tagsIndexPage,
} from "./templates.ts";

export { tagSlug } from "./slug.ts";
export { buildPostTags, type TagEntry } from "./tags.ts";

/** Posts in the feed. */
export const feedSize = 20;

const here = dirname(fileURLToPath(import.meta.url));
const themeCss = join(here, "assets", "tensorpost.css");

export function addTheme(eleventyConfig: EleventyConfig, options: TensorpostOptions): void {
  const site = options.site;
  const dirs = projectDirs(eleventyConfig);

  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addGlobalData("tpSite", site);

  // Filters the templates use; all prefixed `tp` so they cannot clash with a site's own.
  const absolute = (url: unknown) => absoluteUrl(String(url ?? "/"), site.url, pathPrefixOf(eleventyConfig));
  eleventyConfig.addFilter("tpT", (key: string, lang: unknown) => uiString(key, lang ?? site.lang));
  eleventyConfig.addFilter("tpList", (v: unknown) => toList(v));
  eleventyConfig.addFilter("tpSlug", (tag: unknown) => tagSlug(tag));
  eleventyConfig.addFilter("tpNewestFirst", (posts: PostLike[] | undefined) => newestFirst(posts));
  eleventyConfig.addFilter("tpHead", (items: unknown[] | undefined, n: number) => (items ?? []).slice(0, n));
  eleventyConfig.addFilter("tpTagsByCount", (entries: TagEntry[] | undefined) => tagsByCount(entries));
  eleventyConfig.addFilter("tpSummary", (data: Record<string, unknown> | undefined) => summaryOf(data));
  eleventyConfig.addFilter("tpPlain", (html: unknown) => plainText(html));
  eleventyConfig.addFilter("tpDateYmd", (date: unknown, raw: unknown) => displayDate(date, raw, options.timezone));
  eleventyConfig.addFilter("tpDateIso", (date: unknown, raw: unknown) => isoDate(date, raw, options.timezone));
  eleventyConfig.addFilter("tpRfc3339", (date: unknown) => rfc3339(date));
  eleventyConfig.addFilter("tpFeedUpdated", (posts: PostLike[] | undefined) => feedUpdated(posts));
  eleventyConfig.addFilter("tpAbsoluteUrl", absolute);
  eleventyConfig.addFilter("tpXml", (text: unknown) => xmlSafe(text));

  // Layouts, under the includes dir as Eleventy looks them up (`layout: tensorpost/post.njk`).
  const layoutsRel = dirs.layoutsRelativeToInput;
  const own = ownLayoutNames(dirs.layoutsAbsolute);
  for (const [name, content] of [["base", baseLayout], ["post", postLayout], ["page", pageLayout]] as const) {
    eleventyConfig.addTemplate(posix.join(layoutsRel, layoutPath(name)), content, {});
  }
  const aliases: Record<string, string> = { base: "base", post: "post", page: "page", default: "page" };
  for (const [alias, target] of Object.entries(aliases)) {
    if (!own.has(alias)) eleventyConfig.addLayoutAlias(alias, layoutPath(target));
  }

  // Pages. Each is a virtual template at the input root, kept out of collections.
  const pageData = { layout: layoutPath("base"), tpBodyWrapped: true, eleventyExcludeFromCollections: true };
  if (!hasOwnIndex(dirs.inputAbsolute)) {
    eleventyConfig.addTemplate(`${layoutFolder}-home.njk`, homePage, {
      ...pageData,
      permalink: "/index.html",
      eleventyImport: { collections: ["posts"] },
    });
  }
  eleventyConfig.addTemplate(`${layoutFolder}-tags.njk`, tagsIndexPage, {
    ...pageData,
    title: uiString("allTags", site.lang),
    permalink: "/tags/index.html",
    eleventyImport: { collections: ["postTags"] },
  });
  eleventyConfig.addTemplate(`${layoutFolder}-tag.njk`, tagPage, {
    ...pageData,
    pagination: { data: "collections.postTags", size: 1, alias: "tpTagEntry", addAllPagesToCollections: false },
    eleventyComputed: { title: (data: { tpTagEntry?: TagEntry }) => data.tpTagEntry?.tag ?? "" },
    permalink: "/tags/{{ tpTagEntry.slug }}/index.html",
    eleventyImport: { collections: ["postTags"] },
  });
  eleventyConfig.addTemplate(`${layoutFolder}-feed.njk`, feedTemplate, {
    layout: false,
    permalink: "/feed.xml",
    eleventyExcludeFromCollections: true,
    eleventyImport: { collections: ["posts"] },
    tpFeedSize: feedSize,
  });

  // Assets. KaTeX's CSS is emitted rewritten (woff2 only, see katex-assets.ts); its fonts are copied.
  const katexDist = katexDistDir();
  eleventyConfig.addTemplate(`${layoutFolder}-katex-css.njk`, `{% raw %}${katexCss(katexDist)}{% endraw %}`, {
    layout: false,
    permalink: "/assets/katex/katex.min.css",
    eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addPassthroughCopy({ [posixPath(join(katexDist, "fonts", "*.woff2"))]: "assets/katex/fonts" });
  eleventyConfig.addPassthroughCopy({ [posixPath(themeCss)]: "assets/tensorpost.css" });
  if (options.imagesDir !== "") {
    eleventyConfig.addPassthroughCopy({ [posixPath(join(dirs.inputRelative, options.imagesDir))]: "img" });
  }

  warnOnBaseMismatch(site.url, pathPrefixOf(eleventyConfig));
}

interface ProjectDirs {
  /** Input dir as Eleventy names it, relative to the project (`./posts/`). */
  inputRelative: string;
  inputAbsolute: string;
  layoutsAbsolute: string;
  /** Where layouts live, relative to the input dir (`_includes`) — the prefix of a virtual layout's path. */
  layoutsRelativeToInput: string;
}

function projectDirs(eleventyConfig: EleventyConfig): ProjectDirs {
  // Inside a plugin Eleventy has resolved these (`./posts/`, `./posts/_includes/`); called earlier, the
  // defaults are what Eleventy will use unless the site changes them.
  const d = (eleventyConfig.directories ?? {}) as Record<string, string | undefined>;
  const input = d.input || "./";
  const layouts = d.layouts || d.includes || join(input, "_includes");
  const inputAbsolute = resolve(input);
  const layoutsAbsolute = resolve(layouts);
  return {
    inputRelative: input,
    inputAbsolute,
    layoutsAbsolute,
    layoutsRelativeToInput: posixPath(relative(inputAbsolute, layoutsAbsolute)) || ".",
  };
}

function posixPath(p: string): string {
  return p.split("\\").join("/");
}

/** Layout names the site provides itself (`_includes/post.njk` → `post`). */
function ownLayoutNames(layoutsDir: string): Set<string> {
  if (!existsSync(layoutsDir)) return new Set();
  return new Set(
    readdirSync(layoutsDir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name.replace(/\.(?:11ty\.[cm]?js|[^.]+)$/, "")),
  );
}

function hasOwnIndex(inputDir: string): boolean {
  return ["md", "njk", "html", "liquid", "11ty.js"].some((ext) => existsSync(join(inputDir, `index.${ext}`)));
}

function pathPrefixOf(eleventyConfig: EleventyConfig): string {
  const p = typeof eleventyConfig.pathPrefix === "string" ? eleventyConfig.pathPrefix : "/";
  return `/${p.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
}

/**
 * The site's root URL: `site.url`, whose path is replaced by Eleventy's path prefix when one is set
 * (GitHub project pages: url `https://me.github.io/blog`, pathPrefix `/blog/`).
 */
export function siteRoot(siteUrl: string, pathPrefix = "/"): URL | undefined {
  let root: URL;
  try {
    root = new URL(siteUrl);
  } catch {
    return undefined;
  }
  if (pathPrefix !== "/") root.pathname = pathPrefix;
  else if (!root.pathname.endsWith("/")) root.pathname += "/";
  root.search = "";
  root.hash = "";
  return root;
}

/** An absolute URL for a site path (`/2024/01/15/a.html`), as feeds need. */
export function absoluteUrl(url: string, siteUrl: string, pathPrefix = "/"): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  const root = siteRoot(siteUrl, pathPrefix);
  if (!root) return url;
  return new URL(url.replace(/^\/+/, ""), root).href;
}

function warnOnBaseMismatch(siteUrl: string, pathPrefix: string): void {
  const root = siteRoot(siteUrl);
  if (!root) {
    console.warn(`[tensorpost] warning: site.url "${siteUrl}" is not an absolute URL; feed links stay relative`);
  } else if (pathPrefix === "/" && root.pathname !== "/") {
    console.warn(
      `[tensorpost] warning: site.url has the path ${root.pathname} but Eleventy's pathPrefix is "/"; ` +
        `links inside pages will miss ${root.pathname} — run Eleventy with --pathprefix=${root.pathname}`,
    );
  }
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function plainText(html: unknown): string {
  if (html === null || html === undefined || html === false) return "";
  return String(html)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/?[a-zA-Z][^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** The line shown under a post's title in lists: `description`, else the excerpt, as plain text. */
export function summaryOf(data: Record<string, unknown> | undefined, max = 240): string {
  if (!data) return "";
  const page = data.page as { excerpt?: unknown } | undefined;
  const candidates = [data.description, data.excerpt, page?.excerpt];
  for (const c of candidates) {
    const text = typeof c === "string" ? plainText(c) : "";
    if (text !== "") return [...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text;
  }
  return "";
}

/** Removes characters XML 1.0 does not allow (controls other than tab/newline/CR, lone surrogates). */
export function xmlSafe(text: unknown): string {
  if (text === null || text === undefined) return "";
  return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
}

function feedUpdated(posts: PostLike[] | undefined): string {
  let newest = 0;
  for (const p of posts ?? []) {
    for (const d of [p.date, p.data?.last_modified_at]) {
      const t = d instanceof Date ? d.getTime() : typeof d === "string" ? Date.parse(d) : NaN;
      if (Number.isFinite(t) && t > newest) newest = t;
    }
  }
  return rfc3339(new Date(newest));
}
