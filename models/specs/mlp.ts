// MODEL-ZOO.md mlp (the post's 1.6): mnist, Linear(784,500)-ReLU-Linear(500,10); cross-entropy, Adam
// lr 1e-3, batch 100, 5 epochs reshuffled each epoch (80 batches an epoch, the last one 96: 400 steps);
// test accuracy ≥ PyTorch's mean − 0.5 points.
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "mlp",
  section: "1.6 MLP",
  data: { set: "mnist" },
  architecture: {
    family: "sequential",
    input: [784],
    layers: [{ type: "linear", in: 784, out: 500 }, { type: "relu" }, { type: "linear", in: 500, out: 10 }],
  },
  training: { optimizer: { type: "adam", lr: 1e-3 }, loss: "cross-entropy", batch: 100, epochs: 5, evalEvery: 40 },
  seed: 0,
  quality: { metric: "accuracy", rule: "ge-mean-minus", value: 0.5, seeds: 3 },
};
export default spec;
