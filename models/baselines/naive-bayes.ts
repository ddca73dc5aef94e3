/**
 * Multinomial naive Bayes over token counts (the classify model's baseline; the same model as
 * scikit-learn's MultinomialNB(alpha)):
 *
 *   log P(w | c) = log((count(c, w) + α) / (Σ_w count(c, w) + α·F))    F = number of features
 *   score(c, doc) = log prior(c) + Σ_tokens log P(w | c)
 *
 * The prior is the class frequency of the training documents ("empirical", sklearn's default) or
 * 1/C ("uniform", fit_prior=False). Ties go to the lower class.
 */
import { classificationMetrics, type ClassifyData, type ClassifyMetrics } from "../families/seq-classifier.ts";

export interface NaiveBayesOptions {
  alpha?: number;
  prior?: "empirical" | "uniform";
  /** Number of features F (ids are 0 … F−1); default: 1 + the largest id seen in training. */
  features?: number;
}

export class MultinomialNaiveBayes {
  readonly logPrior: Float64Array;
  /** [classes × features] log-probabilities. */
  readonly logProb: Float64Array;
  readonly classes: number;
  readonly features: number;

  constructor(docs: ArrayLike<number>[], labels: ArrayLike<number>, opts: NaiveBayesOptions = {}) {
    const alpha = opts.alpha ?? 1;
    let C = 0;
    let F = opts.features ?? 0;
    for (let i = 0; i < labels.length; i++) C = Math.max(C, labels[i] + 1);
    if (opts.features === undefined) for (const d of docs) for (let j = 0; j < d.length; j++) F = Math.max(F, d[j] + 1);
    this.classes = C;
    this.features = F;
    const counts = new Float64Array(C * F);
    const docsPerClass = new Float64Array(C);
    docs.forEach((d, i) => {
      const c = labels[i];
      docsPerClass[c]++;
      for (let j = 0; j < d.length; j++) counts[c * F + d[j]]++;
    });
    this.logPrior = new Float64Array(C);
    this.logProb = new Float64Array(C * F);
    for (let c = 0; c < C; c++) {
      this.logPrior[c] = opts.prior === "uniform" ? -Math.log(C) : Math.log(docsPerClass[c] / docs.length);
      let total = 0;
      for (let w = 0; w < F; w++) total += counts[c * F + w];
      const denom = Math.log(total + alpha * F);
      for (let w = 0; w < F; w++) this.logProb[c * F + w] = Math.log(counts[c * F + w] + alpha) - denom;
    }
  }

  /** Joint log-likelihood per class. Ids outside 0 … F−1 are ignored (sklearn drops unknown features). */
  scores(doc: ArrayLike<number>): number[] {
    const F = this.features;
    const s = Array.from(this.logPrior);
    for (let j = 0; j < doc.length; j++) {
      const w = doc[j];
      if (w < 0 || w >= F) continue;
      for (let c = 0; c < this.classes; c++) s[c] += this.logProb[c * F + w];
    }
    return s;
  }

  predict(doc: ArrayLike<number>): number {
    const s = this.scores(doc);
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    return best;
  }
}

/** The classify baseline on the family's data (tang-vocabulary ids as features): metrics as the LSTM's. */
export function naiveBayesBaseline(data: ClassifyData, prior: "empirical" | "uniform"): ClassifyMetrics {
  const docs = data.train.flat();
  const labels = data.train.flatMap((c, ci) => c.map(() => ci));
  const nb = new MultinomialNaiveBayes(docs, labels, { alpha: 1, prior, features: data.vocabSize });
  const val = data.val.flat();
  const valLabels = data.val.flatMap((c, ci) => c.map(() => ci));
  return classificationMetrics(val.map((d) => nb.predict(d)), valLabels, data.val.length);
}
