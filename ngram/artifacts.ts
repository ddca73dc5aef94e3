/**
 * Where the n-gram build outputs that are not models go (today: the post's perplexity table,
 * ngram/table.ts): a plain directory, `.cache/ngram/<id>/` by default (or $NGRAM_OUT/<id>/).
 * Trained models do not come here: the site models go through the content-addressed model cache
 * (models/cache.ts, see site-models.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const DEFAULT_OUT = resolve(new URL("..", import.meta.url).pathname, ".cache", "ngram");

export function saveTrainedModel(id: string, files: Record<string, string | Uint8Array>, dir = process.env.NGRAM_OUT ?? DEFAULT_OUT): string[] {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(id)) throw new Error(`bad model id ${JSON.stringify(id)}`);
  const target = join(dir, id);
  mkdirSync(target, { recursive: true });
  return Object.entries(files).map(([name, data]) => {
    const path = join(target, name);
    writeFileSync(path, data);
    return path;
  });
}
