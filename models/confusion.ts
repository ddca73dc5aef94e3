/**
 * The confusion matrix of a published classifier on its test split (the pages' figure, issue 6). It is
 * computed at publish time from the trained weights, not inside the trainer, so the cache key (a digest
 * of models/train and models/families) is unchanged and no cached model is retrained; the published
 * `<id>.log.json` gains an optional `confusion` field (readers of the old log shape ignore it).
 *
 * Which models: the sequential classifiers (mlp, cnn, softmax), the perceptron (its two classes) and the
 * poem classifier (tang/song). Others (regression, language models, the tagger, seq2seq) have none.
 */
import { Generator, argmax, noGrad, tensor, tidy, type Module, type Sequential, type StateDict } from "../core/src/index.ts";
import { familyOf } from "./train/families.ts";
import type { TrainingLog } from "./train/trainer.ts";
import type { ModelSpec } from "./types.ts";
import type { SequentialData } from "./families/sequential.ts";
import type { Perceptron, PerceptronData } from "./families/perceptron.ts";

export interface Confusion {
  split: "test" | "validation";
  /** Class names, in class-id order. */
  labels: string[];
  /** matrix[true][predicted] = number of examples. Rows sum to each class's count; all to the split's size. */
  matrix: number[][];
}

/** The published training log: the trainer's, plus the confusion matrix of classifiers. */
export interface PublishedLog extends TrainingLog {
  confusion?: Confusion;
}

/** Counts (true, predicted) pairs into a classes × classes matrix. */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  if (truth.length !== predicted.length) throw new Error(`confusionMatrix: ${truth.length} labels, ${predicted.length} predictions`);
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]][predicted[i]]++;
  return m;
}

export function hasConfusion(spec: ModelSpec): boolean {
  const a = spec.architecture;
  return (a.family === "sequential" && spec.training.loss === "cross-entropy") || a.family === "perceptron" || a.family === "seq-classifier";
}

function restore(family: Awaited<ReturnType<typeof familyOf>>, spec: ModelSpec, data: unknown, sd: StateDict): Module {
  const model = family.build(spec, data, new Generator(spec.seed));
  model.loadStateDict(sd);
  model.eval();
  return model;
}

/** The test-split confusion matrix of a trained classifier, or undefined for models that have none. */
export async function testConfusion(spec: ModelSpec, stateDict: StateDict): Promise<Confusion | undefined> {
  if (!hasConfusion(spec)) return undefined;
  const family = await familyOf(spec);
  const data = await family.data(spec);
  const model = restore(family, spec, data, stateDict);
  try {
    const a = spec.architecture;
    if (a.family === "sequential") {
      const d = data as SequentialData;
      const classes = (a.layers.filter((l) => l.type === "linear").at(-1) as { out: number }).out;
      const pred = new Int32Array(d.test.n);
      const chunk = 500;
      noGrad(() => {
        for (let s = 0; s < d.test.n; s += chunk) {
          const n = Math.min(chunk, d.test.n - s);
          const x = d.test.x.subarray(s * d.width, (s + n) * d.width);
          tidy(() => pred.set(argmax((model as Sequential).forward(tensor(x, [n, ...a.input])), 1).toInt32Array(), s));
        }
      });
      const labels = spec.data.set === "iris" ? (await import("./data/iris.ts")).loadIris().classes : Array.from({ length: classes }, (_, i) => String(i));
      return { split: "test", labels, matrix: confusionMatrix(d.test.y as Int32Array, pred, classes) };
    }
    if (a.family === "perceptron") {
      const d = data as PerceptronData;
      const p = model as Perceptron;
      const pred = Array.from({ length: d.test.n }, (_, i) => p.predict(d.test.x, i));
      const positive = String(spec.data.options?.positive ?? "setosa");
      return { split: "test", labels: [`not ${positive}`, positive], matrix: confusionMatrix(d.test.y, pred, 2) };
    }
    const { predict } = await import("./families/seq-classifier.ts");
    const d = data as { val: Uint16Array[][] };
    const seqs = d.val.flat();
    const truth = d.val.flatMap((c, ci) => c.map(() => ci));
    const pred = predict(model as Parameters<typeof predict>[0], seqs);
    return { split: "validation", labels: d.val.length === 2 ? ["tang", "song"] : d.val.map((_, i) => String(i)), matrix: confusionMatrix(truth, pred, d.val.length) };
  } finally {
    model.free();
  }
}
