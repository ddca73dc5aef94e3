// MODEL-ZOO.md linear (the post's 1.2): y = 2x with Linear(1,1), PyTorch's default init; MSE, SGD lr 0.01,
// 100 full-batch steps on X = [1,2,3,4]; test MSE on X = [5,6,7,8]; median over 20 seeds ≤ 2× PyTorch's.
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "linear",
  section: "1.2 linear regression",
  data: { set: "linear-toy" },
  architecture: { family: "sequential", input: [1], layers: [{ type: "linear", in: 1, out: 1 }], init: "torch" },
  training: { optimizer: { type: "sgd", lr: 0.01 }, loss: "mse", steps: 100, evalEvery: 10 },
  seed: 0,
  quality: { metric: "test-mse", rule: "median-le-2x", value: 2, seeds: 20 },
};
export default spec;
