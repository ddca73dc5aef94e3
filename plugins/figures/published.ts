// What the build published into <output>/models/ (plugins/models.ts, eleventy.before), read once per build
// for the figure shortcodes: the manifest, the committed PyTorch reference figures and the logs as asked.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Manifest, ReferenceFigures } from "../../models/publish.ts";
import type { LogEntry } from "../../models/types.ts";
import type { Confusion } from "../../models/publish.ts";
import type { NgramTable } from "../../models/ngram-table.ts";
import type { EleventyConfig } from "../types.ts";

/** What the figures read of a published `<id>.log.json` (the n-gram's log has its table instead). */
export interface FigureLog {
  log?: LogEntry[];
  confusion?: Confusion;
  table?: NgramTable;
}

export interface Published {
  manifest: Manifest;
  reference: ReferenceFigures;
  /** The model's published log, parsed (read once); throws naming the file when it cannot be read. */
  log(id: string, file: string): FigureLog;
}

/** A reader of this build's published models, reset at each build's start (serve mode rebuilds). */
export function publishedModels(eleventyConfig: EleventyConfig): () => Promise<Published> {
  const outDir = (): string => join(String((eleventyConfig.directories as { output?: string } | undefined)?.output ?? "_site"), "models");
  let memo: Promise<Published> | undefined;
  eleventyConfig.on("eleventy.before", () => {
    memo = undefined;
  });
  return () =>
    (memo ??= (async () => {
      const { readReferenceFigures } = await import("../../models/publish.ts");
      const dir = outDir();
      const path = join(dir, "manifest.json");
      const manifest: Manifest = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : { format: "tensorpost-models-1", models: [] };
      const logs = new Map<string, FigureLog>();
      return {
        manifest,
        reference: readReferenceFigures(),
        log(id: string, file: string): FigureLog {
          let log = logs.get(id);
          if (!log) {
            try {
              log = JSON.parse(readFileSync(join(dir, file), "utf8")) as FigureLog;
            } catch (e) {
              throw new Error(`${file}: ${(e as Error).message}`);
            }
            logs.set(id, log);
          }
          return log;
        },
      };
    })());
}
