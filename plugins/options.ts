// The plugin's options: everything has a default, so `addPlugin(tensorpost)` alone builds a Jekyll-style blog.
import { strictFromEnv } from "./errors.ts";

export interface SiteMeta {
  title: string;
  description: string;
  /** Absolute URL of the deployed site, used by the feed (e.g. https://example.github.io/blog). */
  url: string;
  author: string;
  /** Default page language when a post says nothing (BCP 47). */
  lang: string;
}

export interface TensorpostOptions {
  /** Fail the build listing every error, writing nothing. Default: on when `CI` or `TENSORPOST_STRICT=1` is set. */
  strict: boolean;
  /** Folder (relative to the input dir) whose `YYYY-MM-DD-slug.md` files are Jekyll posts; "" = anywhere. */
  postsDir: string;
  /** Folder (relative to the input dir) copied to `/img/`, as Jekyll sites keep images there. */
  imagesDir: string;
  /** Jekyll permalink: `date` (default), `pretty`, `ordinal`, `none`, or a pattern like `/:categories/:title/`. */
  permalink: string;
  /** IANA zone that dates without an offset are read in, like Jekyll's `timezone` (default UTC). */
  timezone: string;
  /** KaTeX macros for every page; a post adds its own with front matter `katex_macros`. */
  katexMacros: Record<string, string>;
  /** Models (ids of MODEL-ZOO.md) to train and publish even when no post places their demo. */
  models: string[];
  /**
   * Training budget of the published models: `parity` (MODEL-ZOO.md's, the default), `quick` (shorter
   * runs of the text models for cold CI builds; models without one train parity) or `full` (longer, for
   * the demos); or per model, `{ default: "quick", lstm: "parity" }`. `TENSORPOST_MODEL_BUDGET` (e.g.
   * `quick` or `quick,lstm=parity`) overrides it.
   */
  modelBudget: ModelBudget | ({ default?: ModelBudget } & Record<string, ModelBudget | undefined>);
  /** Provide the default theme (layouts, home page, tag pages, feed). Off when the site brings its own. */
  theme: boolean;
  site: SiteMeta;
}

export type ModelBudget = "quick" | "parity" | "full";

export const defaultSite: SiteMeta = {
  title: "tensorpost",
  description: "Machine-learning articles whose models run in your browser.",
  url: "https://example.org",
  author: "",
  lang: "en",
};

export function resolveOptions(given: Partial<TensorpostOptions> = {}): TensorpostOptions {
  return {
    strict: given.strict ?? strictFromEnv(),
    postsDir: trimSlashes(given.postsDir ?? ""),
    imagesDir: trimSlashes(given.imagesDir ?? "img"),
    permalink: given.permalink ?? "date",
    timezone: given.timezone ?? "UTC",
    katexMacros: { ...(given.katexMacros ?? {}) },
    theme: given.theme ?? true,
    models: [...(given.models ?? [])],
    modelBudget: given.modelBudget ?? "parity",
    site: { ...defaultSite, ...(given.site ?? {}) },
  };
}

function trimSlashes(s: string): string {
  return s.replace(/^\.?\/+|\/+$/g, "");
}
