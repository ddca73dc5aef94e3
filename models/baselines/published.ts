/**
 * The simple baselines a page quotes beside a model (MODEL-ZOO.md: classify "beside a character naive
 * Bayes baseline", bilstm "beside a most-frequent-tag baseline"), measured at publish time on the split
 * the model is evaluated on and written into the manifest entry. Like the confusion matrix they are not
 * part of the trainer, so no cache key changes and no cached model is retrained.
 */
import type { ModelSpec } from "../types.ts";

export interface Baseline {
  /** Short stable id: what `{% modelmetric "classify", "baseline:naive-bayes" %}` names. */
  id: string;
  /** What it is, in English (the page's sentence says it in its own words). */
  name: string;
  /** The model's quality metric (same name as the model's `metric.name`), and the others it has. */
  metric: { name: string; value: number };
  metrics: Record<string, number>;
}

/** The baselines of a model, or an empty list for models that have none. */
export async function measureBaselines(spec: ModelSpec): Promise<Baseline[]> {
  const a = spec.architecture;
  const name = spec.quality.metric;
  if (a.family === "seq-classifier") {
    const [{ tangSongData }, { naiveBayesBaseline }] = await Promise.all([import("../families/seq-classifier.ts"), import("./naive-bayes.ts")]);
    // The LSTM is trained on class-balanced batches: the prior that matches it is the uniform one.
    const metrics = naiveBayesBaseline(tangSongData(a.maxLength), "uniform");
    return [{ id: "naive-bayes", name: "multinomial naive Bayes over characters (α = 1, uniform prior)", metric: { name, value: metrics[name] }, metrics: { ...metrics } }];
  }
  if (a.family === "tagger") {
    const [{ brownTagged }, { MostFrequentTagger }] = await Promise.all([import("../families/tagger.ts"), import("./most-frequent-tag.ts")]);
    const raw = brownTagged();
    // The same sentences as the tagger family reads (models/families/tagger.ts).
    const o = spec.data.options ?? {};
    const train = typeof o.trainSentences === "number" ? raw.train.slice(0, o.trainSentences) : raw.train;
    const test = typeof o.testSentences === "number" ? raw.test.slice(0, o.testSentences) : raw.test;
    const value = new MostFrequentTagger(train).accuracy(test);
    return [{ id: "most-frequent-tag", name: "each word's most frequent train tag (unseen words: the most frequent tag)", metric: { name, value }, metrics: { [name]: value } }];
  }
  return [];
}
