// MODEL-ZOO.md cnn (the post's 2): mnist as [1,28,28]; Conv2d(1,6,5,pad 2)-ReLU-MaxPool2 →
// Conv2d(6,16,5)-ReLU-MaxPool2 → flatten 400 → Linear(400,120)-ReLU-Linear(120,84)-ReLU-Linear(84,10);
// cross-entropy, Adam lr 1e-3, batch 64, 5 epochs (125 batches an epoch, the last one 60: 625 steps);
// test accuracy ≥ PyTorch's mean − 0.5 points.
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "cnn",
  section: "2 CNN",
  data: { set: "mnist" },
  architecture: {
    family: "sequential",
    input: [1, 28, 28],
    layers: [
      { type: "conv2d", in: 1, out: 6, kernel: 5, padding: 2 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 2 },
      { type: "conv2d", in: 6, out: 16, kernel: 5 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 2 },
      { type: "flatten" },
      { type: "linear", in: 400, out: 120 },
      { type: "relu" },
      { type: "linear", in: 120, out: 84 },
      { type: "relu" },
      { type: "linear", in: 84, out: 10 },
    ],
  },
  training: { optimizer: { type: "adam", lr: 1e-3 }, loss: "cross-entropy", batch: 64, epochs: 5, evalEvery: 125 },
  seed: 0,
  quality: { metric: "accuracy", rule: "ge-mean-minus", value: 0.5, seeds: 3 },
};
export default spec;
