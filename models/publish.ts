// The trainer's entry point for a site: train (or read from the cache) each model a site uses, export it
// to ONNX and describe it in `models/manifest.json` beside the training logs. This is all the plugin
// knows of models (DESIGN.md: plugins/ reads models only through the manifest and this entry point).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ModelCache } from "./cache.ts";
import { writeOnnx, type ManifestFile } from "./onnx/manifest.ts";
import type { Precision } from "./onnx/export.ts";
import { getSpec, MODEL_IDS } from "./specs/index.ts";
import { trainModel } from "./train/run.ts";
import type { Budget } from "./train/trainer.ts";

export interface PublishedModel {
  id: string;
  budget: Budget;
  /** The model's quality metric on its test/validation split, as MODEL-ZOO.md names it. */
  metric: { name: string; value: number };
  metrics: Record<string, number>;
  steps: number;
  trainSeconds: number;
  /** The training log (loss per step, metrics per evaluation) for the pages' plots. */
  log: string;
  files: ManifestFile[];
}

export interface Manifest {
  format: "tensorpost-models-1";
  models: PublishedModel[];
}

export interface PublishOptions {
  /** Folder the ONNX files, logs and manifest.json go to (e.g. `_site/models`). */
  outDir: string;
  budget?: Budget;
  precisions?: Precision[];
  cache?: ModelCache;
  force?: boolean;
  say?: (msg: string) => void;
  /** A model that cannot be trained or exported: reported, the others go on. */
  onError?: (id: string, error: Error) => void;
}

export function knownModel(id: string): boolean {
  return MODEL_IDS.includes(id);
}

function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export async function publishModels(ids: string[], opts: PublishOptions): Promise<Manifest> {
  mkdirSync(opts.outDir, { recursive: true });
  const budget = opts.budget ?? "parity";
  const models: PublishedModel[] = [];
  for (const id of [...new Set(ids)].sort()) {
    try {
      const spec = getSpec(id);
      const z = await trainModel(spec, { budget, cache: opts.cache, force: opts.force, say: opts.say });
      const files = writeOnnx(opts.outDir, id, spec.architecture, z.stateDict, opts.precisions ?? ["fp32"]);
      const log = `${id}.log.json`;
      writeAtomic(join(opts.outDir, log), `${JSON.stringify(z.log)}\n`);
      const name = spec.quality.metric;
      models.push({
        id,
        budget,
        metric: { name, value: z.log.metrics[name] },
        metrics: z.log.metrics,
        steps: z.log.steps,
        trainSeconds: z.log.seconds,
        log,
        files,
      });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (!opts.onError) throw error;
      opts.onError(id, error);
    }
  }
  const manifest: Manifest = { format: "tensorpost-models-1", models };
  writeAtomic(join(opts.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}
