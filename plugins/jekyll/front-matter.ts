// Front matter read the way Jekyll (Ruby's Psych, YAML 1.1) reads it, with errors kept instead of thrown
// so that a normal build can still render the page with an error box.
import yaml from "js-yaml";

/** Data key under which a front-matter problem travels to the preprocessor, which reports it with the file. */
export const frontMatterProblemKey = "tensorpostFrontMatterProblem";

export interface FrontMatterProblem {
  message: string;
  /** 1-based line in the file (the opening `---` is line 1). */
  line?: number;
}

// Dates stay strings (the Jekyll date parser reads them with their zone); merge keys still work.
// (js-yaml exports its built-in types at run time; its type declarations omit them.)
const mergeType = (yaml as unknown as { types: { merge: yaml.Type } }).types.merge;
const schema = yaml.CORE_SCHEMA.extend({ implicit: [mergeType] });

// Fields whose text must stay text even when it reads `yes`/`no`/`on`/`off`.
const textFields = new Set(["title", "description", "excerpt", "author", "location", "lang", "layout", "permalink", "slug", "date"]);
const yaml11True = /^(y|yes|on|true)$/i;
const yaml11False = /^(n|no|off|false)$/i;

/** YAML 1.1 booleans (`yes`, `On`, `TRUE`) that YAML 1.2 leaves as strings become booleans, as in Jekyll. */
function normaliseFlags(data: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== "string" || textFields.has(key)) continue;
    if (yaml11True.test(value)) data[key] = true;
    else if (yaml11False.test(value)) data[key] = false;
  }
  return data;
}

/** A gray-matter engine: Eleventy calls it with the front-matter text (and, since 3.0, the file path). */
export function parseFrontMatter(text: string): Record<string, unknown> {
  try {
    const data = yaml.load(text, { schema }) ?? {};
    if (typeof data !== "object" || Array.isArray(data)) {
      return { [frontMatterProblemKey]: { message: "front matter must be a mapping of keys to values", line: 2 } };
    }
    return normaliseFlags(data as Record<string, unknown>);
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const line = e.mark ? e.mark.line + 2 : undefined;
      return { [frontMatterProblemKey]: { message: `unreadable front matter: ${e.reason}`, line } };
    }
    throw e;
  }
}

/**
 * The engine for a site: posts without a `layout` get `defaultPostLayout`, as Jekyll themes set it in
 * their front-matter defaults. (Eleventy resolves layouts before computed data, so it is set here.)
 */
export function frontMatterEngine(isPost: (path: string) => boolean, defaultPostLayout: string) {
  return (text: string, options?: { filePath?: string }): Record<string, unknown> => {
    const data = parseFrontMatter(text);
    if (options?.filePath && isPost(options.filePath) && data.layout === undefined) data.layout = defaultPostLayout;
    return data;
  };
}
