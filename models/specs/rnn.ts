// MODEL-ZOO.md rnn (the post's 3.1 RNN, N vs N): tang, next character; Embedding(V,64) → RNN(tanh, 128) → Linear(128,V).
// 32 windows of 65 characters at uniform offsets per step (64 inputs, 64 targets), Adam lr 2e-3,
// 600 steps, gradient-norm clip 1.0; validation bits per character ≤ PyTorch's mean × 1.02.
// `full`: the site's demo budget (same architecture, 10× the steps). `quick`: 150 steps for cold CI
// builds (bpc 9.02 against 8.14 at parity; samples at temperature 0.8 are real characters, punctuation and line breaks).
import type { ModelSpec } from "../types.ts";

const spec: ModelSpec = {
  id: "rnn",
  section: "3.1 RNN, N vs N",
  data: { set: "tang" },
  architecture: { family: "char-rnn", cell: "rnn", embed: 64, hidden: 128, layers: 1 },
  training: { optimizer: { type: "adam", lr: 2e-3 }, loss: "cross-entropy", batch: 32, steps: 600, clip: 1.0, window: 65, evalEvery: 100 },
  full: { steps: 6000, evalEvery: 500 },
  quick: { steps: 150, evalEvery: 150 },
  seed: 0,
  quality: { metric: "bpc", rule: "le-mean-times", value: 1.02, seeds: 3 },
};
export default spec;
