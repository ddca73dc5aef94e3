// The Jekyll compatibility layer: front matter, dates, permalinks, the posts collection and the block tags
// (raw, graphviz, highlight) that must be handled before Liquid and Markdown.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DateTime } from "luxon";
import type { BuildReport, Problem } from "../errors.ts";
import type { TensorpostOptions } from "../options.ts";
import type { EleventyConfig } from "../types.ts";
import { DateError, parseJekyllDate, parsePostFileName } from "./dates.ts";
import { frontMatterEngine, frontMatterProblemKey, type FrontMatterProblem } from "./front-matter.ts";
import { categoriesOf, tagsOf } from "./lists.ts";
import { jekyllPermalink } from "./permalink.ts";
import { preprocessBlocks, liquidInert } from "./blocks.ts";
import { buildPostTags } from "../theme/tags.ts";

export interface JekyllHooks {
  report: BuildReport;
  renderGraph(source: string, file: string, line: number): string;
  errorBox(problem: Problem, inline?: boolean): string;
}

/** What later stages need to map a Markdown body line back to the file. */
export interface PageLines {
  lineOffset(inputPath: string): number;
}

type Data = Record<string, unknown> & { page?: { inputPath?: string; fileSlug?: string; date?: Date } };

export function addJekyll(eleventyConfig: EleventyConfig, options: TensorpostOptions, hooks: JekyllHooks): PageLines {
  const { report } = hooks;
  const zone = options.timezone;
  const offsets = new Map<string, number>();
  const pending = new Map<string, Problem[]>();
  const rawText = new Map<string, string>();

  const readRaw = (inputPath: string): string => {
    let text = rawText.get(inputPath);
    if (text === undefined) {
      try {
        text = readFileSync(inputPath, "utf8");
      } catch {
        text = "";
      }
      rawText.set(inputPath, text);
    }
    return text;
  };
  const lineOfKey = (inputPath: string, key: string): number | undefined => {
    const lines = readRaw(inputPath).split("\n");
    const i = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
    return i === -1 ? undefined : i + 1;
  };
  const isPost = (inputPath: string | undefined): inputPath is string => {
    if (!inputPath || !parsePostFileName(basename(inputPath), zone)) return false;
    return options.postsDir === "" || inputPath.replace(/\\/g, "/").includes(`/${options.postsDir}/`);
  };
  const postDate = (data: Data): DateTime | undefined => {
    const inputPath = data.page?.inputPath;
    if (!isPost(inputPath)) return undefined;
    const fromName = parsePostFileName(basename(inputPath), zone)?.date;
    const mapped = data.page?.date;
    return mapped instanceof Date && !Number.isNaN(mapped.getTime()) ? DateTime.fromJSDate(mapped, { zone }) : fromName;
  };

  eleventyConfig.on("eleventy.before", () => {
    offsets.clear();
    pending.clear();
    rawText.clear();
  });

  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: frontMatterEngine(isPost, "post") } });

  // Jekyll dates (`2022-12-19 23:58:11 +0800`), or the file name's date for posts without one.
  eleventyConfig.addDateParsing(function (this: { page?: { inputPath?: string } }, value: unknown) {
    const inputPath = this.page?.inputPath;
    if (!inputPath) return undefined;
    const fromName = isPost(inputPath) ? parsePostFileName(basename(inputPath), zone)?.date : undefined;
    if (value === undefined || value === null || value === "") return fromName;
    if (value instanceof Date) return undefined;
    if (typeof value === "string" && /^(git )?(last modified|created)$/i.test(value)) return undefined;
    try {
      return parseJekyllDate(value, zone);
    } catch (e) {
      if (!(e instanceof DateError)) throw e;
      const problem = report.error(inputPath, lineOfKey(inputPath, "date"), "date", e.message);
      pending.set(inputPath, [...(pending.get(inputPath) ?? []), problem]);
      // A fixed fallback keeps the build deterministic; the page shows the error box.
      return fromName ?? DateTime.fromMillis(0, { zone: "utc" });
    }
  });

  eleventyConfig.addGlobalData("eleventyComputed", {
    permalink: (data: Data) => {
      const inputPath = data.page?.inputPath;
      if (!isPost(inputPath)) return data.permalink;
      if (data.permalink === false) return false;
      const date = postDate(data);
      const slug = parsePostFileName(basename(inputPath), zone)?.slug ?? "";
      const own = typeof data.permalink === "string" && data.permalink !== "" ? data.permalink : undefined;
      if (own !== undefined && !own.includes(":")) return own;
      const given = own ?? options.permalink;
      const frontSlug = typeof data.slug === "string" ? data.slug : undefined;
      return jekyllPermalink(given, { slug, frontSlug, categories: categoriesOf(data), date: date ?? DateTime.fromMillis(0) }, zone);
    },
    lang: (data: Data) => (typeof data.lang === "string" && data.lang ? data.lang : options.site.lang),
    categories: (data: Data) => categoriesOf(data),
    postTags: (data: Data) => tagsOf(data),
    isPost: (data: Data) => isPost(data.page?.inputPath),
  });

  // Posts in date order (Jekyll's), ties by file name so the order never depends on the file system.
  const postsOf = (api: CollectionApi) =>
    api
      .getAll()
      .filter((item) => isPost(item.inputPath) && item.data.published !== false)
      .sort((a, b) => a.date.getTime() - b.date.getTime() || a.inputPath.localeCompare(b.inputPath));
  eleventyConfig.addCollection("posts", postsOf);

  eleventyConfig.addCollection("postTags", (api: CollectionApi) => buildPostTags(postsOf(api)));

  eleventyConfig.addPreprocessor("tensorpost-jekyll", "md,markdown", (data: Data, body: string) => {
    const inputPath = data.page?.inputPath ?? "";
    if (data.published === false) return false;
    const raw = readRaw(inputPath);
    const prefix = raw.endsWith(body) ? raw.slice(0, raw.length - body.length) : "";
    const bodyFirstLine = countLines(prefix) + 1;
    const boxes: string[] = [];
    const fm = data[frontMatterProblemKey] as FrontMatterProblem | undefined;
    if (fm) boxes.push(hooks.errorBox(report.error(inputPath, fm.line, "front-matter", fm.message)));
    for (const p of pending.get(inputPath) ?? []) boxes.push(hooks.errorBox(p));
    const { body: rewritten, problems } = preprocessBlocks(body, bodyFirstLine, {
      renderGraph: (source, line) => hooks.renderGraph(source, inputPath, line),
      errorBox: (p, inline) => hooks.errorBox(report.error(inputPath, p.line, p.kind, p.message), inline),
    });
    void problems; // already reported through errorBox
    // Boxes go on lines of their own before the body; the offset accounts for them.
    const head = boxes.map((b) => `${liquidInert(b)}\n\n`).join("");
    offsets.set(inputPath, bodyFirstLine - 1 - countLines(head));
    return head + rewritten;
  });

  return { lineOffset: (inputPath) => offsets.get(inputPath) ?? 0 };
}

interface CollectionItem {
  inputPath: string;
  date: Date;
  data: Record<string, unknown>;
}
interface CollectionApi {
  getAll(): CollectionItem[];
}

function countLines(s: string): number {
  return s.split("\n").length - 1;
}
