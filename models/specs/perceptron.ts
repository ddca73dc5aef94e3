// MODEL-ZOO.md perceptron (the post's 1.1): iris setosa vs the rest on petal length and width;
// step(w·x+b) from w = 0, b = 0, perceptron rule with step 1, train rows in split order, one step per
// epoch, until an epoch makes no mistake (≤ 100 epochs); 100 % test accuracy.
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "perceptron",
  section: "1.1 perceptron",
  data: { set: "iris", options: { features: "petal", positive: "setosa" } },
  architecture: { family: "perceptron", features: 2 },
  training: { optimizer: { type: "perceptron", lr: 1 }, loss: "perceptron", epochs: 100, untilConverged: true, evalEvery: 1 },
  seed: 0,
  quality: { metric: "accuracy", rule: "eq-100" },
};
export default spec;
