// MODEL-ZOO.md softmax (the post's 1.3–1.5): iris, 3 classes, raw features; Linear(4,3) + softmax
// (inside the cross-entropy); Adam lr 0.05, 500 full-batch steps; test accuracy ≥ scikit-learn's
// LogisticRegression() on the same split.
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "softmax",
  section: "1.3–1.5 logistic / sigmoid / softmax regression",
  data: { set: "iris" },
  architecture: { family: "sequential", input: [4], layers: [{ type: "linear", in: 4, out: 3 }] },
  training: { optimizer: { type: "adam", lr: 0.05 }, loss: "cross-entropy", steps: 500, evalEvery: 25 },
  seed: 0,
  quality: { metric: "accuracy", rule: "ge-sklearn", seeds: 3 },
};
export default spec;
